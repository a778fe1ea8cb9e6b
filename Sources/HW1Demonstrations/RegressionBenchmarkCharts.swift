import Foundation
import HW1Plotting

/// The log-log charts of the regression benchmark (Problem 1(c)): time against n at d = 100
/// (time-vs-n.svg) and time against d at n = 10⁵ (time-vs-d.svg), in English or Persian
/// (time-vs-n-fa.svg, time-vs-d-fa.svg). `hw1-bench regression` draws them from the cells it
/// measured, `hw1-bench regression --replot` from benchmark.csv; both go through here.
public enum RegressionBenchmarkCharts {
    /// The chart files for `language` from the measured cells of the first condition (the
    /// well-conditioned design); a chart with fewer than two points is left out.
    public static func charts(
        _ cells: [RegressionBenchmarkEvidence.Cell], language: ChartLanguage
    ) throws -> [(file: String, chart: LineChart)] {
        guard let condition = cells.first?.condition else { return [] }
        let measured = cells.filter { $0.condition == condition }
        let persian = language == .persian
        let suffix = persian ? "-fa" : ""
        let plots: [(String, String, String, (RegressionBenchmarkEvidence.Cell) -> Bool, (RegressionBenchmarkEvidence.Cell) -> Double)] = [
            ("time-vs-n", persian ? "n (تعداد سطرها)" : "n (rows)", "d = 100", { $0.d == 100 }, { Double($0.n) }),
            ("time-vs-d", persian ? "d (تعداد ستون‌ها)" : "d (columns)", "n = 10⁵", { $0.n == 100_000 }, { Double($0.d) }),
        ]
        var result: [(file: String, chart: LineChart)] = []
        for (file, label, fixed, select, axis) in plots {
            let points = measured.filter(select).sorted { axis($0) < axis($1) }
            guard points.count >= 2 else { continue }
            let title = persian
                ? "زمان رگرسیون خطی، ماتریس طراحی خوش‌وضع (\(language.leftToRight(language.digits(fixed))))"
                : "Linear regression time, well-conditioned design (\(fixed))"
            var chart = LineChart(
                title: title, xLabel: label, yLabel: persian ? "ثانیه" : "seconds", xScale: .log10, yScale: .log10)
            chart.language = language
            let series: [(String, (RegressionBenchmarkEvidence.Cell) -> Double)] = [
                ("Cholesky", \.cholesky), ("QR (gels)", \.qr), ("SVD (gelsd)", \.svd),
                (persian ? "یک تکرار GD" : "GD iteration", \.gdIteration),
                (persian ? "GD تا \(language.leftToRight("1e-6"))" : "GD to 1e-6", \.gdTotal),
            ]
            for (name, value) in series {
                chart.add(try ChartSeries(name: name, x: points.map(axis), y: points.map(value)))
            }
            result.append((file + suffix + ".svg", chart))
        }
        return result
    }

    /// Writes the charts of every language into `directory`; returns the file names.
    @discardableResult
    public static func write(_ cells: [RegressionBenchmarkEvidence.Cell], to directory: URL) throws -> [String] {
        var written: [String] = []
        for language in ChartLanguage.allCases {
            for (file, chart) in try charts(cells, language: language) {
                try chart.write(to: directory.appendingPathComponent(file))
                written.append(file)
            }
        }
        return written
    }
}
