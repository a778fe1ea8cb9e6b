import BLASKit

/// The README's "Use the BLAS/LAPACK wrapper from another package" example, verbatim between
/// the markers, so that `make example` (in `make test`) compiles and runs it.
func readmeExample() throws {
    // readme-example: begin
    var generator = SeededGenerator(seed: 42)
    let a = Matrix<Double>.random(rows: 6, columns: 4, in: -1...1, using: &generator)
    var c = Matrix<Double>(rows: 8, columns: 8)
    c.withMutableView(rows: 2..<8, columns: 2..<8) { block in      // a view: no copy
        a.withView { BLAS.gemm($0, .noTranspose, $0, .transposed, into: block) }  // C[2..<8, 2..<8] = A·Aᵀ
    }
    let lu = try LAPACK.luFactor(a.gram() + Matrix<Double>.identity(4))  // factor AᵀA + I once,
    let x1 = lu.solve([1, 0, 0, 0]), x2 = lu.solve([0, 1, 0, 0])      // solve twice
    let svd = try LAPACK.svd(a)                                        // U·diag(S)·Vᵀ = A
    print(x1, x2, svd.singularValues, c[2, 2])
    // readme-example: end
    let m = a.gram() + Matrix<Double>.identity(4)
    let r1 = zip(m.matmul(Matrix(column: x1)).elements, [1.0, 0, 0, 0]).map { abs($0 - $1) }.max()!
    let r2 = zip(m.matmul(Matrix(column: x2)).elements, [0.0, 1, 0, 0]).map { abs($0 - $1) }.max()!
    let aat = a.matmul(a, transposeOther: true)
    let viewOK = c[0, 0] == 0 && c[1, 7] == 0 && abs(c[7, 7] - aat[5, 5]) < 1e-12
    let sumOfSquares = svd.singularValues.map { $0 * $0 }.reduce(0, +)
    guard r1 < 1e-12, r2 < 1e-12, viewOK, abs(sumOfSquares - a.frobeniusNorm * a.frobeniusNorm) < 1e-12 else {
        throw ReadmeExampleFailed()
    }
}

struct ReadmeExampleFailed: Error {}
