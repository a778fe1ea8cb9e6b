import BLASKit
import Testing

@Suite("Views: blocks, row and column ranges used in place")
struct ViewTests {
    @Test("gemm into a sub-block writes the block and leaves every other element untouched")
    func gemmIntoBlock() {
        var generator = SeededGenerator(seed: 11)
        let big = Matrix<Double>.random(rows: 7, columns: 9, in: -1...1, using: &generator)
        var c = Matrix<Double>.random(rows: 6, columns: 8, in: -1...1, using: &generator)
        let before = c
        // C[1..<4, 2..<7] ← 2 · A·Bᵀ + 0.5 · C-block, with A = big[0..<3, 1..<5], B = big[2..<7, 4..<8].
        c.withMutableView(rows: 1..<4, columns: 2..<7) { block in
            big.withView { whole in
                BLAS.gemm(
                    whole.block(rows: 0..<3, columns: 1..<5), .noTranspose, whole.block(rows: 2..<7, columns: 4..<8),
                    .transposed, alpha: 2, beta: 0.5, into: block)
            }
        }
        let a = big.withView(rows: 0..<3, columns: 1..<5) { $0.copy() }
        let b = big.withView(rows: 2..<7, columns: 4..<8) { $0.copy() }
        let product = a.matmul(b, transposeOther: true)
        for r in 0..<6 {
            for col in 0..<8 {
                if (1..<4).contains(r) && (2..<7).contains(col) {
                    let expected = 2 * product[r - 1, col - 2] + 0.5 * before[r, col]
                    #expect(abs(c[r, col] - expected) < 1e-12)
                } else {
                    #expect(c[r, col] == before[r, col], "element (\(r), \(col)) outside the block changed")
                }
            }
        }
    }

    @Test("gemv on a row range and trsm on a column block match the copied operands")
    func gemvAndTrsmOnViews() {
        var generator = SeededGenerator(seed: 12)
        let a = Matrix<Float>.random(rows: 6, columns: 4, in: -1...1, using: &generator)
        let x: [Float] = [1, -2, 0.5, 3]
        var y = [Float](repeating: 0, count: 3)
        a.withView(rows: 2..<5) { BLAS.gemv($0, .noTranspose, x, into: &y) }
        #expect(y == a.withView(rows: 2..<5) { $0.copy() }.matvec(x))

        let l = Matrix<Float>([[2, 0, 0], [1, 4, 0], [-1, 2, 5]])
        var b = Matrix<Float>.random(rows: 3, columns: 5, in: -1...1, using: &generator)
        let before = b
        l.withView { lv in b.withMutableView(columns: 1..<3) { BLAS.trsm(lv, triangle: .lower, $0) } }
        var expected = before.withView(columns: 1..<3) { $0.copy() }
        BLAS.trsm(l, triangle: .lower, &expected)
        for r in 0..<3 {
            for c in 0..<5 {
                if c == 1 || c == 2 { #expect(abs(b[r, c] - expected[r, c - 1]) < 1e-5) } else { #expect(b[r, c] == before[r, c]) }
            }
        }
    }

    @Test("a view's shape, block and subscript follow the leading dimension; out-of-range blocks stop")
    func viewGeometry() async {
        let m = Matrix<Double>(rows: 4, columns: 5) { r, c in Double(10 * r + c) }
        m.withView(rows: 1..<3, columns: 2..<5) { v in
            #expect(v.shape == Shape(2, 3) && v.leadingDimension == 5)
            #expect(v[1, 2] == 24)
            #expect(v.block(rows: 1..<2, columns: 0..<1)[0, 0] == 22)
        }
        await #expect(processExitsWith: .failure) {
            let m = Matrix<Double>(rows: 2, columns: 2)
            m.withView(rows: 0..<3) { _ in }
        }
    }
}
