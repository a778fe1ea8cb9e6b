import Foundation
import HW1Plotting
import HW1TestSupport
import Testing

@testable import hw1

/// Problem 5's answer files and the charts they show are what `hw1 report --answers` writes
/// from the committed runs (results/runs/*/seed-*/metrics.json): regenerated here and compared
/// byte for byte, so a new `make run` without a new report, or a hand edit, fails.
@Suite struct AnswerSectionTests {
    struct Checkout {
        let root: URL
        let results: URL
        let report: ResultsReport
    }

    static func checkout() throws -> Checkout? {
        guard let root = ProjectTools.packageRoot else { return nil }
        let results = root.appendingPathComponent("results")
        let runs = results.appendingPathComponent("runs")
        let parts = try PartSummary.loadAll(from: runs)
        guard !parts.isEmpty else { return nil }
        return Checkout(root: root, results: results,
                        report: ResultsReport(parts: parts, runsFolder: runs, reportFolder: results))
    }

    @Test(arguments: ChartLanguage.allCases)
    func answerFileMatchesTheRuns(language: ChartLanguage) throws {
        guard let checkout = try Self.checkout() else { return }
        let file = AnswerSection.file(in: checkout.root.appendingPathComponent("Docs/answers"), language: language)
        let section = AnswerSection(parts: checkout.report.parts, language: language, resultsFolder: checkout.results,
                                    answerFolder: file.deletingLastPathComponent())
        let committed = try String(contentsOf: file, encoding: .utf8)
        #expect(committed == section.markdown(),
                "\(file.path) is not what `hw1 report --answers Docs/answers` writes from results/runs; run it (make run does)")
    }

    @Test(arguments: ChartLanguage.allCases)
    func chartsMatchTheRuns(language: ChartLanguage) throws {
        guard let checkout = try Self.checkout() else { return }
        let suffix = language == .persian ? "-fa" : ""
        var expected: [(URL, String)] = []
        let comparison = try checkout.report.comparisonCharts(language: language)
        expected.append((checkout.results.appendingPathComponent("comparison-accuracy\(suffix).svg"), comparison.accuracy.svg()))
        expected.append((checkout.results.appendingPathComponent("comparison-loss\(suffix).svg"), comparison.loss.svg()))
        for part in checkout.report.parts {
            let charts = try checkout.report.partCharts(part, language: language)
            let folder = checkout.report.runsFolder.appendingPathComponent(part.part)
            expected.append((folder.appendingPathComponent("loss\(suffix).svg"), charts.loss.svg()))
            expected.append((folder.appendingPathComponent("accuracy\(suffix).svg"), charts.accuracy.svg()))
        }
        for (url, svg) in expected {
            let committed = try? String(contentsOf: url, encoding: .utf8)
            #expect(committed == svg, "\(url.path) is missing or stale; run `hw1 report --answers Docs/answers`")
        }
    }

    @Test func persianAnswerUsesPersianDigitsInProseAndPersianCharts() throws {
        guard let checkout = try Self.checkout() else { return }
        let file = AnswerSection.file(in: checkout.root.appendingPathComponent("Docs/answers"), language: .persian)
        let text = AnswerSection(parts: checkout.report.parts, language: .persian, resultsFolder: checkout.results,
                                 answerFolder: file.deletingLastPathComponent()).markdown()
        #expect(text.contains("# مسئله ۵."))
        // Every image is a Persian chart (or the sample grid, which has no words).
        let images = text.matches(of: /!\[[^\]]*\]\(([^)]+)\)/).map { String($0.1) }
        #expect(images.count >= 10)
        for image in images where image.hasSuffix(".svg") { #expect(image.hasSuffix("-fa.svg"), "\(image)") }
        // The result lines carry Persian digits only.
        let results = text.split(separator: "\n").filter { $0.hasPrefix("**نتیجه:**") }
        #expect(results.count == checkout.report.parts.count + 1)
        for line in results { #expect(!line.contains(where: { $0.isASCII && $0.isNumber }), "\(line)") }
    }

    @Test func relativePathsClimbToTheCommonFolder() {
        let from = URL(fileURLWithPath: "/r/Docs/answers/fa")
        #expect(RelativePath.from(from, to: URL(fileURLWithPath: "/r/results/samples.png")) == "../../../results/samples.png")
        #expect(RelativePath.from(URL(fileURLWithPath: "/r"), to: URL(fileURLWithPath: "/r/a/b")) == "a/b")
    }
}
