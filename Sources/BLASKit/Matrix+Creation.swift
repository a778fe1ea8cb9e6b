extension Matrix {
    /// A matrix from an array of rows. All rows must have the same length.
    @inlinable
    public init(_ rowArrays: [[Scalar]]) {
        let columns = rowArrays.first?.count ?? 0
        for (index, row) in rowArrays.enumerated() {
            require(
                row.count == columns,
                "Matrix(rows): row \(index) has \(row.count) elements, row 0 has \(columns)")
        }
        self.init(rows: rowArrays.count, columns: columns, elements: rowArrays.flatMap { $0 })
    }

    /// A matrix from an array of columns. All columns must have the same length.
    @inlinable
    public init(columns columnArrays: [[Scalar]]) {
        let rows = columnArrays.first?.count ?? 0
        for (index, column) in columnArrays.enumerated() {
            require(
                column.count == rows,
                "Matrix(columns:): column \(index) has \(column.count) elements, column 0 has \(rows)")
        }
        var elements = [Scalar](repeating: 0, count: rows * columnArrays.count)
        for (c, column) in columnArrays.enumerated() {
            for r in 0..<rows { elements[r * columnArrays.count + c] = column[r] }
        }
        self.init(rows: rows, columns: columnArrays.count, elements: elements)
    }

    /// A column vector (`n × 1`).
    @inlinable
    public init(column: [Scalar]) {
        self.init(rows: column.count, columns: 1, elements: column)
    }

    /// A row vector (`1 × n`).
    @inlinable
    public init(row: [Scalar]) {
        self.init(rows: 1, columns: row.count, elements: row)
    }

    /// A matrix whose element `(r, c)` is `element(r, c)`.
    @inlinable
    public init(rows: Int, columns: Int, element: (Int, Int) throws -> Scalar) rethrows {
        require(rows >= 0 && columns >= 0, "Matrix(rows:columns:element:): negative shape \(rows)×\(columns)")
        var elements = [Scalar]()
        elements.reserveCapacity(rows * columns)
        for r in 0..<rows {
            for c in 0..<columns { elements.append(try element(r, c)) }
        }
        self.init(rows: rows, columns: columns, elements: elements)
    }

    /// The `n × n` identity matrix.
    @inlinable
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m[unchecked: i, i] = 1 }
        return m
    }

    /// The transpose, as a new matrix. Products never need this: pass a transpose flag to
    /// ``BLAS/gemm(_:_:_:_:alpha:beta:into:)`` instead.
    @inlinable
    public func transposed() -> Matrix {
        var result = Matrix(rows: columns, columns: rows)
        let (rows, columns) = (self.rows, self.columns)
        storage.withUnsafeBufferPointer { source in
            result.storage.withUnsafeMutableBufferPointer { target in
                // Blocked so both sides stay in cache for large matrices.
                let block = 32
                for r0 in stride(from: 0, to: rows, by: block) {
                    for c0 in stride(from: 0, to: columns, by: block) {
                        for r in r0..<min(r0 + block, rows) {
                            for c in c0..<min(c0 + block, columns) {
                                target[c &* rows &+ r] = source[r &* columns &+ c]
                            }
                        }
                    }
                }
            }
        }
        return result
    }
}
