import HW1Demonstrations
import Testing

/// Problem 4(a): the all-zero 4-3-1 sigmoid network.
@Suite struct ZeroInitializationTests {
    static let result = ZeroInitializationDemonstration.run(seed: 11)

    @Test func outputsExactlyOneHalfForEveryInput() {
        #expect(Self.result.probeOutputs.count >= 5)
        for y in Self.result.probeOutputs { #expect(y == 0.5) }
    }

    @Test func theFirstStepChangesOnlyTheOutputLayerByThePredictedAmount() throws {
        let first = try #require(Self.result.steps.first)
        // W1, b1, W2, b2 unchanged; W3, b3 changed.
        #expect(Array(first.largestChange[0..<4]) == [0, 0, 0, 0])
        #expect(first.largestChange[4] > 0 && first.largestChange[5] > 0)
        let after = Self.result.snapshots[1]
        for entry in after.weights[2].elements { #expect(abs(entry - Self.result.predictedFirstStep.w3) < 1e-15) }
        #expect(abs(after.biases[2][0] - Self.result.predictedFirstStep.b3) < 1e-15)
    }

    @Test func changesReachOneLayerFurtherBackPerStep() {
        // W1, b1, W2, b2, W3, b3 first move at steps 3, 3, 2, 2, 1, 1.
        #expect(Self.result.firstChangingStep == [3, 3, 2, 2, 1, 1])
    }

    @Test func hiddenUnitsOfALayerStayIdenticalWhileARandomStartBreaksTheSymmetry() {
        for step in Self.result.steps {
            #expect(step.unitSpread == [0, 0])
            #expect(step.controlUnitSpread.allSatisfy { $0 > 1e-3 })
        }
    }
}
