import BLASKit
import HW1Regression

/// `‖a − b‖ / ‖b‖`.
func relativeError<Scalar: BLASScalar>(_ a: [Scalar], _ b: [Scalar]) -> Scalar {
    var difference: Scalar = 0, norm: Scalar = 0
    for i in 0..<a.count {
        difference += (a[i] - b[i]) * (a[i] - b[i])
        norm += b[i] * b[i]
    }
    return (difference / norm).squareRoot()
}

/// The gradient `X_cᵀ(X_c·w − y_c)/n` and loss written out naively, as the reference for the fused pass.
func naiveCentredGradient(_ x: Matrix<Double>, _ y: [Double], _ w: [Double]) -> (loss: Double, gradient: [Double]) {
    let n = x.rows, d = x.columns
    let means = (0..<d).map { j in (0..<n).reduce(0.0) { $0 + x[$1, j] } / Double(n) }
    let yMean = y.reduce(0, +) / Double(n)
    var gradient = [Double](repeating: 0, count: d)
    var loss = 0.0
    for i in 0..<n {
        var r = yMean - y[i]
        for j in 0..<d { r += (x[i, j] - means[j]) * w[j] }
        loss += r * r
        for j in 0..<d { gradient[j] += (x[i, j] - means[j]) * r }
    }
    return (loss / Double(2 * n), gradient.map { $0 / Double(n) })
}

/// A design whose last column repeats its first, so it has rank `d − 1`.
func rankDeficientDesign(rows: Int, columns: Int) -> (Matrix<Double>, [Double]) {
    let base = SyntheticRegression<Double>(rows: rows, columns: columns - 1, seed: 11)
    let x = Matrix<Double>(rows: rows, columns: columns) { r, c in base.features[r, c == columns - 1 ? 0 : c] }
    return (x, base.targets)
}
