// The BLAS entry points on views: the same routines as on ``Matrix``, with each operand's
// leading dimension passed to CBLAS, so blocks, row ranges and column ranges are used in place.

extension BLAS {
    /// `C ← alpha · op(A) · op(B) + beta · C` (gemm) on views: `C` may be a block of a larger
    /// matrix, whose other elements are left untouched.
    ///
    /// ```swift
    /// var c = Matrix<Double>(rows: 4, columns: 4)
    /// c.withMutableView(rows: 0..<2, columns: 2..<4) { block in
    ///     a.withView { BLAS.gemm($0, .noTranspose, $0, .transposed, into: block) }   // a is 2×k
    /// }
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func gemm<Scalar: BLASScalar>(
        _ a: MatrixView<Scalar>, _ transA: Transpose, _ b: MatrixView<Scalar>, _ transB: Transpose,
        alpha: Scalar = 1, beta: Scalar = 0, into c: MutableMatrixView<Scalar>
    ) {
        let (m, ka) = transA == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transB == .noTranspose ? (b.rows, b.columns) : (b.columns, b.rows)
        require(
            ka == kb && c.rows == m && c.columns == n,
            "gemm: op(A) is \(m)×\(ka), op(B) is \(kb)×\(n), C is \(c.shape): views \(a.shape)\(transA == .noTranspose ? "" : "ᵀ") and \(b.shape)\(transB == .noTranspose ? "" : "ᵀ") do not multiply into \(c.shape)")
        if m == 0 || n == 0 { return }
        if ka == 0 {
            for r in 0..<m { scale(UnsafeMutableBufferPointer(start: c.base + r * c.leadingDimension, count: n), by: beta) }
            return
        }
        Scalar.rawGemm(
            transA.cblas, transB.cblas, blasInt(m, "m", in: "gemm"), blasInt(n, "n", in: "gemm"),
            blasInt(ka, "k", in: "gemm"), alpha, a.base, blasInt(a.leadingDimension, "lda", in: "gemm"), b.base,
            blasInt(b.leadingDimension, "ldb", in: "gemm"), beta, c.base, blasInt(c.leadingDimension, "ldc", in: "gemm"))
    }

    /// `y ← alpha · op(A) · x + beta · y` (gemv) with `A` a view (e.g. a block of rows).
    ///
    /// ```swift
    /// var y = [Double](repeating: 0, count: 2)
    /// a.withView(rows: 0..<2) { BLAS.gemv($0, .noTranspose, x, into: &y) }   // the first two rows · x
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func gemv<Scalar: BLASScalar>(
        _ a: MatrixView<Scalar>, _ trans: Transpose, _ x: [Scalar], alpha: Scalar = 1, beta: Scalar = 0,
        into y: inout [Scalar]
    ) {
        let (m, n) = trans == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        require(
            x.count == n && y.count == m,
            "gemv: op(A) is \(m)×\(n) (view \(a.shape)), x has \(x.count) elements, y has \(y.count); need x: \(n), y: \(m)")
        if m == 0 { return }
        if n == 0 {
            y.withUnsafeMutableBufferPointer { scale($0, by: beta) }
            return
        }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                Scalar.rawGemv(
                    trans.cblas, blasInt(a.rows, "m", in: "gemv"), blasInt(a.columns, "n", in: "gemv"), alpha, a.base,
                    blasInt(a.leadingDimension, "lda", in: "gemv"), px.baseAddress, 1, beta, py.baseAddress, 1)
            }
        }
    }

    /// Triangular solve in place on views (trsm): `B ← alpha · op(A)⁻¹ · B` (`.left`) or
    /// `B ← alpha · B · op(A)⁻¹` (`.right`); `B` may be a block of a larger matrix.
    ///
    /// ```swift
    /// l.withView { lv in x.withMutableView(columns: 0..<1) { BLAS.trsm(lv, triangle: .lower, $0) } }
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func trsm<Scalar: BLASScalar>(
        _ a: MatrixView<Scalar>, triangle: Triangle, transpose: Transpose = .noTranspose, diagonal: Diagonal = .nonUnit,
        side: Side = .left, alpha: Scalar = 1, _ b: MutableMatrixView<Scalar>
    ) {
        let order = side == .left ? b.rows : b.columns
        require(
            a.rows == a.columns && a.rows == order,
            "trsm: A is \(a.shape) and B is \(b.shape); A must be square with \(side == .left ? "as many rows as B has rows" : "as many columns as B has columns")")
        if b.rows == 0 || b.columns == 0 { return }
        Scalar.rawTrsm(
            side.cblas, triangle.cblas, transpose.cblas, diagonal.cblas, blasInt(b.rows, "m", in: "trsm"),
            blasInt(b.columns, "n", in: "trsm"), alpha, a.base, blasInt(a.leadingDimension, "lda", in: "trsm"), b.base,
            blasInt(b.leadingDimension, "ldb", in: "trsm"))
    }
}
