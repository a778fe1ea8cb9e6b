import ArgumentParser
import Foundation
import HW1Plotting

/// `hw1 report`: gathers every `metrics.json` under the runs folder into results/README.md —
/// a table per homework part (mean ± std over seeds), f against b, and the plots.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise training runs (RUNS/<part>/seed-<n>/metrics.json) into a Markdown report.")

    @Option(help: "Folder holding one sub-folder per part, each with seed-<n> runs.")
    var runs: String = "results/runs"

    @Option(help: "The Markdown report to write.")
    var out: String = "results/README.md"

    @Option(help: "Also write Problem 5's answer files DIR/problem-5-image-classification.md and DIR/fa/problem-5-image-classification.md (the hand-in PDFs' Problem 5).")
    var answers: String?

    @Option(help: "Also replace the section between <!-- results:start --> and <!-- results:end --> in this file.")
    var readme: String?

    func run() throws {
        let runsURL = URL(fileURLWithPath: runs)
        let parts = try PartSummary.loadAll(from: runsURL)
        guard !parts.isEmpty else {
            throw CLIError("no runs found under \(runs) (expected \(runs)/<part>/seed-<n>/metrics.json); run `make run` or `hw1 train --out` first")
        }
        let outURL = URL(fileURLWithPath: out)
        let report = ResultsReport(parts: parts, runsFolder: runsURL, reportFolder: outURL.deletingLastPathComponent())
        try FileManager.default.createDirectory(at: outURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        try report.markdown().write(to: outURL, atomically: true, encoding: .utf8)
        for language in ChartLanguage.allCases { try report.writeComparisonCharts(language: language) }
        try report.writePartCharts()
        print("wrote \(out) (\(parts.count) parts, \(parts.map(\.runs.count).reduce(0, +)) runs), comparison and per-part charts in English and Persian")
        if let answers {
            for language in ChartLanguage.allCases {
                let file = AnswerSection.file(in: URL(fileURLWithPath: answers), language: language)
                let section = AnswerSection(parts: parts, language: language, resultsFolder: outURL.deletingLastPathComponent(),
                                            answerFolder: file.deletingLastPathComponent())
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try section.markdown().write(to: file, atomically: true, encoding: .utf8)
                print("wrote \(answers)/\(language == .persian ? "fa/" : "")\(AnswerSection.fileName)")
            }
        }
        if let readme {
            try ResultsReport.replaceSection(in: URL(fileURLWithPath: readme), with: report.summaryMarkdown(linkPrefix: reportLinkPrefix(readme: readme)))
            print("updated the results section of \(readme)")
        }
    }
}

extension ReportCommand {
    /// The folder of the report relative to the README's folder, for links in the README's table.
    func reportLinkPrefix(readme: String) -> String {
        let reportFolder = URL(fileURLWithPath: out).deletingLastPathComponent().standardizedFileURL.pathComponents
        let readmeFolder = URL(fileURLWithPath: readme).deletingLastPathComponent().standardizedFileURL.pathComponents
        var common = 0
        while common < min(reportFolder.count, readmeFolder.count), reportFolder[common] == readmeFolder[common] { common += 1 }
        let up = Array(repeating: "..", count: readmeFolder.count - common)
        let down = Array(reportFolder[common...])
        let components = up + down
        return components.isEmpty ? "" : components.joined(separator: "/") + "/"
    }
}

/// The runs of one homework part (e.g. "b"), one per seed.
struct PartSummary {
    let part: String
    let runs: [(seed: String, metrics: RunMetrics)]

    /// Every `<part>/seed-*/metrics.json` under `folder`, parts and seeds in name order.
    static func loadAll(from folder: URL) throws -> [PartSummary] {
        let fm = FileManager.default
        guard let partNames = try? fm.contentsOfDirectory(atPath: folder.path) else { return [] }
        var result: [PartSummary] = []
        for part in partNames.sorted() {
            let partURL = folder.appendingPathComponent(part)
            guard let seeds = try? fm.contentsOfDirectory(atPath: partURL.path) else { continue }
            var runs: [(String, RunMetrics)] = []
            for seed in seeds.sorted() where seed.hasPrefix("seed-") {
                let file = partURL.appendingPathComponent(seed).appendingPathComponent("metrics.json")
                if fm.fileExists(atPath: file.path) {
                    let metrics = try RunMetrics.load(from: file)
                    if metrics.final != nil { runs.append((String(seed.dropFirst(5)), metrics)) }
                }
            }
            if !runs.isEmpty { result.append(PartSummary(part: part, runs: runs)) }
        }
        return result
    }

    /// Mean and sample standard deviation of `value` over the seeds.
    func statistic(_ value: (RunMetrics) -> Double) -> MeanStd {
        MeanStd(runs.map { value($0.metrics) })
    }

    /// A config value shared by the runs (from the first seed).
    func config(_ key: String) -> String? { runs.first?.metrics.config[key]?.description }
}

/// A mean ± standard deviation over seeds.
struct MeanStd {
    let mean: Double
    let std: Double
    let count: Int

    init(_ values: [Double]) {
        count = values.count
        mean = values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
        let m = mean
        std = values.count < 2 ? 0 : (values.map { ($0 - m) * ($0 - m) }.reduce(0, +) / Double(values.count - 1)).squareRoot()
    }

    /// `88.12 ± 0.21` with values scaled by `scale` (100 for percentages).
    func formatted(scale: Double = 1, digits: Int = 2) -> String {
        String(format: "%.\(digits)f ± %.\(digits)f", mean * scale, std * scale)
    }
}
