import Foundation

/// σ(z) = 1 / (1 + e^(−z)) for the hand-written networks of the demonstrations; `exp` only
/// sees a non-positive argument, so the result is finite for every z.
@inlinable
func logistic(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
}
