import HW1Demonstrations
import BLASKit
import Testing

/// Problem 3(c): the hand-written BatchNorm layer, its effect on training, and the noise of
/// its statistics at small batch sizes.
@Suite struct BatchNormalizationTests {
    static let result = try! BatchNormalizationDemonstration.run(seed: 1)

    @Test func backwardPassMatchesFiniteDifferencesInDouble() {
        let check = Self.result.gradientCheck
        #expect(check.input < 1e-6)
        #expect(check.gamma < 1e-6)
        #expect(check.beta < 1e-6)
    }

    @Test func gradientCheckHoldsForOtherBatchShapes() {
        var generator = SeededGenerator(seed: 9)
        // Not 2 rows: there x̂ = ±1 whatever x, ∂L/∂x ≈ 0 and a relative error means nothing.
        for (rows, features) in [(3, 1), (5, 5), (16, 2)] {
            let check = BatchNormalizationDemonstration.gradientCheck(rows: rows, features: features, using: &generator)
            #expect(max(check.input, check.gamma, check.beta) < 1e-6, "batch \(rows)×\(features)")
        }
    }

    @Test func forwardGivesEachFeatureMeanBetaAndStandardDeviationGamma() {
        var generator = SeededGenerator(seed: 4)
        let x = Matrix<Double>.randomNormal(rows: 50, columns: 3, mean: 5, standardDeviation: 4, using: &generator)
        let layer = BatchNormLayer(gamma: [2, 0.5, 1], beta: [-1, 3, 0], epsilon: 0)
        let y = layer.forward(x).output
        for c in 0..<3 {
            let column = y.column(c)
            #expect(abs(Statistics.mean(column) - layer.beta[c]) < 1e-12)
            #expect(abs(Statistics.variance(column).squareRoot() - layer.gamma[c]) < 1e-12)
        }
    }

    @Test func batchNormTrainsTheDeepSigmoidNetworkFaster() {
        let last = Self.result.recordedSteps.count - 1
        #expect(Self.result.batchNormLoss[last] < 0.5 * Self.result.plainLoss[last])
        // Same initial weights: the curves start from comparable losses, so the gap is training.
        #expect(Self.result.batchNormLoss[0] > 0.5 * Self.result.plainLoss[0])
    }

    @Test func trainingWithBatchNormAtBatchSizeTwoFailsWhereThirtyTwoSucceeds() {
        let losses = Self.result.lossByTrainingBatchSize
        #expect(Self.result.configuration.trainingBatchSizes == [2, 8, 32])
        #expect(losses[0] > 0.4)
        #expect(losses[0] > 3 * losses[2])
    }

    @Test func varianceOfTheBatchMeanShrinksAsOneOverBatchSize() throws {
        let s2 = Self.result.configuration.population.standardDeviation * Self.result.configuration.population.standardDeviation
        #expect(Self.result.noise.map(\.batchSize) == [2, 8, 64])
        for level in Self.result.noise {
            let scaled = level.meanVariance * Double(level.batchSize) / s2
            #expect(scaled > 0.85 && scaled < 1.15, "B = \(level.batchSize)")
        }
        let ratio = Self.result.noise[0].meanVariance / Self.result.noise[2].meanVariance
        #expect(ratio > 32 * 0.75 && ratio < 32 * 1.25)
    }

    @Test func smallBatchesMakeTheNormalisedValueNoisy() {
        let spreads = Self.result.noise.map(\.probeNormalizedStandardDeviation)
        #expect(spreads[0] > spreads[1] && spreads[1] > spreads[2])
        #expect(spreads[0] > 3 * spreads[2])
    }

    @Test func withTwoRowsEveryNormalisedValueIsPlusOrMinusOne() {
        var generator = SeededGenerator(seed: 2)
        for _ in 0..<20 {
            let x = Matrix<Double>.randomNormal(rows: 2, columns: 3, standardDeviation: 10, using: &generator)
            let y = BatchNormLayer(features: 3, epsilon: 0).forward(x).output
            for value in y.elements { #expect(abs(abs(value) - 1) < 1e-12) }
        }
    }
}
