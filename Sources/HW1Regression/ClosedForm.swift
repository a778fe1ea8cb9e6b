import BLASKit

/// Namespace of the linear-regression fitters: closed forms and gradient methods.
public enum LinearRegression {}

/// How the closed-form least-squares solution is computed.
public enum ClosedFormMethod: String, CaseIterable, Sendable {
    /// Normal equations `X_cᵀX_c·w = X_cᵀy_c` by Cholesky (syrk + potrf/potrs): `n·d² + d³/3`
    /// flops, fastest, but squares the condition number.
    case cholesky
    /// Householder QR of X_c (gels): `2n·d² − 2d³/3` flops, accurate for full-rank designs.
    case qr
    /// SVD of X_c (gelsd): reports the rank, gives the minimum-norm solution for any rank.
    case svd
}

/// A closed-form fit.
public struct ClosedFormFit<Scalar: BLASScalar>: Sendable {
    /// The fitted model (bias `ȳ − x̄ᵀw`).
    public var model: LinearModel<Scalar>
    /// The method used.
    public var method: ClosedFormMethod
    /// The numerical rank of the centred design (`d` for Cholesky and QR, which need full rank).
    public var rank: Int
    /// The singular values of the centred design, decreasing (SVD only).
    public var singularValues: [Scalar]?
}

extension LinearRegression {
    /// Fits `ŷ = X·w + b` by minimising `J(w, b) = 1/(2n)·‖y − X·w − b‖²` exactly.
    ///
    /// The bias is fitted by centring: the weights solve the least-squares problem of
    /// `X_c = X − 1·x̄ᵀ` against `y − ȳ`, and `b = ȳ − x̄ᵀw`, which is the exact joint minimiser
    /// (∂J/∂b = 0 gives `b = ȳ − x̄ᵀw`; substituting it leaves the centred problem).
    /// - Parameters: `x` is `n × d`, `y` has `n` values.
    /// - Throws: ``RegressionError/rankDeficient(method:detail:)`` when Cholesky or QR meet a
    ///   singular or numerically rank-deficient design; ``RegressionError/tooFewRows(rows:columns:)``
    ///   when they get `n ≤ d` (SVD accepts any shape and returns the minimum-norm solution).
    public static func fitClosedForm<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ y: [Scalar], method: ClosedFormMethod, threads: Int? = nil
    ) throws(RegressionError) -> ClosedFormFit<Scalar> {
        if y.count != x.rows { throw .targetCountMismatch(rows: x.rows, targets: y.count) }
        if x.columns == 0 { throw .noFeatures }
        if x.rows == 0 || (method != .svd && x.rows <= x.columns) {
            throw .tooFewRows(rows: x.rows, columns: x.columns)
        }
        let moments = DesignMoments(x, y, threads: threads)
        let fit: (weights: [Scalar], rank: Int, singularValues: [Scalar]?)
        switch method {
        case .cholesky: fit = (try normalEquations(x, y, moments), x.columns, nil)
        case .qr: fit = (try householderQR(x, y, moments, threads: threads), x.columns, nil)
        case .svd: fit = try singularValueDecomposition(x, y, moments, threads: threads)
        }
        let model = LinearModel(weights: fit.weights, bias: moments.bias(for: fit.weights))
        return ClosedFormFit(model: model, method: method, rank: fit.rank, singularValues: fit.singularValues)
    }

    /// Cholesky on the centred normal equations. The centred Gram matrix is formed as
    /// `XᵀX − n·x̄x̄ᵀ` (one syrk over X, no centred copy).
    static func normalEquations<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ y: [Scalar], _ moments: DesignMoments<Scalar>
    ) throws(RegressionError) -> [Scalar] {
        let d = x.columns, n = Scalar(x.rows)
        let means = moments.featureMeans
        var gram = Matrix<Scalar>(rows: d, columns: d)
        BLAS.syrk(x, .transposed, triangle: .upper, into: &gram)
        gram.withUnsafeMutableBufferPointer { g in
            for r in 0..<d {
                let scaled = n * means[r]
                for c in r..<d { g[r * d + c] -= scaled * means[c] }
            }
        }
        var rhs = [Scalar](repeating: 0, count: d)
        BLAS.gemv(x, .transposed, y, into: &rhs)
        for j in 0..<d { rhs[j] -= n * means[j] * moments.targetMean }
        return try solveCentredNormalEquations(gram: gram, rhs: rhs)
    }

    /// Solves `A·w = b` for the centred Gram matrix `A` (its upper triangle is read) by Cholesky,
    /// refusing a singular or numerically singular `A` with the same words for every caller
    /// (the in-memory fit and the streamed sums of `NormalEquationSums`).
    static func solveCentredNormalEquations<Scalar: BLASScalar>(
        gram: Matrix<Scalar>, rhs: [Scalar]
    ) throws(RegressionError) -> [Scalar] {
        let d = gram.rows
        let factor: Matrix<Scalar>
        do {
            factor = try LAPACK.choleskyFactor(gram, triangle: .upper)
        } catch {
            if case .notPositiveDefinite(_, let order) = error {
                throw .rankDeficient(method: "cholesky", detail: "XᵀX is not positive definite: the leading minor of order \(order) failed")
            }
            throw .linearAlgebra(error)
        }
        // cond(XᵀX) ≥ (max Uᵢᵢ / min Uᵢᵢ)²; past 1/(d·ε) the solution is rounding noise.
        var smallest = Scalar.infinity, largest: Scalar = 0
        for i in 0..<d {
            let u = abs(factor[unchecked: i, i])
            smallest = min(smallest, u)
            largest = max(largest, u)
        }
        let ratio = (smallest / largest) * (smallest / largest)
        if !(ratio > Scalar(d) * Scalar.ulpOfOne) {
            throw .rankDeficient(
                method: "cholesky",
                detail: "XᵀX is numerically singular, its condition number is at least \(Scalar(1) / ratio)")
        }
        do {
            return try LAPACK.choleskySolve(factor: factor, triangle: .upper, Matrix(column: rhs)).elements
        } catch {
            throw .linearAlgebra(error)
        }
    }

    /// Householder QR of the centred design by ``LAPACK/leastSquaresQR(_:_:transpose:)``
    /// (gels), on a centred copy made in one pass. The copy is `X_cᵀ` row-major, which is `X_c`
    /// column-major: the wrapper solves with `transpose: .transposed` on that memory, in place,
    /// without another copy. (gels with `trans = 'T'` on the row-major X would run an LQ
    /// factorisation whose reflectors stride across memory; measured here it took twice as long.)
    static func householderQR<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ y: [Scalar], _ moments: DesignMoments<Scalar>, threads: Int?
    ) throws(RegressionError) -> [Scalar] {
        let n = x.rows, d = x.columns
        let rhs = Matrix(column: y.map { $0 - moments.targetMean })
        do {
            let centredTransposed = Matrix(rows: d, columns: n, elements: centredCopy(x, moments.featureMeans, threads: threads))
            return try LAPACK.leastSquaresQR(consume centredTransposed, rhs, transpose: .transposed).elements
        } catch {
            switch error {
            case .rankDeficient(_, let index):
                throw .rankDeficient(method: "qr", detail: "R(\(index),\(index)) is exactly zero")
            case .numericallyRankDeficient(_, let smallest, let largest):
                // gels only stops on an exactly zero diagonal; a tiny one means the same in floating point.
                throw .rankDeficient(
                    method: "qr", detail: "the smallest diagonal element of R is \(smallest), the largest \(largest)")
            default:
                throw .linearAlgebra(error)
            }
        }
    }

    /// Minimum-norm least squares by the SVD of the centred design (gelsd through
    /// ``LAPACK/leastSquaresSVD(_:_:relativeCondition:transpose:)``, on the same in-place
    /// transposed copy as QR), with singular values below `ε·max(n, d)·σ_max` treated as zero
    /// (NumPy's `lstsq` default).
    static func singularValueDecomposition<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ y: [Scalar], _ moments: DesignMoments<Scalar>, threads: Int?
    ) throws(RegressionError) -> (weights: [Scalar], rank: Int, singularValues: [Scalar]?) {
        let n = x.rows, d = x.columns
        let rhs = Matrix(column: y.map { $0 - moments.targetMean })
        let rcond = Scalar.ulpOfOne * Scalar(max(n, d))
        do {
            let centredTransposed = Matrix(rows: d, columns: n, elements: centredCopy(x, moments.featureMeans, threads: threads))
            let fit = try LAPACK.leastSquaresSVD(
                consume centredTransposed, rhs, relativeCondition: rcond, transpose: .transposed)
            return (fit.solution.elements, fit.rank, fit.singularValues)
        } catch {
            throw .linearAlgebra(error)
        }
    }

    /// The centred design `X_c = X − 1·x̄ᵀ` in column-major order (equivalently `X_cᵀ`, `d × n`,
    /// row-major) as a new array of `n·d` values, written in one pass over X.
    static func centredCopy<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ means: [Scalar], threads: Int?
    ) -> [Scalar] {
        let n = x.rows, d = x.columns
        let partition = RowPartition(rows: n, threads: threads ?? RowPartition.defaultThreads(elements: n * d))
        return [Scalar](unsafeUninitializedCapacity: n * d) { out, initialized in
            x.withUnsafeBufferPointer { px in
                means.withUnsafeBufferPointer { pm in
                    let shared = UncheckedSendable((px.baseAddress!, pm.baseAddress!, out.baseAddress!))
                    partition.forEach { _, rows in
                        let (source, m, target) = shared.value
                        // Blocks of rows, so each written column segment is a full cache line.
                        let block = 16
                        var start = rows.lowerBound
                        while start < rows.upperBound {
                            let end = min(start + block, rows.upperBound)
                            for j in 0..<d {
                                let mean = m[j]
                                for i in start..<end { target[j &* n &+ i] = source[i &* d &+ j] - mean }
                            }
                            start = end
                        }
                    }
                }
            }
            initialized = n * d
        }
    }
}
