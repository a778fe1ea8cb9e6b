import BLASKit

/// A synthetic regression problem with known weights and a chosen conditioning.
public struct SyntheticRegression<Scalar: BLASScalar>: Sendable {
    /// The `n × d` design.
    public var features: Matrix<Scalar>
    /// The `n` targets `X·w + b + noise`.
    public var targets: [Scalar]
    /// The weights the targets were generated with.
    public var trueWeights: [Scalar]
    /// The bias the targets were generated with.
    public var trueBias: Scalar

    /// Draws a problem. Column `j` of X is `μⱼ + sⱼ·zᵢⱼ` with `zᵢⱼ` uniform of unit variance,
    /// offsets `μⱼ` uniform in [−1, 1] and scales `sⱼ` log-spaced from 1 down to `1/condition`,
    /// so the centred design has a condition number close to `condition` (times the mild
    /// `(1+√(d/n))/(1−√(d/n))` of the random part). Weights are standard normal, the bias is
    /// 0.5 and the noise is N(0, noise²).
    public init(rows n: Int, columns d: Int, condition: Scalar = 1, noise: Scalar = 0.1, seed: UInt64 = 1) {
        precondition(n >= 0 && d >= 1 && condition >= 1, "SyntheticRegression: need n ≥ 0, d ≥ 1, condition ≥ 1")
        var generator = SeededGenerator(seed: seed)
        let offsets = (0..<d).map { _ in Scalar.random(in: -1...1, using: &generator) }
        let scales = (0..<d).map { j in
            d == 1 ? 1 : Scalar.exp(-Scalar.log(condition) * Scalar(j) / Scalar(d - 1))
        }
        let half = Scalar(3).squareRoot()
        var elements = [Scalar](repeating: 0, count: n * d)
        elements.withUnsafeMutableBufferPointer { p in
            for i in 0..<n {
                for j in 0..<d {
                    p[i * d + j] = offsets[j] + scales[j] * Scalar.random(in: -half...half, using: &generator)
                }
            }
        }
        features = Matrix(rows: n, columns: d, elements: elements)
        trueWeights = (0..<d).map { _ in Scalar(generator.nextStandardNormal()) }
        trueBias = 0.5
        var y = [Scalar](repeating: trueBias, count: n)
        if n > 0 { BLAS.gemv(features, .noTranspose, trueWeights, beta: 1, into: &y) }
        for i in 0..<n { y[i] += noise * Scalar(generator.nextStandardNormal()) }
        targets = y
    }
}
