import Foundation
import Testing

@testable import HW1Plotting

/// Bars: rects in the clipped data group (not the page, frame, clip path or legend).
func dataRects(_ tree: SVGTree) -> [SVGTree.Element] {
    tree.all("rect").filter { $0.ancestors == ["svg", "g"] && $0.groupClasses.isEmpty }
}

@Suite("Histogram")
struct HistogramTests {
    @Test func valuesFallIntoHalfOpenBinsWithTheMaximumInTheLast() throws {
        let histogram = try Histogram(values: [0, 0.5, 1, 1.5, 2, .nan, -.infinity], binCount: 2)
        #expect(histogram.bins.map(\.count) == [2, 3])
        #expect(histogram.bins.map(\.lower) == [0, 1])
        #expect(histogram.bins.map(\.upper) == [1, 2])
        #expect(histogram.skippedCount == 2)
    }

    @Test func countsAddUpToTheFiniteValues() throws {
        let values = (0..<1000).map { sin(Double($0)) * 3 }
        let histogram = try Histogram(values: values, binCount: 17)
        #expect(histogram.bins.count == 17)
        #expect(histogram.bins.map(\.count).reduce(0, +) == 1000)
        #expect(abs(histogram.bins.first!.lower - values.min()!) < 1e-12)
        #expect(histogram.bins.last!.upper == values.max()!)
    }

    @Test func equalValuesGetAUnitWideRange() throws {
        let histogram = try Histogram(values: [Float(3), 3, 3], binCount: 4)
        #expect(histogram.bins.first?.lower == 2.5)
        #expect(histogram.bins.last?.upper == 3.5)
        #expect(histogram.bins.map(\.count).reduce(0, +) == 3)
    }

    @Test func badInputIsRejected() {
        #expect(throws: PlottingError.invalidBinCount(0)) { try Histogram(values: [1, 2], binCount: 0) }
        #expect(throws: PlottingError.self) { try Histogram(values: [Double.nan], binCount: 3) }
    }

    @Test func chartDrawsOneBarPerNonEmptyBinFromTheBaseline() throws {
        let chart = HistogramChart(
            title: "Weights", xLabel: "weight",
            histogram: try Histogram(values: [0, 0.1, 0.2, 0.9, 1.0, 1.0], binCount: 5))
        let tree = try #require(SVGTree(chart.svg()))
        #expect(tree.texts.contains("Weights") && tree.texts.contains("weight") && tree.texts.contains("count"))
        let bars = dataRects(tree)
        // Counts per bin: 2 (0, 0.1), 1 (0.2), 0, 0, 3 (0.9, 1.0, 1.0).
        #expect(bars.count == 3)
        let bottoms = Set(bars.map { Double($0.attributes["y"]!)! + Double($0.attributes["height"]!)! })
        #expect(bottoms.count == 1, "all bars stand on the same baseline")
        let heights = bars.map { Double($0.attributes["height"]!)! }
        #expect(abs(heights[0] / heights[1] - 2) < 0.02)
        #expect(abs(heights[2] / heights[1] - 3) < 0.02)
    }

    @Test func logCountAxisShowsSingleCountBinsAndPowerOfTenTicks() throws {
        let values = [Double](repeating: 0, count: 500) + [Double](repeating: 1, count: 20) + [2]
        let chart = try HistogramChart(title: "t", xLabel: "w", values: values, binCount: 3, yScale: .log10)
        let tree = try #require(SVGTree(chart.svg()))
        let bars = dataRects(tree)
        #expect(bars.count == 3)
        #expect(bars.allSatisfy { Double($0.attributes["height"]!)! > 1 })
        let labels = tree.texts(inGroup: "tick-labels").filter { $0.hasPrefix("10") && $0.count > 2 }
        #expect(labels == ["100", "101", "102"])
    }
}

@Suite("Grouped bar chart")
struct GroupedBarChartTests {
    func accuracyChart() throws -> GroupedBarChart {
        try GroupedBarChart(
            title: "Final accuracy", xLabel: "model", yLabel: "accuracy",
            categories: ["sigmoid", "ReLU", "momentum"],
            groups: [
                .init(name: "train", values: [0.9, 0.95, 0.97]),
                .init(name: "test", values: [0.88, .nan, 0.95]),
            ],
            valueLabelDecimals: 2)
    }

    @Test func categoriesGroupsAndValuesAreLabelled() throws {
        let tree = try #require(SVGTree(try accuracyChart().svg()))
        #expect(tree.texts(inGroup: "legend") == ["train", "test"])
        let tickLabels = tree.texts(inGroup: "tick-labels")
        #expect(Array(tickLabels.prefix(3)) == ["sigmoid", "ReLU", "momentum"])
        #expect(tree.texts(inGroup: "value-labels") == ["0.90", "0.95", "0.97", "0.88", "0.95"])
    }

    @Test func nonFiniteValuesLeaveAGap() throws {
        let tree = try #require(SVGTree(try accuracyChart().svg()))
        let bars = dataRects(tree)
        #expect(bars.count == 5)
        let trainColor = ChartColor.palette[0].hex
        let testColor = ChartColor.palette[1].hex
        #expect(bars.filter { $0.attributes["fill"] == trainColor }.count == 3)
        #expect(bars.filter { $0.attributes["fill"] == testColor }.count == 2)
    }

    @Test func groupWithTheWrongNumberOfValuesIsRejected() {
        #expect(throws: PlottingError.groupLengthMismatch(group: "test", valueCount: 1, categoryCount: 2)) {
            try GroupedBarChart(
                title: "t", xLabel: "x", yLabel: "y", categories: ["a", "b"],
                groups: [.init(name: "test", values: [1])])
        }
    }
}
