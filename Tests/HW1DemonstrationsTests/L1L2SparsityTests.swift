import HW1Demonstrations
import BLASKit
import HW1NeuralNetwork
import Testing

/// Problem 3(a): L1 with its proximal step gives exact zeros; L2 gives none.
@Suite struct L1L2SparsityTests {
    static let result = try! L1L2SparsityDemonstration.run(seed: 1)

    @Test func theProximalL1StepZeroesAtLeastEightyPercentOfTheWeightsAndL2None() {
        #expect(Self.result.run(.l1Proximal).zeroShare >= 0.8)
        #expect(Self.result.run(.l2).zeroShare == 0)
    }

    @Test func plainL1SubgradientsShrinkWeightsButDoNotLandOnZero() {
        let run = Self.result.run(.l1Subgradient)
        #expect(run.zeroShare < 0.01)
        #expect(run.nearZeroShare > 0.2)
    }

    @Test func l1CutsOffUselessInputsButKeepsEveryUsefulOne() {
        let run = Self.result.run(.l1Proximal)
        #expect(run.uninformativeInputsCut >= 3)
        #expect(run.informativeInputsCut == 0)
        #expect(run.accuracy > 0.9)
    }

    @Test func softThresholdingShrinksWeightsTowardsZeroAndLeavesBiasesAlone() throws {
        var generator = SeededGenerator(seed: 0)
        var network = try Network<Double>(sizes: [2, 2], activation: .identity, initializer: .zeros, using: &generator)
        try network.setParameters([0.5, -0.05, -0.3, 0.02, 0.7, -0.7])  // W [2×2], then b [2]
        let shrunk = L1L2SparsityDemonstration.softThresholdWeights(network, threshold: 0.1)
        #expect(shrunk.count == 6)
        for (value, expected) in zip(shrunk, [0.4, 0, -0.2, 0, 0.7, -0.7]) { #expect(abs(value - expected) < 1e-15) }
    }
}
