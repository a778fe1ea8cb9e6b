import BLASKit
import Testing

/// The worst element of `actual − expected` under the mixed test
/// `|a − e| ≤ absolute + relative · |e|`, or nil when every element passes.
func worstMismatch<S: BLASScalar>(
    _ actual: [S], _ expected: [S], relative: S, absolute: S
) -> (index: Int, actual: S, expected: S)? {
    precondition(actual.count == expected.count)
    var worst: (index: Int, actual: S, expected: S, excess: S)?
    for i in actual.indices {
        let allowed = absolute + relative * abs(expected[i])
        let error = abs(actual[i] - expected[i])
        // A NaN on either side always fails.
        if !(error <= allowed) {
            let excess = error.isNaN ? S.infinity : error - allowed
            if worst == nil || excess > worst!.excess { worst = (i, actual[i], expected[i], excess) }
        }
    }
    return worst.map { ($0.index, $0.actual, $0.expected) }
}

/// Expects two matrices of the same shape to agree elementwise within tolerance. On failure
/// the message names the worst element: its (row, column), both values and the difference.
func expectClose<S: BLASScalar>(
    _ actual: Matrix<S>, _ expected: Matrix<S>, relative: S, absolute: S = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.shape == expected.shape else {
        Issue.record("shapes differ: \(actual.shape) vs expected \(expected.shape)", sourceLocation: sourceLocation)
        return
    }
    if let worst = worstMismatch(actual.elements, expected.elements, relative: relative, absolute: absolute) {
        let (r, c) = expected.columns == 0 ? (0, 0) : (worst.index / expected.columns, worst.index % expected.columns)
        Issue.record(
            "worst element (\(r), \(c)): got \(worst.actual), expected \(worst.expected), difference \(abs(worst.actual - worst.expected)) exceeds \(absolute) + \(relative)·|expected|",
            sourceLocation: sourceLocation)
    }
}

/// Expects two vectors to agree elementwise within tolerance, naming the worst index on failure.
func expectClose<S: BLASScalar>(
    _ actual: [S], _ expected: [S], relative: S, absolute: S = 0,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard actual.count == expected.count else {
        Issue.record("lengths differ: \(actual.count) vs expected \(expected.count)", sourceLocation: sourceLocation)
        return
    }
    if let worst = worstMismatch(actual, expected, relative: relative, absolute: absolute) {
        Issue.record(
            "worst element [\(worst.index)]: got \(worst.actual), expected \(worst.expected), difference \(abs(worst.actual - worst.expected))",
            sourceLocation: sourceLocation)
    }
}

/// Tolerances per precision: the products here sum up to a few hundred terms.
func tolerance<S: BLASScalar>(_: S.Type) -> S { S.self == Float.self ? 1e-4 : 1e-11 }
