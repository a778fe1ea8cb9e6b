internal import BLASKitCBLAS

// Row-major storage of A is column-major storage of Aᵀ. The routines here call LAPACK in
// column-major layout on the caller's memory and read the results back with that identity, so
// no LAPACKE layout transposes happen (see each routine for the algebra).

/// A matrix norm for condition estimates.
public enum MatrixNorm: Sendable {
    /// The 1-norm: the largest column sum of magnitudes.
    case one
    /// The ∞-norm: the largest row sum of magnitudes.
    case infinity
}

/// Whether ``LAPACK/svd(_:vectors:)`` returns thin or square singular-vector matrices.
public enum SingularVectors: Sendable {
    /// `U` is `m × k` and `Vᵀ` is `k × n`, with `k = min(m, n)`.
    case thin
    /// `U` is `m × m` and `Vᵀ` is `n × n`.
    case full
}

/// An LU factorisation of a square matrix with partial pivoting (getrf), kept for reuse:
/// solve for any number of right-hand sides, invert, take the determinant, estimate the
/// condition number, each without factoring again.
///
/// Because the matrix is row-major, LAPACK's row pivoting of the column-major `Aᵀ` is a column
/// pivoting of `A`: the factors satisfy `A = L · U · P` with `L` lower triangular, `U` unit
/// upper triangular and `P` a permutation matrix (``lower``, ``upper``, ``permutation``).
///
/// ```swift
/// let a = Matrix<Double>([[4, 3], [6, 3]])
/// let lu = try LAPACK.luFactor(a)
/// let x1 = lu.solve(Matrix(column: [10, 12]))   // [[1], [2]]
/// let x2 = lu.solve([7, 9])                     // [1, 1]
/// let det = lu.determinant                      // -6
/// ```
public struct LUFactorization<Scalar: BLASScalar>: Sendable {
    /// The order `n` of the factored `n × n` matrix.
    public let order: Int
    /// LAPACK's packed factor of Aᵀ (column-major), i.e. `L` in the lower triangle and the
    /// strict upper triangle of `U` when read row-major.
    let packed: [Scalar]
    /// LAPACK's 1-based pivot indices.
    let pivots: [Int32]
    /// The original matrix (shared storage, not a copy), whose norm the condition estimate
    /// needs; computed only when ``reciprocalCondition(_:)`` is called.
    let original: Matrix<Scalar>

    init(order: Int, packed: [Scalar], pivots: [Int32], original: Matrix<Scalar>) {
        self.order = order
        self.packed = packed
        self.pivots = pivots
        self.original = original
    }

    /// The lower-triangular factor `L` (non-unit diagonal) of `A = L · U · P`.
    public var lower: Matrix<Scalar> {
        var l = Matrix<Scalar>(rows: order, columns: order)
        for r in 0..<order { for c in 0...r { l[unchecked: r, c] = packed[r * order + c] } }
        return l
    }

    /// The unit upper-triangular factor `U` of `A = L · U · P`.
    public var upper: Matrix<Scalar> {
        var u = Matrix<Scalar>.identity(order)
        for r in 0..<order { for c in (r + 1)..<max(order, r + 1) { u[unchecked: r, c] = packed[r * order + c] } }
        return u
    }

    /// The permutation matrix `P` of `A = L · U · P` (it permutes columns).
    public var permutation: Matrix<Scalar> {
        // LAPACK: Pₗ·Aᵀ = L'·U' with Pₗ the interchanges applied in order; here P = Pₗ.
        var p = Matrix<Scalar>.identity(order)
        p.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<order {
                let j = Int(pivots[i]) - 1
                if j != i { for c in 0..<order { buffer.swapAt(i * order + c, j * order + c) } }
            }
        }
        return p
    }

    /// `det(A)`: the product of `L`'s diagonal with the sign of the permutation. Can overflow
    /// or underflow for large matrices even when `A` is well conditioned.
    public var determinant: Scalar {
        var det: Scalar = 1
        for i in 0..<order {
            det *= packed[i * order + i]
            if Int(pivots[i]) != i + 1 { det = -det }
        }
        return det
    }

    /// Solves `A · X = B` with the stored factor (two triangular solves and the row
    /// interchanges; no layout transposes). `B` must have ``order`` rows.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func solve(_ b: Matrix<Scalar>) -> Matrix<Scalar> {
        require(
            b.rows == order,
            "LUFactorization.solve (getrs): A is \(order)×\(order), B is \(b.shape); B needs \(order) rows")
        var x = b
        if x.isEmpty { return x }
        let n = blasInt(order, "n", in: "getrs"), nrhs = blasInt(b.columns, "nrhs", in: "getrs")
        packed.withUnsafeBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { px in
                // A = L·U·P, so X = Pᵀ · U⁻¹ · L⁻¹ · B.
                Scalar.rawTrsm(
                    CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, n, nrhs, 1, pa.baseAddress, n, px.baseAddress, nrhs)
                Scalar.rawTrsm(
                    CblasLeft, CblasUpper, CblasNoTrans, CblasUnit, n, nrhs, 1, pa.baseAddress, n, px.baseAddress, nrhs)
                applyInverseInterchanges(px, width: b.columns)
            }
        }
        return x
    }

    /// Solves `A · x = b` for one right-hand side with the stored factor.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func solve(_ b: [Scalar]) -> [Scalar] {
        require(
            b.count == order,
            "LUFactorization.solve (getrs): A is \(order)×\(order), b has \(b.count) elements; b needs \(order)")
        var x = b
        if x.isEmpty { return x }
        let n = blasInt(order, "n", in: "getrs")
        packed.withUnsafeBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { px in
                Scalar.rawTrsv(CblasLower, CblasNoTrans, CblasNonUnit, n, pa.baseAddress, n, px.baseAddress, 1)
                Scalar.rawTrsv(CblasUpper, CblasNoTrans, CblasUnit, n, pa.baseAddress, n, px.baseAddress, 1)
                applyInverseInterchanges(px, width: 1)
            }
        }
        return x
    }

    /// Row interchanges `Z ← Pᵀ · Z` (P = P₁·P₂·…·Pₙ, so Pᵀ applies them from the last).
    private func applyInverseInterchanges(_ z: UnsafeMutableBufferPointer<Scalar>, width: Int) {
        for i in stride(from: order - 1, through: 0, by: -1) {
            let j = Int(pivots[i]) - 1
            if j != i { for c in 0..<width { z.swapAt(i * width + c, j * width + c) } }
        }
    }

    /// `A⁻¹` from the stored factor (getri). Prefer ``solve(_:)-(Matrix<Scalar>)`` for systems:
    /// it is cheaper and more accurate than multiplying by the inverse.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func inverse() -> Matrix<Scalar> {
        // getri on the factor of Aᵀ (column-major) gives (Aᵀ)⁻¹ column-major, which is A⁻¹ row-major.
        var inverse = packed
        if order == 0 { return Matrix(rows: 0, columns: 0) }
        let n = blasInt(order, "n", in: "getri")
        let info = inverse.withUnsafeMutableBufferPointer { pa in
            pivots.withUnsafeBufferPointer { pp in Scalar.rawGetri(LAPACK.columnMajor, n, pa.baseAddress, n, pp.baseAddress) }
        }
        require(info == 0, "getri: LAPACK info = \(info) on a factor that getrf accepted (a bug in BLASKit, please report it)")
        return Matrix(rows: order, columns: order, elements: inverse)
    }

    /// An estimate of `1 / κ(A)` in the given norm (gecon), from the stored factor without
    /// forming `A⁻¹`. Near 0: ill conditioned (expect to lose `log10(κ)` digits); near 1: well
    /// conditioned.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public func reciprocalCondition(_ norm: MatrixNorm = .one) -> Scalar {
        if order == 0 { return 1 }
        // The factor is of Aᵀ, whose ∞-norm is A's 1-norm and vice versa.
        let code = CChar(UInt8(ascii: norm == .one ? "I" : "O"))
        let n = blasInt(order, "n", in: "gecon")
        // Column-major norms of the original memory (= Aᵀ): 'I' gives ‖Aᵀ‖∞ = ‖A‖₁.
        let anorm = original.withUnsafeBufferPointer { p in
            Scalar.rawLange(LAPACK.columnMajor, CChar(UInt8(ascii: norm == .one ? "I" : "O")), n, n, p.baseAddress, n)
        }
        var rcond: Scalar = 0
        let info = packed.withUnsafeBufferPointer { pa in
            Scalar.rawGecon(LAPACK.columnMajor, code, n, pa.baseAddress, n, anorm, &rcond)
        }
        require(info == 0, "gecon: LAPACK info = \(info) (a bug in BLASKit, please report it)")
        return rcond
    }
}

/// The singular value decomposition `A = U · diag(S) · Vᵀ` (gesdd).
///
/// ```swift
/// let a = Matrix<Double>([[3, 0], [4, 5]])
/// let svd = try LAPACK.svd(a)
/// // svd.singularValues ≈ [6.708, 2.236]; svd.u · diag(S) · svd.vt ≈ a
/// ```
public struct SingularValueDecomposition<Scalar: BLASScalar>: Sendable {
    /// The left singular vectors, as columns (`m × k` thin or `m × m` full).
    public let u: Matrix<Scalar>
    /// The singular values, in decreasing order, `k = min(m, n)` of them.
    public let singularValues: [Scalar]
    /// The right singular vectors, as rows (`k × n` thin or `n × n` full).
    public let vt: Matrix<Scalar>

    /// `U · diag(S) · Vᵀ` (with the thin parts of full factors), to check or to truncate.
    public func reconstructed() -> Matrix<Scalar> {
        let k = singularValues.count
        var us = Matrix<Scalar>(rows: u.rows, columns: k)
        for r in 0..<u.rows { for c in 0..<k { us[unchecked: r, c] = u[unchecked: r, c] * singularValues[c] } }
        var v = Matrix<Scalar>(rows: k, columns: vt.columns)
        for r in 0..<k { for c in 0..<vt.columns { v[unchecked: r, c] = vt[unchecked: r, c] } }
        return us.matmul(v)
    }
}

/// The eigenvalues and right eigenvectors of a general real square matrix (geev).
///
/// Complex eigenvalues come in conjugate pairs `j, j + 1` (positive imaginary part first),
/// as LAPACK returns them; ``vector(_:)`` unpacks eigenvector `j` into its real and imaginary
/// parts, normalised to Euclidean norm 1.
///
/// ```swift
/// let rotation = Matrix<Double>([[0, -1], [1, 0]])
/// let eigen = try LAPACK.eigen(rotation)
/// // eigen.real == [0, 0], eigen.imaginary == [1, -1]
/// ```
public struct EigenDecomposition<Scalar: BLASScalar>: Sendable {
    /// Real parts of the eigenvalues.
    public let real: [Scalar]
    /// Imaginary parts of the eigenvalues (0 for real eigenvalues).
    public let imaginary: [Scalar]
    /// LAPACK's packed right eigenvectors as columns: column `j` for a real eigenvalue; for a
    /// pair `j, j + 1`, `v_j = col j + i·col (j+1)` and `v_{j+1}` its conjugate.
    public let packedVectors: Matrix<Scalar>

    /// Eigenvector `j` (for `A · v = λⱼ · v`) as real and imaginary parts.
    public func vector(_ j: Int) -> (real: [Scalar], imaginary: [Scalar]) {
        require(j >= 0 && j < real.count, "EigenDecomposition.vector: index \(j) is outside 0..<\(real.count)")
        let n = real.count
        if imaginary[j] == 0 { return (packedVectors.column(j), [Scalar](repeating: 0, count: n)) }
        if j + 1 < n && imaginary[j] > 0 && imaginary[j + 1] == -imaginary[j] {
            return (packedVectors.column(j), packedVectors.column(j + 1))
        }
        return (packedVectors.column(j - 1), packedVectors.column(j).map { -$0 })
    }
}

extension LAPACK {
    /// Factors a square matrix as `A = L · U · P` with partial pivoting (getrf), for reuse.
    ///
    /// Throws ``LinearAlgebraError/singular(routine:index:)`` when a pivot is exactly zero; for
    /// the determinant of a possibly singular matrix use ``determinant(_:)``.
    ///
    /// ```swift
    /// let lu = try LAPACK.luFactor(Matrix<Double>([[2, 1], [1, 3]]))
    /// let x = lu.solve([3, 4])   // [1, 1]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func luFactor<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>
    ) throws(LinearAlgebraError) -> LUFactorization<Scalar> {
        let (lu, info) = try factorLU(a)
        if info > 0 { throw .singular(routine: "getrf", index: Int(info)) }
        return lu
    }

    /// `det(A)` by LU (getrf); exactly 0 when a pivot is exactly zero.
    ///
    /// ```swift
    /// try LAPACK.determinant(Matrix<Double>([[1, 2], [3, 4]]))   // -2
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func determinant<Scalar: BLASScalar>(_ a: Matrix<Scalar>) throws(LinearAlgebraError) -> Scalar {
        let (lu, info) = try factorLU(a)
        return info > 0 ? 0 : lu.determinant
    }

    /// `A⁻¹` by LU (getrf, getri). Throws ``LinearAlgebraError/singular(routine:index:)``.
    ///
    /// ```swift
    /// try LAPACK.inverse(Matrix<Double>([[2, 0], [0, 4]]))   // [[0.5, 0], [0, 0.25]]
    /// ```
    public static func inverse<Scalar: BLASScalar>(_ a: Matrix<Scalar>) throws(LinearAlgebraError) -> Matrix<Scalar> {
        try luFactor(a).inverse()
    }

    static func factorLU<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>
    ) throws(LinearAlgebraError) -> (LUFactorization<Scalar>, Int32) {
        requireSquare(a, "getrf")
        try requireFinite("getrf", "A", a)
        let n = try lapackInt(a.rows, in: "getrf")
        if n == 0 { return (LUFactorization(order: 0, packed: [], pivots: [], original: a), 0) }
        var packed = a.elements
        var pivots = [Int32](repeating: 0, count: a.rows)
        let info = packed.withUnsafeMutableBufferPointer { pa in
            pivots.withUnsafeMutableBufferPointer { pp in Scalar.rawGetrf(columnMajor, n, n, pa.baseAddress, n, pp.baseAddress) }
        }
        try check(info, "getrf", positive: { .singular(routine: "getrf", index: $0) }, allowPositive: true)
        return (LUFactorization(order: a.rows, packed: packed, pivots: pivots, original: a), info)
    }

    /// The thin QR factorisation `A = Q · R` of an `m × n` matrix: `Q` is `m × k` with
    /// orthonormal columns and `R` is `k × n` upper trapezoidal, `k = min(m, n)`.
    ///
    /// The row-major `A` is the column-major `Aᵀ`, whose LQ factorisation `Aᵀ = L · Q'`
    /// (gelqf, orglq) is `A = Q'ᵀ · Lᵀ`: the same Householder QR as geqrf/orgqr on `A`,
    /// without transposing anything.
    ///
    /// ```swift
    /// let (q, r) = try LAPACK.qr(Matrix<Double>([[3, 1], [4, 2]]))
    /// // q.columns are orthonormal; q · r ≈ A; r[1, 0] == 0
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func qr<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>
    ) throws(LinearAlgebraError) -> (q: Matrix<Scalar>, r: Matrix<Scalar>) {
        try requireFinite("geqrf", "A", a)
        let m = try lapackInt(a.rows, in: "gelqf"), n = try lapackInt(a.columns, in: "gelqf")
        let k = min(a.rows, a.columns)
        if k == 0 { return (Matrix(rows: a.rows, columns: 0), Matrix(rows: 0, columns: a.columns)) }
        var work = a.elements
        var tau = [Scalar](repeating: 0, count: k)
        // Column-major view of the memory: Aᵀ is n × m with leading dimension n.
        var info = work.withUnsafeMutableBufferPointer { pa in
            tau.withUnsafeMutableBufferPointer { pt in Scalar.rawGelqf(columnMajor, n, m, pa.baseAddress, n, pt.baseAddress) }
        }
        try check(info, "gelqf", positive: { .noConvergence(routine: "gelqf", count: $0) })
        // R = Lᵀ: the upper trapezoid of the first k rows, read row-major.
        var r = Matrix<Scalar>(rows: k, columns: a.columns)
        r.withUnsafeMutableBufferPointer { pr in
            for row in 0..<k { for c in row..<a.columns { pr[row * a.columns + c] = work[row * a.columns + c] } }
        }
        // Q' (k × m, column-major, ld = n) read row-major is Q (m × k, row stride n).
        info = work.withUnsafeMutableBufferPointer { pa in
            tau.withUnsafeBufferPointer { pt in
                Scalar.rawOrglq(columnMajor, Int32(k), m, Int32(k), pa.baseAddress, n, pt.baseAddress)
            }
        }
        try check(info, "orglq", positive: { .noConvergence(routine: "orglq", count: $0) })
        if k == a.columns { return (Matrix(rows: a.rows, columns: k, elements: work), r) }
        var q = Matrix<Scalar>(rows: a.rows, columns: k)
        q.withUnsafeMutableBufferPointer { pq in
            for row in 0..<a.rows { for c in 0..<k { pq[row * k + c] = work[row * a.columns + c] } }
        }
        return (q, r)
    }

    /// The singular value decomposition `A = U · diag(S) · Vᵀ` by divide and conquer (gesdd).
    ///
    /// Row-major `A` is column-major `Aᵀ = V · S · Uᵀ`, so LAPACK's `U` and `Vᵀ` of the memory
    /// are read back as this `Vᵀ` and `U`: no transposes. Throws
    /// ``LinearAlgebraError/noConvergence(routine:count:)`` if the iteration fails.
    ///
    /// ```swift
    /// let svd = try LAPACK.svd(Matrix<Double>([[2, 0], [0, -3]]))
    /// // svd.singularValues == [3, 2]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func svd<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, vectors: SingularVectors = .thin
    ) throws(LinearAlgebraError) -> SingularValueDecomposition<Scalar> {
        try requireFinite("gesdd", "A", a)
        let m = a.rows, n = a.columns, k = min(m, n)
        let m32 = try lapackInt(m, in: "gesdd"), n32 = try lapackInt(n, in: "gesdd")
        let uColumns = vectors == .thin ? k : m, vtRows = vectors == .thin ? k : n
        if k == 0 {
            return SingularValueDecomposition(
                u: vectors == .full ? .identity(m) : Matrix(rows: m, columns: 0), singularValues: [],
                vt: vectors == .full ? .identity(n) : Matrix(rows: 0, columns: n))
        }
        var work = a.elements
        // LAPACK's U of Aᵀ (n × vtRows, ld n) is our Vᵀ; its Vᵀ (uColumns × m, ld uColumns) is our U.
        // The outputs are written by LAPACK only: no zero-filling first.
        let jobz = CChar(UInt8(ascii: vectors == .thin ? "S" : "A"))
        var info: Int32 = 0
        var u: [Scalar] = []
        var vt: [Scalar] = []
        let s: [Scalar] = makeArray(count: k) { ps in
            vt = makeArray(count: vtRows * n) { pv in
                u = makeArray(count: m * uColumns) { pu in
                    info = work.withUnsafeMutableBufferPointer { pa in
                        Scalar.rawGesdd(columnMajor, jobz, n32, m32, pa.baseAddress, n32, ps, pv, n32, pu, Int32(uColumns))
                    }
                }
            }
        }
        try check(info, "gesdd", positive: { .noConvergence(routine: "gesdd", count: $0) })
        return SingularValueDecomposition(
            u: Matrix(rows: m, columns: uColumns, elements: u), singularValues: s,
            vt: Matrix(rows: vtRows, columns: n, elements: vt))
    }

    /// Eigenvalues and right eigenvectors of a general square matrix (geev).
    /// For a symmetric matrix prefer ``symmetricEigen(_:triangle:)``: real, sorted, orthonormal.
    ///
    /// ```swift
    /// let e = try LAPACK.eigen(Matrix<Double>([[2, 1], [0, 3]]))
    /// // e.real == [2, 3], e.imaginary == [0, 0]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func eigen<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>
    ) throws(LinearAlgebraError) -> EigenDecomposition<Scalar> {
        requireSquare(a, "geev")
        try requireFinite("geev", "A", a)
        let n = try lapackInt(a.rows, in: "geev")
        if n == 0 { return EigenDecomposition(real: [], imaginary: [], packedVectors: Matrix(rows: 0, columns: 0)) }
        var work = a.elements
        var wr = [Scalar](repeating: 0, count: a.rows), wi = wr
        var vr = [Scalar](repeating: 0, count: a.rows * a.rows)
        // The O(n²) layout transposes of the row-major call are small beside geev's ~25n³ flops.
        let info = work.withUnsafeMutableBufferPointer { pa in
            wr.withUnsafeMutableBufferPointer { pr in
                wi.withUnsafeMutableBufferPointer { pi in
                    vr.withUnsafeMutableBufferPointer { pv in
                        Scalar.rawGeev(
                            rowMajor, CChar(UInt8(ascii: "N")), CChar(UInt8(ascii: "V")), n, pa.baseAddress, n,
                            pr.baseAddress, pi.baseAddress, nil, n, pv.baseAddress, n)
                    }
                }
            }
        }
        try check(info, "geev", positive: { .noConvergence(routine: "geev", count: $0) })
        return EigenDecomposition(real: wr, imaginary: wi, packedVectors: Matrix(rows: a.rows, columns: a.rows, elements: vr))
    }

    /// An estimate of `1 / κ₁(A)` for a symmetric positive-definite `A` (potrf, then pocon),
    /// reading only `triangle`. Throws ``LinearAlgebraError/notPositiveDefinite(routine:order:)``.
    ///
    /// ```swift
    /// try LAPACK.reciprocalConditionPositiveDefinite(Matrix<Double>([[4, 0], [0, 1]]))   // 0.25
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func reciprocalConditionPositiveDefinite<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle = .lower
    ) throws(LinearAlgebraError) -> Scalar {
        requireSquare(a, "pocon")
        try requireFinite("pocon", "A", a, triangle: triangle)
        let n = try lapackInt(a.rows, in: "pocon")
        if n == 0 { return 1 }
        var factor = a.elements
        // Row-major `triangle` of A is the other triangle of the column-major memory.
        let uplo = triangle.flipped.lapack
        let anorm = factor.withUnsafeBufferPointer {
            Scalar.rawLansy(columnMajor, CChar(UInt8(ascii: "1")), uplo, n, $0.baseAddress, n)
        }
        var info = factor.withUnsafeMutableBufferPointer { Scalar.rawPotrf(columnMajor, uplo, n, $0.baseAddress, n) }
        try check(info, "potrf", positive: { .notPositiveDefinite(routine: "potrf", order: $0) })
        var rcond: Scalar = 0
        info = factor.withUnsafeBufferPointer { Scalar.rawPocon(columnMajor, uplo, n, $0.baseAddress, n, anorm, &rcond) }
        try check(info, "pocon", positive: { .noConvergence(routine: "pocon", count: $0) })
        return rcond
    }

    /// Solves the triangular system `op(A) · X = B` (trtrs semantics): throws
    /// ``LinearAlgebraError/singular(routine:index:)`` when a diagonal element is exactly zero,
    /// then solves in place with trsm on the row-major data (no layout transposes).
    ///
    /// ```swift
    /// let u = Matrix<Double>([[2, 1], [0, 4]])
    /// let x = try LAPACK.solveTriangular(u, Matrix(column: [4, 8]), triangle: .upper)   // [[1], [2]]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func solveTriangular<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ b: Matrix<Scalar>, triangle: Triangle, transpose: Transpose = .noTranspose,
        diagonal: Diagonal = .nonUnit
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        requireSquare(a, "trtrs")
        requireRows(a, b, "trtrs")
        try requireFinite("trtrs", "A", a, triangle: triangle)
        try requireFinite("trtrs", "B", b)
        if diagonal == .nonUnit {
            for i in 0..<a.rows where a[unchecked: i, i] == 0 { throw .singular(routine: "trtrs", index: i + 1) }
        }
        var x = b
        BLAS.trsm(a, triangle: triangle, transpose: transpose, diagonal: diagonal, &x)
        return x
    }
}

extension Triangle {
    /// The other triangle: a row-major triangle is this one in column-major storage.
    var flipped: Triangle { self == .upper ? .lower : .upper }
}
