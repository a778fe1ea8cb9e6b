import Foundation
import HW1Demonstrations
import Testing

/// Problem 3(d): Adam's first moment is biased towards zero by (1 − β₁ᵗ); m̂_t is not.
@Suite struct AdamBiasCorrectionTests {
    static let result = try! AdamBiasCorrectionDemonstration.run(seed: 1)

    @Test func forAConstantGradientTheFirstMomentIsOneMinusBetaToTheTTimesG() {
        let c = Self.result.configuration
        for step in Self.result.steps {
            #expect(abs(step.constantMoment - (1 - pow(c.beta1, Double(step.t))) * c.gradient) < 1e-12, "t = \(step.t)")
            #expect(abs(step.constantCorrected - c.gradient) < 1e-12, "t = \(step.t)")
        }
        #expect(abs(Self.result.steps[0].constantMoment - 0.1 * c.gradient) < 1e-12)
    }

    @Test func forANoisyGradientTheCorrectedMeanIsUnbiasedAndTheRawMeanIsNot() {
        let c = Self.result.configuration
        for step in Self.result.steps {
            #expect(abs(step.noisyCorrectedMean - c.gradient) < 4 * step.noisyCorrectedStandardError, "t = \(step.t)")
            #expect(abs(step.noisyMomentMean - step.correction * c.gradient) < 4 * step.noisyMomentStandardError, "t = \(step.t)")
        }
        let first = Self.result.steps[0]
        #expect(c.gradient - first.noisyMomentMean > 10 * first.noisyMomentStandardError)
    }

    @Test func theCorrectedFirstStepIsTheLearningRateAndTheUncorrectedOneIsNot() {
        let c = Self.result.configuration
        let first = Self.result.steps[0]
        #expect(abs(first.stepWithCorrection + c.learningRate) < 1e-9)
        // Uncorrected: η(1 − β₁)/√(1 − β₂) ≈ 3.16η for β = (0.9, 0.999).
        let expected = c.learningRate * (1 - c.beta1) / (1 - c.beta2).squareRoot()
        #expect(abs(-first.stepWithoutCorrection - expected) < 1e-6 * expected)
    }
}
