import Foundation
import Testing

@testable import HW1Plotting

@Suite("Line chart SVG")
struct LineChartTests {
    func twoSeriesChart() throws -> LineChart {
        var chart = LineChart(title: "Training loss", xLabel: "epoch", yLabel: "cross-entropy")
        chart.add(ChartSeries(name: "train", y: [2.3, 1.1, 0.7, 0.5, 0.4]))
        chart.add(try ChartSeries(name: "test", x: [1, 2, 3, 4, 5], y: [2.4, 1.3, 0.9, 0.8, 0.8], style: .dashed))
        return chart
    }

    @Test func documentIsStandaloneSVGWithSizeViewBoxAndSansSerifFont() throws {
        let tree = try #require(SVGTree(try twoSeriesChart().svg()))
        let root = try #require(tree.root)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["width"] == "760")
        #expect(root.attributes["height"] == "440")
        #expect(root.attributes["viewBox"] == "0 0 760 440")
        #expect(root.attributes["font-family"]?.hasSuffix("sans-serif") == true)
    }

    @Test func titleAxisLabelsAndLegendNamesAreText() throws {
        let tree = try #require(SVGTree(try twoSeriesChart().svg()))
        for expected in ["Training loss", "epoch", "cross-entropy"] {
            #expect(tree.texts.contains(expected), "missing \(expected)")
        }
        #expect(tree.texts(inGroup: "legend") == ["train", "test"])
    }

    @Test func legendSitsRightOfThePlotArea() throws {
        let tree = try #require(SVGTree(try twoSeriesChart().svg()))
        let clipRect = try #require(tree.all("rect").first { $0.ancestors.contains("clipPath") })
        let plotRight = Double(clipRect.attributes["x"]!)! + Double(clipRect.attributes["width"]!)!
        let legendLines = tree.all("line").filter { $0.groupClasses.contains("legend") }
        #expect(legendLines.count == 2)
        for line in legendLines { #expect(Double(line.attributes["x1"]!)! > plotRight) }
    }

    @Test func yTicksUseNiceStepsInsideTheDataRange() throws {
        let chart = LineChart(
            title: "t", xLabel: "x", yLabel: "y",
            series: [try ChartSeries(name: "s", x: [0, 1], y: [0, 0.87])])
        let tree = try #require(SVGTree(chart.svg()))
        let labels = tree.texts(inGroup: "tick-labels")
        // y labels are drawn after x labels; the x axis 0…1 gets 0, 0.2, …, 1.0.
        #expect(labels.suffix(5) == ["0.0", "0.2", "0.4", "0.6", "0.8"])
        #expect(Array(labels.prefix(6)) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    }

    @Test func logAxisTicksArePowersOfTenWithExponentLabels() throws {
        let chart = LineChart(
            title: "t", xLabel: "x", yLabel: "loss", yScale: .log10,
            series: [ChartSeries(name: "loss", y: [50, 3, 0.2, 0.01])])
        let svg = chart.svg()
        let tree = try #require(SVGTree(svg))
        let yLabels = tree.texts(inGroup: "tick-labels").filter { $0.hasPrefix("10") && $0.count > 2 }
        #expect(yLabels == ["10\u{2212}2", "10\u{2212}1", "100", "101"])
        #expect(svg.contains("<tspan dy=\"-0.45em\" font-size=\"0.75em\">\u{2212}2</tspan>"))
    }

    @Test func nanAndInfinitePointsBreakTheLine() throws {
        let chart = LineChart(
            title: "t", xLabel: "x", yLabel: "y",
            series: [ChartSeries(name: "gappy", y: [1, 2, .nan, 4, 5, .infinity, 7, 8])])
        let svg = chart.svg()
        let tree = try #require(SVGTree(svg))
        let path = try #require(tree.all("path").first)
        let d = try #require(path.attributes["d"])
        // Three unbroken runs: 1–2, 4–5, 7–8.
        #expect(d.filter { $0 == "M" }.count == 3)
        #expect(d.filter { $0 == "L" }.count == 3)
        #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
    }

    @Test func nonFinitePointsDoNotStretchTheAxes() throws {
        let clean = LineChart(title: "t", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "s", y: [1, 2, 3])])
        let dirty = LineChart(
            title: "t", xLabel: "x", yLabel: "y",
            series: [try ChartSeries(name: "s", x: [1, 2, 3, 4, .nan], y: [1, 2, 3, .infinity, 1e9])])
        let cleanTicks = try #require(SVGTree(clean.svg())).texts(inGroup: "tick-labels")
        let dirtyTicks = try #require(SVGTree(dirty.svg())).texts(inGroup: "tick-labels")
        #expect(cleanTicks == dirtyTicks)
    }

    @Test func nonPositiveValuesAreSkippedOnALogAxis() throws {
        let chart = LineChart(
            title: "t", xLabel: "x", yLabel: "y", yScale: .log10,
            series: [ChartSeries(name: "s", y: [1, 0.1, 0, -1, 0.01, 0.001])])
        let d = try #require(SVGTree(chart.svg())?.all("path").first?.attributes["d"])
        #expect(d.filter { $0 == "M" }.count == 2)
    }

    @Test func singlePointRunIsDrawnAsADot() throws {
        let chart = LineChart(
            title: "t", xLabel: "x", yLabel: "y", series: [ChartSeries(name: "s", y: [1, .nan, 3, .nan, 5, 6])])
        let tree = try #require(SVGTree(chart.svg()))
        #expect(tree.all("circle").count == 2)
        #expect(tree.all("path").first?.attributes["d"]?.filter { $0 == "M" }.count == 1)
    }

    @Test func dashedAndMarkerStylesAreDrawnAsSuch() throws {
        let chart = LineChart(
            title: "t", xLabel: "x", yLabel: "y",
            series: [
                ChartSeries(name: "dashed", y: [1, 2, 3], style: .dashed),
                ChartSeries(name: "dots", y: [3, 1, 2, 4], style: .markers, color: ChartColor(hex: "#123456")),
            ])
        let tree = try #require(SVGTree(chart.svg()))
        let path = try #require(tree.all("path").first)
        #expect(path.attributes["stroke-dasharray"] != nil)
        #expect(path.attributes["stroke"] == ChartColor.palette[0].hex)
        let dots = tree.all("circle").filter { !$0.groupClasses.contains("legend") }
        #expect(dots.count == 4)
        #expect(tree.all("g").contains { $0.attributes["fill"] == "#123456" })
    }

    @Test func specialCharactersInTextAreEscaped() throws {
        let title = "loss < 0.5 & \"tuned\" 'net' > base"
        var chart = LineChart(title: title, xLabel: "x & y", yLabel: "<y>")
        chart.add(ChartSeries(name: "a\"b", y: [1, 2]))
        let svg = chart.svg()
        #expect(svg.contains("loss &lt; 0.5 &amp; &quot;tuned&quot; &apos;net&apos; &gt; base"))
        let tree = try #require(SVGTree(svg))
        #expect(tree.texts.contains(title))
        #expect(tree.texts.contains("x & y"))
        #expect(tree.texts.contains("<y>"))
        #expect(tree.texts(inGroup: "legend") == ["a\"b"])
    }

    @Test func seriesWithMismatchedLengthsIsRejected() {
        #expect(throws: PlottingError.seriesLengthMismatch(series: "bad", xCount: 3, yCount: 2)) {
            try ChartSeries(name: "bad", x: [1, 2, 3], y: [1, 2])
        }
    }

    @Test func floatSeriesMatchesDoubleSeries() throws {
        let fromFloat = ChartSeries(name: "f", y: [Float(0.5), 0.25])
        #expect(fromFloat.x == [1, 2])
        #expect(fromFloat.y == [0.5, 0.25])
    }

    @Test func emptyChartStillRendersAxes() throws {
        let tree = try #require(SVGTree(LineChart(title: "empty", xLabel: "x", yLabel: "y").svg()))
        #expect(!tree.texts(inGroup: "tick-labels").isEmpty)
    }

    @Test func writeStoresTheSVGDocument() throws {
        let chart = try twoSeriesChart()
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hw1-line-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: url) }
        try chart.write(to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == chart.svg())
    }

    @Test func writeToAMissingDirectoryNamesThePath() throws {
        let url = URL(fileURLWithPath: "/nonexistent-dir-hw1/chart.svg")
        do {
            try LineChart(title: "t", xLabel: "x", yLabel: "y").write(to: url)
            Issue.record("expected a write error")
        } catch {
            #expect(error.description.contains("/nonexistent-dir-hw1/chart.svg"))
        }
    }
}

@Suite("Line chart edge cases")
struct LineChartEdgeCaseTests {
    @Test func extremeValuesStillGiveWellFormedSVG() throws {
        let chart = LineChart(
            title: "t", xLabel: "x", yLabel: "y",
            series: [try ChartSeries(name: "s", x: [0, 1, 2], y: [-1e308, 0, 1e308])])
        let svg = chart.svg()
        #expect(SVGTree(svg) != nil)
        #expect(!svg.lowercased().contains("nan") && !svg.lowercased().contains("inf"))
    }

    @Test func logXAxisPlacesPowersOfTenEvenlyApart() throws {
        let chart = LineChart(
            title: "t", xLabel: "learning rate", yLabel: "y", xScale: .log10,
            series: [try ChartSeries(name: "s", x: [0.001, 0.01, 0.1, 1], y: [1, 2, 3, 4])])
        let tree = try #require(SVGTree(chart.svg()))
        let xTicks = tree.all("line").filter { $0.groupClasses.contains("ticks") }
            .filter { $0.attributes["x1"] == $0.attributes["x2"] }
            .map { Double($0.attributes["x1"]!)! }
        #expect(xTicks.count == 4)
        let gaps = zip(xTicks, xTicks.dropFirst()).map { $1 - $0 }
        for gap in gaps { #expect(abs(gap - gaps[0]) < 0.02) }
        let path = try #require(tree.all("path").first?.attributes["d"])
        let xs = path.dropFirst().split(separator: "L").map { Double($0.split(separator: ",")[0])! }
        for (x, tick) in zip(xs, xTicks) { #expect(abs(x - tick) < 0.02) }
    }
}
