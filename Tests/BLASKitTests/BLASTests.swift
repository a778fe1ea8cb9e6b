import BLASKit
import Testing

@Suite("BLAS against naive references")
struct BLASTests {
    func checkGemm<S: BLASScalar>(_: S.Type) {
        var generator = SeededGenerator(seed: 1)
        for (m, k, n) in testShapes {
            for transA in [false, true] {
                for transB in [false, true] {
                    let a = Matrix<S>.random(rows: transA ? k : m, columns: transA ? m : k, in: -1...1, using: &generator)
                    let b = Matrix<S>.random(rows: transB ? n : k, columns: transB ? k : n, in: -1...1, using: &generator)
                    let c0 = Matrix<S>.random(rows: m, columns: n, in: -1...1, using: &generator)
                    let (alpha, beta): (S, S) = (0.75, -1.5)
                    var c = c0
                    BLAS.gemm(a, transA ? .transposed : .noTranspose, b, transB ? .transposed : .noTranspose, alpha: alpha, beta: beta, into: &c)
                    let expected = Reference.product(a, transA, b, transB) * alpha + c0 * beta
                    expectClose(c, expected, relative: tolerance(S.self), absolute: tolerance(S.self))
                    // The value-returning form agrees with the into: form.
                    expectClose(
                        a.matmul(b, transposeSelf: transA, transposeOther: transB),
                        Reference.product(a, transA, b, transB), relative: tolerance(S.self), absolute: tolerance(S.self))
                }
            }
        }
    }

    @Test("gemm: all four transpose combinations, alpha and beta, every shape (Float)")
    func gemmFloat() { checkGemm(Float.self) }

    @Test("gemm: all four transpose combinations, alpha and beta, every shape (Double)")
    func gemmDouble() { checkGemm(Double.self) }

    func checkAccumulate<S: BLASScalar>(_: S.Type) {
        var generator = SeededGenerator(seed: 2)
        let a = Matrix<S>.random(rows: 5, columns: 4, in: -1...1, using: &generator)
        let b = Matrix<S>.random(rows: 4, columns: 3, in: -1...1, using: &generator)
        var c = Matrix<S>.random(rows: 5, columns: 3, in: -1...1, using: &generator)
        let start = c
        BLAS.gemm(a, .noTranspose, b, .noTranspose, alpha: 2, beta: 1, into: &c)
        expectClose(c, start + Reference.product(a, false, b, false) * 2, relative: tolerance(S.self), absolute: tolerance(S.self))
    }

    @Test("addProduct accumulates into the existing matrix")
    func accumulate() {
        checkAccumulate(Float.self)
        checkAccumulate(Double.self)
    }

    func checkSyrk<S: BLASScalar>(_: S.Type) {
        var generator = SeededGenerator(seed: 3)
        for (rows, columns) in [(9, 4), (4, 9), (1, 6), (6, 1), (0, 3)] {
            let a = Matrix<S>.random(rows: rows, columns: columns, in: -1...1, using: &generator)
            expectClose(a.gram(), Reference.product(a, true, a, false), relative: tolerance(S.self), absolute: tolerance(S.self))
            var c = Matrix<S>(rows: rows, columns: rows, repeating: 1)
            BLAS.syrk(a, .noTranspose, alpha: 2, beta: 1, triangle: .lower, into: &c)
            c.symmetrize(from: .lower)
            let expected = Reference.product(a, false, a, true) * 2 + 1
            expectClose(c, expected, relative: tolerance(S.self), absolute: tolerance(S.self))
        }
    }

    @Test("syrk and gram match AᵀA and A·Aᵀ")
    func syrk() {
        checkSyrk(Float.self)
        checkSyrk(Double.self)
    }

    func checkGemv<S: BLASScalar>(_: S.Type) {
        var generator = SeededGenerator(seed: 4)
        for (m, _, n) in testShapes {
            let a = Matrix<S>.random(rows: m, columns: n, in: -1...1, using: &generator)
            for trans in [false, true] {
                let xCount = trans ? m : n, yCount = trans ? n : m
                let x = (0..<xCount).map { _ in S.random(in: -1...1, using: &generator) }
                let y0 = (0..<yCount).map { _ in S.random(in: -1...1, using: &generator) }
                var y = y0
                BLAS.gemv(a, trans ? .transposed : .noTranspose, x, alpha: 2, beta: 0.5, into: &y)
                let ax = Reference.product(a, trans, Matrix(column: x), false).elements
                let expected = zip(ax, y0).map { 2 * $0 + 0.5 * $1 }
                expectClose(y, expected, relative: tolerance(S.self), absolute: tolerance(S.self))
            }
        }
    }

    @Test("gemv with and without transpose, alpha and beta")
    func gemv() {
        checkGemv(Float.self)
        checkGemv(Double.self)
    }

    func checkEmptyGemv<S: BLASScalar>(_: S.Type) {
        // op(A) is 3×0 both ways round: y ← beta·y, and beta = 0 must overwrite NaN and ∞.
        for (a, trans) in [(Matrix<S>(rows: 3, columns: 0, elements: []), Transpose.noTranspose),
                           (Matrix<S>(rows: 0, columns: 3, elements: []), Transpose.transposed)] {
            var y: [S] = [.nan, .infinity, 2]
            BLAS.gemv(a, trans, [], alpha: 1, beta: 0, into: &y)
            #expect(y == [0, 0, 0])
            var z: [S] = [1, -2, 4]
            BLAS.gemv(a, trans, [], alpha: 1, beta: 0.5, into: &z)
            #expect(z == [0.5, -1, 2])
        }
    }

    @Test("gemv with zero columns scales y by beta, writing exact zeros for beta = 0 even over NaN")
    func gemvEmptyProduct() {
        checkEmptyGemv(Float.self)
        checkEmptyGemv(Double.self)
    }

    func checkLevel1<S: BLASScalar>(_: S.Type) {
        var generator = SeededGenerator(seed: 5)
        for n in [0, 1, 7, 100] {
            let x = (0..<n).map { _ in S.random(in: -2...2, using: &generator) }
            let y0 = (0..<n).map { _ in S.random(in: -2...2, using: &generator) }
            var y = y0
            BLAS.axpy(3, x, &y)
            expectClose(y, zip(x, y0).map { 3 * $0 + $1 }, relative: tolerance(S.self), absolute: tolerance(S.self))
            var z = x
            BLAS.scal(-0.5, &z)
            expectClose(z, x.map { -0.5 * $0 }, relative: tolerance(S.self), absolute: tolerance(S.self))
            let dot = BLAS.dot(x, y0)
            let expectedDot = zip(x, y0).reduce(S(0)) { $0 + $1.0 * $1.1 }
            #expect(abs(dot - expectedDot) <= tolerance(S.self) * (1 + abs(expectedDot)))
            let norm = BLAS.nrm2(x)
            let expectedNorm = x.reduce(S(0)) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(norm - expectedNorm) <= tolerance(S.self) * (1 + expectedNorm))
        }
    }

    @Test("axpy, scal, dot and nrm2, including the empty vector")
    func level1() {
        checkLevel1(Float.self)
        checkLevel1(Double.self)
    }

    @Test("nrm2 does not overflow where the naive sum of squares would")
    func nrm2NoOverflow() {
        let big: [Float] = [3e30, 4e30]
        #expect(abs(BLAS.nrm2(big) - 5e30) <= 5e30 * 1e-6)
    }

    @Test("the OpenBLAS thread count can be read and set")
    func threadCount() {
        let original = OpenBLAS.threadCount
        OpenBLAS.threadCount = 1
        #expect(OpenBLAS.threadCount == 1)
        OpenBLAS.threadCount = original
        #expect(OpenBLAS.threadCount == original)
        #expect(OpenBLAS.configuration.contains("OpenBLAS"))
    }
}
