import Foundation
import Testing

@testable import HW1Plotting

@Suite("Axis ticks")
struct AxisTicksTests {
    @Test func zeroToPointEightySevenGetsStepsOfPointTwo() {
        let ticks = AxisTicks.linear(lower: 0, upper: 0.87)
        #expect(ticks.map(\.label) == ["0.0", "0.2", "0.4", "0.6", "0.8"])
        let expected = [0, 0.2, 0.4, 0.6, 0.8]
        for (tick, value) in zip(ticks, expected) { #expect(abs(tick.value - value) < 1e-12) }
    }

    @Test(arguments: [0.0013, 0.07, 0.87, 1, 3.3, 17, 240, 999, 5e4, 1.2e7])
    func stepsAreOneTwoOrFiveTimesAPowerOfTen(span: Double) {
        let step = AxisTicks.niceStep(span: span, targetCount: 5)
        let mantissa = step / pow(10, log10(step).rounded(.down))
        #expect([1.0, 2.0, 5.0].contains { abs(mantissa - $0) < 1e-9 }, "step \(step) for span \(span)")
        let count = AxisTicks.linear(lower: 0, upper: span).count
        #expect((3...11).contains(count), "\(count) ticks for span \(span)")
    }

    @Test func negativeRangesGetSignedLabelsAndAPlainZero() {
        let ticks = AxisTicks.linear(lower: -3, upper: 7)
        #expect(ticks.map(\.label) == ["-2", "0", "2", "4", "6"])
    }

    @Test func integerStepsHaveNoDecimals() {
        #expect(AxisTicks.linear(lower: 1, upper: 20).map(\.label) == ["5", "10", "15", "20"])
    }

    @Test func hugeValuesUseExponentNotation() {
        #expect(AxisTicks.linear(lower: 0, upper: 4e7).map(\.label) == ["0", "1e7", "2e7", "3e7", "4e7"])
        #expect(AxisTicks.linear(lower: 0, upper: 4e-6).map(\.label) == ["0", "1e-6", "2e-6", "3e-6", "4e-6"])
    }

    @Test func logTicksArePowersOfTenInsideTheRange() {
        let ticks = AxisTicks.powersOfTen(lower: 0.003, upper: 250)
        #expect(ticks.map(\.exponent) == [-2, -1, 0, 1, 2])
        #expect(ticks.map(\.label) == ["10^-2", "10^-1", "10^0", "10^1", "10^2"])
        for tick in ticks { #expect(tick.value == pow(10, Double(tick.exponent!))) }
    }

    @Test func manyDecadesAreThinnedToEveryOtherPower() {
        let exponents = AxisTicks.powersOfTen(lower: 1e-6, upper: 1e6).compactMap(\.exponent)
        #expect(exponents.count <= 8)
        #expect(exponents.first == -6)
        #expect(Set(zip(exponents, exponents.dropFirst()).map { $1 - $0 }).count == 1)
    }

    @Test func logAxisWidensToWholeDecadesWhenTooFewPowersAreVisible() {
        let axis = Axis.fitted(to: [0.3, 2.3], scale: .log10)
        #expect(axis.lower == 0.1)
        #expect(axis.upper == 10)
        #expect(axis.ticks.compactMap(\.exponent) == [-1, 0, 1])
    }

    @Test func linearAxisPadsTheDataRange() {
        let axis = Axis.fitted(to: [2, 4], scale: .linear)
        #expect(axis.lower < 2 && axis.lower > 1.8)
        #expect(axis.upper > 4 && axis.upper < 4.2)
        #expect(axis.fraction(2)! > 0 && axis.fraction(4)! < 1)
    }

    @Test func constantDataStillGetsARange() {
        let axis = Axis.fitted(to: [5, 5, 5], scale: .linear)
        #expect(axis.lower < 5 && axis.upper > 5)
        #expect(!axis.ticks.isEmpty)
    }

    @Test func logAxisCannotPlaceNonPositiveOrNonFiniteValues() {
        let axis = Axis.fitted(to: [1, 100], scale: .log10)
        #expect(axis.fraction(0) == nil)
        #expect(axis.fraction(-1) == nil)
        #expect(axis.fraction(.nan) == nil)
        #expect(abs(axis.fraction(10)! - 0.5) < 1e-9)
    }
}
