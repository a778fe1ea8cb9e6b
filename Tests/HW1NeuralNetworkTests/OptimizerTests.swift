import BLASKit
import HW1NeuralNetwork
import Testing

/// Update rules against hand-computed values: one weight w (layer 1×1) and its bias b.
@Suite struct OptimizerTests {
    /// A 1→1 network with weight `w` and bias `b`: parameters are [w, b].
    func scalarNetwork(w: Double, b: Double) throws -> Network<Double> {
        var network = try Network<Double>(sizes: [1, 1], activation: .identity, namedParameters: [
            NamedParameter(name: "layers.0.weight", shape: [1, 1], values: [w]),
            NamedParameter(name: "layers.0.bias", shape: [1], values: [b]),
        ])
        try network.setParameters([w, b])
        return network
    }

    @Test func sgdSubtractsTheScaledGradient() throws {
        var network = try scalarNetwork(w: 1, b: 2)
        var sgd = SGD<Double>(learningRate: 0.1)
        sgd.update(&network, gradients: [0.5, -1])
        #expect(network.parameters == [1 - 0.05, 2 + 0.1])
    }

    @Test func momentumMatchesPyTorchsClassicalForm() throws {
        // v1 = g1 = 1; p1 = 1 − 0.1·1 = 0.9. v2 = 0.9·1 + 2 = 2.9; p2 = 0.9 − 0.29 = 0.61.
        var network = try scalarNetwork(w: 1, b: 0)
        var sgd = SGD<Double>(learningRate: 0.1, momentum: 0.9)
        sgd.update(&network, gradients: [1, 0])
        #expect(abs(network.parameters[0] - 0.9) < 1e-15)
        sgd.update(&network, gradients: [2, 0])
        #expect(abs(network.parameters[0] - 0.61) < 1e-15)
        #expect(abs(sgd.velocity[0] - 2.9) < 1e-15)
    }

    @Test func nesterovMatchesPyTorchsFormula() throws {
        // v1 = 1; p1 = 1 − 0.1·(1 + 0.9·1) = 0.81. v2 = 0.9 + 2 = 2.9; p2 = 0.81 − 0.1·(2 + 2.61) = 0.349.
        var network = try scalarNetwork(w: 1, b: 0)
        var sgd = SGD<Double>(learningRate: 0.1, momentum: 0.9, nesterov: true)
        sgd.update(&network, gradients: [1, 0])
        #expect(abs(network.parameters[0] - 0.81) < 1e-15)
        sgd.update(&network, gradients: [2, 0])
        #expect(abs(network.parameters[0] - 0.349) < 1e-14)
    }

    @Test func adamWithBiasCorrectionMatchesHandComputedSteps() throws {
        // Step 1: m = 0.1·g, v = 0.001·g², m̂ = g, v̂ = g² → p −= η·g/(|g| + ε) ≈ η·sign(g).
        var network = try scalarNetwork(w: 1, b: 0)
        var adam = Adam<Double>(learningRate: 0.01)
        adam.update(&network, gradients: [0.5, 0])
        #expect(abs(network.parameters[0] - (1 - 0.01 * 0.5 / (0.5 + 1e-8))) < 1e-15)
        // Step 2 with g = 2: m = 0.9·0.05 + 0.1·2 = 0.245, v = 0.999·0.00025 + 0.001·4 = 0.00424975,
        // m̂ = 0.245 / 0.19, v̂ = 0.00424975 / 0.001999.
        adam.update(&network, gradients: [2, 0])
        let m = 0.245, v = 0.00424975
        let expected = (1 - 0.01 * 0.5 / (0.5 + 1e-8)) - 0.01 / 0.19 * m / (v.squareRoot() / 0.001999.squareRoot() + 1e-8)
        #expect(abs(network.parameters[0] - expected) < 1e-14)
        #expect(adam.stepCount == 2)
        // A zero gradient on the bias leaves it at zero.
        #expect(network.parameters[1] == 0)
    }

    @Test func adamWithoutBiasCorrectionTakesSmallFirstSteps() throws {
        // m = 0.1·g, v = 0.001·g²: the step is η·0.1·g / (√0.001·|g| + ε) ≈ 3.16·η — and m is biased towards 0.
        var network = try scalarNetwork(w: 1, b: 0)
        var adam = Adam<Double>(learningRate: 0.01, biasCorrection: false)
        adam.update(&network, gradients: [0.5, 0])
        let expected = 1 - 0.01 * 0.05 / ((0.001 * 0.25).squareRoot() + 1e-8)
        #expect(abs(network.parameters[0] - expected) < 1e-15)
        #expect(abs(adam.firstMoment[0] - 0.05) < 1e-16)
    }

    @Test func weightDecayReachesWeightsButNeverBiases() throws {
        var network = try scalarNetwork(w: 2, b: 3)
        var sgd = SGD<Double>(learningRate: 0.1, weightDecay: 0.5)
        sgd.update(&network, gradients: [0, 0])
        // w ← 2 − 0.1·(0 + 0.5·2) = 1.9; b unchanged with a zero gradient.
        #expect(network.parameters == [1.9, 3])
        var adam = Adam<Double>(learningRate: 0.1, weightDecay: 0.5)
        adam.update(&network, gradients: [0, 0])
        #expect(network.parameters[0] < 1.9)
        #expect(network.parameters[1] == 3)
    }

    @Test func schedulesFollowTheirFormulas() {
        #expect(LearningRateSchedule.constant.rate(base: 0.1, epoch: 7, totalEpochs: 10) == 0.1)
        let step = LearningRateSchedule.stepDecay(every: 2, factor: 0.5)
        #expect([1, 2, 3, 5].map { step.rate(base: 0.8, epoch: $0, totalEpochs: 10) } == [0.8, 0.8, 0.4, 0.2])
        let cosine = LearningRateSchedule.cosine(minimum: 0.01)
        #expect(cosine.rate(base: 0.1, epoch: 1, totalEpochs: 5) == 0.1)
        #expect(abs(cosine.rate(base: 0.1, epoch: 3, totalEpochs: 5) - 0.055) < 1e-12)
        #expect(abs(cosine.rate(base: 0.1, epoch: 5, totalEpochs: 5) - 0.01) < 1e-12)
    }
}
