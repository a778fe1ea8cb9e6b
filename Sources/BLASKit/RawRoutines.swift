package import BLASKitCBLAS
internal import BLASKitCLAPACKE

// The C routines behind the typed entry points, dispatched on the scalar type.
//
// These are `package`: visible to the other modules of this package, never to a consumer. Each
// forwards to the `s` routine for `Float` and the `d` routine for `Double`; the type test folds
// away once the caller is specialised. Pointers are reinterpreted, not converted: `Self` is
// exactly `Float` or `Double` there (any other conforming type stops with a message).

@inline(__always) private func dp<S>(_ p: UnsafePointer<S>?) -> UnsafePointer<Double>? {
    UnsafeRawPointer(p)?.assumingMemoryBound(to: Double.self)
}
@inline(__always) private func dm<S>(_ p: UnsafeMutablePointer<S>?) -> UnsafeMutablePointer<Double>? {
    UnsafeMutableRawPointer(p)?.assumingMemoryBound(to: Double.self)
}
@inline(__always) private func fp<S>(_ p: UnsafePointer<S>?) -> UnsafePointer<Float>? {
    UnsafeRawPointer(p)?.assumingMemoryBound(to: Float.self)
}
@inline(__always) private func fm<S>(_ p: UnsafeMutablePointer<S>?) -> UnsafeMutablePointer<Float>? {
    UnsafeMutableRawPointer(p)?.assumingMemoryBound(to: Float.self)
}

extension BLASScalar {
    /// `true` for `Double`, `false` for `Float`; stops for any other conforming type.
    @inline(__always) package static var isDouble: Bool {
        if Self.self == Double.self { return true }
        if Self.self == Float.self { return false }
        stop("BLASKit supports Float and Double only; \(Self.self) has no BLAS/LAPACK routines")
    }
    @inline(__always) private var d: Double { unsafeBitCast(self, to: Double.self) }
    @inline(__always) private var f: Float { unsafeBitCast(self, to: Float.self) }
    @inline(__always) private static func from(_ v: Double) -> Self { unsafeBitCast(v, to: Self.self) }
    @inline(__always) private static func from(_ v: Float) -> Self { unsafeBitCast(v, to: Self.self) }

    // MARK: BLAS level 3 (row-major)

    package static func rawTrsm(
        _ side: CBLAS_SIDE, _ uplo: CBLAS_UPLO, _ trans: CBLAS_TRANSPOSE, _ diag: CBLAS_DIAG,
        _ m: Int32, _ n: Int32, _ alpha: Self, _ a: UnsafePointer<Self>?, _ lda: Int32,
        _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) {
        if isDouble {
            cblas_dtrsm(CblasRowMajor, side, uplo, trans, diag, m, n, alpha.d, dp(a), lda, dm(b), ldb)
        } else {
            cblas_strsm(CblasRowMajor, side, uplo, trans, diag, m, n, alpha.f, fp(a), lda, fm(b), ldb)
        }
    }

    package static func rawTrmm(
        _ side: CBLAS_SIDE, _ uplo: CBLAS_UPLO, _ trans: CBLAS_TRANSPOSE, _ diag: CBLAS_DIAG,
        _ m: Int32, _ n: Int32, _ alpha: Self, _ a: UnsafePointer<Self>?, _ lda: Int32,
        _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) {
        if isDouble {
            cblas_dtrmm(CblasRowMajor, side, uplo, trans, diag, m, n, alpha.d, dp(a), lda, dm(b), ldb)
        } else {
            cblas_strmm(CblasRowMajor, side, uplo, trans, diag, m, n, alpha.f, fp(a), lda, fm(b), ldb)
        }
    }

    package static func rawSymm(
        _ side: CBLAS_SIDE, _ uplo: CBLAS_UPLO, _ m: Int32, _ n: Int32, _ alpha: Self,
        _ a: UnsafePointer<Self>?, _ lda: Int32, _ b: UnsafePointer<Self>?, _ ldb: Int32,
        _ beta: Self, _ c: UnsafeMutablePointer<Self>?, _ ldc: Int32
    ) {
        if isDouble {
            cblas_dsymm(CblasRowMajor, side, uplo, m, n, alpha.d, dp(a), lda, dp(b), ldb, beta.d, dm(c), ldc)
        } else {
            cblas_ssymm(CblasRowMajor, side, uplo, m, n, alpha.f, fp(a), lda, fp(b), ldb, beta.f, fm(c), ldc)
        }
    }

    // MARK: BLAS level 2 (row-major)

    package static func rawGer(
        _ m: Int32, _ n: Int32, _ alpha: Self, _ x: UnsafePointer<Self>?, _ incx: Int32,
        _ y: UnsafePointer<Self>?, _ incy: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32
    ) {
        if isDouble {
            cblas_dger(CblasRowMajor, m, n, alpha.d, dp(x), incx, dp(y), incy, dm(a), lda)
        } else {
            cblas_sger(CblasRowMajor, m, n, alpha.f, fp(x), incx, fp(y), incy, fm(a), lda)
        }
    }

    package static func rawSymv(
        _ uplo: CBLAS_UPLO, _ n: Int32, _ alpha: Self, _ a: UnsafePointer<Self>?, _ lda: Int32,
        _ x: UnsafePointer<Self>?, _ incx: Int32, _ beta: Self, _ y: UnsafeMutablePointer<Self>?, _ incy: Int32
    ) {
        if isDouble {
            cblas_dsymv(CblasRowMajor, uplo, n, alpha.d, dp(a), lda, dp(x), incx, beta.d, dm(y), incy)
        } else {
            cblas_ssymv(CblasRowMajor, uplo, n, alpha.f, fp(a), lda, fp(x), incx, beta.f, fm(y), incy)
        }
    }

    package static func rawTrsv(
        _ uplo: CBLAS_UPLO, _ trans: CBLAS_TRANSPOSE, _ diag: CBLAS_DIAG, _ n: Int32,
        _ a: UnsafePointer<Self>?, _ lda: Int32, _ x: UnsafeMutablePointer<Self>?, _ incx: Int32
    ) {
        if isDouble {
            cblas_dtrsv(CblasRowMajor, uplo, trans, diag, n, dp(a), lda, dm(x), incx)
        } else {
            cblas_strsv(CblasRowMajor, uplo, trans, diag, n, fp(a), lda, fm(x), incx)
        }
    }

    // MARK: BLAS level 1

    package static func rawAsum(_ n: Int32, _ x: UnsafePointer<Self>?, _ incx: Int32) -> Self {
        isDouble ? from(cblas_dasum(n, dp(x), incx)) : from(cblas_sasum(n, fp(x), incx))
    }

    /// 0-based index of the first element of largest magnitude.
    package static func rawIamax(_ n: Int32, _ x: UnsafePointer<Self>?, _ incx: Int32) -> Int {
        Int(isDouble ? cblas_idamax(n, dp(x), incx) : cblas_isamax(n, fp(x), incx))
    }

    package static func rawCopy(
        _ n: Int32, _ x: UnsafePointer<Self>?, _ incx: Int32, _ y: UnsafeMutablePointer<Self>?, _ incy: Int32
    ) {
        if isDouble { cblas_dcopy(n, dp(x), incx, dm(y), incy) } else { cblas_scopy(n, fp(x), incx, fm(y), incy) }
    }

    package static func rawSwap(
        _ n: Int32, _ x: UnsafeMutablePointer<Self>?, _ incx: Int32, _ y: UnsafeMutablePointer<Self>?, _ incy: Int32
    ) {
        if isDouble { cblas_dswap(n, dm(x), incx, dm(y), incy) } else { cblas_sswap(n, fm(x), incx, fm(y), incy) }
    }

    // MARK: LAPACKE (the layout is passed by the caller)

    package static func rawGetrf(
        _ layout: Int32, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32,
        _ ipiv: UnsafeMutablePointer<Int32>?
    ) -> Int32 {
        isDouble ? LAPACKE_dgetrf(layout, m, n, dm(a), lda, ipiv) : LAPACKE_sgetrf(layout, m, n, fm(a), lda, ipiv)
    }

    package static func rawGetrs(
        _ layout: Int32, _ trans: CChar, _ n: Int32, _ nrhs: Int32, _ a: UnsafePointer<Self>?, _ lda: Int32,
        _ ipiv: UnsafePointer<Int32>?, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) -> Int32 {
        isDouble
            ? LAPACKE_dgetrs(layout, trans, n, nrhs, dp(a), lda, ipiv, dm(b), ldb)
            : LAPACKE_sgetrs(layout, trans, n, nrhs, fp(a), lda, ipiv, fm(b), ldb)
    }

    package static func rawGetri(
        _ layout: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32, _ ipiv: UnsafePointer<Int32>?
    ) -> Int32 {
        isDouble ? LAPACKE_dgetri(layout, n, dm(a), lda, ipiv) : LAPACKE_sgetri(layout, n, fm(a), lda, ipiv)
    }

    package static func rawGecon(
        _ layout: Int32, _ norm: CChar, _ n: Int32, _ a: UnsafePointer<Self>?, _ lda: Int32, _ anorm: Self,
        _ rcond: UnsafeMutablePointer<Self>?
    ) -> Int32 {
        isDouble
            ? LAPACKE_dgecon(layout, norm, n, dp(a), lda, anorm.d, dm(rcond))
            : LAPACKE_sgecon(layout, norm, n, fp(a), lda, anorm.f, fm(rcond))
    }

    package static func rawPocon(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ a: UnsafePointer<Self>?, _ lda: Int32, _ anorm: Self,
        _ rcond: UnsafeMutablePointer<Self>?
    ) -> Int32 {
        isDouble
            ? LAPACKE_dpocon(layout, uplo, n, dp(a), lda, anorm.d, dm(rcond))
            : LAPACKE_spocon(layout, uplo, n, fp(a), lda, anorm.f, fm(rcond))
    }

    package static func rawLange(
        _ layout: Int32, _ norm: CChar, _ m: Int32, _ n: Int32, _ a: UnsafePointer<Self>?, _ lda: Int32
    ) -> Self {
        isDouble
            ? from(LAPACKE_dlange(layout, norm, m, n, dp(a), lda))
            : from(LAPACKE_slange(layout, norm, m, n, fp(a), lda))
    }

    package static func rawLansy(
        _ layout: Int32, _ norm: CChar, _ uplo: CChar, _ n: Int32, _ a: UnsafePointer<Self>?, _ lda: Int32
    ) -> Self {
        isDouble
            ? from(LAPACKE_dlansy(layout, norm, uplo, n, dp(a), lda))
            : from(LAPACKE_slansy(layout, norm, uplo, n, fp(a), lda))
    }

    package static func rawGelqf(
        _ layout: Int32, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32,
        _ tau: UnsafeMutablePointer<Self>?
    ) -> Int32 {
        isDouble ? LAPACKE_dgelqf(layout, m, n, dm(a), lda, dm(tau)) : LAPACKE_sgelqf(layout, m, n, fm(a), lda, fm(tau))
    }

    package static func rawOrglq(
        _ layout: Int32, _ m: Int32, _ n: Int32, _ k: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32,
        _ tau: UnsafePointer<Self>?
    ) -> Int32 {
        isDouble
            ? LAPACKE_dorglq(layout, m, n, k, dm(a), lda, dp(tau))
            : LAPACKE_sorglq(layout, m, n, k, fm(a), lda, fp(tau))
    }

    package static func rawGeqrf(
        _ layout: Int32, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32,
        _ tau: UnsafeMutablePointer<Self>?
    ) -> Int32 {
        isDouble ? LAPACKE_dgeqrf(layout, m, n, dm(a), lda, dm(tau)) : LAPACKE_sgeqrf(layout, m, n, fm(a), lda, fm(tau))
    }

    package static func rawOrgqr(
        _ layout: Int32, _ m: Int32, _ n: Int32, _ k: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32,
        _ tau: UnsafePointer<Self>?
    ) -> Int32 {
        isDouble
            ? LAPACKE_dorgqr(layout, m, n, k, dm(a), lda, dp(tau))
            : LAPACKE_sorgqr(layout, m, n, k, fm(a), lda, fp(tau))
    }

    package static func rawGesdd(
        _ layout: Int32, _ jobz: CChar, _ m: Int32, _ n: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32,
        _ s: UnsafeMutablePointer<Self>?, _ u: UnsafeMutablePointer<Self>?, _ ldu: Int32,
        _ vt: UnsafeMutablePointer<Self>?, _ ldvt: Int32
    ) -> Int32 {
        isDouble
            ? LAPACKE_dgesdd(layout, jobz, m, n, dm(a), lda, dm(s), dm(u), ldu, dm(vt), ldvt)
            : LAPACKE_sgesdd(layout, jobz, m, n, fm(a), lda, fm(s), fm(u), ldu, fm(vt), ldvt)
    }

    package static func rawGeev(
        _ layout: Int32, _ jobvl: CChar, _ jobvr: CChar, _ n: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32,
        _ wr: UnsafeMutablePointer<Self>?, _ wi: UnsafeMutablePointer<Self>?,
        _ vl: UnsafeMutablePointer<Self>?, _ ldvl: Int32, _ vr: UnsafeMutablePointer<Self>?, _ ldvr: Int32
    ) -> Int32 {
        isDouble
            ? LAPACKE_dgeev(layout, jobvl, jobvr, n, dm(a), lda, dm(wr), dm(wi), dm(vl), ldvl, dm(vr), ldvr)
            : LAPACKE_sgeev(layout, jobvl, jobvr, n, fm(a), lda, fm(wr), fm(wi), fm(vl), ldvl, fm(vr), ldvr)
    }
}

// MARK: - The routines that were BLASScalar requirements before 0.1.0

extension BLASScalar {
    package static func rawGemm(
        _ transA: CBLAS_TRANSPOSE, _ transB: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ k: Int32,
        _ alpha: Self, _ a: UnsafePointer<Self>?, _ lda: Int32, _ b: UnsafePointer<Self>?, _ ldb: Int32,
        _ beta: Self, _ c: UnsafeMutablePointer<Self>?, _ ldc: Int32
    ) {
        if isDouble {
            cblas_dgemm(CblasRowMajor, transA, transB, m, n, k, alpha.d, dp(a), lda, dp(b), ldb, beta.d, dm(c), ldc)
        } else {
            cblas_sgemm(CblasRowMajor, transA, transB, m, n, k, alpha.f, fp(a), lda, fp(b), ldb, beta.f, fm(c), ldc)
        }
    }

    package static func rawSyrk(
        _ uplo: CBLAS_UPLO, _ trans: CBLAS_TRANSPOSE, _ n: Int32, _ k: Int32,
        _ alpha: Self, _ a: UnsafePointer<Self>?, _ lda: Int32,
        _ beta: Self, _ c: UnsafeMutablePointer<Self>?, _ ldc: Int32
    ) {
        if isDouble {
            cblas_dsyrk(CblasRowMajor, uplo, trans, n, k, alpha.d, dp(a), lda, beta.d, dm(c), ldc)
        } else {
            cblas_ssyrk(CblasRowMajor, uplo, trans, n, k, alpha.f, fp(a), lda, beta.f, fm(c), ldc)
        }
    }

    package static func rawGemv(
        _ trans: CBLAS_TRANSPOSE, _ m: Int32, _ n: Int32, _ alpha: Self,
        _ a: UnsafePointer<Self>?, _ lda: Int32, _ x: UnsafePointer<Self>?, _ incx: Int32,
        _ beta: Self, _ y: UnsafeMutablePointer<Self>?, _ incy: Int32
    ) {
        if isDouble {
            cblas_dgemv(CblasRowMajor, trans, m, n, alpha.d, dp(a), lda, dp(x), incx, beta.d, dm(y), incy)
        } else {
            cblas_sgemv(CblasRowMajor, trans, m, n, alpha.f, fp(a), lda, fp(x), incx, beta.f, fm(y), incy)
        }
    }

    package static func rawAxpy(
        _ n: Int32, _ alpha: Self, _ x: UnsafePointer<Self>?, _ incx: Int32,
        _ y: UnsafeMutablePointer<Self>?, _ incy: Int32
    ) {
        if isDouble { cblas_daxpy(n, alpha.d, dp(x), incx, dm(y), incy) } else { cblas_saxpy(n, alpha.f, fp(x), incx, fm(y), incy) }
    }

    package static func rawScal(_ n: Int32, _ alpha: Self, _ x: UnsafeMutablePointer<Self>?, _ incx: Int32) {
        if isDouble { cblas_dscal(n, alpha.d, dm(x), incx) } else { cblas_sscal(n, alpha.f, fm(x), incx) }
    }

    package static func rawDot(
        _ n: Int32, _ x: UnsafePointer<Self>?, _ incx: Int32, _ y: UnsafePointer<Self>?, _ incy: Int32
    ) -> Self {
        isDouble ? from(cblas_ddot(n, dp(x), incx, dp(y), incy)) : from(cblas_sdot(n, fp(x), incx, fp(y), incy))
    }

    package static func rawNrm2(_ n: Int32, _ x: UnsafePointer<Self>?, _ incx: Int32) -> Self {
        isDouble ? from(cblas_dnrm2(n, dp(x), incx)) : from(cblas_snrm2(n, fp(x), incx))
    }

    package static func rawPotrf(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32
    ) -> Int32 {
        isDouble ? LAPACKE_dpotrf(layout, uplo, n, dm(a), lda) : LAPACKE_spotrf(layout, uplo, n, fm(a), lda)
    }

    package static func rawPotrs(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ nrhs: Int32, _ a: UnsafePointer<Self>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) -> Int32 {
        isDouble
            ? LAPACKE_dpotrs(layout, uplo, n, nrhs, dp(a), lda, dm(b), ldb)
            : LAPACKE_spotrs(layout, uplo, n, nrhs, fp(a), lda, fm(b), ldb)
    }

    package static func rawPosv(
        _ layout: Int32, _ uplo: CChar, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Self>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) -> Int32 {
        isDouble
            ? LAPACKE_dposv(layout, uplo, n, nrhs, dm(a), lda, dm(b), ldb)
            : LAPACKE_sposv(layout, uplo, n, nrhs, fm(a), lda, fm(b), ldb)
    }

    package static func rawGels(
        _ layout: Int32, _ trans: CChar, _ m: Int32, _ n: Int32, _ nrhs: Int32,
        _ a: UnsafeMutablePointer<Self>?, _ lda: Int32, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) -> Int32 {
        isDouble
            ? LAPACKE_dgels(layout, trans, m, n, nrhs, dm(a), lda, dm(b), ldb)
            : LAPACKE_sgels(layout, trans, m, n, nrhs, fm(a), lda, fm(b), ldb)
    }

    package static func rawGelsd(
        _ layout: Int32, _ m: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Self>?,
        _ lda: Int32, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32, _ s: UnsafeMutablePointer<Self>?,
        _ rcond: Self, _ rank: UnsafeMutablePointer<Int32>?
    ) -> Int32 {
        isDouble
            ? LAPACKE_dgelsd(layout, m, n, nrhs, dm(a), lda, dm(b), ldb, dm(s), rcond.d, rank)
            : LAPACKE_sgelsd(layout, m, n, nrhs, fm(a), lda, fm(b), ldb, fm(s), rcond.f, rank)
    }

    package static func rawGesv(
        _ layout: Int32, _ n: Int32, _ nrhs: Int32, _ a: UnsafeMutablePointer<Self>?, _ lda: Int32,
        _ ipiv: UnsafeMutablePointer<Int32>?, _ b: UnsafeMutablePointer<Self>?, _ ldb: Int32
    ) -> Int32 {
        isDouble
            ? LAPACKE_dgesv(layout, n, nrhs, dm(a), lda, ipiv, dm(b), ldb)
            : LAPACKE_sgesv(layout, n, nrhs, fm(a), lda, ipiv, fm(b), ldb)
    }

    package static func rawSyevd(
        _ layout: Int32, _ jobz: CChar, _ uplo: CChar, _ n: Int32, _ a: UnsafeMutablePointer<Self>?,
        _ lda: Int32, _ w: UnsafeMutablePointer<Self>?
    ) -> Int32 {
        isDouble
            ? LAPACKE_dsyevd(layout, jobz, uplo, n, dm(a), lda, dm(w))
            : LAPACKE_ssyevd(layout, jobz, uplo, n, fm(a), lda, fm(w))
    }
}
