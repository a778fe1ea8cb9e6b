import Foundation
import HW1Plotting
import Testing

@testable import HW1Demonstrations

/// The committed regression charts (Problem 1(c)) are what `hw1-bench regression --replot`
/// draws from the committed benchmark.csv, in English and in Persian.
struct RegressionBenchmarkChartsTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("results/regression")

    @Test(arguments: ChartLanguage.allCases)
    func committedChartsMatchBenchmarkCSV(language: ChartLanguage) throws {
        let cells = try RegressionBenchmarkEvidence.cells(in: Self.directory)
        let charts = try RegressionBenchmarkCharts.charts(cells, language: language)
        #expect(charts.map { $0.file } == (language == .persian
            ? ["time-vs-n-fa.svg", "time-vs-d-fa.svg"] : ["time-vs-n.svg", "time-vs-d.svg"]))
        for (file, chart) in charts {
            let committed = try? String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8)
            #expect(committed == chart.svg(), "results/regression/\(file) is stale; run `hw1-bench regression --replot`")
        }
    }

    @Test func persianChartHasPersianWordsAndTheSameData() throws {
        let cells = try RegressionBenchmarkEvidence.cells(in: Self.directory)
        let english = try RegressionBenchmarkCharts.charts(cells, language: .english)[0].chart
        let persian = try RegressionBenchmarkCharts.charts(cells, language: .persian)[0].chart
        #expect(persian.title.contains("رگرسیون"))
        #expect(persian.yLabel == "ثانیه")
        #expect(zip(english.series, persian.series).allSatisfy { $0.x == $1.x && $0.y == $1.y })
        #expect(english.series.count == 5)
    }

    @Test func aChartNeedsTwoPoints() throws {
        let one = RegressionBenchmarkEvidence.Cell(
            n: 10_000, d: 100, condition: 1, cholesky: 1, qr: 1, svd: 1, gdIteration: 1, gdIterations: 1,
            gdIterationsMeasured: true, gdTotal: 1, breakEven: 1)
        #expect(try RegressionBenchmarkCharts.charts([one], language: .english).isEmpty)
        #expect(try RegressionBenchmarkCharts.charts([], language: .persian).isEmpty)
    }
}
