import BLASKit
internal import BLASKitCBLAS

/// The sufficient statistics of least squares with a bias, accumulated a block of rows at a time
/// so that the closed form needs one pass over data that never sits in memory whole.
///
/// For `z = [x, y]` (d features and the target, d + 1 numbers per row) it keeps the row count n,
/// the means z̄ and the centred co-moment matrix `M = Σ (z − z̄)(z − z̄)ᵀ`, (d+1)² Doubles in all:
/// `M[x,x]` is the centred XᵀX, `M[x,y]` the centred Xᵀy and `M[y,y]` the centred yᵀy. A block is
/// centred on its own means and folded in with one syrk; two partial sums are combined by the
/// pairwise update of Chan, Golub and LeVeque (1979),
///
///     n = nₐ + n_b,  δ = z̄_b − z̄ₐ,  z̄ = z̄ₐ + δ·n_b/n,  M = Mₐ + M_b + δδᵀ·nₐn_b/n,
///
/// which is what a data-parallel engine's reduce (Spark `treeAggregate`, MPI allreduce) would
/// apply to per-partition sums: associative and commutative up to rounding. Centring inside each
/// block keeps the cancellation of raw `XᵀX − n·x̄x̄ᵀ` out (see Docs/regression.md, streaming).
public struct NormalEquationSums: Equatable, Sendable {
    /// Number of features d (the target is the extra, last coordinate).
    public let featureCount: Int
    /// Rows accumulated so far.
    public private(set) var count = 0
    /// Means of the d features and, last, the target.
    public private(set) var means: [Double]
    /// `Σ (z − z̄)(z − z̄)ᵀ`, (d+1) × (d+1) row-major; the upper triangle is kept.
    public private(set) var comoments: [Double]

    /// Empty sums for `featureCount` features.
    public init(featureCount: Int) {
        self.featureCount = featureCount
        means = Array(repeating: 0, count: featureCount + 1)
        comoments = Array(repeating: 0, count: (featureCount + 1) * (featureCount + 1))
    }

    /// Adds `rows` rows of a row-major block with `columns` values per row, of which column
    /// `targetColumn` is the target and the others, in order, the features.
    ///
    /// - Precondition: `columns == featureCount + 1` and `block.count >= rows · columns`.
    public mutating func add(block: UnsafeBufferPointer<Double>, rows: Int, columns: Int, targetColumn: Int) {
        precondition(columns == featureCount + 1 && (0..<columns).contains(targetColumn) && block.count >= rows * columns,
            "NormalEquationSums.add: a block of \(columns) columns does not fit \(featureCount) features and a target")
        guard rows > 0 else { return }
        let width = columns
        // z row = the features in order, then the target.
        let z = UnsafeMutablePointer<Double>.allocate(capacity: rows * width)
        defer { z.deallocate() }
        var blockMeans = [Double](repeating: 0, count: width)
        for r in 0..<rows {
            let source = block.baseAddress! + r * columns
            let destination = z + r * width
            var k = 0
            for c in 0..<columns where c != targetColumn {
                destination[k] = source[c]
                k += 1
            }
            destination[width - 1] = source[targetColumn]
        }
        for r in 0..<rows {
            let row = z + r * width
            for c in 0..<width { blockMeans[c] += row[c] }
        }
        for c in 0..<width { blockMeans[c] /= Double(rows) }
        for r in 0..<rows {
            let row = z + r * width
            for c in 0..<width { row[c] -= blockMeans[c] }
        }
        var blockMoments = [Double](repeating: 0, count: width * width)
        blockMoments.withUnsafeMutableBufferPointer { m in
            cblas_dsyrk(CblasRowMajor, CblasUpper, CblasTrans, Int32(width), Int32(rows), 1, z, Int32(width), 0, m.baseAddress, Int32(width))
        }
        merge(count: rows, means: blockMeans, comoments: blockMoments)
    }

    /// Adds rows given as a feature matrix `x` (n × d) and targets `y` (n values).
    public mutating func add(_ x: Matrix<Double>, _ y: [Double]) {
        precondition(x.columns == featureCount && y.count == x.rows, "NormalEquationSums.add: \(x.rows)×\(x.columns) design with \(y.count) targets for \(featureCount) features")
        let width = featureCount + 1
        var block = [Double](repeating: 0, count: x.rows * width)
        for r in 0..<x.rows {
            for c in 0..<featureCount { block[r * width + c] = x[unchecked: r, c] }
            block[r * width + featureCount] = y[r]
        }
        block.withUnsafeBufferPointer { add(block: $0, rows: x.rows, columns: width, targetColumn: featureCount) }
    }

    /// Folds in the sums of another partition of the rows (Chan–Golub–LeVeque update).
    public mutating func merge(_ other: NormalEquationSums) {
        precondition(other.featureCount == featureCount, "NormalEquationSums.merge: \(other.featureCount) features, expected \(featureCount)")
        merge(count: other.count, means: other.means, comoments: other.comoments)
    }

    private mutating func merge(count otherCount: Int, means otherMeans: [Double], comoments otherMoments: [Double]) {
        guard otherCount > 0 else { return }
        guard count > 0 else {
            count = otherCount
            means = otherMeans
            comoments = otherMoments
            return
        }
        let width = featureCount + 1
        let total = count + otherCount
        let weight = Double(count) * Double(otherCount) / Double(total)
        let share = Double(otherCount) / Double(total)
        let delta = (0..<width).map { otherMeans[$0] - means[$0] }
        for r in 0..<width {
            for c in r..<width {
                comoments[r * width + c] += otherMoments[r * width + c] + delta[r] * delta[c] * weight
            }
        }
        for c in 0..<width { means[c] += delta[c] * share }
        count = total
    }

    /// The least-squares fit from the sums: Cholesky on the centred normal equations, and the
    /// bias `ȳ − x̄ᵀw`; also the loss `J = 1/(2n)·Σ(y − Xw − b)²` from the same sums.
    ///
    /// - Throws: `RegressionError.tooFewRows` for n ≤ d, `.noFeatures`, `.rankDeficient`.
    public func solve() throws(RegressionError) -> (model: LinearModel<Double>, loss: Double) {
        let d = featureCount, width = d + 1
        if d == 0 { throw .noFeatures }
        if count <= d { throw .tooFewRows(rows: count, columns: d) }
        let gram = Matrix<Double>(rows: d, columns: d) { r, c in
            r <= c ? comoments[r * width + c] : comoments[c * width + r]
        }
        let rhs = (0..<d).map { comoments[$0 * width + d] }
        let weights = try LinearRegression.solveCentredNormalEquations(gram: gram, rhs: rhs)
        var bias = means[d]
        for j in 0..<d { bias -= means[j] * weights[j] }
        // Σ r² = M_yy − 2wᵀM_xy + wᵀM_xx w.
        var quadratic = 0.0, linear = 0.0
        for r in 0..<d {
            linear += weights[r] * rhs[r]
            for c in 0..<d { quadratic += weights[r] * gram[unchecked: r, c] * weights[c] }
        }
        let residual = max(0, comoments[d * width + d] - 2 * linear + quadratic)
        return (LinearModel(weights: weights, bias: bias), residual / (2 * Double(count)))
    }
}
