extension Matrix {
    /// A matrix with elements drawn uniformly from `range`, using `generator`.
    @inlinable
    public static func random<G: RandomNumberGenerator>(
        rows: Int, columns: Int, in range: ClosedRange<Scalar>, using generator: inout G
    ) -> Matrix {
        var elements = [Scalar]()
        elements.reserveCapacity(rows * columns)
        for _ in 0..<(rows * columns) {
            elements.append(Scalar.random(in: range, using: &generator))
        }
        return Matrix(rows: rows, columns: columns, elements: elements)
    }

    /// A matrix with elements drawn from the normal distribution N(mean, standardDeviation²).
    @inlinable
    public static func randomNormal<G: RandomNumberGenerator>(
        rows: Int, columns: Int, mean: Scalar = 0, standardDeviation: Scalar = 1, using generator: inout G
    ) -> Matrix {
        var elements = [Scalar]()
        elements.reserveCapacity(rows * columns)
        for _ in 0..<(rows * columns) {
            elements.append(mean + standardDeviation * Scalar(generator.nextStandardNormal()))
        }
        return Matrix(rows: rows, columns: columns, elements: elements)
    }
}
