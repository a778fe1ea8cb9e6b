import BLASKit

/// A batch-normalisation layer in training mode, forward and backward written by hand:
/// y = γ ⊙ x̂ + β with x̂ = (x − μ_B) / √(σ²_B + ε), μ_B and σ²_B the mean and (biased)
/// variance of each feature over the batch's rows.
public struct BatchNormLayer: Sendable, Equatable {
    /// Scale γ, one per feature.
    public var gamma: [Double]
    /// Shift β, one per feature.
    public var beta: [Double]
    /// ε added to the variance.
    public var epsilon: Double

    /// What ``forward(_:)`` keeps for ``backward(_:outputGradient:)``.
    public struct Cache: Sendable {
        /// x̂, `[batch, features]`.
        public var normalized: Matrix<Double>
        /// 1 / √(σ²_B + ε), one per feature.
        public var inverseStandardDeviation: [Double]
        /// μ_B, one per feature.
        public var mean: [Double]
        /// σ²_B, one per feature.
        public var variance: [Double]
    }

    /// The gradients of the backward pass.
    public struct Gradients: Sendable {
        /// ∂L/∂x, `[batch, features]`.
        public var input: Matrix<Double>
        /// ∂L/∂γ, one per feature.
        public var gamma: [Double]
        /// ∂L/∂β, one per feature.
        public var beta: [Double]
    }

    /// The identity-initialised layer (γ = 1, β = 0) for `features` features.
    public init(features: Int, epsilon: Double = 1e-5) {
        self.init(gamma: Array(repeating: 1, count: features), beta: Array(repeating: 0, count: features), epsilon: epsilon)
    }

    /// A layer with explicit parameters. - Precondition: `gamma.count == beta.count`.
    public init(gamma: [Double], beta: [Double], epsilon: Double = 1e-5) {
        precondition(gamma.count == beta.count, "BatchNormLayer: \(gamma.count) scales but \(beta.count) shifts")
        self.gamma = gamma
        self.beta = beta
        self.epsilon = epsilon
    }

    /// Forward over a batch `x [batch, features]` with the batch's own statistics.
    public func forward(_ x: Matrix<Double>) -> (output: Matrix<Double>, cache: Cache) {
        precondition(x.columns == gamma.count, "BatchNormLayer.forward: \(x.columns) features, the layer has \(gamma.count)")
        let n = Double(x.rows)
        let mean = x.columnSums().map { $0 / n }
        var variance = [Double](repeating: 0, count: x.columns)
        for r in 0..<x.rows {
            for c in 0..<x.columns { let d = x[unchecked: r, c] - mean[c]; variance[c] += d * d / n }
        }
        let inverse = variance.map { 1 / ($0 + epsilon).squareRoot() }
        let normalized = Matrix(rows: x.rows, columns: x.columns) { r, c in (x[unchecked: r, c] - mean[c]) * inverse[c] }
        let output = Matrix(rows: x.rows, columns: x.columns) { r, c in gamma[c] * normalized[unchecked: r, c] + beta[c] }
        return (output, Cache(normalized: normalized, inverseStandardDeviation: inverse, mean: mean, variance: variance))
    }

    /// Backward: with g = ∂L/∂y, ∂L/∂β = Σ_rows g, ∂L/∂γ = Σ_rows g ⊙ x̂ and
    /// ∂L/∂x = (γ/σ) ⊙ (g − mean_rows(g) − x̂ ⊙ mean_rows(g ⊙ x̂)), the last because μ_B and σ²_B
    /// depend on every row of the batch.
    public func backward(_ cache: Cache, outputGradient g: Matrix<Double>) -> Gradients {
        let xHat = cache.normalized
        precondition(g.rows == xHat.rows && g.columns == xHat.columns,
            "BatchNormLayer.backward: gradient \(g.shape) against a \(xHat.shape) batch")
        let n = Double(g.rows)
        let dBeta = g.columnSums()
        let dGamma = (g * xHat).columnSums()
        let input = Matrix(rows: g.rows, columns: g.columns) { r, c in
            gamma[c] * cache.inverseStandardDeviation[c]
                * (g[unchecked: r, c] - dBeta[c] / n - xHat[unchecked: r, c] * dGamma[c] / n)
        }
        return Gradients(input: input, gamma: dGamma, beta: dBeta)
    }
}
