import HW1Demonstrations
import Testing

/// Problem 2(b): Xavier keeps the scale of signals and gradients; N(0,1) saturates; tiny collapses.
@Suite struct InitializationTests {
    static let result = try! InitializationDemonstration.run(seed: 1)

    @Test func xavierKeepsTheGradientVarianceWithinAFactorOfThreeAcrossTenLayers() {
        #expect(Self.result.xavier.layers.count == 10)
        #expect(Self.result.xavier.gradientVarianceSpread < 3)
    }

    @Test func xavierActivationVarianceDriftsByLessThanTenfoldAndBarelySaturates() {
        #expect(Self.result.xavier.activationVarianceSpread < 10)
        #expect(Self.result.xavier.layers.allSatisfy { $0.saturatedShare < 0.1 })
    }

    @Test func standardNormalWeightsSaturateMostUnitsOfEveryLayer() {
        #expect(Self.result.standardNormal.layers.allSatisfy { $0.saturatedShare > 0.5 })
        #expect(Self.result.standardNormal.gradientVarianceSpread > 1e3)
    }

    @Test func tinyWeightsCollapseTheSignalGeometrically() {
        let first = Self.result.tiny.layers[0].activationVariance
        let last = Self.result.tiny.layers[Self.result.tiny.layers.count - 1].activationVariance
        #expect(last < 1e-15 * first)
        #expect(Self.result.tiny.layers.allSatisfy { $0.weightGradientVariance < 1e-15 * Self.result.xavier.layers[0].weightGradientVariance })
    }
}
