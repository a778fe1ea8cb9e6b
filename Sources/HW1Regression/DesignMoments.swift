import BLASKit

/// Column means of a design and the mean of its target: the centring that fits the bias
/// exactly (`b = ȳ − x̄ᵀw` for any `w`).
public struct DesignMoments<Scalar: BLASScalar>: Sendable {
    /// `x̄`, one mean per column.
    public let featureMeans: [Scalar]
    /// `ȳ`.
    public let targetMean: Scalar

    /// Computes the means in one pass over `x` (split over `threads` workers, summed in a
    /// fixed order).
    public init(_ x: Matrix<Scalar>, _ y: [Scalar], threads: Int? = nil) {
        let n = x.rows, d = x.columns
        let partition = RowPartition(rows: n, threads: threads ?? RowPartition.defaultThreads(elements: n * d))
        var partial = [Scalar](repeating: 0, count: partition.count * d)
        x.withUnsafeBufferPointer { px in
            partial.withUnsafeMutableBufferPointer { pp in
                guard let base = px.baseAddress, let sums = pp.baseAddress, d > 0 else { return }
                let shared = UncheckedSendable((base, sums))
                partition.forEach { t, rows in
                    ScalarKernels.columnSums(x: shared.value.0, columns: d, rows: rows, into: shared.value.1 + t * d)
                }
            }
        }
        var means = [Scalar](repeating: 0, count: d)
        for t in 0..<partition.count {
            for j in 0..<d { means[j] += partial[t * d + j] }
        }
        let scale = n > 0 ? 1 / Scalar(n) : 0
        for j in 0..<d { means[j] *= scale }
        featureMeans = means
        var ySum: Scalar = 0
        for v in y { ySum += v }
        targetMean = ySum * scale
    }

    /// The bias that goes with `weights`: `ȳ − x̄ᵀw`.
    public func bias(for weights: [Scalar]) -> Scalar {
        var b = targetMean
        for j in 0..<weights.count { b -= featureMeans[j] * weights[j] }
        return b
    }
}
