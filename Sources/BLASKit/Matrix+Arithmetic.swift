// Elementwise arithmetic. Each operation is one pass over the storage inside one
// withUnsafe(Mutable)BufferPointer, so the compound forms (`+=`, …) allocate nothing.

extension Matrix {
    @inlinable
    mutating func combine(_ other: Matrix, _ operation: StaticString, _ f: (Scalar, Scalar) -> Scalar) {
        Matrix.requireSameShape(self, other, operation)
        other.withUnsafeBufferPointer { q in
            withUnsafeMutableBufferPointer { p in
                for i in 0..<p.count { p[i] = f(p[i], q[i]) }
            }
        }
    }

    @inlinable
    mutating func apply(_ f: (Scalar) -> Scalar) {
        withUnsafeMutableBufferPointer { p in
            for i in 0..<p.count { p[i] = f(p[i]) }
        }
    }

    /// Applies `transform` to every element, returning a new matrix.
    @inlinable
    public func map(_ transform: (Scalar) throws -> Scalar) rethrows -> Matrix {
        Matrix(rows: rows, columns: columns, elements: try elements.map(transform))
    }

    /// Elementwise sum. - Precondition: equal shapes.
    @inlinable public static func + (lhs: Matrix, rhs: Matrix) -> Matrix { var r = lhs; r += rhs; return r }
    /// Elementwise difference. - Precondition: equal shapes.
    @inlinable public static func - (lhs: Matrix, rhs: Matrix) -> Matrix { var r = lhs; r -= rhs; return r }
    /// Elementwise (Hadamard) product; for the matrix product use ``matmul(_:transposeSelf:transposeOther:)``.
    @inlinable public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { var r = lhs; r *= rhs; return r }
    /// Elementwise quotient. - Precondition: equal shapes.
    @inlinable public static func / (lhs: Matrix, rhs: Matrix) -> Matrix { var r = lhs; r /= rhs; return r }

    @inlinable public static func += (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "Matrix +") { $0 + $1 } }
    @inlinable public static func -= (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "Matrix -") { $0 - $1 } }
    @inlinable public static func *= (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "Matrix *") { $0 * $1 } }
    @inlinable public static func /= (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "Matrix /") { $0 / $1 } }

    @inlinable public static func + (lhs: Matrix, rhs: Scalar) -> Matrix { var r = lhs; r += rhs; return r }
    @inlinable public static func - (lhs: Matrix, rhs: Scalar) -> Matrix { var r = lhs; r -= rhs; return r }
    @inlinable public static func * (lhs: Matrix, rhs: Scalar) -> Matrix { var r = lhs; r *= rhs; return r }
    @inlinable public static func / (lhs: Matrix, rhs: Scalar) -> Matrix { var r = lhs; r /= rhs; return r }
    @inlinable public static func + (lhs: Scalar, rhs: Matrix) -> Matrix { rhs + lhs }
    @inlinable public static func * (lhs: Scalar, rhs: Matrix) -> Matrix { rhs * lhs }
    @inlinable public static func - (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.map { lhs - $0 } }
    @inlinable public static prefix func - (operand: Matrix) -> Matrix { operand.map { -$0 } }

    @inlinable public static func += (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 + rhs } }
    @inlinable public static func -= (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 - rhs } }
    @inlinable public static func *= (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 * rhs } }
    @inlinable public static func /= (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 / rhs } }

    /// Adds the row vector `vector` (length `columns`) to every row, in place.
    @inlinable
    public mutating func addRowVector(_ vector: [Scalar]) {
        require(
            vector.count == columns,
            "addRowVector: a vector of \(vector.count) elements cannot be added to the rows of a \(shape) matrix")
        let (rows, columns) = (self.rows, self.columns)
        vector.withUnsafeBufferPointer { v in
            withUnsafeMutableBufferPointer { p in
                var offset = 0
                for _ in 0..<rows {
                    for c in 0..<columns { p[offset &+ c] += v[c] }
                    offset &+= columns
                }
            }
        }
    }

    /// A copy with the row vector `vector` added to every row.
    @inlinable
    public func addingRowVector(_ vector: [Scalar]) -> Matrix {
        var result = self
        result.addRowVector(vector)
        return result
    }
}
