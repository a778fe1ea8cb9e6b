internal import BLASKitCBLAS

/// Which side of the product a triangular or symmetric operand stands on.
public enum Side: Sendable {
    /// `op(A) · B`: A multiplies from the left.
    case left
    /// `B · op(A)`: A multiplies from the right.
    case right

    var cblas: CBLAS_SIDE { self == .left ? CblasLeft : CblasRight }
}

/// Whether a triangular matrix has an implicit unit diagonal.
public enum Diagonal: Sendable {
    /// The stored diagonal is used.
    case nonUnit
    /// The diagonal is taken to be all ones and never read.
    case unit

    var cblas: CBLAS_DIAG { self == .unit ? CblasUnit : CblasNonUnit }
}

extension BLAS {
    // MARK: - Level 3

    /// Solves a triangular system with many right-hand sides in place (trsm):
    /// `B ← alpha · op(A)⁻¹ · B` for `side: .left`, `B ← alpha · B · op(A)⁻¹` for `.right`.
    ///
    /// Only the `triangle` of the square `A` is read. No singularity test is made (BLAS
    /// semantics): a zero on the diagonal gives infinities; ``LAPACK/solveTriangular(_:_:triangle:transpose:diagonal:)``
    /// checks first and throws.
    ///
    /// ```swift
    /// let l = Matrix<Double>([[2, 0], [1, 4]])
    /// var b = Matrix<Double>([[2], [9]])
    /// BLAS.trsm(l, triangle: .lower, &b)   // b = [[1], [2]]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func trsm<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle, transpose: Transpose = .noTranspose, diagonal: Diagonal = .nonUnit,
        side: Side = .left, alpha: Scalar = 1, _ b: inout Matrix<Scalar>
    ) {
        let order = side == .left ? b.rows : b.columns
        require(
            a.rows == a.columns && a.rows == order,
            "trsm: A is \(a.shape) and B is \(b.shape); A must be square with \(side == .left ? "as many rows as B has rows" : "as many columns as B has columns")")
        if b.isEmpty { return }
        let m = blasInt(b.rows, "m", in: "trsm"), n = blasInt(b.columns, "n", in: "trsm")
        let lda = blasInt(a.columns, "lda", in: "trsm")
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                Scalar.rawTrsm(
                    side.cblas, triangle.cblas, transpose.cblas, diagonal.cblas, m, n, alpha, pa.baseAddress, lda,
                    pb.baseAddress, n)
            }
        }
    }

    /// Triangular matrix product in place (trmm): `B ← alpha · op(A) · B` (`.left`) or
    /// `B ← alpha · B · op(A)` (`.right`). Only the `triangle` of the square `A` is read.
    ///
    /// ```swift
    /// let u = Matrix<Double>([[1, 2], [0, 3]])
    /// var b = Matrix<Double>.identity(2)
    /// BLAS.trmm(u, triangle: .upper, &b)   // b == u
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func trmm<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle, transpose: Transpose = .noTranspose, diagonal: Diagonal = .nonUnit,
        side: Side = .left, alpha: Scalar = 1, _ b: inout Matrix<Scalar>
    ) {
        let order = side == .left ? b.rows : b.columns
        require(
            a.rows == a.columns && a.rows == order,
            "trmm: A is \(a.shape) and B is \(b.shape); A must be square with \(side == .left ? "as many rows as B has rows" : "as many columns as B has columns")")
        if b.isEmpty { return }
        let m = blasInt(b.rows, "m", in: "trmm"), n = blasInt(b.columns, "n", in: "trmm")
        let lda = blasInt(a.columns, "lda", in: "trmm")
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeMutableBufferPointer { pb in
                Scalar.rawTrmm(
                    side.cblas, triangle.cblas, transpose.cblas, diagonal.cblas, m, n, alpha, pa.baseAddress, lda,
                    pb.baseAddress, n)
            }
        }
    }

    /// Symmetric matrix product (symm): `C ← alpha · A · B + beta · C` (`.left`) or
    /// `C ← alpha · B · A + beta · C` (`.right`), reading only the `triangle` of the symmetric `A`.
    ///
    /// ```swift
    /// let s = Matrix<Double>([[2, 1], [1, 2]])
    /// var c = Matrix<Double>(rows: 2, columns: 1)
    /// BLAS.symm(s, triangle: .lower, Matrix(column: [1, 1]), into: &c)   // c = [[3], [3]]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func symm<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle, _ b: Matrix<Scalar>, side: Side = .left,
        alpha: Scalar = 1, beta: Scalar = 0, into c: inout Matrix<Scalar>
    ) {
        let order = side == .left ? b.rows : b.columns
        require(
            a.rows == a.columns && a.rows == order && c.rows == b.rows && c.columns == b.columns,
            "symm: A is \(a.shape), B is \(b.shape), C is \(c.shape); need A square of order \(order) (\(side == .left ? "B's rows" : "B's columns")) and C shaped like B")
        if c.isEmpty { return }
        let m = blasInt(c.rows, "m", in: "symm"), n = blasInt(c.columns, "n", in: "symm")
        let lda = blasInt(a.columns, "lda", in: "symm")
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Scalar.rawSymm(
                        side.cblas, triangle.cblas, m, n, alpha, pa.baseAddress, lda, pb.baseAddress, n, beta,
                        pc.baseAddress, n)
                }
            }
        }
    }

    // MARK: - Level 2

    /// Rank-one update `A ← alpha · x · yᵀ + A` (ger); `A` is `x.count × y.count`.
    ///
    /// ```swift
    /// var a = Matrix<Double>(rows: 2, columns: 2)
    /// BLAS.ger([1, 2], [3, 4], into: &a)   // a = [[3, 4], [6, 8]]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func ger<Scalar: BLASScalar>(
        _ x: [Scalar], _ y: [Scalar], alpha: Scalar = 1, into a: inout Matrix<Scalar>
    ) {
        require(
            a.rows == x.count && a.columns == y.count,
            "ger: x has \(x.count) elements and y has \(y.count), so A must be \(x.count)×\(y.count), but A is \(a.shape)")
        if a.isEmpty { return }
        let m = blasInt(a.rows, "m", in: "ger"), n = blasInt(a.columns, "n", in: "ger")
        x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in
                a.withUnsafeMutableBufferPointer { pa in
                    Scalar.rawGer(m, n, alpha, px.baseAddress, 1, py.baseAddress, 1, pa.baseAddress, n)
                }
            }
        }
    }

    /// Symmetric matrix–vector product `y ← alpha · A · x + beta · y` (symv), reading only the
    /// `triangle` of `A`.
    ///
    /// ```swift
    /// var y = [Double](repeating: 0, count: 2)
    /// BLAS.symv(Matrix([[2, 1], [1, 2]]), triangle: .upper, [1, 0], into: &y)   // y = [2, 1]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func symv<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle, _ x: [Scalar], alpha: Scalar = 1, beta: Scalar = 0,
        into y: inout [Scalar]
    ) {
        require(
            a.rows == a.columns && x.count == a.rows && y.count == a.rows,
            "symv: A is \(a.shape), x has \(x.count) elements, y has \(y.count); need A square and x, y of length \(a.rows)")
        if a.rows == 0 { return }
        let n = blasInt(a.rows, "n", in: "symv")
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    Scalar.rawSymv(triangle.cblas, n, alpha, pa.baseAddress, n, px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// Triangular solve with one right-hand side in place (trsv): `x ← op(A)⁻¹ · x`.
    /// No singularity test (see ``trsm(_:triangle:transpose:diagonal:side:alpha:_:)-(Matrix<Scalar>,_,_,_,_,_,_)``).
    ///
    /// ```swift
    /// var x: [Double] = [2, 9]
    /// BLAS.trsv(Matrix([[2, 0], [1, 4]]), triangle: .lower, &x)   // x = [1, 2]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func trsv<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle, transpose: Transpose = .noTranspose, diagonal: Diagonal = .nonUnit,
        _ x: inout [Scalar]
    ) {
        require(
            a.rows == a.columns && x.count == a.rows,
            "trsv: A is \(a.shape) and x has \(x.count) elements; need A square of order \(x.count)")
        if a.rows == 0 { return }
        let n = blasInt(a.rows, "n", in: "trsv")
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { px in
                Scalar.rawTrsv(triangle.cblas, transpose.cblas, diagonal.cblas, n, pa.baseAddress, n, px.baseAddress, 1)
            }
        }
    }

    // MARK: - Level 1

    /// The sum of magnitudes `Σ |xᵢ|` (asum).
    ///
    /// ```swift
    /// BLAS.asum([1.0, -2, 3])   // 6
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func asum<Scalar: BLASScalar>(_ x: [Scalar]) -> Scalar {
        let n = blasInt(x.count, "n", in: "asum")
        if n == 0 { return 0 }
        return x.withUnsafeBufferPointer { Scalar.rawAsum(n, $0.baseAddress, 1) }
    }

    /// The 0-based index of the first element of largest magnitude (iamax), or `nil` for an
    /// empty vector.
    ///
    /// ```swift
    /// BLAS.iamax([1.0, -5, 3])   // 1
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func iamax<Scalar: BLASScalar>(_ x: [Scalar]) -> Int? {
        let n = blasInt(x.count, "n", in: "iamax")
        if n == 0 { return nil }
        return x.withUnsafeBufferPointer { Scalar.rawIamax(n, $0.baseAddress, 1) }
    }

    /// Copies `x` into `y` element by element (copy); both must have the same length.
    ///
    /// ```swift
    /// var y = [Double](repeating: 0, count: 3)
    /// BLAS.copy([1, 2, 3], into: &y)
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func copy<Scalar: BLASScalar>(_ x: [Scalar], into y: inout [Scalar]) {
        require(x.count == y.count, "copy: x has \(x.count) elements, y has \(y.count)")
        let n = blasInt(x.count, "n", in: "copy")
        if n == 0 { return }
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in Scalar.rawCopy(n, px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    /// Exchanges the contents of `x` and `y` element by element (swap); same length required.
    ///
    /// ```swift
    /// var x: [Double] = [1, 2], y: [Double] = [3, 4]
    /// BLAS.swap(&x, &y)   // x = [3, 4], y = [1, 2]
    /// ```
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func swap<Scalar: BLASScalar>(_ x: inout [Scalar], _ y: inout [Scalar]) {
        require(x.count == y.count, "swap: x has \(x.count) elements, y has \(y.count)")
        let n = blasInt(x.count, "n", in: "swap")
        if n == 0 { return }
        x.withUnsafeMutableBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in Scalar.rawSwap(n, px.baseAddress, 1, py.baseAddress, 1) }
        }
    }
}
