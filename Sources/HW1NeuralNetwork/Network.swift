import BLASKit

/// A sequential multilayer perceptron: ``Dense`` layers with one hidden activation and an
/// identity output layer whose logits feed ``SoftmaxCrossEntropy``.
///
/// All weights and biases live in one flat array (``parameters``) in the order
/// `layers.0.weight [out, in]`, `layers.0.bias [out]`, `layers.1.weight`, …, so a training
/// step touches one buffer, the optimiser makes one pass, and nothing is copied. Keep no second
/// reference to ``parameters`` while training: the array is mutated in place and a shared
/// copy would force a copy-on-write.
public struct Network<Scalar: BLASScalar>: Sendable, Equatable {
    /// Layer widths, input first: e.g. `[784, 128, 64, 10]`.
    public let sizes: [Int]
    /// The activation of every hidden layer (the output layer is the identity).
    public let activation: Activation
    /// Every parameter, flat, in the layout described above (``layout``).
    public internal(set) var parameters: [Scalar]
    /// Where each layer's weight and bias sit in ``parameters``.
    public let layout: [DenseLayout]

    /// Number of dense layers (`sizes.count − 1`).
    public var layerCount: Int { layout.count }
    /// Number of inputs per sample.
    public var inputSize: Int { sizes[0] }
    /// Number of classes (width of the output layer).
    public var classCount: Int { sizes[sizes.count - 1] }
    /// Number of scalar parameters.
    public var parameterCount: Int { parameters.count }

    /// A network with freshly initialised weights (biases zero).
    /// - Parameters:
    ///   - sizes: widths, input first, at least two, all positive.
    ///   - initializer: defaults to Xavier for sigmoid/identity and He for ReLU.
    ///   - generator: the seeded source of every weight.
    public init<Generator: RandomNumberGenerator>(
        sizes: [Int], activation: Activation, initializer: WeightInitializer? = nil,
        using generator: inout Generator
    ) throws(NeuralNetworkError) {
        let layout = try Self.makeLayout(sizes)
        let initializer = initializer ?? .default(for: activation)
        var parameters = [Scalar](repeating: 0, count: layout.last.map { $0.biasRange.upperBound } ?? 0)
        for layer in layout {
            let weights: [Scalar] = initializer.weights(outputs: layer.outputs, inputs: layer.inputs, using: &generator)
            parameters.replaceSubrange(layer.weightRange, with: weights)
        }
        self.sizes = sizes
        self.activation = activation
        self.layout = layout
        self.parameters = parameters
    }

    /// A network from named tensors `layers.{i}.weight` (`[out, in]`) and `layers.{i}.bias`
    /// (`[out]`), e.g. read from a safetensors file.
    public init(sizes: [Int], activation: Activation, namedParameters: [NamedParameter<Scalar>]) throws(NeuralNetworkError) {
        let layout = try Self.makeLayout(sizes)
        self.sizes = sizes
        self.activation = activation
        self.layout = layout
        self.parameters = [Scalar](repeating: 0, count: layout.last!.biasRange.upperBound)
        var seen = Set<String>()
        for parameter in namedParameters {
            try setParameter(named: parameter.name, shape: parameter.shape, values: parameter.values)
            seen.insert(parameter.name)
        }
        for name in parameterNames where !seen.contains(name) { throw .missingParameter(name: name) }
    }

    /// The names of all parameters in storage order: `layers.0.weight`, `layers.0.bias`, ….
    public var parameterNames: [String] {
        layout.indices.flatMap { ["layers.\($0).weight", "layers.\($0).bias"] }
    }

    /// Every parameter as a named tensor (a copy), in storage order, for saving.
    public var namedParameters: [NamedParameter<Scalar>] {
        layout.enumerated().flatMap { index, layer in
            [
                NamedParameter(name: "layers.\(index).weight", shape: [layer.outputs, layer.inputs],
                               values: Array(parameters[layer.weightRange])),
                NamedParameter(name: "layers.\(index).bias", shape: [layer.outputs],
                               values: Array(parameters[layer.biasRange])),
            ]
        }
    }

    /// Replaces one named parameter; `shape` must be `[out, in]` for a weight and `[out]` for a bias.
    public mutating func setParameter(named name: String, shape: [Int], values: [Scalar]) throws(NeuralNetworkError) {
        guard let (range, expected) = locate(name) else {
            throw .unknownParameter(name: name, known: parameterNames)
        }
        guard shape == expected, values.count == range.count else {
            throw .parameterShape(name: name, expected: expected, got: shape == expected ? [values.count] : shape)
        }
        parameters.replaceSubrange(range, with: values)
    }

    /// Replaces every parameter from a flat array in storage order (e.g. a previous ``parameters``).
    public mutating func setParameters(_ values: [Scalar]) throws(NeuralNetworkError) {
        guard values.count == parameters.count else {
            throw .parameterShape(name: "parameters", expected: [parameters.count], got: [values.count])
        }
        // Copy element-wise so `parameters` keeps its own (unique) storage.
        parameters.withUnsafeMutableBufferPointer { p in
            values.withUnsafeBufferPointer { v in _ = p.update(fromContentsOf: v) }
        }
    }

    /// Layer `index`'s weight, `[out, in]` (a copy).
    public func weight(layer index: Int) -> Matrix<Scalar> {
        let layer = layout[index]
        return Matrix(rows: layer.outputs, columns: layer.inputs, elements: Array(parameters[layer.weightRange]))
    }

    /// Layer `index`'s bias, `[out]` (a copy).
    public func bias(layer index: Int) -> [Scalar] { Array(parameters[layout[index].biasRange]) }

    /// The layers as ``Dense`` values (copies), the last one with the identity activation.
    public var layers: [Dense<Scalar>] {
        layout.indices.map { index in
            Dense(weight: weight(layer: index), bias: bias(layer: index),
                  activation: index == layout.count - 1 ? .identity : activation)
        }
    }

    /// The same network with every parameter converted to another scalar type (e.g. a `Float`
    /// model checked in `Double`).
    public func converted<Other: BLASScalar>(to type: Other.Type = Other.self) -> Network<Other> {
        Network<Other>(sizes: sizes, activation: activation, layout: layout, parameters: parameters.map { Other($0) })
    }

    init(sizes: [Int], activation: Activation, layout: [DenseLayout], parameters: [Scalar]) {
        self.sizes = sizes
        self.activation = activation
        self.layout = layout
        self.parameters = parameters
    }

    private func locate(_ name: String) -> (Range<Int>, [Int])? {
        let parts = name.split(separator: ".")
        guard parts.count == 3, parts[0] == "layers", let index = Int(parts[1]), layout.indices.contains(index)
        else { return nil }
        let layer = layout[index]
        switch parts[2] {
        case "weight": return (layer.weightRange, [layer.outputs, layer.inputs])
        case "bias": return (layer.biasRange, [layer.outputs])
        default: return nil
        }
    }

    static func makeLayout(_ sizes: [Int]) throws(NeuralNetworkError) -> [DenseLayout] {
        guard sizes.count >= 2, sizes.allSatisfy({ $0 > 0 }) else { throw .invalidSizes(sizes) }
        var layout: [DenseLayout] = []
        var offset = 0
        for index in 0..<(sizes.count - 1) {
            let inputs = sizes[index], outputs = sizes[index + 1]
            // Sizes can come from a file's metadata: an overflowing parameter count is refused,
            // not trapped on (a count that fits is still allocated by the caller, so loaders
            // check it against the file first, as `hw1`'s ModelFile does).
            let (weights, weightOverflow) = inputs.multipliedReportingOverflow(by: outputs)
            let (weightEnd, endOverflow) = offset.addingReportingOverflow(weights)
            let (biasEnd, biasOverflow) = weightEnd.addingReportingOverflow(outputs)
            let (_, byteOverflow) = biasEnd.multipliedReportingOverflow(by: MemoryLayout<Scalar>.stride)
            guard !weightOverflow, !endOverflow, !biasOverflow, !byteOverflow else { throw .invalidSizes(sizes) }
            let weightRange = offset..<weightEnd
            let biasRange = weightEnd..<biasEnd
            layout.append(DenseLayout(inputs: inputs, outputs: outputs, weightRange: weightRange, biasRange: biasRange))
            offset = biasRange.upperBound
        }
        return layout
    }
}

/// Where one dense layer's parameters sit in a network's flat parameter array.
public struct DenseLayout: Sendable, Equatable {
    /// Input width (fan-in).
    public let inputs: Int
    /// Output width (fan-out).
    public let outputs: Int
    /// The `[outputs, inputs]` weight, row-major.
    public let weightRange: Range<Int>
    /// The `[outputs]` bias.
    public let biasRange: Range<Int>
}

/// A named tensor: a parameter as it is saved (`layers.{i}.weight` `[out, in]`, `layers.{i}.bias` `[out]`).
public struct NamedParameter<Scalar: BLASScalar>: Sendable, Equatable {
    /// `layers.{i}.weight` or `layers.{i}.bias`, `i` counting dense layers from 0.
    public var name: String
    /// `[out, in]` for a weight, `[out]` for a bias.
    public var shape: [Int]
    /// Row-major values.
    public var values: [Scalar]

    /// A named tensor from its parts.
    public init(name: String, shape: [Int], values: [Scalar]) {
        self.name = name
        self.shape = shape
        self.values = values
    }
}
