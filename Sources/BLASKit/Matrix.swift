/// A dense, row-major matrix with value semantics.
///
/// Storage is a Swift array, so copies share memory until one of them is mutated
/// (copy-on-write). Element `(r, c)` lives at `storage[r * columns + c]`.
///
/// Hot loops should use the allocation-free `into:` products (``BLAS/gemm(_:_:_:_:alpha:beta:into:)``)
/// and the in-place elementwise operators; the value-returning operations allocate.
public struct Matrix<Scalar: BLASScalar>: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// The row-major elements; shared between copies until one is mutated.
    @usableFromInline var storage: [Scalar]

    /// The elements in row-major order; `elements.count == rows * columns`.
    @inlinable public var elements: [Scalar] { storage }

    /// A matrix of the given shape from its row-major elements.
    /// - Precondition: `elements.count == rows * columns`.
    @inlinable
    public init(rows: Int, columns: Int, elements: [Scalar]) {
        require(rows >= 0 && columns >= 0, "Matrix(rows:columns:elements:): negative shape \(rows)×\(columns)")
        require(
            elements.count == rows * columns,
            "Matrix(rows:columns:elements:): \(elements.count) elements cannot fill a \(rows)×\(columns) matrix (needs \(rows * columns))")
        self.rows = rows
        self.columns = columns
        self.storage = elements
    }

    /// A `rows × columns` matrix with every element equal to `value`.
    @inlinable
    public init(rows: Int, columns: Int, repeating value: Scalar = 0) {
        require(rows >= 0 && columns >= 0, "Matrix(rows:columns:repeating:): negative shape \(rows)×\(columns)")
        self.init(rows: rows, columns: columns, elements: Array(repeating: value, count: rows * columns))
    }

    /// The shape as a value that prints `rows×columns`.
    @inlinable public var shape: Shape { Shape(rows, columns) }

    /// Number of elements, `rows * columns`.
    @inlinable public var count: Int { elements.count }

    /// `true` when the matrix has no elements (a zero dimension).
    @inlinable public var isEmpty: Bool { elements.isEmpty }

    /// The element at row `row`, column `column`, with bounds checks.
    @inlinable
    public subscript(row: Int, column: Int) -> Scalar {
        get {
            require(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix subscript: index (\(row), \(column)) is outside a \(rows)×\(columns) matrix")
            return storage[row * columns + column]
        }
        set {
            require(
                row >= 0 && row < rows && column >= 0 && column < columns,
                "Matrix subscript: index (\(row), \(column)) is outside a \(rows)×\(columns) matrix")
            storage[row * columns + column] = newValue
        }
    }

    /// The element at `(row, column)` without bounds checks, for inner loops whose indices are
    /// already known to be valid.
    @inlinable
    public subscript(unchecked row: Int, _ column: Int) -> Scalar {
        get { storage.withUnsafeBufferPointer { $0[row &* columns &+ column] } }
        set { storage.withUnsafeMutableBufferPointer { $0[row &* columns &+ column] = newValue } }
    }

    /// Row `index` as an array (a copy).
    @inlinable
    public func row(_ index: Int) -> [Scalar] {
        require(index >= 0 && index < rows, "Matrix.row: row \(index) is outside a \(rows)×\(columns) matrix")
        return Array(storage[index * columns..<(index + 1) * columns])
    }

    /// Column `index` as an array (a copy).
    @inlinable
    public func column(_ index: Int) -> [Scalar] {
        require(index >= 0 && index < columns, "Matrix.column: column \(index) is outside a \(rows)×\(columns) matrix")
        return (0..<rows).map { storage[$0 * columns + index] }
    }

    /// Calls `body` with the row-major elements.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Scalar>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with mutable access to the row-major elements (copying first if the
    /// storage is shared).
    @inlinable
    public mutating func withUnsafeMutableBufferPointer<R>(
        _ body: (inout UnsafeMutableBufferPointer<Scalar>) throws -> R
    ) rethrows -> R {
        try storage.withUnsafeMutableBufferPointer(body)
    }

    /// Reinterprets the elements with a new shape of the same element count (no copy).
    @inlinable
    public func reshaped(rows newRows: Int, columns newColumns: Int) -> Matrix {
        require(
            newRows * newColumns == count,
            "Matrix.reshaped: cannot reshape \(shape) (\(count) elements) to \(newRows)×\(newColumns)")
        return Matrix(rows: newRows, columns: newColumns, elements: elements)
    }

    /// Stops with a message naming the operation and both shapes unless `a` and `b` have the
    /// same shape.
    @inlinable
    static func requireSameShape(_ a: Matrix, _ b: Matrix, _ operation: StaticString) {
        require(
            a.rows == b.rows && a.columns == b.columns,
            "\(operation): shapes \(a.shape) and \(b.shape) do not agree")
    }
}
