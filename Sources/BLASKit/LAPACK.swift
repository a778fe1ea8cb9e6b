internal import BLASKitCLAPACKE

/// Typed entry points to LAPACK through LAPACKE, on row-major ``Matrix`` values. Inputs are
/// never modified (each routine works on its own copy) and a nonzero LAPACK `info` becomes a
/// thrown ``LinearAlgebraError`` that names the case.
///
/// No layout transposes where the algebra allows: a row-major matrix is the column-major
/// storage of its transpose, so a symmetric matrix is passed column-major with the other
/// triangle, and a general one is factored as `Aᵀ` and solved with the transposed flag.
///
/// ```swift
/// let a = Matrix<Double>([[4, 1], [1, 3]])
/// let x = try LAPACK.solvePositiveDefinite(a, Matrix(column: [1, 2]))   // Cholesky
/// let y = try LAPACK.solve(a, Matrix(column: [1, 2]))                   // LU
/// ```
public enum LAPACK {
    /// LAPACKE's row-major layout code (`LAPACK_ROW_MAJOR`).
    package static let rowMajor = Int32(LAPACK_ROW_MAJOR)
    /// LAPACKE's column-major layout code (`LAPACK_COL_MAJOR`).
    package static let columnMajor = Int32(LAPACK_COL_MAJOR)
    /// Up to this order a row-major lower Cholesky runs OpenBLAS's lower kernel on a transposed
    /// copy; above it, the upper kernel on the memory as it is (measured crossover).
    static let lowerKernelLimit = 160

    /// The Cholesky factor of a symmetric positive-definite matrix (potrf):
    /// `A = L·Lᵀ` for `.lower`, `A = Uᵀ·U` for `.upper`. The other triangle of the result is zero.
    /// Only the `triangle` of `a` is read.
    ///
    /// The row-major `triangle` is the column-major other triangle, so potrf runs column-major
    /// on a copy made in one pass (the triangle copied, the rest zeroed): no layout transposes.
    ///
    /// ```swift
    /// let l = try LAPACK.choleskyFactor(Matrix<Double>([[4, 2], [2, 5]]))   // [[2, 0], [1, 2]]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func choleskyFactor<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle = .lower
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        requireSquare(a, "potrf")
        try requireFinite("potrf", "A", a, triangle: triangle)
        let n = a.rows
        let n32 = try lapackInt(n, in: "potrf")
        if n == 0 { return a }
        var info: Int32 = 0
        let factor: [Scalar] = a.withUnsafeBufferPointer { source in
            if triangle == .lower && n <= lowerKernelLimit {
                // OpenBLAS's lower-triangle potrf is faster than its upper one for small n, by
                // more than two transposes cost (measured: hw1-bench wrappers). Column-major
                // lower of the transposed copy, then back, zeroing the upper triangle.
                // Only the lower triangle is moved each way (as LAPACKE's row-major path does).
                let src = source.baseAddress!
                var columnMajorA: [Scalar] = makeArray(count: n * n) { t in
                    t.initialize(repeating: 0, count: n * n)
                    for r in 0..<n { for c in 0...r { t[c &* n &+ r] = src[r &* n &+ c] } }
                }
                info = columnMajorA.withUnsafeMutableBufferPointer { Scalar.rawPotrf(columnMajor, Triangle.lower.lapack, n32, $0.baseAddress, n32) }
                return columnMajorA.withUnsafeBufferPointer { p in
                    makeArray(count: n * n) { target in
                        let f = p.baseAddress!
                        for r in 0..<n {
                            let row = target + r &* n
                            for c in 0...r { (row + c).initialize(to: f[c &* n &+ r]) }
                            (row + r + 1).initialize(repeating: 0, count: n - r - 1)
                        }
                    }
                }
            }
            return makeArray(count: n * n) { target in
                copyTriangle(source.baseAddress!, sourceStride: n, to: target, order: n, keeping: triangle)
                info = Scalar.rawPotrf(columnMajor, triangle.flipped.lapack, n32, target, n32)
            }
        }
        try check(info, "potrf", positive: { .notPositiveDefinite(routine: "potrf", order: $0) })
        return Matrix(rows: n, columns: n, elements: factor)
    }

    /// Solves `A·X = B` given the Cholesky factor of `A` from ``choleskyFactor(_:triangle:)`` (potrs).
    ///
    /// ```swift
    /// let a = Matrix<Double>([[4, 2], [2, 5]])
    /// let x = try LAPACK.choleskySolve(factor: try LAPACK.choleskyFactor(a), Matrix(column: [6, 7]))   // [[1], [1]]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func choleskySolve<Scalar: BLASScalar>(
        factor: Matrix<Scalar>, triangle: Triangle = .lower, _ b: Matrix<Scalar>
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        requireSquare(factor, "potrs")
        requireRows(factor, b, "potrs")
        try requireFinite("potrs", "B", b)
        let n = try lapackInt(factor.rows, in: "potrs"), nrhs = try lapackInt(b.columns, in: "potrs")
        if b.isEmpty { return b }
        let uplo = triangle.flipped.lapack
        var info: Int32 = 0
        let x = factor.withUnsafeBufferPointer { pa in
            solvingColumnMajor(b) { pb, ldb in
                info = Scalar.rawPotrs(columnMajor, uplo, n, nrhs, pa.baseAddress, n, pb, ldb)
            }
        }
        // Scanning the factor first would cost as much as the O(n²) solve: it is scanned only
        // when the solution is not finite.
        if !x.withUnsafeBufferPointer(allFinite) { try requireFinite("potrs", "factor", factor, triangle: triangle) }
        try check(info, "potrs", positive: { .notPositiveDefinite(routine: "potrs", order: $0) })
        return x
    }

    /// Solves `A·X = B` for symmetric positive-definite `A` by Cholesky (posv), reading only the
    /// `triangle` of `A`. Throws ``LinearAlgebraError/notPositiveDefinite(routine:order:)`` for a
    /// singular or indefinite `A`.
    ///
    /// ```swift
    /// let x = try LAPACK.solvePositiveDefinite(Matrix<Double>([[4, 2], [2, 5]]), Matrix(column: [6, 7]))
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func solvePositiveDefinite<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ b: Matrix<Scalar>, triangle: Triangle = .lower
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        requireSquare(a, "posv")
        requireRows(a, b, "posv")
        try requireFinite("posv", "A", a, triangle: triangle)
        try requireFinite("posv", "B", b)
        let n = try lapackInt(a.rows, in: "posv"), nrhs = try lapackInt(b.columns, in: "posv")
        if b.isEmpty || a.isEmpty { return b }
        var factor: [Scalar]
        let uplo: CChar
        if triangle == .lower && n <= lowerKernelLimit {
            // As in choleskyFactor: the lower kernel on a transposed copy is faster for small n.
            factor = a.withUnsafeBufferPointer { p in
                makeArray(count: a.count) { t in
                    transposeCopy(p.baseAddress!, rows: a.rows, columns: a.rows, sourceStride: a.rows, to: t, targetStride: a.rows)
                }
            }
            uplo = Triangle.lower.lapack
        } else {
            factor = a.elements
            uplo = triangle.flipped.lapack
        }
        var info: Int32 = 0
        let x = factor.withUnsafeMutableBufferPointer { pa in
            solvingColumnMajor(b) { pb, ldb in
                info = Scalar.rawPosv(columnMajor, uplo, n, nrhs, pa.baseAddress, n, pb, ldb)
            }
        }
        try check(info, "posv", positive: { .notPositiveDefinite(routine: "posv", order: $0) })
        return x
    }

    /// Solves the square system `A·X = B` by LU with partial pivoting (getrf, getrs).
    /// Throws ``LinearAlgebraError/singular(routine:index:)`` for an exactly singular `A`.
    ///
    /// The row-major `A` is the column-major `Aᵀ`: LAPACK factors it and solves with the
    /// transposed flag, so no layout transposes of `A` are made. To solve with the same `A`
    /// again, keep the factor: ``luFactor(_:)``.
    ///
    /// ```swift
    /// let x = try LAPACK.solve(Matrix<Double>([[2, 1], [1, 3]]), Matrix(column: [3, 4]))   // [[1], [1]]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func solve<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ b: Matrix<Scalar>
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        requireSquare(a, "gesv")
        requireRows(a, b, "gesv")
        try requireFinite("gesv", "A", a)
        try requireFinite("gesv", "B", b)
        let n = try lapackInt(a.rows, in: "gesv"), nrhs = try lapackInt(b.columns, in: "gesv")
        if b.isEmpty || a.isEmpty { return b }
        var lu = a.elements
        var pivots = [Int32](repeating: 0, count: a.rows)
        var info: Int32 = 0
        let x = lu.withUnsafeMutableBufferPointer { pa in
            pivots.withUnsafeMutableBufferPointer { pp in
                info = Scalar.rawGetrf(columnMajor, n, n, pa.baseAddress, n, pp.baseAddress)
                if info != 0 { return b }
                return solvingColumnMajor(b) { pb, ldb in
                    info = Scalar.rawGetrs(
                        columnMajor, Transpose.transposed.lapack, n, nrhs, pa.baseAddress, n, pp.baseAddress, pb, ldb)
                }
            }
        }
        try check(info, "gesv", positive: { .singular(routine: "gesv", index: $0) })
        return x
    }

    /// The least-squares solution of `min ‖op(A)·X − B‖` for a full-rank `A` by QR (gels); for
    /// a wide `op(A)`, the minimum-norm solution of the underdetermined system. `op(A)` is
    /// `m × n`, `B` has `m` rows, the solution has `n`.
    ///
    /// `transpose: .transposed` takes `A` as `n × m` and solves with `Aᵀ` without copying it
    /// into another layout (the row-major `A` is the column-major `Aᵀ`): the fast path for a
    /// design stored one feature per row. With `.noTranspose`, LAPACKE transposes internally.
    ///
    /// Throws ``LinearAlgebraError/rankDeficient(routine:index:)`` when a diagonal element of
    /// `R` is exactly zero, and ``LinearAlgebraError/numericallyRankDeficient(routine:smallest:largest:)``
    /// when the smallest `|Rᵢᵢ|` is below `ε · max(m, n)` times the largest (the solution would
    /// be rounding noise; use ``leastSquaresSVD(_:_:relativeCondition:transpose:)``).
    ///
    /// `a` is `consuming`: pass a matrix you no longer need (`consume x`) and its storage is
    /// factored in place instead of copied.
    ///
    /// ```swift
    /// let a = Matrix<Double>([[1, 0], [0, 1], [1, 1]])
    /// let x = try LAPACK.leastSquaresQR(a, Matrix(column: [1, 2, 3]))   // [[1], [2]]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func leastSquaresQR<Scalar: BLASScalar>(
        _ a: consuming Matrix<Scalar>, _ b: Matrix<Scalar>, transpose: Transpose = .noTranspose
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        let (rows, columns) = transpose == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        requireRows(rows, a, b, "gels")
        try requireFinite("gels", "A", a)
        try requireFinite("gels", "B", b)
        let m = try lapackInt(rows, in: "gels"), n = try lapackInt(columns, in: "gels")
        let nrhs = try lapackInt(b.columns, in: "gels")
        if b.columns == 0 || rows == 0 || columns == 0 { return Matrix(rows: columns, columns: b.columns) }
        let stride = a.columns
        var rhs = paddedRightHandSide(b, rows: max(rows, columns))
        let info = a.withUnsafeMutableBufferPointer { pa in
            rhs.withUnsafeMutableBufferPointer { pb in
                if transpose == .transposed && nrhs == 1 {
                    // Column-major memory of A (columns × rows) is Aᵀ: gels 'N' on it, lda = rows.
                    return Scalar.rawGels(
                        columnMajor, Transpose.noTranspose.lapack, m, n, 1, pa.baseAddress, max(m, 1), pb.baseAddress,
                        max(m, n))
                }
                return Scalar.rawGels(
                    rowMajor, transpose.lapack, transpose == .noTranspose ? m : n, transpose == .noTranspose ? n : m,
                    nrhs, pa.baseAddress, Int32(max(stride, 1)), pb.baseAddress, max(nrhs, 1))
            }
        }
        try check(info, "gels", positive: { .rankDeficient(routine: "gels", index: $0) })
        // The triangular factor's diagonal is at (i, i) of the memory read with row stride
        // `a.columns` in every path (column-major with lda = a.columns, or row-major).
        let (smallest, largest) = a.withUnsafeBufferPointer { p in
            var smallest = Scalar.infinity, largest: Scalar = 0
            for i in 0..<min(rows, columns) {
                let r = abs(p[i * stride + i])
                smallest = min(smallest, r)
                largest = max(largest, r)
            }
            return (smallest, largest)
        }
        if !(smallest > largest * Scalar.ulpOfOne * Scalar(max(rows, columns))) {
            throw .numericallyRankDeficient(routine: "gels", smallest: Double(smallest), largest: Double(largest))
        }
        let x = topRows(rhs, columns)
        return x
    }

    /// The minimum-norm least-squares solution of `min ‖op(A)·X − B‖` by the SVD (gelsd), for
    /// any rank. `transpose` as in ``leastSquaresQR(_:_:transpose:)``.
    ///
    /// Singular values below `relativeCondition · σ_max` count as zero; the default
    /// (`nil`) uses machine precision, as NumPy's `lstsq` does with `rcond=None` scaled by
    /// `max(m, n)`. Returns the `n × nrhs` solution, the effective rank and the singular values
    /// in decreasing order. `a` is `consuming`, as in ``leastSquaresQR(_:_:transpose:)``.
    ///
    /// ```swift
    /// let a = Matrix<Double>([[1, 1], [1, 1]])   // rank 1
    /// let fit = try LAPACK.leastSquaresSVD(a, Matrix(column: [2, 2]))
    /// // fit.rank == 1, fit.solution == [[1], [1]] (the minimum-norm solution)
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func leastSquaresSVD<Scalar: BLASScalar>(
        _ a: consuming Matrix<Scalar>, _ b: Matrix<Scalar>, relativeCondition: Scalar? = nil,
        transpose: Transpose = .noTranspose
    ) throws(LinearAlgebraError) -> (solution: Matrix<Scalar>, rank: Int, singularValues: [Scalar]) {
        let (rows, columns) = transpose == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        requireRows(rows, a, b, "gelsd")
        try requireFinite("gelsd", "A", a)
        try requireFinite("gelsd", "B", b)
        let m = try lapackInt(rows, in: "gelsd"), n = try lapackInt(columns, in: "gelsd")
        let nrhs = try lapackInt(b.columns, in: "gelsd")
        if b.columns == 0 || rows == 0 || columns == 0 { return (Matrix(rows: columns, columns: b.columns), 0, []) }
        let rcond = relativeCondition ?? Scalar.ulpOfOne * Scalar(max(rows, columns))
        var work: Matrix<Scalar>
        if transpose == .transposed && nrhs > 1 {
            // gelsd has no transposed mode: for several right-hand sides, take Aᵀ row-major.
            work = a.transposed()
        } else {
            work = a
        }
        var rhs = paddedRightHandSide(b, rows: max(rows, columns))
        var singularValues = [Scalar](repeating: 0, count: min(rows, columns))
        var rank: Int32 = 0
        let info = work.withUnsafeMutableBufferPointer { pa in
            rhs.withUnsafeMutableBufferPointer { pb in
                singularValues.withUnsafeMutableBufferPointer { ps in
                    if transpose == .transposed && nrhs == 1 {
                        // Column-major memory of A is Aᵀ (rows × columns, lda = rows).
                        return Scalar.rawGelsd(
                            columnMajor, m, n, 1, pa.baseAddress, max(m, 1), pb.baseAddress, max(m, n),
                            ps.baseAddress, rcond, &rank)
                    }
                    return Scalar.rawGelsd(
                        rowMajor, m, n, nrhs, pa.baseAddress, max(n, 1), pb.baseAddress, max(nrhs, 1),
                        ps.baseAddress, rcond, &rank)
                }
            }
        }
        try check(info, "gelsd", positive: { .noConvergence(routine: "gelsd", count: $0) })
        let x = topRows(rhs, columns)
        return (x, Int(rank), singularValues)
    }

    /// Eigenvalues (ascending) and orthonormal eigenvectors (as columns) of a symmetric
    /// matrix, by divide and conquer (syevd). Only the `triangle` of `a` is read.
    ///
    /// ```swift
    /// let (values, vectors) = try LAPACK.symmetricEigen(Matrix<Double>([[2, 1], [1, 2]]))
    /// // values == [1, 3]; vectors.column(1) ≈ [0.707, 0.707]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func symmetricEigen<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle = .lower
    ) throws(LinearAlgebraError) -> (values: [Scalar], vectors: Matrix<Scalar>) {
        requireSquare(a, "syevd")
        try requireFinite("syevd", "A", a, triangle: triangle)
        let n = a.rows
        let n32 = try lapackInt(n, in: "syevd")
        if n == 0 { return ([], a) }
        // Column-major on the memory with the other triangle; LAPACK's eigenvector columns come
        // back as rows and are transposed once on the way out.
        var work = a.elements
        var values = [Scalar](repeating: 0, count: n)
        let info = work.withUnsafeMutableBufferPointer { pa in
            values.withUnsafeMutableBufferPointer { pw in
                Scalar.rawSyevd(
                    columnMajor, CChar(UInt8(ascii: "V")), triangle.flipped.lapack, n32, pa.baseAddress, n32, pw.baseAddress)
            }
        }
        try check(info, "syevd", positive: { .noConvergence(routine: "syevd", count: $0) })
        let vectors: [Scalar] = work.withUnsafeBufferPointer { p in
            makeArray(count: n * n) { t in transposeCopy(p.baseAddress!, rows: n, columns: n, sourceStride: n, to: t, targetStride: n) }
        }
        return (values, Matrix(rows: n, columns: n, elements: vectors))
    }

    /// Runs `body` on `b` in column-major order (`ldb` = its rows) and returns the result
    /// row-major. One right-hand side is the same memory in both layouts: no copies then.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    static func solvingColumnMajor<Scalar: BLASScalar>(
        _ b: Matrix<Scalar>, _ body: (UnsafeMutablePointer<Scalar>, Int32) -> Void
    ) -> Matrix<Scalar> {
        let rows = b.rows, columns = b.columns
        let ldb = Int32(max(rows, 1))
        if columns == 1 {
            var x = b
            x.withUnsafeMutableBufferPointer { body($0.baseAddress!, ldb) }
            return x
        }
        var columnMajorB: [Scalar] = b.withUnsafeBufferPointer { p in
            makeArray(count: rows * columns) { t in
                transposeCopy(p.baseAddress!, rows: rows, columns: columns, sourceStride: columns, to: t, targetStride: rows)
            }
        }
        columnMajorB.withUnsafeMutableBufferPointer { body($0.baseAddress!, ldb) }
        let x: [Scalar] = columnMajorB.withUnsafeBufferPointer { p in
            makeArray(count: rows * columns) { t in
                transposeCopy(p.baseAddress!, rows: columns, columns: rows, sourceStride: rows, to: t, targetStride: columns)
            }
        }
        return Matrix(rows: rows, columns: columns, elements: x)
    }

    // MARK: - Shared checks

    /// Turns LAPACK's `info` into an error. Negative `info` (an illegal argument) cannot come
    /// from data once the checks before the call have passed; it is reported as a BLASKit bug.
    static func check(
        _ info: Int32, _ routine: String, positive: (Int) -> LinearAlgebraError, allowPositive: Bool = false
    ) throws(LinearAlgebraError) {
        if info < 0 { throw .illegalArgument(routine: routine, index: Int(-info)) }
        if info > 0 && !allowPositive { throw positive(Int(info)) }
    }

    /// Stops unless `a` is square (a programmer error; see the error policy in the docs).
    static func requireSquare<Scalar>(_ a: Matrix<Scalar>, _ routine: StaticString) {
        require(a.rows == a.columns, "\(routine): A is \(a.shape); it must be square")
    }

    /// Stops unless `b` has as many rows as the square `a`.
    static func requireRows<Scalar>(_ a: Matrix<Scalar>, _ b: Matrix<Scalar>, _ routine: StaticString) {
        require(a.rows == b.rows, "\(routine): A is \(a.shape) and B is \(b.shape); B needs \(a.rows) rows")
    }

    /// Stops unless `b` has `rows` rows (the rows of `op(A)`).
    static func requireRows<Scalar>(_ rows: Int, _ a: Matrix<Scalar>, _ b: Matrix<Scalar>, _ routine: StaticString) {
        require(
            rows == b.rows,
            "\(routine): op(A) has \(rows) rows (A is \(a.shape)) and B is \(b.shape); B needs \(rows) rows")
    }

    /// Throws ``LinearAlgebraError/nonFinite(routine:operand:row:column:value:)`` for the first
    /// NaN or infinity in `m` (in the `triangle` only, when one is given), before LAPACK sees it.
    static func requireFinite<Scalar: BLASScalar>(
        _ routine: String, _ operand: String, _ m: Matrix<Scalar>, triangle: Triangle? = nil
    ) throws(LinearAlgebraError) {
        if let (row, column, value) = firstNonFinite(m, triangle: triangle) {
            throw .nonFinite(routine: routine, operand: operand, row: row, column: column, value: "\(value)")
        }
    }

    /// B copied into the top of a `rows × nrhs` block, as gels and gelsd need for `m < n`.
    static func paddedRightHandSide<Scalar>(_ b: Matrix<Scalar>, rows: Int) -> Matrix<Scalar> {
        if b.rows == rows { return b }
        var padded = Matrix<Scalar>(rows: rows, columns: b.columns)
        for r in 0..<b.rows {
            for c in 0..<b.columns { padded[unchecked: r, c] = b[unchecked: r, c] }
        }
        return padded
    }

    static func topRows<Scalar>(_ m: Matrix<Scalar>, _ count: Int) -> Matrix<Scalar> {
        if m.rows == count { return m }
        return Matrix(rows: count, columns: m.columns, elements: Array(m.elements.prefix(count * m.columns)))
    }
}
