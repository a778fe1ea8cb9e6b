@testable import BLASKit
import Testing

@Suite("Matrix value type")
struct MatrixTests {
    @Test("creation from rows, columns, a closure, repeating and identity agree")
    func creation() {
        let fromRows = Matrix<Double>([[1, 2, 3], [4, 5, 6]])
        let fromColumns = Matrix<Double>(columns: [[1, 4], [2, 5], [3, 6]])
        let fromClosure = Matrix<Double>(rows: 2, columns: 3) { r, c in Double(3 * r + c + 1) }
        #expect(fromRows == fromColumns)
        #expect(fromRows == fromClosure)
        #expect(fromRows.shape == Shape(2, 3))
        #expect(fromRows[1, 2] == 6)
        #expect(fromRows[unchecked: 1, 0] == 4)
        #expect(fromRows.row(1) == [4, 5, 6])
        #expect(fromRows.column(2) == [3, 6])
        #expect(Matrix<Float>(rows: 2, columns: 2, repeating: 7).elements == [7, 7, 7, 7])
        #expect(Matrix<Float>.identity(3).elements == [1, 0, 0, 0, 1, 0, 0, 0, 1])
        #expect(Matrix<Float>(row: [1, 2]).shape == Shape(1, 2))
        #expect(Matrix<Float>(column: [1, 2]).shape == Shape(2, 1))
    }

    @Test("copy-on-write: mutating a copy leaves the original alone")
    func copyOnWrite() {
        let original = Matrix<Float>([[1, 2], [3, 4]])
        var copy = original
        copy[0, 0] = 100
        copy += 1
        var product = Matrix<Float>(rows: 2, columns: 2)
        let alias = product
        BLAS.gemm(original, .noTranspose, original, .noTranspose, into: &product)
        #expect(original.elements == [1, 2, 3, 4])
        #expect(copy.elements == [101, 3, 4, 5])
        #expect(alias.elements == [0, 0, 0, 0])
        #expect(product.elements == [7, 10, 15, 22])
    }

    @Test("into: products reuse the destination storage (no allocation)")
    func intoDoesNotReallocate() {
        var generator = SeededGenerator(seed: 21)
        let a = Matrix<Float>.random(rows: 8, columns: 5, in: -1...1, using: &generator)
        let b = Matrix<Float>.random(rows: 5, columns: 6, in: -1...1, using: &generator)
        var c = Matrix<Float>(rows: 8, columns: 6)
        let before = c.withUnsafeBufferPointer { $0.baseAddress }
        for _ in 0..<3 { BLAS.gemm(a, .noTranspose, b, .noTranspose, into: &c) }
        BLAS.gemm(a, .noTranspose, b, .noTranspose, beta: 1, into: &c)
        c += 1
        let after = c.withUnsafeBufferPointer { $0.baseAddress }
        #expect(before == after)
    }

    @Test("transposed swaps rows and columns, also for blocked sizes")
    func transpose() {
        var generator = SeededGenerator(seed: 22)
        let a = Matrix<Double>.random(rows: 70, columns: 33, in: -1...1, using: &generator)
        let t = a.transposed()
        #expect(t.shape == Shape(33, 70))
        #expect(t.transposed() == a)
        #expect(t == Reference.naiveTranspose(a))
    }

    @Test("elementwise arithmetic with matrices and scalars")
    func arithmetic() {
        let a = Matrix<Double>([[1, 2], [3, 4]])
        let b = Matrix<Double>([[2, 2], [2, 8]])
        #expect((a + b).elements == [3, 4, 5, 12])
        #expect((a - b).elements == [-1, 0, 1, -4])
        #expect((a * b).elements == [2, 4, 6, 32])
        #expect((a / b).elements == [0.5, 1, 1.5, 0.5])
        #expect((a + 1).elements == [2, 3, 4, 5])
        #expect((a - 1).elements == [0, 1, 2, 3])
        #expect((2 * a).elements == [2, 4, 6, 8])
        #expect((a / 2).elements == [0.5, 1, 1.5, 2])
        #expect((10 - a).elements == [9, 8, 7, 6])
        #expect((-a).elements == [-1, -2, -3, -4])
        #expect(a.addingRowVector([10, 20]).elements == [11, 22, 13, 24])
    }

    @Test("row sums, column sums, per-row argmax, sum and Frobenius norm")
    func reductions() {
        let a = Matrix<Float>([[1, 5, 2], [7, 0, 7], [-1, -3, -2]])
        #expect(a.rowSums() == [8, 14, -6])
        #expect(a.columnSums() == [7, 2, 7])
        #expect(a.argmaxPerRow() == [1, 0, 0])
        #expect(a.sum() == 16)
        #expect(abs(Matrix<Float>([[3, 4]]).frobeniusNorm - 5) < 1e-6)
        var sums = [Float](repeating: 99, count: 3)
        a.columnSums(into: &sums)
        #expect(sums == [7, 2, 7])
    }

    @Test("the seeded generator is reproducible and the normal sampler has the right moments")
    func randomness() {
        var g1 = SeededGenerator(seed: 42), g2 = SeededGenerator(seed: 42), g3 = SeededGenerator(seed: 43)
        let a = Matrix<Double>.randomNormal(rows: 200, columns: 100, mean: 1, standardDeviation: 2, using: &g1)
        let b = Matrix<Double>.randomNormal(rows: 200, columns: 100, mean: 1, standardDeviation: 2, using: &g2)
        let c = Matrix<Double>.randomNormal(rows: 200, columns: 100, mean: 1, standardDeviation: 2, using: &g3)
        #expect(a == b)
        #expect(a != c)
        let mean = a.sum() / Double(a.count)
        let variance = a.elements.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(a.count - 1)
        // 20000 samples: the standard error of the mean is 2/√20000 ≈ 0.014.
        #expect(abs(mean - 1) < 0.06)
        #expect(abs(variance - 4) < 0.2)
        let u = Matrix<Float>.random(rows: 50, columns: 50, in: -0.5...0.5, using: &g1)
        #expect(u.elements.allSatisfy { $0 >= -0.5 && $0 <= 0.5 })
    }

    @Test("description prints a grid and truncates large matrices")
    func description() {
        let small = Matrix<Double>([[1, 2.5], [3, 4]])
        #expect(small.description == "Matrix<Double> 2×2\n  [  1 2.5]\n  [  3   4]")
        let large = Matrix<Float>(rows: 100, columns: 100) { r, c in Float(r * 100 + c) }
        let lines = large.description.split(separator: "\n")
        #expect(lines.count == 1 + 7)
        #expect(lines[0] == "Matrix<Float> 100×100")
        #expect(large.description.contains("⋮") && large.description.contains("…") && large.description.contains("9999"))
    }

    @Test("a shape mismatch stops the program with a message naming both shapes and the operation")
    func shapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let a = Matrix<Float>(rows: 2, columns: 3)
            let b = Matrix<Float>(rows: 2, columns: 3)
            _ = a.matmul(b)
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("gemm") && message.contains("2×3") && message.contains("do not multiply"))
        await #expect(processExitsWith: .failure) {
            _ = Matrix<Double>(rows: 2, columns: 2) + Matrix<Double>(rows: 3, columns: 2)
        }
    }

    @Test("a dimension that does not fit Int32 stops before reaching OpenBLAS, or throws for LAPACK")
    func dimensionOverflow() async {
        await #expect(processExitsWith: .failure) {
            _ = blasInt(1 << 40, "m", in: "gemm")
        }
        #expect(blasInt(1 << 20, "m", in: "gemm") == 1 << 20)
        #expect(throws: LinearAlgebraError.dimensionTooLarge(routine: "gels", value: 1 << 40)) {
            try lapackInt(1 << 40, in: "gels")
        }
    }
}
