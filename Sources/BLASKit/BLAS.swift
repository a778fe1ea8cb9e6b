package import BLASKitCBLAS

/// Whether a BLAS operand is used as stored or transposed.
///
/// ```swift
/// var c = Matrix<Double>(rows: 2, columns: 2)
/// BLAS.gemm(a, .transposed, a, .noTranspose, into: &c)   // c = Aᵀ·A
/// ```
///
/// (Before 0.1.0 the first case was `.none`, which shadowed `Optional.none`.)
public enum Transpose: Sendable {
    /// The operand as stored, `op(A) = A` (CBLAS `CblasNoTrans`, LAPACK `'N'`).
    case noTranspose
    /// The transpose, `op(A) = Aᵀ` (CBLAS `CblasTrans`, LAPACK `'T'`).
    case transposed

    package var cblas: CBLAS_TRANSPOSE { self == .noTranspose ? CblasNoTrans : CblasTrans }
    package var lapack: CChar { CChar(UInt8(ascii: self == .noTranspose ? "N" : "T")) }
}

/// Which triangle of a symmetric or triangular matrix is referenced or written.
///
/// ```swift
/// let l = try LAPACK.choleskyFactor(spd, triangle: .lower)   // spd = L·Lᵀ
/// ```
public enum Triangle: Sendable {
    /// The upper triangle, `i ≤ j`.
    case upper
    /// The lower triangle, `i ≥ j`.
    case lower

    package var cblas: CBLAS_UPLO { self == .upper ? CblasUpper : CblasLower }
    package var lapack: CChar { self == .upper ? CChar(UInt8(ascii: "U")) : CChar(UInt8(ascii: "L")) }
}

/// Typed, shape-checked entry points to the BLAS routines, on ``Matrix`` operands and on
/// plain arrays for the vector routines. Everything is row-major.
public enum BLAS {
    /// General matrix product `C ← alpha · op(A) · op(B) + beta · C` (gemm).
    ///
    /// `op(A)` is `m × k`, `op(B)` is `k × n` and `C` must already be `m × n`. Allocates nothing.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func gemm<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ transA: Transpose = .noTranspose,
        _ b: Matrix<Scalar>, _ transB: Transpose = .noTranspose,
        alpha: Scalar = 1, beta: Scalar = 0, into c: inout Matrix<Scalar>
    ) {
        let (m, ka) = transA == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        let (kb, n) = transB == .noTranspose ? (b.rows, b.columns) : (b.columns, b.rows)
        require(
            ka == kb && c.rows == m && c.columns == n,
            "gemm: op(A) is \(m)×\(ka), op(B) is \(kb)×\(n), C is \(c.shape): shapes \(a.shape)\(transA == .noTranspose ? "" : "ᵀ") and \(b.shape)\(transB == .noTranspose ? "" : "ᵀ") do not multiply into \(c.shape)")
        if m == 0 || n == 0 { return }
        if ka == 0 {
            // BLAS leaves C untouched for k = 0 only when beta = 1; make the result exact.
            c.withUnsafeMutableBufferPointer { scale($0, by: beta) }
            return
        }
        let m32 = blasInt(m, "m", in: "gemm"), n32 = blasInt(n, "n", in: "gemm")
        let k32 = blasInt(ka, "k", in: "gemm")
        let lda = blasInt(max(a.columns, 1), "lda", in: "gemm")
        let ldb = blasInt(max(b.columns, 1), "ldb", in: "gemm")
        let ldc = blasInt(max(c.columns, 1), "ldc", in: "gemm")
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Scalar.rawGemm(
                        transA.cblas, transB.cblas, m32, n32, k32, alpha, pa.baseAddress, lda,
                        pb.baseAddress, ldb, beta, pc.baseAddress, ldc)
                }
            }
        }
    }

    /// Symmetric rank-k update `C ← alpha · A·Aᵀ + beta · C` (trans = .noTranspose, A is `n × k`) or
    /// `C ← alpha · Aᵀ·A + beta · C` (trans = .transposed, A is `k × n`) (syrk).
    ///
    /// Only the `triangle` of `C` is written; ``Matrix/symmetrize(from:)`` fills the other.
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func syrk<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ trans: Transpose = .noTranspose, alpha: Scalar = 1, beta: Scalar = 0,
        triangle: Triangle = .upper, into c: inout Matrix<Scalar>
    ) {
        let (n, k) = trans == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        require(
            c.rows == n && c.columns == n,
            "syrk: A\(trans == .noTranspose ? "·Aᵀ" : "ᵀ·A") of A = \(a.shape) is \(n)×\(n), but C is \(c.shape)")
        if n == 0 { return }
        if k == 0 {
            c.withUnsafeMutableBufferPointer { scale($0, by: beta) }
            return
        }
        let n32 = blasInt(n, "n", in: "syrk"), k32 = blasInt(k, "k", in: "syrk")
        let lda = blasInt(max(a.columns, 1), "lda", in: "syrk")
        a.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                Scalar.rawSyrk(
                    triangle.cblas, trans.cblas, n32, k32, alpha, pa.baseAddress, lda, beta, pc.baseAddress, n32)
            }
        }
    }

    /// Matrix–vector product `y ← alpha · op(A) · x + beta · y` (gemv).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func gemv<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ trans: Transpose = .noTranspose, _ x: [Scalar],
        alpha: Scalar = 1, beta: Scalar = 0, into y: inout [Scalar]
    ) {
        let (m, n) = trans == .noTranspose ? (a.rows, a.columns) : (a.columns, a.rows)
        require(
            x.count == n && y.count == m,
            "gemv: op(A) is \(m)×\(n) (A = \(a.shape)), x has \(x.count) elements, y has \(y.count); need x: \(n), y: \(m)")
        if m == 0 { return }
        if n == 0 {
            // As in gemm: beta = 0 must give exact zeros even where y holds NaN or infinity.
            y.withUnsafeMutableBufferPointer { scale($0, by: beta) }
            return
        }
        let rows32 = blasInt(a.rows, "m", in: "gemv"), cols32 = blasInt(a.columns, "n", in: "gemv")
        a.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    Scalar.rawGemv(
                        trans.cblas, rows32, cols32, alpha, pa.baseAddress, max(cols32, 1),
                        px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// `y ← alpha · x + y` (axpy).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func axpy<Scalar: BLASScalar>(_ alpha: Scalar, _ x: [Scalar], _ y: inout [Scalar]) {
        require(x.count == y.count, "axpy: x has \(x.count) elements, y has \(y.count)")
        let n = blasInt(x.count, "n", in: "axpy")
        x.withUnsafeBufferPointer { px in
            y.withUnsafeMutableBufferPointer { py in
                Scalar.rawAxpy(n, alpha, px.baseAddress, 1, py.baseAddress, 1)
            }
        }
    }

    /// `x ← alpha · x` (scal).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func scal<Scalar: BLASScalar>(_ alpha: Scalar, _ x: inout [Scalar]) {
        let n = blasInt(x.count, "n", in: "scal")
        if n == 0 { return }
        x.withUnsafeMutableBufferPointer { px in Scalar.rawScal(n, alpha, px.baseAddress, 1) }
    }

    /// Inner product `xᵀy` (dot).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func dot<Scalar: BLASScalar>(_ x: [Scalar], _ y: [Scalar]) -> Scalar {
        require(x.count == y.count, "dot: x has \(x.count) elements, y has \(y.count)")
        let n = blasInt(x.count, "n", in: "dot")
        return x.withUnsafeBufferPointer { px in
            y.withUnsafeBufferPointer { py in Scalar.rawDot(n, px.baseAddress, 1, py.baseAddress, 1) }
        }
    }

    /// Euclidean norm `‖x‖₂`, computed without overflow (nrm2).
    @_specialize(exported: true, where Scalar == Float)
    @_specialize(exported: true, where Scalar == Double)
    public static func nrm2<Scalar: BLASScalar>(_ x: [Scalar]) -> Scalar {
        let n = blasInt(x.count, "n", in: "nrm2")
        return x.withUnsafeBufferPointer { px in Scalar.rawNrm2(n, px.baseAddress, 1) }
    }

    /// `c ← beta · c` for the empty products (k = 0) of gemm, syrk and gemv, with beta = 0
    /// writing exact zeros (BLAS semantics: the old contents, even NaN, are not read).
    static func scale<Scalar: BLASScalar>(_ c: UnsafeMutableBufferPointer<Scalar>, by beta: Scalar) {
        if beta == 1 { return }
        for i in c.indices { c[i] = beta == 0 ? 0 : beta * c[i] }
    }
}
