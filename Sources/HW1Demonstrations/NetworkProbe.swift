import BLASKit
import HW1NeuralNetwork
import Foundation

/// The hidden nonlinearity of a probed layer stack: the neural-network module's own sigmoid
/// and ReLU, or tanh, which that module does not offer and which the probe applies itself
/// after an identity ``Dense`` layer (Xavier's analysis assumes tanh's linear regime).
public enum ProbeActivation: String, Sendable, CaseIterable {
    /// σ(z), through ``Activation/sigmoid``.
    case sigmoid
    /// max(z, 0), through ``Activation/relu``.
    case relu
    /// tanh(z), applied by the probe.
    case tanh

    /// f′ written through the output y = f(z).
    func derivative(output y: Double) -> Double {
        switch self {
        case .sigmoid: y * (1 - y)
        case .relu: y > 0 ? 1 : 0
        case .tanh: 1 - y * y
        }
    }

    /// Whether a unit with output `y` is saturated: its derivative is below a tenth of the
    /// largest the function reaches (σ′ < 0.025, tanh′ < 0.1); a ReLU unit counts when it is off.
    func isSaturated(output y: Double) -> Bool {
        switch self {
        case .sigmoid: derivative(output: y) < 0.025
        case .relu: y <= 0
        case .tanh: derivative(output: y) < 0.1
        }
    }
}

/// What the probe records for one dense layer on one batch.
public struct LayerMeasurement: Sendable, Equatable {
    /// Variance of the layer's outputs over every batch row and unit (after the nonlinearity;
    /// the logits for the output layer).
    public var activationVariance: Double
    /// Share of the layer's outputs that are saturated (see ``ProbeActivation``); 0 for the output layer.
    public var saturatedShare: Double
    /// Mean of f′(z) over the layer's outputs: the factor the nonlinearity applies to the
    /// back-propagated error on average (1 for the identity output layer).
    public var meanDerivative: Double
    /// ‖∂L/∂W‖ (Frobenius) of the layer's weight.
    public var weightGradientNorm: Double
    /// Variance of the entries of ∂L/∂W.
    public var weightGradientVariance: Double
}

/// Runs a batch forward and backward through the layers of a ``Network`` one ``Dense`` at a
/// time, recording per-layer activations and gradients, which the network's fused training
/// step does not expose. Loss: mean softmax cross-entropy on the logits.
public struct NetworkProbe: Sendable {
    /// The layers, input first; the last one gives the logits.
    public var layers: [Dense<Double>]
    /// The nonlinearity after every hidden layer.
    public var activation: ProbeActivation

    /// A stack of `sizes.count − 1` dense layers drawn by the neural-network module's own
    /// ``Network`` initialiser (biases zero); tanh stacks are built with identity layers.
    public init<Generator: RandomNumberGenerator>(
        sizes: [Int], activation: ProbeActivation, initializer: WeightInitializer, using generator: inout Generator
    ) throws {
        let moduleActivation: Activation =
            switch activation {
            case .sigmoid: .sigmoid
            case .relu: .relu
            case .tanh: .identity
            }
        let network = try Network<Double>(
            sizes: sizes, activation: moduleActivation, initializer: initializer, using: &generator)
        self.init(layers: network.layers, activation: activation)
    }

    /// A probe of existing layers (e.g. ``Network/layers``).
    public init(layers: [Dense<Double>], activation: ProbeActivation) {
        self.layers = layers
        self.activation = activation
    }

    /// The outputs of every layer for `inputs [batch, in]`, input first.
    public func forward(_ inputs: Matrix<Double>) -> [Matrix<Double>] {
        var outputs = [inputs]
        for (index, layer) in layers.enumerated() {
            var y = layer.forward(outputs[index])
            if activation == .tanh && index < layers.count - 1 { y = y.map { tanh($0) } }
            outputs.append(y)
        }
        return outputs
    }

    /// The loss and each layer's weight and bias gradient for a labelled batch.
    public func lossAndGradients(_ inputs: Matrix<Double>, labels: [Int]) -> (loss: Double, gradients: [DenseGradients<Double>]) {
        let outputs = forward(inputs)
        let (loss, logitGradient) = SoftmaxCrossEntropy.lossAndGradient(logits: outputs[layers.count], labels: labels)
        var upstream = logitGradient
        var gradients: [DenseGradients<Double>] = []
        for index in stride(from: layers.count - 1, through: 0, by: -1) {
            let y = outputs[index + 1]
            if activation == .tanh && index < layers.count - 1 {
                upstream = upstream * y.map { 1 - $0 * $0 }
            }
            let g = layers[index].backward(input: outputs[index], output: y, outputGradient: upstream)
            gradients.insert(g, at: 0)
            upstream = g.input
        }
        return (loss, gradients)
    }

    /// Per-layer activation and gradient statistics for a labelled batch.
    public func measure(_ inputs: Matrix<Double>, labels: [Int]) -> [LayerMeasurement] {
        let outputs = forward(inputs)
        let gradients = lossAndGradients(inputs, labels: labels).gradients
        return layers.indices.map { index in
            let y = outputs[index + 1].elements
            let isHidden = index < layers.count - 1
            let saturated = isHidden ? y.filter { activation.isSaturated(output: $0) }.count : 0
            let derivative = isHidden ? Statistics.mean(y.map { activation.derivative(output: $0) }) : 1
            let dW = gradients[index].weight
            return LayerMeasurement(
                activationVariance: Statistics.variance(y), saturatedShare: Double(saturated) / Double(y.count),
                meanDerivative: derivative,
                weightGradientNorm: dW.frobeniusNorm, weightGradientVariance: Statistics.variance(dW.elements))
        }
    }
}

/// Sample statistics used by the demonstrations.
public enum Statistics {
    /// The arithmetic mean (0 for no values).
    public static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    /// The population variance (divides by n; 0 for no values).
    public static func variance(_ values: [Double]) -> Double {
        let m = mean(values)
        return values.isEmpty ? 0 : values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count)
    }

    /// The unbiased sample variance (divides by n − 1).
    public static func sampleVariance(_ values: [Double]) -> Double {
        values.count < 2 ? 0 : variance(values) * Double(values.count) / Double(values.count - 1)
    }
}
