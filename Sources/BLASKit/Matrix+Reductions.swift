extension Matrix {
    /// The sum of each row: `rows` values.
    @inlinable
    public func rowSums() -> [Scalar] {
        var sums = [Scalar](repeating: 0, count: rows)
        let columns = self.columns
        withUnsafeBufferPointer { p in
            for r in 0..<rows {
                var s: Scalar = 0
                for c in 0..<columns { s += p[r &* columns &+ c] }
                sums[r] = s
            }
        }
        return sums
    }

    /// The sum of each column: `columns` values.
    @inlinable
    public func columnSums() -> [Scalar] {
        var sums = [Scalar](repeating: 0, count: columns)
        columnSums(into: &sums)
        return sums
    }

    /// Writes the sum of each column into `sums` (length `columns`) without allocating.
    @inlinable
    public func columnSums(into sums: inout [Scalar]) {
        require(sums.count == columns, "columnSums(into:): needs \(columns) slots, got \(sums.count)")
        let columns = self.columns
        withUnsafeBufferPointer { p in
            sums.withUnsafeMutableBufferPointer { s in
                for c in 0..<columns { s[c] = 0 }
                var offset = 0
                for _ in 0..<rows {
                    for c in 0..<columns { s[c] += p[offset &+ c] }
                    offset &+= columns
                }
            }
        }
    }

    /// The column index of the largest element of each row (the first one on ties).
    /// - Precondition: `columns > 0`.
    @inlinable
    public func argmaxPerRow() -> [Int] {
        require(columns > 0, "argmaxPerRow: a \(shape) matrix has no columns to choose from")
        let columns = self.columns
        return withUnsafeBufferPointer { p in
            (0..<rows).map { r in
                var best = 0
                var bestValue = p[r &* columns]
                for c in 1..<max(columns, 1) where p[r &* columns &+ c] > bestValue {
                    best = c
                    bestValue = p[r &* columns &+ c]
                }
                return best
            }
        }
    }

    /// The Frobenius norm `sqrt(Σ aᵢⱼ²)`, computed by BLAS nrm2 without overflow.
    @inlinable
    public var frobeniusNorm: Scalar { BLAS.nrm2(elements) }

    /// The sum of all elements.
    @inlinable
    public func sum() -> Scalar {
        withUnsafeBufferPointer { p in p.reduce(0, +) }
    }
}
