import BLASKit

/// Small inputs built in the tests.
enum BLASKitFixture {
    /// A `Double` matrix from its rows.
    static func matrix(_ rows: [[Double]]) -> Matrix<Double> { Matrix(rows) }
}
