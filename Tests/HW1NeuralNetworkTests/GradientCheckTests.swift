import BLASKit
import HW1NeuralNetwork
import Testing

/// Finite-difference checks in Double: every analytic gradient within 1e-6 relative error.
@Suite struct GradientCheckTests {
    /// A scalar loss of a layer's output: L = Σ y ⊙ R for a fixed random R, so ∂L/∂y = R.
    static func projectedLoss(_ y: Matrix<Double>, _ r: Matrix<Double>) -> Double {
        zip(y.elements, r.elements).reduce(0) { $0 + $1.0 * $1.1 }
    }

    @Test(arguments: Activation.allCases)
    func denseLayerGradientsMatchFiniteDifferences(activation: Activation) {
        var generator = SeededGenerator(seed: 11)
        let layer = Dense<Double>(inputSize: 5, outputSize: 4, activation: activation, initializer: .normal(standardDeviation: 0.8), using: &generator)
        // Shift the bias so no ReLU input sits at the kink.
        let x = randomMatrix(3, 5, seed: 12)
        let r = randomMatrix(3, 4, seed: 13)
        let y = layer.forward(x)
        let gradients = layer.backward(input: x, output: y, outputGradient: r)

        let numericX = numericalGradient(of: x.elements) { values in
            Self.projectedLoss(layer.forward(Matrix(rows: 3, columns: 5, elements: values)), r)
        }
        let numericW = numericalGradient(of: layer.weight.elements) { values in
            var changed = layer
            changed.weight = Matrix(rows: 4, columns: 5, elements: values)
            return Self.projectedLoss(changed.forward(x), r)
        }
        let numericB = numericalGradient(of: layer.bias) { values in
            var changed = layer
            changed.bias = values
            return Self.projectedLoss(changed.forward(x), r)
        }
        #expect(maxRelativeError(gradients.input.elements, numericX) < 1e-6)
        #expect(maxRelativeError(gradients.weight.elements, numericW) < 1e-6)
        #expect(maxRelativeError(gradients.bias, numericB) < 1e-6)
    }

    @Test func softmaxCrossEntropyGradientMatchesFiniteDifferences() {
        let logits = randomMatrix(4, 6, seed: 21, scale: 3)
        let labels = [0, 5, 2, 2]
        let (_, gradient) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: labels)
        let numeric = numericalGradient(of: logits.elements) { values in
            SoftmaxCrossEntropy.loss(logits: Matrix(rows: 4, columns: 6, elements: values), labels: labels)
        }
        #expect(maxRelativeError(gradient.elements, numeric) < 1e-6)
    }

    @Test(arguments: [Activation.sigmoid, .relu])
    func threeLayerNetworkGradientMatchesFiniteDifferences(activation: Activation) throws {
        var generator = SeededGenerator(seed: 31)
        let network = try Network<Double>(sizes: [6, 5, 4, 3], activation: activation,
                                          initializer: .normal(standardDeviation: 0.7), using: &generator)
        let x = randomMatrix(7, 6, seed: 32)
        let labels = randomLabels(7, classes: 3, seed: 33)
        let workspace = try TrainingWorkspace(network: network, batchSize: 7)
        let (_, analytic) = try workspace.lossAndGradients(network, inputs: x, labels: labels)
        let numeric = numericalGradient(of: network.parameters) { values in
            var changed = network
            try! changed.setParameters(values)
            return try! changed.loss(x, labels: labels)
        }
        #expect(maxRelativeError(analytic, numeric) < 1e-6)
    }

    @Test func splitAcrossTwoWorkersGivesTheSameGradient() throws {
        var generator = SeededGenerator(seed: 41)
        let network = try Network<Double>(sizes: [6, 5, 4, 3], activation: .sigmoid, using: &generator)
        let x = randomMatrix(9, 6, seed: 42)
        let labels = randomLabels(9, classes: 3, seed: 43)
        let one = try TrainingWorkspace(network: network, batchSize: 9, workers: 1).lossAndGradients(network, inputs: x, labels: labels)
        let two = try TrainingWorkspace(network: network, batchSize: 9, workers: 2).lossAndGradients(network, inputs: x, labels: labels)
        #expect(abs(one.loss - two.loss) < 1e-12)
        #expect(maxRelativeError(one.gradients, two.gradients) < 1e-10)
    }
}
