import BLASKitCLAPACKE

/// Typed entry points to LAPACK through LAPACKE, row-major. Inputs are never modified (each
/// routine works on copies) and a nonzero LAPACK `info` becomes a thrown
/// ``LinearAlgebraError`` that names the case.
public enum LAPACK {
    /// LAPACKE's row-major layout code (`LAPACK_ROW_MAJOR`), for calls made directly on LAPACKE.
    public static let rowMajor = Int32(LAPACK_ROW_MAJOR)
    /// LAPACKE's column-major layout code (`LAPACK_COL_MAJOR`), for calls made directly on LAPACKE.
    public static let columnMajor = Int32(LAPACK_COL_MAJOR)

    /// The Cholesky factor of a symmetric positive-definite matrix (potrf):
    /// `A = L·Lᵀ` for `.lower`, `A = Uᵀ·U` for `.upper`. The other triangle of the result is zero.
    /// Only the `triangle` of `a` is read.
    public static func choleskyFactor<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle = .lower
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        try requireSquare(a, "potrf")
        let n = try lapackInt(a.rows, in: "potrf")
        var factor = a
        let info = factor.withUnsafeMutableBufferPointer { p in
            Scalar.lapackePotrf(rowMajor, triangle.lapack, n, p.baseAddress, max(n, 1))
        }
        try check(info, "potrf", positive: { .notPositiveDefinite(routine: "potrf", order: $0) })
        // Clear the triangle LAPACK did not touch so the factor is exactly triangular.
        for r in 0..<a.rows {
            for c in 0..<a.columns where triangle == .lower ? c > r : c < r { factor[unchecked: r, c] = 0 }
        }
        return factor
    }

    /// Solves `A·X = B` given the Cholesky factor of `A` from ``choleskyFactor(_:triangle:)`` (potrs).
    public static func choleskySolve<Scalar: BLASScalar>(
        factor: Matrix<Scalar>, triangle: Triangle = .lower, _ b: Matrix<Scalar>
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        try requireSquare(factor, "potrs")
        try requireRows(factor, b, "potrs")
        let n = try lapackInt(factor.rows, in: "potrs"), nrhs = try lapackInt(b.columns, in: "potrs")
        var x = b
        let info = factor.withUnsafeBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { pb in
                Scalar.lapackePotrs(
                    rowMajor, triangle.lapack, n, nrhs, pa.baseAddress, max(n, 1), pb.baseAddress, max(nrhs, 1))
            }
        }
        try check(info, "potrs", positive: { .notPositiveDefinite(routine: "potrs", order: $0) })
        return x
    }

    /// Solves `A·X = B` for symmetric positive-definite `A` by Cholesky (posv).
    /// Throws ``LinearAlgebraError/notPositiveDefinite(routine:order:)`` for a singular or indefinite `A`.
    public static func solvePositiveDefinite<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ b: Matrix<Scalar>, triangle: Triangle = .lower
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        try requireSquare(a, "posv")
        try requireRows(a, b, "posv")
        let n = try lapackInt(a.rows, in: "posv"), nrhs = try lapackInt(b.columns, in: "posv")
        var factor = a
        var x = b
        let info = factor.withUnsafeMutableBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { pb in
                Scalar.lapackePosv(
                    rowMajor, triangle.lapack, n, nrhs, pa.baseAddress, max(n, 1), pb.baseAddress, max(nrhs, 1))
            }
        }
        try check(info, "posv", positive: { .notPositiveDefinite(routine: "posv", order: $0) })
        return x
    }

    /// Solves the square system `A·X = B` by LU with partial pivoting (gesv).
    /// Throws ``LinearAlgebraError/singular(routine:index:)`` for an exactly singular `A`.
    public static func solve<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ b: Matrix<Scalar>
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        try requireSquare(a, "gesv")
        try requireRows(a, b, "gesv")
        let n = try lapackInt(a.rows, in: "gesv"), nrhs = try lapackInt(b.columns, in: "gesv")
        var lu = a
        var x = b
        var pivots = [Int32](repeating: 0, count: max(a.rows, 1))
        let info = lu.withUnsafeMutableBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { pb in
                pivots.withUnsafeMutableBufferPointer { pp in
                    Scalar.lapackeGesv(
                        rowMajor, n, nrhs, pa.baseAddress, max(n, 1), pp.baseAddress, pb.baseAddress, max(nrhs, 1))
                }
            }
        }
        try check(info, "gesv", positive: { .singular(routine: "gesv", index: $0) })
        return x
    }

    /// The least-squares solution of `min ‖A·X − B‖` for a full-rank `A` (`m × n`) by QR (gels);
    /// for `m < n`, the minimum-norm solution of the underdetermined system. Returns `n × nrhs`.
    /// Throws ``LinearAlgebraError/rankDeficient(routine:index:)`` when `A` is exactly rank deficient.
    public static func leastSquaresQR<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ b: Matrix<Scalar>
    ) throws(LinearAlgebraError) -> Matrix<Scalar> {
        try requireRows(a, b, "gels")
        let m = try lapackInt(a.rows, in: "gels"), n = try lapackInt(a.columns, in: "gels")
        let nrhs = try lapackInt(b.columns, in: "gels")
        var work = a
        var rhs = paddedRightHandSide(b, rows: max(a.rows, a.columns))
        let info = work.withUnsafeMutableBufferPointer { pa in
            rhs.withUnsafeMutableBufferPointer { pb in
                Scalar.lapackeGels(
                    rowMajor, CChar(UInt8(ascii: "N")), m, n, nrhs, pa.baseAddress, max(n, 1),
                    pb.baseAddress, max(nrhs, 1))
            }
        }
        try check(info, "gels", positive: { .rankDeficient(routine: "gels", index: $0) })
        return topRows(rhs, a.columns)
    }

    /// The minimum-norm least-squares solution by the SVD (gelsd), for any rank.
    ///
    /// Singular values below `relativeCondition · σ_max` count as zero; the default
    /// (`nil`) uses machine precision, as NumPy's `lstsq` does with `rcond=None` scaled by
    /// `max(m, n)`. Returns the `n × nrhs` solution, the effective rank and the singular values
    /// in decreasing order.
    public static func leastSquaresSVD<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, _ b: Matrix<Scalar>, relativeCondition: Scalar? = nil
    ) throws(LinearAlgebraError) -> (solution: Matrix<Scalar>, rank: Int, singularValues: [Scalar]) {
        try requireRows(a, b, "gelsd")
        let m = try lapackInt(a.rows, in: "gelsd"), n = try lapackInt(a.columns, in: "gelsd")
        let nrhs = try lapackInt(b.columns, in: "gelsd")
        let rcond = relativeCondition ?? Scalar.ulpOfOne * Scalar(max(a.rows, a.columns))
        var work = a
        var rhs = paddedRightHandSide(b, rows: max(a.rows, a.columns))
        var singularValues = [Scalar](repeating: 0, count: max(min(a.rows, a.columns), 1))
        var rank: Int32 = 0
        let info = work.withUnsafeMutableBufferPointer { pa in
            rhs.withUnsafeMutableBufferPointer { pb in
                singularValues.withUnsafeMutableBufferPointer { ps in
                    Scalar.lapackeGelsd(
                        rowMajor, m, n, nrhs, pa.baseAddress, max(n, 1), pb.baseAddress, max(nrhs, 1),
                        ps.baseAddress, rcond, &rank)
                }
            }
        }
        try check(info, "gelsd", positive: { .noConvergence(routine: "gelsd", count: $0) })
        return (topRows(rhs, a.columns), Int(rank), Array(singularValues.prefix(min(a.rows, a.columns))))
    }

    /// Eigenvalues (ascending) and orthonormal eigenvectors (as columns) of a symmetric
    /// matrix, by divide and conquer (syevd). Only the `triangle` of `a` is read.
    public static func symmetricEigen<Scalar: BLASScalar>(
        _ a: Matrix<Scalar>, triangle: Triangle = .lower
    ) throws(LinearAlgebraError) -> (values: [Scalar], vectors: Matrix<Scalar>) {
        try requireSquare(a, "syevd")
        let n = try lapackInt(a.rows, in: "syevd")
        var vectors = a
        var values = [Scalar](repeating: 0, count: max(a.rows, 1))
        let info = vectors.withUnsafeMutableBufferPointer { pa in
            values.withUnsafeMutableBufferPointer { pw in
                Scalar.lapackeSyevd(
                    rowMajor, CChar(UInt8(ascii: "V")), triangle.lapack, n, pa.baseAddress, max(n, 1), pw.baseAddress)
            }
        }
        try check(info, "syevd", positive: { .noConvergence(routine: "syevd", count: $0) })
        return (Array(values.prefix(a.rows)), vectors)
    }

    // MARK: - Shared checks

    static func check(
        _ info: Int32, _ routine: String, positive: (Int) -> LinearAlgebraError, allowPositive: Bool = false
    ) throws(LinearAlgebraError) {
        if info < 0 { throw .illegalArgument(routine: routine, index: Int(-info)) }
        if info > 0 && !allowPositive { throw positive(Int(info)) }
    }

    static func requireSquare<Scalar>(_ a: Matrix<Scalar>, _ routine: String) throws(LinearAlgebraError) {
        if a.rows != a.columns { throw .notSquare(operation: routine, shape: a.shape) }
    }

    static func requireRows<Scalar>(
        _ a: Matrix<Scalar>, _ b: Matrix<Scalar>, _ routine: String
    ) throws(LinearAlgebraError) {
        if a.rows != b.rows { throw .shapeMismatch(operation: routine, left: a.shape, right: b.shape) }
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
