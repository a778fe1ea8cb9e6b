import HW1Demonstrations
import Testing

/// Problem 2(c): large initial weights saturate a sigmoid network and slow its training.
@Suite struct LargeInitializationTests {
    static let result = try! LargeInitializationDemonstration.run(seed: 1)

    @Test func mostUnitsAreSaturatedAtTheStartWithLargeWeightsButFewWithXavier() {
        #expect(Self.result.large.initialSaturatedShare > 0.5)
        #expect(Self.result.xavier.initialSaturatedShare < 0.1)
    }

    @Test func xavierReachesALowerLossAfterTheSameSteps() {
        #expect(Self.result.xavier.finalLoss < Self.result.large.finalLoss)
        // Large weights start far worse (huge logits) and are still behind halfway through.
        #expect(Self.result.large.lossCurve[0] > 3 * Self.result.xavier.lossCurve[0])
        let half = Self.result.recordedSteps.count / 2
        #expect(Self.result.xavier.lossCurve[half] < 0.5 * Self.result.large.lossCurve[half])
    }
}
