import HW1Demonstrations
import Testing

/// Problem 3(b): input noise N(0, σ²I) is the L2 penalty (σ²/2)‖w‖².
@Suite struct NoiseAsL2Tests {
    static let result = try! NoiseAsL2Demonstration.run(seed: 1)

    @Test func monteCarloExpectedLossIsWithinThreeStandardErrorsOfTheFormula() {
        for level in Self.result.levels {
            #expect(abs(level.deviationInStandardErrors) < 3, "σ = \(level.sigma)")
            // The penalty must be a visible part of the loss, or the check says nothing.
            #expect(level.predictedPenalty > 10 * level.monteCarloStandardError, "σ = \(level.sigma)")
        }
    }

    @Test func weightsFittedOnNoisyInputsAgreeWithRidgeAtLambdaSigmaSquared() {
        for level in Self.result.levels {
            #expect(level.noisyToRidgeError < 0.05, "σ = \(level.sigma)")
            // …and ridge is far from plain least squares, so agreeing with ridge is a real finding.
            #expect(level.ordinaryToRidgeGap > 4 * level.noisyToRidgeError, "σ = \(level.sigma)")
        }
    }

    @Test func ridgeWithZeroLambdaIsOrdinaryLeastSquares() throws {
        let x = BLASKitFixture.matrix([[1, 0], [0, 1], [1, 1]])
        let w = try NoiseAsL2Demonstration.ridge(x, [1, 2, 3], lambda: 0)
        #expect(abs(w[0] - 1) < 1e-12 && abs(w[1] - 2) < 1e-12)
    }
}
