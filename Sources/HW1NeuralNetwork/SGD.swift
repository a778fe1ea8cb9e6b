import BLASKit

/// Stochastic gradient descent, optionally with momentum (PyTorch's form) and Nesterov.
///
/// With `g ← ∇ + λw` (λ for weights only):
/// - plain: `p ← p − η·g`;
/// - momentum μ: `v ← μ·v + g`, `p ← p − η·v` (v starts at 0, so the first step is `v = g`);
/// - Nesterov: `v ← μ·v + g`, `p ← p − η·(g + μ·v)`.
public struct SGD<Scalar: BLASScalar>: Optimizer, Sendable {
    public var learningRate: Scalar
    /// Momentum μ; 0 gives plain SGD.
    public var momentum: Scalar
    /// Nesterov's look-ahead form (needs `momentum > 0`).
    public var nesterov: Bool
    public var weightDecay: Scalar
    /// The velocity v, one entry per parameter (empty until the first momentum step).
    public private(set) var velocity: [Scalar] = []

    /// - Parameters: `learningRate` η > 0, `momentum` μ in [0, 1), `weightDecay` λ ≥ 0.
    public init(learningRate: Scalar, momentum: Scalar = 0, nesterov: Bool = false, weightDecay: Scalar = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.nesterov = nesterov
        self.weightDecay = weightDecay
    }

    public mutating func beginStep(parameterCount: Int) {
        if momentum != 0 && velocity.count != parameterCount {
            velocity = [Scalar](repeating: 0, count: parameterCount)
        }
    }

    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    public mutating func update(
        parameters p: UnsafeMutablePointer<Scalar>, gradients g: UnsafePointer<Scalar>, range: Range<Int>, decay: Scalar
    ) {
        // The same update the threads apply by range, so both paths do the same arithmetic.
        _ = withRangeUpdate { $0.apply(parameters: p, gradients: g, range: range, decay: decay) }
    }

    /// SGD updates every parameter from its own gradient and velocity only, so disjoint ranges
    /// may be updated from several threads at once.
    public mutating func withRangeUpdate<Result>(_ body: (SGDRangeUpdate<Scalar>) -> Result) -> Result? {
        if momentum == 0 {
            return body(SGDRangeUpdate(learningRate: learningRate, momentum: 0, nesterov: nesterov, velocity: nil))
        }
        let (eta, mu, nesterov) = (learningRate, momentum, nesterov)
        return velocity.withUnsafeMutableBufferPointer { v in
            body(SGDRangeUpdate(learningRate: eta, momentum: mu, nesterov: nesterov, velocity: v.baseAddress))
        }
    }
}

/// One step of ``SGD`` with its velocity buffer borrowed: applies the update to a range of
/// parameters without touching any other index, so threads may apply it to disjoint ranges at
/// once. Valid only inside ``SGD/withRangeUpdate(_:)``; ``SGD`` itself updates through it, so
/// both paths do the same arithmetic.
public struct SGDRangeUpdate<Scalar: BLASScalar> {
    let learningRate: Scalar
    let momentum: Scalar
    let nesterov: Bool
    /// `[parameterCount]` velocity; nil when `momentum` is 0.
    let velocity: UnsafeMutablePointer<Scalar>?

    // notebook-excerpt: begin sgd-momentum-update
    /// Updates `parameters[range]` from `gradients[range]` (and the velocity at the same
    /// indices); `decay` is λ for a weight range, 0 for a bias range.
    @inline(__always)
    public func apply(
        parameters p: UnsafeMutablePointer<Scalar>, gradients g: UnsafePointer<Scalar>, range: Range<Int>, decay: Scalar
    ) {
        let eta = learningRate
        guard let v = velocity, momentum != 0 else {
            if decay == 0 {
                for i in range { p[i] -= eta * g[i] }
            } else {
                for i in range { p[i] -= eta * (g[i] + decay * p[i]) }
            }
            return
        }
        let mu = momentum
        for i in range {
            let gi = decay == 0 ? g[i] : g[i] + decay * p[i]
            let vi = mu * v[i] + gi
            v[i] = vi
            p[i] -= eta * (nesterov ? gi + mu * vi : vi)
        }
    }
    // notebook-excerpt: end sgd-momentum-update
}
