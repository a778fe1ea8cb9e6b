import HW1Demonstrations
import Testing

/// Problem 4(b): the derived gradients of h = Wᵀx, u = W′ᵀh, softmax cross-entropy.
@Suite struct SoftmaxGradientTests {
    @Test func derivedGradientsMatchFiniteDifferencesToOneInAMillion() {
        let result = SoftmaxGradientDemonstration.run(seed: 7)
        #expect(result.trials.count == 5)
        for trial in result.trials {
            #expect(trial.relativeErrorW < 1e-6)
            #expect(trial.relativeErrorWPrime < 1e-6)
            #expect(trial.gradientWNorm > 1e-3 && trial.gradientWPrimeNorm > 1e-3)
        }
    }

    @Test func oneGradientStepLowersTheLoss() {
        for trial in SoftmaxGradientDemonstration.run(seed: 3).trials {
            #expect(trial.lossAfterStep < trial.loss)
        }
    }

    @Test func hugeLogitsGiveAFiniteLossAndProbabilitiesThatSumToOne() {
        let parameters = SoftmaxGradientDemonstration.Parameters(
            w: BLASKitFixture.matrix([[1e4, 0], [0, 1e4]]),
            wPrime: BLASKitFixture.matrix([[1, -1], [-1, 1]]))
        let pass = SoftmaxGradientDemonstration.pass(parameters, input: [1, -1], label: 1)
        #expect(pass.loss.isFinite && abs(pass.loss - 4e4) < 1e-6)
        #expect(abs(pass.probabilities.reduce(0, +) - 1) < 1e-12)
    }
}
