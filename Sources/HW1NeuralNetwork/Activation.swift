import BLASKit
import RealModule

/// The elementwise nonlinearity of a hidden ``Dense`` layer.
///
/// Derivatives are expressed through the layer's *output* `y = f(z)` (σ′ = y(1 − y),
/// ReLU′ = [y > 0]), so the backward pass needs no stored pre-activations.
public enum Activation: String, Sendable, Codable, CaseIterable {
    /// σ(z) = 1 / (1 + e^(−z)), evaluated without overflow for any z.
    case sigmoid
    /// max(z, 0); NaN stays NaN so divergence is never hidden.
    case relu
    /// z unchanged (the output layer's logits).
    case identity

    /// f(z) for one value.
    @inlinable
    public func value<Scalar: BLASScalar>(_ z: Scalar) -> Scalar {
        switch self {
        case .sigmoid: return Activation.sigmoid(z)
        case .relu: return z < 0 ? 0 : z
        case .identity: return z
        }
    }

    /// f′(z) written through the output y = f(z).
    @inlinable
    public func derivative<Scalar: BLASScalar>(output y: Scalar) -> Scalar {
        switch self {
        case .sigmoid: return y * (1 - y)
        case .relu: return y > 0 ? 1 : 0
        case .identity: return 1
        }
    }

    /// The logistic function, branching on the sign so that `exp` only ever sees a
    /// non-positive argument: finite and correct for every input, ±1e4 included.
    @inlinable
    public static func sigmoid<Scalar: BLASScalar>(_ z: Scalar) -> Scalar {
        if z >= 0 { return 1 / (1 + Scalar.exp(-z)) }
        let e = Scalar.exp(z)
        return e / (1 + e)
    }
}
