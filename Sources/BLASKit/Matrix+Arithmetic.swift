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
    ///
    /// ```swift
    /// let a = Matrix<Double>([[1, 2], [3, 4]])
    /// let b = a + a * 2 - 1   // [[2, 5], [8, 11]]
    /// ```
    @inlinable public static func + (lhs: Matrix, rhs: Matrix) -> Matrix { var r = lhs; r += rhs; return r }
    /// Elementwise difference. - Precondition: equal shapes.
    @inlinable public static func - (lhs: Matrix, rhs: Matrix) -> Matrix { var r = lhs; r -= rhs; return r }
    /// Elementwise (Hadamard) product; for the matrix product use ``matmul(_:transposeSelf:transposeOther:)``.
    @inlinable public static func * (lhs: Matrix, rhs: Matrix) -> Matrix { var r = lhs; r *= rhs; return r }
    /// Elementwise quotient. - Precondition: equal shapes.
    @inlinable public static func / (lhs: Matrix, rhs: Matrix) -> Matrix { var r = lhs; r /= rhs; return r }

    /// Adds `rhs` elementwise in place, allocating nothing. - Precondition: equal shapes.
    @inlinable public static func += (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "Matrix +") { $0 + $1 } }
    /// Subtracts `rhs` elementwise in place. - Precondition: equal shapes.
    @inlinable public static func -= (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "Matrix -") { $0 - $1 } }
    /// Multiplies by `rhs` elementwise (Hadamard) in place. - Precondition: equal shapes.
    @inlinable public static func *= (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "Matrix *") { $0 * $1 } }
    /// Divides by `rhs` elementwise in place. - Precondition: equal shapes.
    @inlinable public static func /= (lhs: inout Matrix, rhs: Matrix) { lhs.combine(rhs, "Matrix /") { $0 / $1 } }

    /// Adds `rhs` to every element.
    @inlinable public static func + (lhs: Matrix, rhs: Scalar) -> Matrix { var r = lhs; r += rhs; return r }
    /// Subtracts `rhs` from every element.
    @inlinable public static func - (lhs: Matrix, rhs: Scalar) -> Matrix { var r = lhs; r -= rhs; return r }
    /// Multiplies every element by `rhs`.
    @inlinable public static func * (lhs: Matrix, rhs: Scalar) -> Matrix { var r = lhs; r *= rhs; return r }
    /// Divides every element by `rhs`.
    @inlinable public static func / (lhs: Matrix, rhs: Scalar) -> Matrix { var r = lhs; r /= rhs; return r }
    /// Adds `lhs` to every element of `rhs`.
    @inlinable public static func + (lhs: Scalar, rhs: Matrix) -> Matrix { rhs + lhs }
    /// Multiplies every element of `rhs` by `lhs`.
    @inlinable public static func * (lhs: Scalar, rhs: Matrix) -> Matrix { rhs * lhs }
    /// `lhs − x` for every element `x` of `rhs`.
    @inlinable public static func - (lhs: Scalar, rhs: Matrix) -> Matrix { rhs.map { lhs - $0 } }
    /// Negates every element.
    @inlinable public static prefix func - (operand: Matrix) -> Matrix { operand.map { -$0 } }

    /// Adds `rhs` to every element in place.
    @inlinable public static func += (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 + rhs } }
    /// Subtracts `rhs` from every element in place.
    @inlinable public static func -= (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 - rhs } }
    /// Multiplies every element by `rhs` in place.
    @inlinable public static func *= (lhs: inout Matrix, rhs: Scalar) { lhs.apply { $0 * rhs } }
    /// Divides every element by `rhs` in place.
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
