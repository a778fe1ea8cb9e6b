internal import BLASKitCBLAS
import BLASKit

/// The pointer-level forward and backward passes of a dense layer: the single implementation
/// behind ``Dense`` (checked against finite differences), ``TrainingWorkspace``'s training step
/// and ``Network``'s inference (both through `WorkerBuffers`).
///
/// All buffers are row-major. Nothing here allocates; elementwise work is one pass each.
enum DenseKernel {
    // notebook-excerpt: begin dense-forward
    /// Forward: `y[rows, out] = f(x[rows, in] · wᵀ + b)`, with `w` stored `[out, in]`
    /// (PyTorch's `nn.Linear` layout, used through gemm's transB flag) and `b` `[out]`.
    @inline(__always)
    static func forward<Scalar: BLASScalar>(
        input x: UnsafePointer<Scalar>, rows: Int, inputs: Int, outputs: Int,
        weight w: UnsafePointer<Scalar>, bias b: UnsafePointer<Scalar>, activation: Activation,
        output y: UnsafeMutablePointer<Scalar>
    ) {
        guard rows > 0 else { return }
        Scalar.rawGemm(
            CblasNoTrans, CblasTrans, Int32(rows), Int32(outputs), Int32(inputs),
            1, x, Int32(inputs), w, Int32(inputs), 0, y, Int32(outputs))
        // Bias and activation in one pass; the switch is hoisted out of the loops.
        switch activation {
        case .identity:
            for r in 0..<rows {
                let row = y + r &* outputs
                for j in 0..<outputs { row[j] += b[j] }
            }
        case .relu:
            for r in 0..<rows {
                let row = y + r &* outputs
                for j in 0..<outputs {
                    let z = row[j] + b[j]
                    row[j] = z < 0 ? 0 : z
                }
            }
        case .sigmoid:
            if Scalar.self == Float.self {
                FloatSigmoid.applyWithBias(
                    UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self),
                    bias: UnsafeRawPointer(b).assumingMemoryBound(to: Float.self), rows: rows, width: outputs)
                return
            }
            for r in 0..<rows {
                let row = y + r &* outputs
                for j in 0..<outputs { row[j] = Activation.sigmoid(row[j] + b[j]) }
            }
        }
    }
    // notebook-excerpt: end dense-forward

    // notebook-excerpt: begin dense-weight-gradient
    /// Weight gradient `dw[out, in] = δᵀ · x` for `δ[rows, out]` (the gradient with respect to
    /// the layer's pre-activation) and `x[rows, in]`. Overwrites `dw`.
    @inline(__always)
    static func weightGradient<Scalar: BLASScalar>(
        delta: UnsafePointer<Scalar>, input x: UnsafePointer<Scalar>, rows: Int, inputs: Int, outputs: Int,
        into dw: UnsafeMutablePointer<Scalar>
    ) {
        Scalar.rawGemm(
            CblasTrans, CblasNoTrans, Int32(outputs), Int32(inputs), Int32(rows),
            1, delta, Int32(outputs), x, Int32(inputs), 0, dw, Int32(inputs))
    }
    // notebook-excerpt: end dense-weight-gradient

    // notebook-excerpt: begin dense-input-gradient
    /// Input gradient `dx[rows, in] = δ[rows, out] · w[out, in]`. Overwrites `dx`.
    @inline(__always)
    static func inputGradient<Scalar: BLASScalar>(
        delta: UnsafePointer<Scalar>, weight w: UnsafePointer<Scalar>, rows: Int, inputs: Int, outputs: Int,
        into dx: UnsafeMutablePointer<Scalar>
    ) {
        Scalar.rawGemm(
            CblasNoTrans, CblasNoTrans, Int32(rows), Int32(inputs), Int32(outputs),
            1, delta, Int32(outputs), w, Int32(inputs), 0, dx, Int32(inputs))
    }
    // notebook-excerpt: end dense-input-gradient

    // notebook-excerpt: begin dense-activation-backward
    /// Turns `g[rows, n]` = ∂L/∂y into ∂L/∂z in place (multiplying by f′ through the output
    /// `y`) and writes the bias gradient `db[n]` = column sums of the result, in one pass.
    @inline(__always)
    static func activationBackward<Scalar: BLASScalar>(
        gradient g: UnsafeMutablePointer<Scalar>, output y: UnsafePointer<Scalar>, rows: Int, columns n: Int,
        activation: Activation, biasGradient db: UnsafeMutablePointer<Scalar>
    ) {
        db.initialize(repeating: 0, count: n)
        switch activation {
        case .identity:
            for r in 0..<rows {
                let gr = g + r &* n
                for j in 0..<n { db[j] += gr[j] }
            }
        case .relu:
            for r in 0..<rows {
                let gr = g + r &* n, yr = y + r &* n
                for j in 0..<n {
                    let d = yr[j] > 0 ? gr[j] : 0
                    gr[j] = d
                    db[j] += d
                }
            }
        case .sigmoid:
            for r in 0..<rows {
                let gr = g + r &* n, yr = y + r &* n
                for j in 0..<n {
                    let s = yr[j]
                    let d = gr[j] * (s * (1 - s))
                    gr[j] = d
                    db[j] += d
                }
            }
        }
    }
    // notebook-excerpt: end dense-activation-backward
}
