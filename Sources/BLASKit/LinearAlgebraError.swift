/// Errors from the LAPACK layer: each names the routine and the LAPACK `info` it came from.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Argument number `index` (1-based, LAPACK's numbering) had an illegal value.
    case illegalArgument(routine: String, index: Int)
    /// The matrix is exactly singular: the pivot `U(index, index)` is zero (1-based).
    case singular(routine: String, index: Int)
    /// The leading minor of order `order` is not positive definite.
    case notPositiveDefinite(routine: String, order: Int)
    /// The design does not have full rank: diagonal element `index` of R is zero (gels).
    case rankDeficient(routine: String, index: Int)
    /// The iterative algorithm failed to converge; `count` is LAPACK's count of failures.
    case noConvergence(routine: String, count: Int)
    /// A dimension does not fit LAPACK's 32-bit integers.
    case dimensionTooLarge(routine: String, value: Int)
    /// Operand shapes do not agree.
    case shapeMismatch(operation: String, left: Shape, right: Shape)
    /// The operation requires a square matrix.
    case notSquare(operation: String, shape: Shape)

    public var description: String {
        switch self {
        case .illegalArgument(let routine, let index):
            return "\(routine): argument \(index) had an illegal value (LAPACK info = -\(index)); this is a bug in the caller, please report it"
        case .singular(let routine, let index):
            return "\(routine): the matrix is singular (pivot U(\(index),\(index)) is exactly zero); no unique solution exists, use a least-squares solver (gelsd) instead"
        case .notPositiveDefinite(let routine, let order):
            return "\(routine): the matrix is not positive definite (leading minor of order \(order) failed); for a rank-deficient or ill-conditioned design use QR (gels) or SVD (gelsd)"
        case .rankDeficient(let routine, let index):
            return "\(routine): the matrix does not have full rank (R(\(index),\(index)) is exactly zero); use the SVD solver (gelsd), which returns the minimum-norm solution"
        case .noConvergence(let routine, let count):
            return "\(routine): the algorithm failed to converge (\(count) off-diagonal elements or singular values did not converge)"
        case .dimensionTooLarge(let routine, let value):
            return "\(routine): dimension \(value) does not fit LAPACK's 32-bit integers (max \(Int32.max)); use smaller blocks"
        case .shapeMismatch(let operation, let left, let right):
            return "\(operation): shapes \(left) and \(right) do not agree"
        case .notSquare(let operation, let shape):
            return "\(operation): needs a square matrix, got \(shape)"
        }
    }
}

/// A matrix shape, printed as `rows×columns`.
public struct Shape: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int
    public init(_ rows: Int, _ columns: Int) {
        self.rows = rows
        self.columns = columns
    }
    public var description: String { "\(rows)×\(columns)" }
}
