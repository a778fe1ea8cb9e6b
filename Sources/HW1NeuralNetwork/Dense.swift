import BLASKit

/// A fully connected layer `y = f(x · Wᵀ + b)` as a value, with its forward/backward pair.
///
/// `weight` is `[out, in]` (PyTorch's `nn.Linear` layout), `bias` is `[out]`. This form
/// allocates its results and exists for inspection and gradient checks; ``Network`` runs the
/// same kernels on preallocated buffers.
public struct Dense<Scalar: BLASScalar>: Sendable, Equatable {
    /// `[outputSize, inputSize]`.
    public var weight: Matrix<Scalar>
    /// `[outputSize]`.
    public var bias: [Scalar]
    /// The nonlinearity applied after the affine map.
    public var activation: Activation

    /// Number of input features.
    public var inputSize: Int { weight.columns }
    /// Number of output features.
    public var outputSize: Int { weight.rows }

    /// A layer from explicit parameters. - Precondition: `bias.count == weight.rows`.
    public init(weight: Matrix<Scalar>, bias: [Scalar], activation: Activation) {
        precondition(bias.count == weight.rows, "Dense: bias has \(bias.count) entries, weight \(weight.shape) needs \(weight.rows)")
        self.weight = weight
        self.bias = bias
        self.activation = activation
    }

    /// A freshly initialised layer (biases zero); `initializer` defaults by activation.
    public init<Generator: RandomNumberGenerator>(
        inputSize: Int, outputSize: Int, activation: Activation,
        initializer: WeightInitializer? = nil, using generator: inout Generator
    ) {
        let values: [Scalar] = (initializer ?? .default(for: activation))
            .weights(outputs: outputSize, inputs: inputSize, using: &generator)
        self.init(
            weight: Matrix(rows: outputSize, columns: inputSize, elements: values),
            bias: [Scalar](repeating: 0, count: outputSize), activation: activation)
    }

    /// Forward: `x [batch, in]` → `y [batch, out]`.
    public func forward(_ x: Matrix<Scalar>) -> Matrix<Scalar> {
        precondition(x.columns == inputSize, "Dense.forward: input has \(x.columns) columns, the layer expects \(inputSize)")
        var y = Matrix<Scalar>(rows: x.rows, columns: outputSize)
        x.withUnsafeBufferPointer { px in
            weight.withUnsafeBufferPointer { pw in
                bias.withUnsafeBufferPointer { pb in
                    y.withUnsafeMutableBufferPointer { py in
                        DenseKernel.forward(
                            input: px.baseAddress!, rows: x.rows, inputs: inputSize, outputs: outputSize,
                            weight: pw.baseAddress!, bias: pb.baseAddress!, activation: activation,
                            output: py.baseAddress!)
                    }
                }
            }
        }
        return y
    }

    /// Backward: from the forward pair `(x [batch, in], y [batch, out])` and `dy = ∂L/∂y
    /// [batch, out]`, the gradients `dx [batch, in]`, `dW [out, in]`, `db [out]`.
    public func backward(
        input x: Matrix<Scalar>, output y: Matrix<Scalar>, outputGradient dy: Matrix<Scalar>
    ) -> DenseGradients<Scalar> {
        precondition(x.rows == y.rows && y.shape == dy.shape && x.columns == inputSize && y.columns == outputSize,
            "Dense.backward: shapes x \(x.shape), y \(y.shape), dy \(dy.shape) do not fit a \(inputSize)→\(outputSize) layer")
        var delta = dy
        var dW = Matrix<Scalar>(rows: outputSize, columns: inputSize)
        var db = [Scalar](repeating: 0, count: outputSize)
        var dx = Matrix<Scalar>(rows: x.rows, columns: inputSize)
        let rows = x.rows
        delta.withUnsafeMutableBufferPointer { pd in
            y.withUnsafeBufferPointer { py in
                db.withUnsafeMutableBufferPointer { pdb in
                    DenseKernel.activationBackward(
                        gradient: pd.baseAddress!, output: py.baseAddress!, rows: rows, columns: outputSize,
                        activation: activation, biasGradient: pdb.baseAddress!)
                }
            }
            x.withUnsafeBufferPointer { px in
                dW.withUnsafeMutableBufferPointer { pdw in
                    DenseKernel.weightGradient(
                        delta: pd.baseAddress!, input: px.baseAddress!, rows: rows, inputs: inputSize,
                        outputs: outputSize, into: pdw.baseAddress!)
                }
            }
            weight.withUnsafeBufferPointer { pw in
                dx.withUnsafeMutableBufferPointer { pdx in
                    DenseKernel.inputGradient(
                        delta: pd.baseAddress!, weight: pw.baseAddress!, rows: rows, inputs: inputSize,
                        outputs: outputSize, into: pdx.baseAddress!)
                }
            }
        }
        return DenseGradients(input: dx, weight: dW, bias: db)
    }
}

/// The gradients a ``Dense`` layer's backward pass returns.
public struct DenseGradients<Scalar: BLASScalar>: Sendable, Equatable {
    /// ∂L/∂x, `[batch, in]`.
    public var input: Matrix<Scalar>
    /// ∂L/∂W, `[out, in]`.
    public var weight: Matrix<Scalar>
    /// ∂L/∂b, `[out]`.
    public var bias: [Scalar]
}
