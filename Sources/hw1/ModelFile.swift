import Foundation
import HW1Data
import HW1NeuralNetwork

/// A network saved as safetensors, readable by PyTorch and NumPy: F32 `layers.{i}.weight`
/// `[out, in]` and `layers.{i}.bias` `[out]`, with `activation`, `layer_sizes` (e.g.
/// "784,128,64,10") and `input_scaling` ("x/255") in `__metadata__`.
enum ModelFile {
    /// Writes `network` to `url`; `extraMetadata` adds strings such as the seed or the part.
    static func write(_ network: Network<Float>, to url: URL, extraMetadata: [String: String] = [:]) throws {
        var tensors: [String: FloatTensor] = [:]
        for parameter in network.namedParameters {
            tensors[parameter.name] = FloatTensor(shape: parameter.shape, values: parameter.values)
        }
        var metadata = extraMetadata
        metadata["activation"] = network.activation.rawValue
        metadata["layer_sizes"] = network.sizes.map(String.init).joined(separator: ",")
        metadata["input_scaling"] = "x/255"
        try SafeTensors.write(tensors, metadata: metadata, to: url)
    }

    /// Reads a network from `url`. The activation is `activation` when given (it overrides the
    /// metadata), else the metadata's; the layer sizes come from the metadata, else from the
    /// weights' shapes.
    static func read(from url: URL, activation override: Activation? = nil) throws -> Network<Float> {
        let (tensors, metadata) = try SafeTensors.read(from: url)
        let path = url.path
        let activation: Activation
        if let override {
            activation = override
        } else if let name = metadata["activation"] {
            guard let value = HiddenActivation.named(name) else {
                throw CLIError("\(path): unknown activation '\(name)' in the metadata; expected sigmoid or relu (or pass --activation)")
            }
            activation = value
        } else {
            throw CLIError("\(path) has no \"activation\" in its metadata; pass --activation sigmoid or --activation relu")
        }
        if let scaling = metadata["input_scaling"], scaling != "x/255" {
            throw CLIError("\(path): input_scaling '\(scaling)' is not supported; this tool feeds pixels as x/255")
        }
        if metadata["input_mean"] != nil || metadata["input_std"] != nil {
            throw CLIError("\(path): inputs normalised with input_mean/input_std are not supported; this tool feeds pixels as x/255")
        }
        let sizes = try metadata["layer_sizes"].map { try parseSizes($0, path: path) } ?? inferSizes(tensors, path: path)
        try checkParameterCount(sizes, fitsIn: tensors, path: path)
        let named = tensors.map { NamedParameter<Float>(name: $0.key, shape: $0.value.shape, values: $0.value.values) }
            .sorted { $0.name < $1.name }
        do {
            return try Network<Float>(sizes: sizes, activation: activation, namedParameters: named)
        } catch {
            throw CLIError("\(path): \(error) (layer sizes \(sizes.map(String.init).joined(separator: ",")))")
        }
    }

    static func parseSizes(_ text: String, path: String) throws -> [Int] {
        let sizes = text.split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard sizes.count >= 2, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw CLIError("\(path): metadata layer_sizes '\(text)' is not a list of positive integers like 784,128,64,10")
        }
        return sizes.map { $0! }
    }

    /// Refuses layer sizes that need more parameters than the file's tensors hold, before the
    /// network allocates them: `layer_sizes` is free text, and "784,4611686018427387904,10"
    /// would overflow the parameter count (a trap) or ask for terabytes.
    static func checkParameterCount(_ sizes: [Int], fitsIn tensors: [String: FloatTensor], path: String) throws {
        let held = tensors.values.reduce(0) { $0 + $1.values.count }  // each bounded by the file size
        var needed = 0
        for (inputs, outputs) in zip(sizes, sizes.dropFirst()) {
            guard case .success(let weights) = DeclaredSize.product([inputs, outputs]),
                  let total = DeclaredSize.sum(needed, weights).flatMap({ DeclaredSize.sum($0, outputs) }) else {
                throw CLIError("\(path): layer sizes \(sizes.map(String.init).joined(separator: ",")) need more "
                    + "parameters than a 64-bit count holds; the metadata layer_sizes is damaged")
            }
            needed = total
        }
        let missing = (0..<max(sizes.count - 1, 0)).flatMap { ["layers.\($0).weight", "layers.\($0).bias"] }
            .filter { tensors[$0] == nil }
        guard missing.isEmpty else {
            throw CLIError("\(path): layer sizes \(sizes.map(String.init).joined(separator: ",")) need the tensors "
                + "\(missing.joined(separator: ", ")), which the file does not hold; the file is incomplete or damaged")
        }
        guard needed <= held else {
            throw CLIError("\(path): layer sizes \(sizes.map(String.init).joined(separator: ",")) need \(needed) "
                + "parameters but the file's tensors hold only \(held); the metadata layer_sizes does not match the weights")
        }
    }

    /// Sizes from `layers.{i}.weight` shapes `[out, in]`, checking that neighbours connect.
    static func inferSizes(_ tensors: [String: FloatTensor], path: String) throws -> [Int] {
        var sizes: [Int] = []
        var index = 0
        while let weight = tensors["layers.\(index).weight"] {
            guard weight.shape.count == 2 else {
                throw CLIError("\(path): layers.\(index).weight has shape \(weight.shape); a weight must be [out, in]")
            }
            if index == 0 {
                sizes.append(weight.shape[1])
            } else if weight.shape[1] != sizes.last! {
                throw CLIError("\(path): layers.\(index).weight has shape \(weight.shape) but layer \(index - 1) has \(sizes.last!) outputs")
            }
            sizes.append(weight.shape[0])
            index += 1
        }
        guard index > 0 else {
            throw CLIError("\(path): tensor layers.0.weight is missing; a model holds layers.{i}.weight [out, in] and layers.{i}.bias [out]")
        }
        return sizes
    }
}
