import BLASKit
import RealModule

/// Adam (Kingma & Ba), in PyTorch's arithmetic, with bias correction that can be switched off
/// for the Problem 3(d) demonstration.
///
/// With `g ← ∇ + λw` (λ for weights only) at step t = 1, 2, …:
/// `m ← β₁m + (1−β₁)g`, `v ← β₂v + (1−β₂)g²`, then with correction
/// `p ← p − (η / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε)`, without it `p ← p − η · m / (√v + ε)`.
public struct Adam<Scalar: BLASScalar>: Optimizer, Sendable {
    public var learningRate: Scalar
    /// Decay of the first moment, β₁.
    public var beta1: Scalar
    /// Decay of the second moment, β₂.
    public var beta2: Scalar
    /// ε added to the denominator.
    public var epsilon: Scalar
    /// Whether m and v are divided by (1 − βᵗ).
    public var biasCorrection: Bool
    public var weightDecay: Scalar
    /// Updates done so far (t).
    public private(set) var stepCount = 0
    /// First moment m, one entry per parameter.
    public private(set) var firstMoment: [Scalar] = []
    /// Second moment v, one entry per parameter.
    public private(set) var secondMoment: [Scalar] = []
    private var correction1: Scalar = 1
    private var correction2Root: Scalar = 1

    /// Defaults are PyTorch's: η = 1e-3, β = (0.9, 0.999), ε = 1e-8.
    public init(
        learningRate: Scalar = 1e-3, beta1: Scalar = 0.9, beta2: Scalar = 0.999, epsilon: Scalar = 1e-8,
        biasCorrection: Bool = true, weightDecay: Scalar = 0
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.biasCorrection = biasCorrection
        self.weightDecay = weightDecay
    }

    public mutating func beginStep(parameterCount: Int) {
        if firstMoment.count != parameterCount {
            firstMoment = [Scalar](repeating: 0, count: parameterCount)
            secondMoment = [Scalar](repeating: 0, count: parameterCount)
        }
        stepCount += 1
        // Powers in Double, as PyTorch computes them in Python floats.
        let t = Double(stepCount)
        correction1 = Scalar(1 - Double.pow(Double(beta1), t))
        correction2Root = Scalar((1 - Double.pow(Double(beta2), t)).squareRoot())
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func update(
        parameters p: UnsafeMutablePointer<Scalar>, gradients g: UnsafePointer<Scalar>, range: Range<Int>, decay: Scalar
    ) {
        let b1 = beta1, b2 = beta2, eps = epsilon
        let stepSize = biasCorrection ? learningRate / correction1 : learningRate
        let rootScale = biasCorrection ? correction2Root : 1
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                for i in range {
                    let gi = decay == 0 ? g[i] : g[i] + decay * p[i]
                    let mi = b1 * m[i] + (1 - b1) * gi
                    let vi = b2 * v[i] + (1 - b2) * gi * gi
                    m[i] = mi
                    v[i] = vi
                    p[i] -= stepSize * mi / (vi.squareRoot() / rootScale + eps)
                }
            }
        }
    }
}
