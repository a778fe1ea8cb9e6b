import BLASKit

/// Small synthetic classification sets for the training demonstrations (no files needed).
public enum SyntheticClassification {
    /// A labelled set: `inputs [n, d]` and one class index per row.
    public struct Set: Sendable {
        /// `[n, d]`.
        public var inputs: Matrix<Double>
        /// `n` labels.
        public var labels: [Int]
    }

    /// A sparse linear rule: x ~ N(0, I_d), label 1 when Σ_{j < informative} x_j > 0. Only the
    /// first `informative` features matter, so a sparse model is the right answer.
    public static func sparseLinear<Generator: RandomNumberGenerator>(
        count: Int, dimension: Int, informative: Int, using generator: inout Generator
    ) -> Set {
        precondition(informative >= 1 && informative <= dimension, "sparseLinear: \(informative) informative features of \(dimension)")
        let inputs = Matrix<Double>.randomNormal(rows: count, columns: dimension, using: &generator)
        let labels = (0..<count).map { r in (0..<informative).reduce(0.0) { $0 + inputs[r, $1] } > 0 ? 1 : 0 }
        return Set(inputs: inputs, labels: labels)
    }

    /// Rows `start ..< start + count` of `set` (wrapping around), as a batch.
    public static func batch(_ set: Set, start: Int, count: Int) -> Set {
        let n = set.labels.count, d = set.inputs.columns
        let rows = (0..<count).map { (start + $0) % n }
        return Set(
            inputs: Matrix(rows: count, columns: d) { r, c in set.inputs[unchecked: rows[r], c] },
            labels: rows.map { set.labels[$0] })
    }
}
