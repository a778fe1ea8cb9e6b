/// A non-owning, read-only view of a block of a row-major matrix: `rows × columns` elements
/// starting at `base`, with `leadingDimension` elements from the start of one row to the next.
///
/// A view of a block, a row range or a column range of a ``Matrix`` is made without copying by
/// ``Matrix/withView(rows:columns:_:)``; it is valid only inside that closure. The BLAS entry
/// points that take views (``BLAS/gemm(_:_:_:_:alpha:beta:into:)-(MatrixView<Scalar>,_,_,_,_,_,_)``,
/// ``BLAS/gemv(_:_:_:alpha:beta:into:)-(MatrixView<Scalar>,_,_,_,_,_)``) pass the leading
/// dimension to CBLAS, so no block is ever copied.
///
/// ```swift
/// let a = Matrix<Double>(rows: 4, columns: 4) { r, c in Double(4 * r + c) }
/// let corner = a.withView(rows: 2..<4, columns: 2..<4) { $0[0, 1] }   // a[2, 3] = 11
/// ```
///
/// **Vectors.** BLASKit's vectors are `[Scalar]` throughout: the level-1 and level-2 routines
/// and ``LUFactorization/solve(_:)-([Scalar])`` take and return arrays; a ``Matrix`` with one
/// column is a matrix (a right-hand side block of width 1), not a vector.
public struct MatrixView<Scalar: BLASScalar> {
    /// The first element, `(0, 0)` of the view.
    public let base: UnsafePointer<Scalar>
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Elements between the starts of consecutive rows (≥ `columns`).
    public let leadingDimension: Int

    /// A view of `rows × columns` elements at `base` with the given leading dimension.
    /// - Precondition: `rows, columns ≥ 0` and `leadingDimension ≥ max(columns, 1)`.
    public init(base: UnsafePointer<Scalar>, rows: Int, columns: Int, leadingDimension: Int) {
        require(
            rows >= 0 && columns >= 0 && leadingDimension >= max(columns, 1),
            "MatrixView: a \(rows)×\(columns) view needs a leading dimension of at least \(max(columns, 1)), got \(leadingDimension)")
        self.base = base
        self.rows = rows
        self.columns = columns
        self.leadingDimension = leadingDimension
    }

    /// The shape, `rows×columns`.
    public var shape: Shape { Shape(rows, columns) }

    /// The element at `(row, column)` of the view, bounds-checked.
    public subscript(row: Int, column: Int) -> Scalar {
        require(
            row >= 0 && row < rows && column >= 0 && column < columns,
            "MatrixView subscript: index (\(row), \(column)) is outside a \(rows)×\(columns) view")
        return base[row * leadingDimension + column]
    }

    /// The sub-block `rows × columns` of this view (no copy).
    ///
    /// ```swift
    /// a.withView { whole in whole.block(rows: 0..<2, columns: 1..<3).shape }   // 2×2
    /// ```
    public func block(rows r: Range<Int>, columns c: Range<Int>) -> MatrixView {
        require(
            r.lowerBound >= 0 && r.upperBound <= rows && c.lowerBound >= 0 && c.upperBound <= columns,
            "MatrixView.block: rows \(r) and columns \(c) are outside a \(rows)×\(columns) view")
        return MatrixView(
            base: base + r.lowerBound * leadingDimension + c.lowerBound, rows: r.count, columns: c.count,
            leadingDimension: leadingDimension)
    }

    /// A copy of the viewed elements as a dense ``Matrix``.
    public func copy() -> Matrix<Scalar> {
        let elements: [Scalar] = makeArray(count: rows * columns) { t in
            copyBlock(base, sourceStride: leadingDimension, to: t, targetStride: columns, rows: rows, columns: columns)
        }
        return Matrix(rows: rows, columns: columns, elements: elements)
    }
}

/// A non-owning, writable view of a block of a row-major matrix (see ``MatrixView``), made by
/// ``Matrix/withMutableView(rows:columns:_:)``: BLAS writes into the block in place, leaving
/// the rest of the matrix untouched.
///
/// ```swift
/// var c = Matrix<Double>(rows: 4, columns: 4)
/// let a = Matrix<Double>.identity(2)
/// c.withMutableView(rows: 2..<4, columns: 0..<2) { block in
///     a.withView { BLAS.gemm($0, .noTranspose, $0, .noTranspose, into: block) }
/// }   // c[2, 0] == 1, c[3, 1] == 1, the rest 0
/// ```
public struct MutableMatrixView<Scalar: BLASScalar> {
    /// The first element, `(0, 0)` of the view.
    public let base: UnsafeMutablePointer<Scalar>
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Elements between the starts of consecutive rows (≥ `columns`).
    public let leadingDimension: Int

    /// A writable view of `rows × columns` elements at `base` with the given leading dimension.
    /// - Precondition: `rows, columns ≥ 0` and `leadingDimension ≥ max(columns, 1)`.
    public init(base: UnsafeMutablePointer<Scalar>, rows: Int, columns: Int, leadingDimension: Int) {
        require(
            rows >= 0 && columns >= 0 && leadingDimension >= max(columns, 1),
            "MutableMatrixView: a \(rows)×\(columns) view needs a leading dimension of at least \(max(columns, 1)), got \(leadingDimension)")
        self.base = base
        self.rows = rows
        self.columns = columns
        self.leadingDimension = leadingDimension
    }

    /// The shape, `rows×columns`.
    public var shape: Shape { Shape(rows, columns) }

    /// The same block, read-only.
    public var readOnly: MatrixView<Scalar> {
        MatrixView(base: UnsafePointer(base), rows: rows, columns: columns, leadingDimension: leadingDimension)
    }

    /// The element at `(row, column)` of the view, bounds-checked; writable (the view is a
    /// reference to the matrix's storage, so the setter is `nonmutating`).
    public subscript(row: Int, column: Int) -> Scalar {
        get { readOnly[row, column] }
        nonmutating set {
            require(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "MutableMatrixView subscript: index (\(row), \(column)) is outside a \(rows)×\(columns) view")
            base[row * leadingDimension + column] = newValue
        }
    }

    /// The writable sub-block `rows × columns` of this view (no copy).
    public func block(rows r: Range<Int>, columns c: Range<Int>) -> MutableMatrixView {
        let view = readOnly.block(rows: r, columns: c)
        return MutableMatrixView(
            base: UnsafeMutablePointer(mutating: view.base), rows: view.rows, columns: view.columns,
            leadingDimension: leadingDimension)
    }
}

extension Matrix {
    /// Calls `body` with a read-only view of the block `rows × columns` (default: all), made
    /// without copying. The view must not escape `body`.
    ///
    /// ```swift
    /// let top = a.withView(rows: 0..<1) { $0.copy() }   // the first row, as a 1×n matrix
    /// ```
    public func withView<R>(
        rows r: Range<Int>? = nil, columns c: Range<Int>? = nil, _ body: (MatrixView<Scalar>) throws -> R
    ) rethrows -> R {
        let (rowRange, columnRange) = (r ?? 0..<rows, c ?? 0..<columns)
        var scratch: Scalar = 0  // a valid address for an empty matrix
        return try withUnsafeBufferPointer { p in
            try withUnsafePointer(to: &scratch) { empty in
                let whole = MatrixView(
                    base: p.baseAddress ?? empty, rows: rows, columns: columns, leadingDimension: max(columns, 1))
                return try body(whole.block(rows: rowRange, columns: columnRange))
            }
        }
    }

    /// Calls `body` with a writable view of the block `rows × columns` (default: all), made
    /// without copying (the storage is made unique first, as for any mutation). The view must
    /// not escape `body`.
    ///
    /// ```swift
    /// var m = Matrix<Double>(rows: 3, columns: 3)
    /// m.withMutableView(columns: 1..<2) { column in column[2, 0] = 5 }   // m[2, 1] == 5
    /// ```
    public mutating func withMutableView<R>(
        rows r: Range<Int>? = nil, columns c: Range<Int>? = nil, _ body: (MutableMatrixView<Scalar>) throws -> R
    ) rethrows -> R {
        let (rowRange, columnRange) = (r ?? 0..<rows, c ?? 0..<columns)
        let (rows, columns) = (self.rows, self.columns)
        var scratch: Scalar = 0  // a valid address for an empty matrix
        return try withUnsafeMutableBufferPointer { p in
            try withUnsafeMutablePointer(to: &scratch) { empty in
                let whole = MutableMatrixView(
                    base: p.baseAddress ?? empty, rows: rows, columns: columns, leadingDimension: max(columns, 1))
                return try body(whole.block(rows: rowRange, columns: columnRange))
            }
        }
    }
}
