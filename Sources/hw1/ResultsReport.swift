import Foundation
import HW1Plotting

/// Renders results/README.md from the per-part summaries.
struct ResultsReport {
    let parts: [PartSummary]
    let runsFolder: URL
    let reportFolder: URL

    /// What each homework part asks for, by its letter.
    static let partTitles: [String: String] = [
        "b": "5(b) MLP 784-128-64-10, sigmoid, SGD",
        "c": "5(c) as (b) with ReLU",
        "d": "5(d) as (b) with Momentum",
        "e": "5(e) MLP 784-128-64-64-10, sigmoid, SGD",
        "f": "5(f) as (b) in PyTorch",
    ]

    static let startMarker = "<!-- results:start -->"
    static let endMarker = "<!-- results:end -->"

    /// The full report.
    func markdown() -> String {
        var lines: [String] = [
            "# Results: Problem 5 (Fashion-MNIST)",
            "",
            "Written by `hw1 report` from the `metrics.json` of every run under `\(relative(runsFolder))`;"
                + " every figure below is what those runs measured. Accuracy in percent, loss is the mean"
                + " softmax cross-entropy; mean ± sample standard deviation over seeds. *Best* is the best"
                + " epoch of each run (highest accuracy, lowest loss), then averaged.",
            "",
        ]
        if FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("../Docs/hyperparameters.md").path) {
            lines += ["Hyperparameters (learning rate, schedule, epochs) were chosen on a validation split of the"
                + " training set, never on the test set: see [Docs/hyperparameters.md](../Docs/hyperparameters.md).", ""]
        }
        lines += summaryTable(linkPrefix: "")
        lines += ["", "![test accuracy of every part](comparison-accuracy.svg)", "", "![test loss of every part](comparison-loss.svg)"]
        if FileManager.default.fileExists(atPath: reportFolder.appendingPathComponent("samples.png").path) {
            lines += ["", "## 5(a) Four random training images", "",
                      "Drawn by `hw1 samples` (a different choice on every run unless `--seed` is given):", "",
                      "![four random Fashion-MNIST training images](samples.png)"]
        }
        for part in parts {
            lines += ["", "## \(Self.partTitles[part.part] ?? "part \(part.part)")", ""]
            lines += configLines(part)
            lines += ["", "| metric | final | best |", "|---|---|---|"]
            lines += metricRows(part)
            lines.append("| seconds per epoch (training only) | \(part.statistic(Self.meanSeconds).formatted(digits: 2)) | |")
            let firstSeed = part.runs[0].seed
            let runPath = "runs/\(part.part)/seed-\(firstSeed)"
            if FileManager.default.fileExists(atPath: runsFolder.appendingPathComponent("\(part.part)/seed-\(firstSeed)/loss.svg").path) {
                lines += ["", "Seed \(firstSeed): ", "", "![loss](\(runPath)/loss.svg) ![accuracy](\(runPath)/accuracy.svg)"]
            }
        }
        if let b = parts.first(where: { $0.part == "b" }), let f = parts.first(where: { $0.part == "f" }) {
            lines += ["", "## 5(f) against 5(b), row by row", ""]
            lines += ["| metric | (b) Swift | (f) PyTorch | f − b |", "|---|---|---|---|"]
            for (name, scale, value) in Self.finalMetrics {
                let sb = b.statistic(value), sf = f.statistic(value)
                lines.append("| final \(name) | \(sb.formatted(scale: scale)) | \(sf.formatted(scale: scale)) | \(String(format: "%+.2f", (sf.mean - sb.mean) * scale)) |")
            }
            let eb = b.statistic(Self.meanSeconds), ef = f.statistic(Self.meanSeconds)
            lines.append("| seconds per epoch | \(eb.formatted()) | \(ef.formatted()) | ×\(String(format: "%.2f", ef.mean / eb.mean)) |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes comparison-accuracy.svg and comparison-loss.svg into the report folder: the test
    /// curves of every part, averaged over its seeds, epoch by epoch; in Persian the same charts
    /// as comparison-accuracy-fa.svg and comparison-loss-fa.svg.
    func writeComparisonCharts(language: ChartLanguage = .english) throws {
        let (accuracy, loss) = try comparisonCharts(language: language)
        let suffix = language == .persian ? "-fa" : ""
        try accuracy.write(to: reportFolder.appendingPathComponent("comparison-accuracy\(suffix).svg"))
        try loss.write(to: reportFolder.appendingPathComponent("comparison-loss\(suffix).svg"))
    }

    /// The two comparison charts (test accuracy, test loss) in `language`.
    func comparisonCharts(language: ChartLanguage) throws -> (accuracy: LineChart, loss: LineChart) {
        let words = language == .persian ? AnswerWords.persian : AnswerWords.english
        var accuracy = LineChart(title: words.chartComparisonAccuracyTitle, xLabel: words.chartEpoch, yLabel: words.chartTestAccuracyAxis)
        var loss = LineChart(title: words.chartComparisonLossTitle, xLabel: words.chartEpoch, yLabel: words.chartTestLossAxis)
        accuracy.language = language
        loss.language = language
        for part in parts {
            let epochs = part.runs.map(\.metrics.epochs.count).min() ?? 0
            let x = (0..<epochs).map { Double($0 + 1) }
            let meanAccuracy = (0..<epochs).map { e in MeanStd(part.runs.map { $0.metrics.epochs[e].test_accuracy }).mean * 100 }
            let meanLoss = (0..<epochs).map { e in MeanStd(part.runs.map { $0.metrics.epochs[e].test_loss }).mean }
            let name = words.chartPartName[part.part] ?? "part \(part.part)"
            accuracy.add(try ChartSeries(name: name, x: x, y: meanAccuracy))
            loss.add(try ChartSeries(name: name, x: x, y: meanLoss))
        }
        return (accuracy, loss)
    }

    /// The loss and accuracy charts of one part: train and test, each the mean over the seeds
    /// epoch by epoch (the answer file shows these).
    func partCharts(_ part: PartSummary, language: ChartLanguage) throws -> (loss: LineChart, accuracy: LineChart) {
        let words = language == .persian ? AnswerWords.persian : AnswerWords.english
        let epochs = part.runs.map(\.metrics.epochs.count).min() ?? 0
        let x = (0..<epochs).map { Double($0 + 1) }
        func mean(_ value: (EpochRecord) -> Double, scale: Double = 1) -> [Double] {
            (0..<epochs).map { e in MeanStd(part.runs.map { value($0.metrics.epochs[e]) }).mean * scale }
        }
        func title(_ template: String) -> String {
            template.replacingOccurrences(of: "{part}", with: words.letter(part.part))
                .replacingOccurrences(of: "{seeds}", with: language.digits(String(part.runs.count)))
        }
        // Half a text column wide in the answer file: a smaller canvas keeps the words legible.
        var loss = LineChart(title: title(words.chartLossTitle), xLabel: words.chartEpoch, yLabel: words.chartLossAxis,
                             width: Self.partChartSize.width, height: Self.partChartSize.height)
        var accuracy = LineChart(title: title(words.chartAccuracyTitle), xLabel: words.chartEpoch, yLabel: words.chartAccuracyAxis,
                                 width: Self.partChartSize.width, height: Self.partChartSize.height)
        loss.language = language
        accuracy.language = language
        loss.add(try ChartSeries(name: words.chartTrain, x: x, y: mean(\.train_loss)))
        loss.add(try ChartSeries(name: words.chartTest, x: x, y: mean(\.test_loss)))
        accuracy.add(try ChartSeries(name: words.chartTrain, x: x, y: mean(\.train_accuracy, scale: 100)))
        accuracy.add(try ChartSeries(name: words.chartTest, x: x, y: mean(\.test_accuracy, scale: 100)))
        return (loss, accuracy)
    }

    /// Pixel size of the per-part charts.
    static let partChartSize = (width: 480, height: 270)

    /// Writes RUNS/<part>/loss.svg and accuracy.svg (and their -fa twins) for every part.
    func writePartCharts() throws {
        for part in parts {
            for language in ChartLanguage.allCases {
                let suffix = language == .persian ? "-fa" : ""
                let (loss, accuracy) = try partCharts(part, language: language)
                let folder = runsFolder.appendingPathComponent(part.part)
                try loss.write(to: folder.appendingPathComponent("loss\(suffix).svg"))
                try accuracy.write(to: folder.appendingPathComponent("accuracy\(suffix).svg"))
            }
        }
    }

    /// The short table for the top-level README (also the head of the report).
    func summaryMarkdown(linkPrefix: String) -> String {
        summaryTable(linkPrefix: linkPrefix).joined(separator: "\n")
    }

    static let meanSeconds: @Sendable (RunMetrics) -> Double = { $0.meanEpochSeconds }

    static let finalMetrics: [(String, Double, @Sendable (RunMetrics) -> Double)] = [
        ("train accuracy %", 100, { $0.final!.train_accuracy }),
        ("test accuracy %", 100, { $0.final!.test_accuracy }),
        ("train loss", 1, { $0.final!.train_loss }),
        ("test loss", 1, { $0.final!.test_loss }),
    ]

    func summaryTable(linkPrefix: String) -> [String] {
        var lines = [
            "| part | network | activation | optimiser | epochs | seeds | final test acc. % | best test acc. % | final train acc. % | final test loss | s / epoch |",
            "|---|---|---|---|---|---|---|---|---|---|---|",
        ]
        for part in parts {
            let title = "[\(part.part)](\(linkPrefix)README.md#\(anchor(Self.partTitles[part.part] ?? "part \(part.part)")))"
            let hidden = part.config("hidden").map { "784-" + $0.replacingOccurrences(of: ",", with: "-") + "-10" } ?? "?"
            let cells: [String] = [
                title, hidden, part.config("activation") ?? "?", optimiserName(part),
                String(part.runs[0].metrics.epochs.count), String(part.runs.count),
                part.statistic { $0.final!.test_accuracy }.formatted(scale: 100),
                part.statistic { $0.epochs.map(\.test_accuracy).max() ?? .nan }.formatted(scale: 100),
                part.statistic { $0.final!.train_accuracy }.formatted(scale: 100),
                part.statistic { $0.final!.test_loss }.formatted(digits: 3),
                part.statistic(Self.meanSeconds).formatted(digits: 2),
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    func configLines(_ part: PartSummary) -> [String] {
        guard let config = part.runs.first?.metrics.config else { return [] }
        let shown = config.filter { $0.key != "seed" }.sorted { $0.key < $1.key }
            .map { "`\($0.key)`=\($0.value)" }.joined(separator: ", ")
        return ["Configuration: \(shown); seeds \(part.runs.map(\.seed).joined(separator: ", "))."]
    }

    func metricRows(_ part: PartSummary) -> [String] {
        typealias Pick = (RunMetrics) -> Double
        let rows: [(String, Double, Pick, Pick)] = [
            ("train accuracy %", 100, { $0.final!.train_accuracy }, { $0.epochs.map(\.train_accuracy).max() ?? .nan }),
            ("test accuracy %", 100, { $0.final!.test_accuracy }, { $0.epochs.map(\.test_accuracy).max() ?? .nan }),
            ("train loss", 1, { $0.final!.train_loss }, { $0.epochs.map(\.train_loss).min() ?? .nan }),
            ("test loss", 1, { $0.final!.test_loss }, { $0.epochs.map(\.test_loss).min() ?? .nan }),
        ]
        return rows.map { name, scale, final, best in
            let digits = scale == 1 ? 4 : 2
            let finalText = part.statistic(final).formatted(scale: scale, digits: digits)
            let bestText = part.statistic(best).formatted(scale: scale, digits: digits)
            return "| \(name) | \(finalText) | \(bestText) |"
        }
    }

    func optimiserName(_ part: PartSummary) -> String {
        var name = part.config("optimizer") ?? "?"
        if part.config("nesterov") == "true" { name += " (Nesterov)" }
        if let momentum = part.config("momentum"), momentum != "0" { name += ", μ=\(momentum)" }
        if let lr = part.config("learning_rate") { name += ", η=\(lr)" }
        if let schedule = part.config("schedule"), schedule != "constant" { name += ", \(schedule)" }
        return name
    }

    func anchor(_ title: String) -> String {
        title.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " || $0 == "-" }
            .replacingOccurrences(of: " ", with: "-")
    }

    func relative(_ url: URL) -> String {
        let base = reportFolder.standardizedFileURL.path
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
    }

    /// Replaces the text between the results markers of `file` (a README) with `section`.
    static func replaceSection(in file: URL, with section: String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        guard let start = text.range(of: startMarker), let end = text.range(of: endMarker), start.upperBound <= end.lowerBound else {
            throw CLIError("\(file.path) has no \(startMarker) … \(endMarker) section to replace; add the two markers where the results table belongs")
        }
        let updated = text[..<start.upperBound] + "\n" + section + "\n" + text[end.lowerBound...]
        try String(updated).write(to: file, atomically: true, encoding: .utf8)
    }
}
