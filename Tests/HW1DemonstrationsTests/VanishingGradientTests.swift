import HW1Demonstrations
import BLASKit
import HW1NeuralNetwork
import Testing

/// Problem 2(a): sigmoid gradients vanish through depth, ReLU gradients do not.
@Suite struct VanishingGradientTests {
    static let result = try! VanishingGradientDemonstration.run(seed: 1)

    @Test func sigmoidFirstLayerGradientIsBelowOneThousandthOfTheLastLayers() {
        #expect(Self.result.sigmoid.layers.count == 10)
        #expect(Self.result.sigmoid.firstToLastRatio < 1e-3)
        // The norm falls layer after layer, not only overall.
        let norms = Self.result.sigmoid.layers.map(\.weightGradientNorm)
        for (lower, upper) in zip(norms, norms.dropFirst()) { #expect(lower < upper) }
    }

    @Test func reluGradientRatioStaysWithinOneOrderOfMagnitude() {
        #expect(Self.result.relu.firstToLastRatio > 0.1 && Self.result.relu.firstToLastRatio < 10)
    }

    @Test func sigmoidDerivativeNeverExceedsOneQuarterWhileReluPassesTheActiveHalfWhole() {
        for layer in Self.result.sigmoid.layers.dropLast() { #expect(layer.meanDerivative <= 0.25) }
        for layer in Self.result.relu.layers.dropLast() { #expect(layer.meanDerivative > 0.3 && layer.meanDerivative < 0.7) }
    }

    @Test func theProbesGradientsAreTheNetworksOwnGradients() throws {
        // The per-layer probe must compute exactly what the training step computes.
        var generator = SeededGenerator(seed: 5)
        let network = try Network<Double>(sizes: [6, 5, 4, 3], activation: .sigmoid, using: &generator)
        let inputs = Matrix<Double>.randomNormal(rows: 7, columns: 6, using: &generator)
        let labels = [0, 1, 2, 0, 1, 2, 0]
        let probe = NetworkProbe(layers: network.layers, activation: .sigmoid)
        let (probeLoss, probeGradients) = probe.lossAndGradients(inputs, labels: labels)
        let workspace = try TrainingWorkspace(network: network, batchSize: 7)
        let (loss, flat) = try workspace.lossAndGradients(network, inputs: inputs, labels: labels)
        #expect(abs(probeLoss - loss) < 1e-12)
        let probeFlat = probeGradients.flatMap { $0.weight.elements + $0.bias }
        #expect(FiniteDifference.relativeError(probeFlat, flat) < 1e-12)
    }
}
