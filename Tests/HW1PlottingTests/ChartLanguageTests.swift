import Foundation
import Testing

@testable import HW1Plotting

/// Persian charts: the words right to left in a Persian font, Persian digits on the axes, and
/// the data drawn exactly as in the English chart.
@Suite("Chart language")
struct ChartLanguageTests {
    func chart(_ language: ChartLanguage, title: String, xLabel: String, legend: [String]) throws -> LineChart {
        var chart = LineChart(title: title, xLabel: xLabel, yLabel: "y")
        chart.language = language
        chart.add(try ChartSeries(name: legend[0], x: [1, 2, 3], y: [0.25, 0.5, 1.5]))
        chart.add(try ChartSeries(name: legend[1], x: [1, 2, 3], y: [0.75, 1.0, 1.25]))
        return chart
    }

    @Test func persianDigitsUseThePersianDecimalSeparator() {
        #expect(ChartLanguage.persian.digits("0.25") == "۰٫۲۵")
        #expect(ChartLanguage.persian.digits("784-128-64-10") == "۷۸۴-۱۲۸-۶۴-۱۰")
        #expect(ChartLanguage.persian.digits("v1.2") == "v۱٫۲")
        #expect(ChartLanguage.persian.digits("end.") == "end.")
        #expect(ChartLanguage.english.digits("0.25") == "0.25")
        #expect(ChartLanguage.persian.leftToRight("1-2") == "\u{2066}1-2\u{2069}")
        #expect(ChartLanguage.english.leftToRight("1-2") == "1-2")
    }

    @Test func persianChartSetsWordsRightToLeftWithPersianTicks() throws {
        let svg = try chart(.persian, title: "دقت", xLabel: "دوره", legend: ["آموزش", "آزمون"]).svg()
        let tree = try #require(SVGTree(svg))
        #expect(tree.root?.attributes["font-family"]?.hasPrefix("Noto Sans Arabic") == true)
        let texts = Array(zip(tree.all("text"), tree.texts))
        let words = texts.filter { ["دقت", "دوره", "آموزش", "آزمون"].contains($0.1) }
        #expect(words.count == 4)
        for (element, text) in words { #expect(element.attributes["direction"] == "rtl", "\(text)") }
        // Legend names start beside their mark: right to left, that is the anchor `end`.
        let legend = texts.filter { $0.0.groupClasses.contains("legend") }
        #expect(legend.count == 2)
        for (element, _) in legend { #expect(element.attributes["text-anchor"] == "end") }
        let ticks = tree.texts(inGroup: "tick-labels")
        #expect(!ticks.isEmpty)
        #expect(ticks.allSatisfy { $0.unicodeScalars.allSatisfy { !("0"..."9").contains($0) } }, "\(ticks)")
        #expect(ticks.contains("۰٫۴"), "\(ticks)")
    }

    @Test func theDataIsDrawnAsInEnglish() throws {
        // Same legend widths (same number of characters), so the same plot area.
        let english = try chart(.english, title: "accuracy", xLabel: "epoch", legend: ["train", "test!"]).svg()
        let persian = try chart(.persian, title: "دقت", xLabel: "دوره", legend: ["آموزش", "آزمون"]).svg()
        let paths = { (svg: String) in try #require(SVGTree(svg)).all("path").map { $0.attributes["d"] ?? "" } }
        #expect(try paths(english) == paths(persian))
        #expect(try !paths(english).isEmpty)
    }
}
