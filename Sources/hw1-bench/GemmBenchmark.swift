import Foundation
import BLASKitCBLAS
import BLASKit

/// Measures the cost of the Matrix wrapper: `BLAS.gemm(_:_:_:_:alpha:beta:into:)` against a direct
/// `cblas_sgemm` on the same buffers, for the shapes of one MLP training step.
enum GemmBenchmark {
    static func run(_ arguments: [String]) throws {
        var generator = SeededGenerator(seed: 7)
        // (m, k, n, transA, transB): the forward, weight-gradient and input-gradient
        // products of the first layer at batch 64.
        let shapes: [(String, Int, Int, Int, Bool, Bool)] = [
            ("64×784 · 784×128", 64, 784, 128, false, false),
            ("784×64 · 64×128 (Aᵀ)", 784, 64, 128, true, false),
            ("64×128 · 128×784 (Bᵀ)", 64, 128, 784, false, true),
            ("512×512 · 512×512", 512, 512, 512, false, false),
        ]
        print("\n## gemm: Matrix API against direct cblas_sgemm (Float)")
        print(pad("shape", 26) + pad("direct GFLOP/s", 16) + pad("Matrix GFLOP/s", 16) + "Matrix/direct rate")
        for (label, m, k, n, transA, transB) in shapes {
            let a = Matrix<Float>.random(rows: transA ? k : m, columns: transA ? m : k, in: -1...1, using: &generator)
            let b = Matrix<Float>.random(rows: transB ? n : k, columns: transB ? k : n, in: -1...1, using: &generator)
            var c = Matrix<Float>(rows: m, columns: n)
            let flops = 2.0 * Double(m * n * k)
            let repeats = max(50, Int(2e9 / flops))
            // Alternate the two measurements so drift in clock speed affects both alike.
            var direct: [Double] = [], wrapped: [Double] = []
            for _ in 0..<5 {
                direct.append(timeDirect(a, b, &c, m, n, k, transA, transB, repeats))
                wrapped.append(Timing.seconds {
                    for _ in 0..<repeats {
                        BLAS.gemm(a, transA ? .transposed : .noTranspose, b, transB ? .transposed : .noTranspose, into: &c)
                    }
                })
            }
            let directRate = flops * Double(repeats) / direct.sorted()[2] / 1e9
            let wrappedRate = flops * Double(repeats) / wrapped.sorted()[2] / 1e9
            blackHole(c)
            print(pad(label, 26) + pad(String(format: "%.1f", directRate), 16) + pad(String(format: "%.1f", wrappedRate), 16)
                + String(format: "%.1f%%", 100 * wrappedRate / directRate))
        }
    }

    private static func timeDirect(
        _ a: Matrix<Float>, _ b: Matrix<Float>, _ c: inout Matrix<Float>,
        _ m: Int, _ n: Int, _ k: Int, _ transA: Bool, _ transB: Bool, _ repeats: Int
    ) -> Double {
        a.withUnsafeBufferPointer { pa in
            b.withUnsafeBufferPointer { pb in
                c.withUnsafeMutableBufferPointer { pc in
                    Timing.seconds {
                        for _ in 0..<repeats {
                            cblas_sgemm(
                                CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                                Int32(m), Int32(n), Int32(k), 1, pa.baseAddress, Int32(a.columns),
                                pb.baseAddress, Int32(b.columns), 0, pc.baseAddress, Int32(n))
                        }
                    }
                }
            }
        }
    }
}

/// Left-aligns `text` in a column of `width` characters.
func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
}
