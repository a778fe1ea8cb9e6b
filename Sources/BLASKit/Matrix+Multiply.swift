// One spelling per operation: the methods here return new values; the in-place, allocation-free
// forms (`into:`, with alpha and beta) are the BLAS entry points, e.g. ``BLAS/gemm(_:_:_:_:alpha:beta:into:)``.

extension Matrix {
    /// The product `op(self) · op(other)`, in a new matrix (gemm). For the allocation-free
    /// form with `alpha` and `beta`, use ``BLAS/gemm(_:_:_:_:alpha:beta:into:)``.
    ///
    /// ```swift
    /// let a = Matrix<Double>([[1, 2], [3, 4]])
    /// let aat = a.matmul(a, transposeOther: true)   // A·Aᵀ = [[5, 11], [11, 25]]
    /// ```
    @inlinable
    public func matmul(
        _ other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false
    ) -> Matrix {
        let m = transposeSelf ? columns : rows
        let n = transposeOther ? other.rows : other.columns
        var result = Matrix(rows: m, columns: n)
        BLAS.gemm(
            self, transposeSelf ? .transposed : .noTranspose, other, transposeOther ? .transposed : .noTranspose,
            into: &result)
        return result
    }

    /// The matrix–vector product `op(self) · x` (gemv); in place: ``BLAS/gemv(_:_:_:alpha:beta:into:)``.
    ///
    /// ```swift
    /// Matrix<Double>([[1, 2], [3, 4]]).matvec([1, 1])   // [3, 7]
    /// ```
    @inlinable
    public func matvec(_ x: [Scalar], transposeSelf: Bool = false) -> [Scalar] {
        var y = [Scalar](repeating: 0, count: transposeSelf ? columns : rows)
        BLAS.gemv(self, transposeSelf ? .transposed : .noTranspose, x, into: &y)
        return y
    }

    /// The Gram matrix `selfᵀ · self` (syrk on one triangle, then mirrored).
    ///
    /// ```swift
    /// Matrix<Double>([[1, 2], [3, 4]]).gram()   // [[10, 14], [14, 20]]
    /// ```
    @inlinable
    public func gram() -> Matrix {
        var result = Matrix(rows: columns, columns: columns)
        BLAS.syrk(self, .transposed, triangle: .upper, into: &result)
        result.symmetrize(from: .upper)
        return result
    }

    /// Copies the `source` triangle of a square matrix onto the other one.
    ///
    /// ```swift
    /// var c = Matrix<Double>(rows: 2, columns: 2)
    /// BLAS.syrk(a, .transposed, triangle: .upper, into: &c)
    /// c.symmetrize(from: .upper)   // c == a.gram()
    /// ```
    @inlinable
    public mutating func symmetrize(from source: Triangle) {
        require(rows == columns, "symmetrize: needs a square matrix, got \(shape)")
        let n = rows
        withUnsafeMutableBufferPointer { p in
            for r in 0..<n {
                for c in (r + 1)..<max(n, r + 1) {
                    if source == .upper { p[c * n + r] = p[r * n + c] } else { p[r * n + c] = p[c * n + r] }
                }
            }
        }
    }
}
