import BLASKitCBLAS
import BLASKitCLAPACKE
import RealModule

/// A floating-point type that OpenBLAS and LAPACKE have routines for: `Float` (the `s`
/// routines) and `Double` (the `d` routines).
///
/// Each requirement is a thin, `@_transparent` forward to one C routine, so generic code over
/// `Scalar: BLASScalar` specialises to a direct C call. Dimensions arrive as `Int32`; the
/// checked conversion from `Int` happens once, in ``BLAS`` and ``LAPACK``.
/// All matrices are row-major.
public protocol BLASScalar: BinaryFloatingPoint & Real & Sendable & CustomStringConvertible
where RawSignificand: FixedWidthInteger {
    // BLAS level 3
    static func cblasGemm(
        _ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ k: Int32,
        _ alpha: Self, _ a: UnsafePointer<Self>?, _ lda: Int32, _ b: UnsafePointer<Self>?, _ ldb: Int32,
        _ beta: Self, _ c: UnsafeMutablePointer<Self>?, _ ldc: Int32)
    static func cblasSyrk(
        _ uplo: CBLAS_UPLO, _ trans: CBLAS_TRANSPOSE, _ n: Int32, _ k: Int32,
        _ alpha: Self, _ a: UnsafePointer<Self>?, _ lda: Int32,
        _ beta: Self, _ c: UnsafeMutablePointer<Self>?, _ ldc: Int32)
    // BLAS level 2
    static func cblasGemv(
        _ trans: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ alpha: Self,
        _ a: UnsafePointer<Self>?, _ lda: Int32, _ x: UnsafePointer<Self>?, _ incx: Int32,
        _ beta: Self, _ y: UnsafeMutablePointer<Self>?, _ incy: Int32)
    // BLAS level 1
    static func cblasAxpy(
        _ n: Int32, _ alpha: Self, _ x: UnsafePointer<Self>?, _ incx: Int32,
        _ y: UnsafeMutablePointer<Self>?, _ incy: Int32)
    static func cblasScal(_ n: Int32, _ alpha: Self, _ x: UnsafeMutablePointer<Self>?, _ incx: Int32)
    static func cblasDot(
        _ n: Int32, _ x: UnsafePointer<Self>?, _ incx: Int32, _ y: UnsafePointer<Self>?, _ incy: Int32
    ) -> Self
    static func cblasNrm2(_ n: Int32, _ x: UnsafePointer<Self>?, _ incx: Int32) -> Self

    // LAPACKE, row-major layout is passed by the caller.
    static func lapackePotrf(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32
    ) -> Int32
    static func lapackePotrs(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ nrhs: Int32, _ a: UnsafePointer<Self>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) -> Int32
    static func lapackePosv(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Self>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) -> Int32
    static func lapackeGels(
        _ layout: Int32, _ trans: CChar, _ m: Int32, _ n: Int32, _ nrhs: Int32,
        _ a: UnsafeMutablePointer<Self>?, _ lda: Int32, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) -> Int32
    static func lapackeGelsd(
        _ layout: Int32, _ m: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Self>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32, _ s: UnsafeMutablePointer<Self>?,
        _ rcond: Self, _ rank: UnsafeMutablePointer<Int32>?
    ) -> Int32
    static func lapackeGesv(
        _ layout: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32,
        _ ipiv: UnsafeMutablePointer<Int32>?, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) -> Int32
    static func lapackeSyevd(
        _ layout: Int32, _ jobz: CChar, _ uplo: CChar, _ n: Int32, _ a: UnsafeMutablePointer<Self>?,
        _ lda: Int32, _ w: UnsafeMutablePointer<Self>?
    ) -> Int32
}

extension Float: BLASScalar {
    @_transparent public static func cblasGemm(
        _ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ k: Int32,
        _ alpha: Float, _ a: UnsafePointer<Float>?, _ lda: Int32, _ b: UnsafePointer<Float>?, _ ldb: Int32,
        _ beta: Float, _ c: UnsafeMutablePointer<Float>?, _ ldc: Int32
    ) {
        cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
    @_transparent public static func cblasSyrk(
        _ uplo: CBLAS_UPLO, _ trans: CBLAS_TRANSPOSE, _ n: Int32, _ k: Int32,
        _ alpha: Float, _ a: UnsafePointer<Float>?, _ lda: Int32,
        _ beta: Float, _ c: UnsafeMutablePointer<Float>?, _ ldc: Int32
    ) {
        cblas_ssyrk(CblasRowMajor, uplo, trans, n, k, alpha, a, lda, beta, c, ldc)
    }
    @_transparent public static func cblasGemv(
        _ trans: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ alpha: Float,
        _ a: UnsafePointer<Float>?, _ lda: Int32, _ x: UnsafePointer<Float>?, _ incx: Int32,
        _ beta: Float, _ y: UnsafeMutablePointer<Float>?, _ incy: Int32
    ) {
        cblas_sgemv(CblasRowMajor, trans, m, n, alpha, a, lda, x, incx, beta, y, incy)
    }
    @_transparent public static func cblasAxpy(
        _ n: Int32, _ alpha: Float, _ x: UnsafePointer<Float>?, _ incx: Int32,
        _ y: UnsafeMutablePointer<Float>?, _ incy: Int32
    ) {
        cblas_saxpy(n, alpha, x, incx, y, incy)
    }
    @_transparent public static func cblasScal(
        _ n: Int32, _ alpha: Float, _ x: UnsafeMutablePointer<Float>?, _ incx: Int32
    ) {
        cblas_sscal(n, alpha, x, incx)
    }
    @_transparent public static func cblasDot(
        _ n: Int32, _ x: UnsafePointer<Float>?, _ incx: Int32, _ y: UnsafePointer<Float>?, _ incy: Int32
    ) -> Float {
        cblas_sdot(n, x, incx, y, incy)
    }
    @_transparent public static func cblasNrm2(_ n: Int32, _ x: UnsafePointer<Float>?, _ incx: Int32) -> Float {
        cblas_snrm2(n, x, incx)
    }
    @_transparent public static func lapackePotrf(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ a: UnsafeMutablePointer<Float>?, _ lda: Int32
    ) -> Int32 {
        LAPACKE_spotrf(layout, uplo, n, a, lda)
    }
    @_transparent public static func lapackePotrs(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ nrhs: Int32, _ a: UnsafePointer<Float>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Float>?, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_spotrs(layout, uplo, n, nrhs, a, lda, b, ldb)
    }
    @_transparent public static func lapackePosv(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Float>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Float>?, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_sposv(layout, uplo, n, nrhs, a, lda, b, ldb)
    }
    @_transparent public static func lapackeGels(
        _ layout: Int32, _ trans: CChar, _ m: Int32, _ n: Int32, _ nrhs: Int32,
        _ a: UnsafeMutablePointer<Float>?, _ lda: Int32, _ b: UnsafeMutablePointer<Float>?, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_sgels(layout, trans, m, n, nrhs, a, lda, b, ldb)
    }
    @_transparent public static func lapackeGelsd(
        _ layout: Int32, _ m: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Float>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Float>?, _ ldb: Int32, _ s: UnsafeMutablePointer<Float>?,
        _ rcond: Float, _ rank: UnsafeMutablePointer<Int32>?
    ) -> Int32 {
        LAPACKE_sgelsd(layout, m, n, nrhs, a, lda, b, ldb, s, rcond, rank)
    }
    @_transparent public static func lapackeGesv(
        _ layout: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Float>?, _ lda: Int32,
        _ ipiv: UnsafeMutablePointer<Int32>?, _ b: UnsafeMutablePointer<Float>?, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_sgesv(layout, n, nrhs, a, lda, ipiv, b, ldb)
    }
    @_transparent public static func lapackeSyevd(
        _ layout: Int32, _ jobz: CChar, _ uplo: CChar, _ n: Int32, _ a: UnsafeMutablePointer<Float>?,
        _ lda: Int32, _ w: UnsafeMutablePointer<Float>?
    ) -> Int32 {
        LAPACKE_ssyevd(layout, jobz, uplo, n, a, lda, w)
    }
}
extension Double: BLASScalar {
    @_transparent public static func cblasGemm(
        _ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ k: Int32,
        _ alpha: Double, _ a: UnsafePointer<Double>?, _ lda: Int32, _ b: UnsafePointer<Double>?, _ ldb: Int32,
        _ beta: Double, _ c: UnsafeMutablePointer<Double>?, _ ldc: Int32
    ) {
        cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
    }
    @_transparent public static func cblasSyrk(
        _ uplo: CBLAS_UPLO, _ trans: CBLAS_TRANSPOSE, _ n: Int32, _ k: Int32,
        _ alpha: Double, _ a: UnsafePointer<Double>?, _ lda: Int32,
        _ beta: Double, _ c: UnsafeMutablePointer<Double>?, _ ldc: Int32
    ) {
        cblas_dsyrk(CblasRowMajor, uplo, trans, n, k, alpha, a, lda, beta, c, ldc)
    }
    @_transparent public static func cblasGemv(
        _ trans: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ alpha: Double,
        _ a: UnsafePointer<Double>?, _ lda: Int32, _ x: UnsafePointer<Double>?, _ incx: Int32,
        _ beta: Double, _ y: UnsafeMutablePointer<Double>?, _ incy: Int32
    ) {
        cblas_dgemv(CblasRowMajor, trans, m, n, alpha, a, lda, x, incx, beta, y, incy)
    }
    @_transparent public static func cblasAxpy(
        _ n: Int32, _ alpha: Double, _ x: UnsafePointer<Double>?, _ incx: Int32,
        _ y: UnsafeMutablePointer<Double>?, _ incy: Int32
    ) {
        cblas_daxpy(n, alpha, x, incx, y, incy)
    }
    @_transparent public static func cblasScal(
        _ n: Int32, _ alpha: Double, _ x: UnsafeMutablePointer<Double>?, _ incx: Int32
    ) {
        cblas_dscal(n, alpha, x, incx)
    }
    @_transparent public static func cblasDot(
        _ n: Int32, _ x: UnsafePointer<Double>?, _ incx: Int32, _ y: UnsafePointer<Double>?, _ incy: Int32
    ) -> Double {
        cblas_ddot(n, x, incx, y, incy)
    }
    @_transparent public static func cblasNrm2(_ n: Int32, _ x: UnsafePointer<Double>?, _ incx: Int32) -> Double {
        cblas_dnrm2(n, x, incx)
    }
    @_transparent public static func lapackePotrf(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ a: UnsafeMutablePointer<Double>?, _ lda: Int32
    ) -> Int32 {
        LAPACKE_dpotrf(layout, uplo, n, a, lda)
    }
    @_transparent public static func lapackePotrs(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ nrhs: Int32, _ a: UnsafePointer<Double>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Double>?, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_dpotrs(layout, uplo, n, nrhs, a, lda, b, ldb)
    }
    @_transparent public static func lapackePosv(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Double>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Double>?, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_dposv(layout, uplo, n, nrhs, a, lda, b, ldb)
    }
    @_transparent public static func lapackeGels(
        _ layout: Int32, _ trans: CChar, _ m: Int32, _ n: Int32, _ nrhs: Int32,
        _ a: UnsafeMutablePointer<Double>?, _ lda: Int32, _ b: UnsafeMutablePointer<Double>?, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_dgels(layout, trans, m, n, nrhs, a, lda, b, ldb)
    }
    @_transparent public static func lapackeGelsd(
        _ layout: Int32, _ m: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Double>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Double>?, _ ldb: Int32, _ s: UnsafeMutablePointer<Double>?,
        _ rcond: Double, _ rank: UnsafeMutablePointer<Int32>?
    ) -> Int32 {
        LAPACKE_dgelsd(layout, m, n, nrhs, a, lda, b, ldb, s, rcond, rank)
    }
    @_transparent public static func lapackeGesv(
        _ layout: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Double>?, _ lda: Int32,
        _ ipiv: UnsafeMutablePointer<Int32>?, _ b: UnsafeMutablePointer<Double>?, _ ldb: Int32
    ) -> Int32 {
        LAPACKE_dgesv(layout, n, nrhs, a, lda, ipiv, b, ldb)
    }
    @_transparent public static func lapackeSyevd(
        _ layout: Int32, _ jobz: CChar, _ uplo: CChar, _ n: Int32, _ a: UnsafeMutablePointer<Double>?,
        _ lda: Int32, _ w: UnsafeMutablePointer<Double>?
    ) -> Int32 {
        LAPACKE_dsyevd(layout, jobz, uplo, n, a, lda, w)
    }
}
