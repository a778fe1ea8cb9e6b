import HW1LinearAlgebra

/// Small inputs built in the tests.
enum HW1LinearAlgebraFixture {
    /// A `Double` matrix from its rows.
    static func matrix(_ rows: [[Double]]) -> Matrix<Double> { Matrix(rows) }
}
