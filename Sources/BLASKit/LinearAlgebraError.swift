/// The conditions of the data that a LAPACK entry point reports by throwing: each names the
/// routine and what was found. Programmer errors (operands whose shapes do not fit) are not
/// thrown: they stop the program with a message naming both shapes, in BLAS and LAPACK alike
/// (see the error-policy section of the documentation).
///
/// ```swift
/// do {
///     _ = try LAPACK.choleskyFactor(Matrix<Double>([[1, 2], [2, 1]]))
/// } catch .notPositiveDefinite(let routine, let order) {
///     print(routine, order)   // potrf 2
/// } catch {
///     print(error)
/// }
/// ```
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// An input holds a NaN or an infinity: `operand` (`"A"`, `"B"`, …) at the 0-based
    /// `row`, `column` (the first one in row-major order), whose value prints as `value`.
    /// Checked before LAPACK is called, only in the part of the operand the routine reads.
    case nonFinite(routine: String, operand: String, row: Int, column: Int, value: String)
    /// LAPACK reported argument number `index` (1-based, LAPACK's numbering) as illegal. The
    /// checks before each call make this unreachable from data; seeing it is a BLASKit bug.
    case illegalArgument(routine: String, index: Int)
    /// The matrix is exactly singular: the pivot `U(index, index)` is zero (1-based).
    case singular(routine: String, index: Int)
    /// The leading minor of order `order` is not positive definite.
    case notPositiveDefinite(routine: String, order: Int)
    /// The design does not have full rank: diagonal element `index` of R is zero (gels).
    case rankDeficient(routine: String, index: Int)
    /// The factor's diagonal spans more than `1 / (ε · max(m, n))`: the matrix has full rank
    /// only in exact arithmetic (gels). `smallest` and `largest` are the extreme `|Rᵢᵢ|`.
    case numericallyRankDeficient(routine: String, smallest: Double, largest: Double)
    /// The iterative algorithm failed to converge; `count` is LAPACK's count of failures.
    case noConvergence(routine: String, count: Int)
    /// A dimension does not fit LAPACK's 32-bit integers.
    case dimensionTooLarge(routine: String, value: Int)

    /// A message naming the routine, the case, and what to do about it.
    public var description: String {
        switch self {
        case .nonFinite(let routine, let operand, let row, let column, let value):
            return "\(routine): \(operand)[\(row), \(column)] is \(value); LAPACK needs finite input, so remove or replace the non-finite values first"
        case .illegalArgument(let routine, let index):
            return "\(routine): argument \(index) had an illegal value (LAPACK info = -\(index)); the checks before the call should have caught it, so this is a bug in BLASKit, please report it"
        case .singular(let routine, let index):
            return "\(routine): the matrix is singular (pivot U(\(index),\(index)) is exactly zero); no unique solution exists, use a least-squares solver (gelsd) instead"
        case .notPositiveDefinite(let routine, let order):
            return "\(routine): the matrix is not positive definite (leading minor of order \(order) failed); for a rank-deficient or ill-conditioned design use QR (gels) or SVD (gelsd)"
        case .rankDeficient(let routine, let index):
            return "\(routine): the matrix does not have full rank (R(\(index),\(index)) is exactly zero); use the SVD solver (gelsd), which returns the minimum-norm solution"
        case .numericallyRankDeficient(let routine, let smallest, let largest):
            return "\(routine): the matrix is numerically rank deficient (the smallest diagonal element of R is \(smallest), the largest \(largest)); use the SVD solver (gelsd), which returns the minimum-norm solution"
        case .noConvergence(let routine, let count):
            return "\(routine): the algorithm failed to converge (\(count) off-diagonal elements or singular values did not converge)"
        case .dimensionTooLarge(let routine, let value):
            return "\(routine): dimension \(value) does not fit LAPACK's 32-bit integers (max \(Int32.max)); use smaller blocks"
        }
    }
}

/// A matrix shape, printed as `rows×columns`.
///
/// ```swift
/// Matrix<Double>(rows: 2, columns: 3).shape.description   // "2×3"
/// ```
public struct Shape: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// Number of rows.
    public var rows: Int
    /// Number of columns.
    public var columns: Int
    /// The shape `rows × columns`.
    public init(_ rows: Int, _ columns: Int) {
        self.rows = rows
        self.columns = columns
    }
    /// `rows×columns`, e.g. `3×2`.
    public var description: String { "\(rows)×\(columns)" }
}
