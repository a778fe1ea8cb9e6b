import BLASKit

/// A fitted linear model `ŷ = X·w + b`.
public struct LinearModel<Scalar: BLASScalar>: Equatable, Sendable {
    /// The weights `w`, one per feature column.
    public var weights: [Scalar]
    /// The bias (intercept) `b`.
    public var bias: Scalar

    /// A model from its weights and bias.
    public init(weights: [Scalar], bias: Scalar) {
        self.weights = weights
        self.bias = bias
    }

    /// The predictions `X·w + b` for an `n × d` design: `n` values.
    public func predict(_ x: Matrix<Scalar>) -> [Scalar] {
        precondition(x.columns == weights.count, "predict: X has \(x.columns) columns, the model has \(weights.count) weights")
        var y = [Scalar](repeating: bias, count: x.rows)
        if x.rows > 0 && x.columns > 0 { BLAS.gemv(x, .noTranspose, weights, beta: 1, into: &y) }
        return y
    }

    /// The homework's loss `J(w, b) = 1/(2n) · Σ (yᵢ − ŷᵢ)²` on `(x, y)`.
    public func loss(_ x: Matrix<Scalar>, _ y: [Scalar]) -> Scalar {
        precondition(y.count == x.rows, "loss: X has \(x.rows) rows, y has \(y.count) values")
        if y.isEmpty { return 0 }
        let predictions = predict(x)
        var sum: Scalar = 0
        for i in 0..<y.count {
            let r = predictions[i] - y[i]
            sum += r * r
        }
        return sum / Scalar(2 * y.count)
    }
}
