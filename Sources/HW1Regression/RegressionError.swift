import BLASKit

/// Why a regression could not be fitted or its data could not be used. Each description
/// names the problem and the fix.
public enum RegressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// `X` has `rows` rows but `y` has `targets` values.
    case targetCountMismatch(rows: Int, targets: Int)
    /// Too few rows for a unique fit: `rows` rows for `columns` feature columns plus the bias.
    case tooFewRows(rows: Int, columns: Int)
    /// The design has no feature columns.
    case noFeatures
    /// The method needs a full-rank design and this one is not (or is too ill-conditioned).
    case rankDeficient(method: String, detail: String)
    /// A numerical option is out of range.
    case invalidOption(name: String, value: String, expected: String)
    /// LAPACK reported an error that is not one of the above.
    case linearAlgebra(LinearAlgebraError)

    public var description: String {
        switch self {
        case .targetCountMismatch(let rows, let targets):
            return "the design has \(rows) rows but there are \(targets) target values; give one target per row"
        case .tooFewRows(let rows, let columns):
            return "fewer rows than columns: \(rows) data rows for \(columns) feature columns and a bias; a unique fit needs at least \(columns + 1) rows (add rows or drop columns)"
        case .noFeatures:
            return "the design has no feature columns; give at least one column besides the target"
        case .rankDeficient(let method, let detail):
            return "\(method): the design is singular or rank deficient (\(detail)); use --method qr for an ill-conditioned full-rank design, or --method svd, which reports the rank and gives the minimum-norm solution"
        case .invalidOption(let name, let value, let expected):
            return "\(name) = \(value) is invalid: expected \(expected)"
        case .linearAlgebra(let error):
            return error.description
        }
    }
}
