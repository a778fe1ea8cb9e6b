extension Matrix {
    /// The product `op(self) · op(other)`, in a new matrix (gemm).
    @inlinable
    public func matmul(
        _ other: Matrix, transposeSelf: Bool = false, transposeOther: Bool = false
    ) -> Matrix {
        let m = transposeSelf ? columns : rows
        let n = transposeOther ? other.rows : other.columns
        var result = Matrix(rows: m, columns: n)
        BLAS.gemm(
            self, transposeSelf ? .transposed : .none, other, transposeOther ? .transposed : .none,
            into: &result)
        return result
    }

    /// Writes `alpha · op(a) · op(b) + beta · c` into `c` without allocating (gemm).
    ///
    /// With `beta = 0` the old contents of `c` are overwritten; with `beta = 1` the product is
    /// accumulated (see ``addProduct(_:_:transposeA:transposeB:alpha:)``).
    @inlinable
    public static func multiply(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false,
        alpha: Scalar = 1, beta: Scalar = 0, into c: inout Matrix
    ) {
        BLAS.gemm(
            a, transposeA ? .transposed : .none, b, transposeB ? .transposed : .none,
            alpha: alpha, beta: beta, into: &c)
    }

    /// Accumulates `self ← self + alpha · op(a) · op(b)` without allocating (gemm, beta = 1).
    @inlinable
    public mutating func addProduct(
        _ a: Matrix, _ b: Matrix, transposeA: Bool = false, transposeB: Bool = false, alpha: Scalar = 1
    ) {
        BLAS.gemm(
            a, transposeA ? .transposed : .none, b, transposeB ? .transposed : .none,
            alpha: alpha, beta: 1, into: &self)
    }

    /// The matrix–vector product `op(self) · x` (gemv).
    @inlinable
    public func matvec(_ x: [Scalar], transposeSelf: Bool = false) -> [Scalar] {
        var y = [Scalar](repeating: 0, count: transposeSelf ? columns : rows)
        BLAS.gemv(self, transposeSelf ? .transposed : .none, x, into: &y)
        return y
    }

    /// The Gram matrix `selfᵀ · self` (syrk on one triangle, then mirrored).
    @inlinable
    public func gram() -> Matrix {
        var result = Matrix(rows: columns, columns: columns)
        BLAS.syrk(self, .transposed, triangle: .upper, into: &result)
        result.symmetrize(from: .upper)
        return result
    }

    /// Copies the `source` triangle of a square matrix onto the other one.
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
