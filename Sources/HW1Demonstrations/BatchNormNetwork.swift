import BLASKit
import HW1NeuralNetwork

/// A sigmoid MLP built from the neural-network module's ``Dense`` layers, with an optional
/// ``BatchNormLayer`` between each hidden layer's affine map and its sigmoid, trained by plain
/// SGD on the softmax cross-entropy. The same code path runs with and without normalisation,
/// so the comparison isolates batch normalisation.
public struct BatchNormNetwork: Sendable {
    /// The affine maps, input first; hidden ones have the identity activation (the sigmoid is
    /// applied after normalisation), the last one gives the logits.
    public var dense: [Dense<Double>]
    /// One normalisation per hidden layer, or empty for the plain network.
    public var norms: [BatchNormLayer]

    /// Whether the network normalises its hidden pre-activations.
    public var usesBatchNorm: Bool { !norms.isEmpty }

    /// A network of the given widths (input first) with Xavier weights drawn by the module.
    public init<Generator: RandomNumberGenerator>(sizes: [Int], batchNorm: Bool, using generator: inout Generator) throws {
        let network = try Network<Double>(sizes: sizes, activation: .sigmoid, initializer: .xavierUniform, using: &generator)
        dense = network.layers.map { layer in
            var affine = layer
            affine.activation = .identity
            return affine
        }
        norms = batchNorm ? sizes.dropFirst().dropLast().map { BatchNormLayer(features: $0) } : []
    }

    /// Mean loss of a labelled batch, normalising with that batch's statistics.
    public func loss(_ inputs: Matrix<Double>, labels: [Int]) -> Double {
        SoftmaxCrossEntropy.loss(logits: forward(inputs).logits, labels: labels)
    }

    /// One SGD step with learning rate `eta` on a batch; returns the batch loss before the step.
    @discardableResult
    public mutating func step(_ inputs: Matrix<Double>, labels: [Int], learningRate eta: Double) -> Double {
        let pass = forward(inputs)
        let (loss, logitGradient) = SoftmaxCrossEntropy.lossAndGradient(logits: pass.logits, labels: labels)
        var upstream = logitGradient
        for index in stride(from: dense.count - 1, through: 0, by: -1) {
            if index < dense.count - 1 {
                let a = pass.activations[index + 1]
                upstream = upstream * a.map { $0 * (1 - $0) }
                if usesBatchNorm {
                    let g = norms[index].backward(pass.caches[index], outputGradient: upstream)
                    upstream = g.input
                    norms[index].gamma = zip(norms[index].gamma, g.gamma).map { $0 - eta * $1 }
                    norms[index].beta = zip(norms[index].beta, g.beta).map { $0 - eta * $1 }
                }
            }
            let g = dense[index].backward(
                input: pass.activations[index], output: pass.preActivations[index], outputGradient: upstream)
            upstream = g.input
            dense[index].weight -= eta * g.weight
            dense[index].bias = zip(dense[index].bias, g.bias).map { $0 - eta * $1 }
        }
        return loss
    }

    private struct Pass {
        var activations: [Matrix<Double>]  // input, then each hidden layer's sigmoid output
        var preActivations: [Matrix<Double>]  // each dense layer's affine output
        var caches: [BatchNormLayer.Cache]
        var logits: Matrix<Double>
    }

    private func forward(_ inputs: Matrix<Double>) -> Pass {
        var pass = Pass(activations: [inputs], preActivations: [], caches: [], logits: inputs)
        for index in dense.indices {
            let z = dense[index].forward(pass.activations[index])
            pass.preActivations.append(z)
            if index == dense.count - 1 {
                pass.logits = z
            } else if usesBatchNorm {
                let (normalized, cache) = norms[index].forward(z)
                pass.caches.append(cache)
                pass.activations.append(normalized.map { Activation.sigmoid($0) })
            } else {
                pass.activations.append(z.map { Activation.sigmoid($0) })
            }
        }
        return pass
    }
}
