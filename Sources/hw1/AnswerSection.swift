import Foundation
import HW1Plotting

/// Problem 5's written answer, in English or Persian: `hw1 report --answers DIR` writes
/// DIR/problem-5-image-classification.md and DIR/fa/problem-5-image-classification.md from the
/// same per-part summaries (and the same mean ± std code) as results/README.md, so the numbers
/// of the answer file are the numbers the runs measured. The hand-in PDFs are built from them.
///
/// Per part: the network, the hyperparameters as the runs recorded them in metrics.json, the
/// final and best accuracies and losses (mean ± sample std over seeds) and the per-part curves
/// (`runs/<part>/loss.svg`, `accuracy.svg`, their `-fa` twins in Persian); part f beside part
/// b; the comparison table and charts last.
struct AnswerSection {
    let parts: [PartSummary]
    let language: ChartLanguage
    /// The results folder (holds samples.png, comparison-*.svg and runs/).
    let resultsFolder: URL
    /// The folder the Markdown file goes into: image links are relative to it.
    let answerFolder: URL

    static let fileName = "problem-5-image-classification.md"

    /// The answer file's path for `language` under the English answers folder `directory`.
    static func file(in directory: URL, language: ChartLanguage) -> URL {
        let folder = language == .persian ? directory.appendingPathComponent("fa") : directory
        return folder.appendingPathComponent(fileName)
    }

    private var words: AnswerWords { language == .persian ? .persian : .english }
    private var suffix: String { language == .persian ? "-fa" : "" }

    /// The whole Markdown file, ending with a newline.
    func markdown() -> String {
        let w = words
        var lines: [String] = []
        if language == .persian { lines += ["<div dir=\"rtl\">", ""] }
        lines += ["# \(w.problemHeading)", "", w.navigation, "", w.generatedNote, ""]
        lines += [w.conventions, ""]

        if FileManager.default.fileExists(atPath: resultsFolder.appendingPathComponent("samples.png").path) {
            lines += ["<div class=\"answer-part\">", "", "<a id=\"part-a\"></a>", "", "## \(w.partHeading["a"]!)", "",
                      w.samplesText, "", "![\(w.samplesAlt)](\(link("samples.png")))", "", "</div>", ""]
        }
        for part in parts {
            lines += partLines(part)
        }
        lines += comparisonLines()
        if language == .persian { lines += ["</div>"] }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }

    // MARK: - Per part

    private func partLines(_ part: PartSummary) -> [String] {
        let w = words
        let letter = part.part
        // Each part is kept on one page in the PDF (answers.css: .answer-part).
        var lines = ["<div class=\"answer-part\">", "", "<a id=\"part-\(letter)\"></a>", "",
                     "## \(w.partHeading[letter] ?? "(\(letter))")", ""]
        if let asked = w.asked[letter] { lines += [asked, ""] }

        let finalTest = part.statistic { $0.final!.test_accuracy }
        let bestTest = part.statistic { $0.epochs.map(\.test_accuracy).max() ?? .nan }
        lines.append(w.resultSentence(
            final: number(finalTest.formatted(scale: 100)), best: number(bestTest.formatted(scale: 100)),
            seeds: number(String(part.runs.count))))
        lines.append("")

        // The two tables side by side in the PDF (answers.css), one under the other on GitHub.
        lines += ["<div class=\"side-by-side\">", "", untied,
                  "| \(w.setting) | \(w.value) |", "|---|---|"]
        for (name, value) in hyperparameters(part) { lines.append("| \(name) | \(value) |") }
        lines.append("")

        lines += [untied, "| \(w.metric) | \(w.finalColumn) | \(w.bestColumn) |", "|---|---|---|"]
        let rows: [(String, Double, Int, (RunMetrics) -> Double, (RunMetrics) -> Double)] = [
            (w.trainAccuracy, 100, 2, { $0.final!.train_accuracy }, { $0.epochs.map(\.train_accuracy).max() ?? .nan }),
            (w.testAccuracy, 100, 2, { $0.final!.test_accuracy }, { $0.epochs.map(\.test_accuracy).max() ?? .nan }),
            (w.trainLoss, 1, 4, { $0.final!.train_loss }, { $0.epochs.map(\.train_loss).min() ?? .nan }),
            (w.testLoss, 1, 4, { $0.final!.test_loss }, { $0.epochs.map(\.test_loss).min() ?? .nan }),
        ]
        for (name, scale, digits, final, best) in rows {
            lines.append("| \(name) | \(number(part.statistic(final).formatted(scale: scale, digits: digits)))"
                + " | \(number(part.statistic(best).formatted(scale: scale, digits: digits))) |")
        }
        lines.append("| \(w.secondsPerEpoch) | \(number(part.statistic(ResultsReport.meanSeconds).formatted(digits: 2))) | |")
        lines += ["", "</div>", ""]

        lines += ["![\(w.lossAlt), \(w.letter(letter))](\(link("runs/\(letter)/loss\(suffix).svg")))"
                    + " ![\(w.accuracyAlt), \(w.letter(letter))](\(link("runs/\(letter)/accuracy\(suffix).svg")))", ""]

        lines += ["</div>", ""]
        if letter == "f", let b = parts.first(where: { $0.part == "b" }) {
            lines += ["<div class=\"answer-part\">", ""] + againstB(b: b, f: part) + ["</div>", ""]
        }
        return lines
    }

    /// Part f beside part b: the table of final figures and the two accuracy charts side by side.
    private func againstB(b: PartSummary, f: PartSummary) -> [String] {
        let w = words
        var lines = [w.againstBLead, "", untied,
                     "| \(w.metric) | \(w.bColumn) | \(w.fColumn) | f − b |", "|---|---|---|---|"]
        let names = [w.trainAccuracy, w.testAccuracy, w.trainLoss, w.testLoss]
        for ((_, scale, value), name) in zip(ResultsReport.finalMetrics, names) {
            let sb = b.statistic(value), sf = f.statistic(value)
            let digits = scale == 1 ? 4 : 2
            lines.append("| \(w.finalPrefix)\(name) | \(number(sb.formatted(scale: scale, digits: digits)))"
                + " | \(number(sf.formatted(scale: scale, digits: digits)))"
                + " | \(number(String(format: "%+.\(digits)f", (sf.mean - sb.mean) * scale))) |")
        }
        let eb = b.statistic(ResultsReport.meanSeconds), ef = f.statistic(ResultsReport.meanSeconds)
        lines.append("| \(w.secondsPerEpoch) | \(number(eb.formatted())) | \(number(ef.formatted()))"
            + " | ×\(number(String(format: "%.2f", ef.mean / eb.mean))) |")
        lines += ["", "![\(w.accuracyAlt), \(w.letter("b"))](\(link("runs/b/accuracy\(suffix).svg")))"
                    + " ![\(w.accuracyAlt), \(w.letter("f"))](\(link("runs/f/accuracy\(suffix).svg")))", ""]
        return lines
    }

    /// The hyperparameters as the first seed's metrics.json recorded them (Swift or PyTorch keys).
    private func hyperparameters(_ part: PartSummary) -> [(String, String)] {
        let w = words
        var rows: [(String, String)] = []
        let hidden = part.config("hidden").map { $0.split(separator: ",").map(String.init) } ?? []
        let network = hidden.isEmpty ? "?" : number((["784"] + hidden + ["10"]).joined(separator: "-"))
        let activation = part.config("activation").map(w.activationName) ?? "?"
        rows.append((w.networkAndActivation, "\(network)\(w.comma)\(activation)"))
        let pytorch = part.config("framework") == "pytorch"
        rows.append((w.implementation, pytorch
            ? w.pytorchImplementation(part.config("torch_version")?.split(separator: "+").first.map(String.init) ?? "?")
            : w.swiftImplementation))
        if let initializer = part.config("initializer") {
            rows.append((w.initialisation, initializer))
        } else if pytorch {
            rows.append((w.initialisation, w.pytorchDefaultInit))
        }
        var optimiser = part.config("optimizer") ?? "?"
        if let rate = part.config("learning_rate") { optimiser += "\(w.comma)η = \(number(rate))" }
        if let momentum = part.config("momentum"), momentum != "0" {
            optimiser += "\(w.comma)μ = \(number(momentum))"
            if part.config("nesterov") == "true" { optimiser += " (Nesterov)" }
        }
        rows.append((w.optimiser, optimiser))
        if let schedule = part.config("schedule") { rows.append((w.schedule, w.scheduleText(schedule, number: number))) }
        let epochs = number(String(part.runs[0].metrics.epochs.count))
        rows.append((w.batchAndEpochs, "\(number(part.config("batch_size") ?? "?"))\(w.comma)\(epochs)"))
        rows.append((w.seeds, number(part.runs.map(\.seed).joined(separator: w.comma))))
        return rows
    }

    // MARK: - All parts

    private func comparisonLines() -> [String] {
        let w = words
        var lines = ["<div class=\"answer-part\">", "", "<a id=\"comparison\"></a>", "", "## \(w.comparisonHeading)", "", untied,
                     "| \(w.part) | \(w.network) | \(w.activation) | \(w.optimiser) | \(w.epochs)"
                        + " | \(w.finalTestColumn) | \(w.bestTestColumn) | \(w.againstBColumn) |",
                     "|---|---|---|---|---|---|---|---|"]
        let b = parts.first { $0.part == "b" }
        let finalTest: (RunMetrics) -> Double = { $0.final!.test_accuracy }
        for part in parts {
            let hidden = part.config("hidden").map { "784-" + $0.replacingOccurrences(of: ",", with: "-") + "-10" } ?? "?"
            var optimiser = part.config("optimizer") ?? "?"
            if let rate = part.config("learning_rate") { optimiser += ", η = \(number(rate))" }
            let final = part.statistic(finalTest)
            let delta = b.map { number(String(format: "%+.2f", (final.mean - $0.statistic(finalTest).mean) * 100)) } ?? ""
            let cells = [
                w.letter(part.part), number(hidden), w.activationName(part.config("activation") ?? "?"), optimiser,
                number(String(part.runs[0].metrics.epochs.count)), number(final.formatted(scale: 100)),
                number(part.statistic { $0.epochs.map(\.test_accuracy).max() ?? .nan }.formatted(scale: 100)),
                part.part == "b" ? "" : delta,
            ]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        if let best = parts.max(by: { $0.statistic(finalTest).mean < $1.statistic(finalTest).mean }),
            let worst = parts.min(by: { $0.statistic(finalTest).mean < $1.statistic(finalTest).mean })
        {
            let high = best.statistic(finalTest), low = worst.statistic(finalTest)
            let spread = String(format: "%.2f", (high.mean - low.mean) * 100)
            let sentence = w.rankingSentence(
                best: w.letter(best.part), bestValue: number(high.formatted(scale: 100)),
                worst: w.letter(worst.part), worstValue: number(low.formatted(scale: 100)), spread: number(spread))
            lines += [sentence, ""]
        }
        lines += ["</div>", ""]
        lines += ["![\(w.comparisonAccuracyAlt)](\(link("comparison-accuracy\(suffix).svg")))", "",
                  "![\(w.comparisonLossAlt)](\(link("comparison-loss\(suffix).svg")))", ""]
        return lines
    }

    // MARK: - Helpers

    private var untied: String { "<!-- untied-table: written by hw1 report from results/runs/*/seed-*/metrics.json -->" }

    private func number(_ text: String) -> String { language.digits(text) }

    /// `results/<path>` relative to the answer file's folder.
    private func link(_ path: String) -> String {
        RelativePath.from(answerFolder, to: resultsFolder.appendingPathComponent(path))
    }
}

/// A relative path between two file URLs (for links in generated Markdown).
enum RelativePath {
    static func from(_ folder: URL, to target: URL) -> String {
        let base = folder.standardizedFileURL.pathComponents
        let path = target.standardizedFileURL.pathComponents
        var common = 0
        while common < min(base.count, path.count), base[common] == path[common] { common += 1 }
        return (Array(repeating: "..", count: base.count - common) + path[common...]).joined(separator: "/")
    }
}

/// The words of the Problem 5 answer and its charts in one language.
struct AnswerWords: Sendable {
    var problemHeading: String
    var navigation: String
    var generatedNote: String
    var conventions: String
    var partHeading: [String: String]
    var asked: [String: String]
    var samplesText: String
    var samplesAlt: String
    var setting: String, value: String, metric: String, finalColumn: String, bestColumn: String
    var trainAccuracy: String, testAccuracy: String, trainLoss: String, testLoss: String, secondsPerEpoch: String
    var finalPrefix: String
    var lossAlt: String, accuracyAlt: String
    var againstBLead: String, bColumn: String, fColumn: String
    var network: String, activation: String, implementation: String, swiftImplementation: String
    var initialisation: String, pytorchDefaultInit: String, optimiser: String, learningRate: String
    var schedule: String, batchSize: String, epochs: String, seeds: String
    var networkAndActivation: String, batchAndEpochs: String, comma: String
    var comparisonHeading: String, part: String, finalTestColumn: String, bestTestColumn: String, againstBColumn: String
    var comparisonAccuracyAlt: String, comparisonLossAlt: String
    var letters: [String: String]
    var activationNames: [String: String]
    var resultTemplate: String
    var rankingTemplate: String
    var pytorchTemplate: String
    var cosineTemplate: String
    var constantSchedule: String
    // Chart words
    var chartEpoch: String, chartTrain: String, chartTest: String
    var chartLossAxis: String, chartAccuracyAxis: String
    var chartLossTitle: String, chartAccuracyTitle: String
    var chartComparisonAccuracyTitle: String, chartComparisonLossTitle: String
    var chartTestAccuracyAxis: String, chartTestLossAxis: String
    var chartPartName: [String: String]

    func letter(_ part: String) -> String { letters[part] ?? part }
    func activationName(_ name: String) -> String { activationNames[name] ?? name }
    func pytorchImplementation(_ version: String) -> String { pytorchTemplate.replacingOccurrences(of: "{version}", with: version) }

    func resultSentence(final: String, best: String, seeds: String) -> String {
        resultTemplate.replacingOccurrences(of: "{final}", with: final)
            .replacingOccurrences(of: "{best}", with: best).replacingOccurrences(of: "{seeds}", with: seeds)
    }

    func rankingSentence(best: String, bestValue: String, worst: String, worstValue: String, spread: String) -> String {
        rankingTemplate.replacingOccurrences(of: "{best}", with: best).replacingOccurrences(of: "{bestValue}", with: bestValue)
            .replacingOccurrences(of: "{worst}", with: worst).replacingOccurrences(of: "{worstValue}", with: worstValue)
            .replacingOccurrences(of: "{spread}", with: spread)
    }

    /// `cosine:0.02` → "cosine decay to 0.02"; `constant` → "constant".
    func scheduleText(_ schedule: String, number: (String) -> String) -> String {
        if schedule.hasPrefix("cosine:") {
            return cosineTemplate.replacingOccurrences(of: "{floor}", with: number(String(schedule.dropFirst(7))))
        }
        return schedule == "constant" ? constantSchedule : schedule
    }

    static let english = AnswerWords(
        problemHeading: "Problem 5. Image classification (practical) (40 points)",
        navigation: "[index](README.md) · [فارسی](fa/problem-5-image-classification.md)",
        generatedNote: "*This file is written by `hw1 report --answers Docs/answers` (run by `make run`) from the"
            + " `metrics.json` of every training run under `results/runs/`; do not edit it by hand. The Swift test"
            + " `AnswerSectionTests` regenerates it and fails when it differs.*",
        conventions: "Fashion-MNIST: 60 000 training and 10 000 test images of 28 × 28 pixels, 10 classes. Every part"
            + " was trained with several seeds; a figure *a ± s* is the mean and the sample standard deviation over"
            + " the seeds. *Final* is the last epoch, *best* the best epoch of each run (highest accuracy, lowest"
            + " loss), then averaged. Accuracy is in percent, loss is the mean softmax cross-entropy. The"
            + " hyperparameters were chosen on a validation split of the training set, never on the test set"
            + " (Docs/hyperparameters.md). Each part below gives the network and hyperparameters as the runs"
            + " recorded them in `metrics.json`, the final and best figures, and the loss and accuracy on the"
            + " training and test sets per epoch (mean over the seeds).",
        partHeading: [
            "a": "(a) Four random training images in a 2 × 2 grid",
            "b": "(b) MLP 784-128-64-10, sigmoid, SGD",
            "c": "(c) as (b) with ReLU",
            "d": "(d) as (b) with Momentum",
            "e": "(e) MLP 784-128-64-64-10, sigmoid, SGD",
            "f": "(f) as (b) in PyTorch",
        ],
        asked: [
            "b": "An MLP with two hidden layers of 128 and 64 units, backpropagation written by hand, SGD updates,"
                + " cross-entropy loss and sigmoid activations; the loss on the training and test sets during"
                + " training, and the accuracy on both.",
            "c": "Part (b) with the ReLU activation.",
            "d": "Part (b) with the Momentum update of the weights.",
            "e": "Part (b) with three hidden layers of 128, 64 and 64 units.",
            "f": "Part (b) implemented with PyTorch (`Scripts/part_f_pytorch.py`: autograd, `torch.optim.SGD`).",
        ],
        samplesText: "`hw1 samples --count 4` draws four training images at random on every run (unless `--seed`"
            + " is given) and shows them with their class names; the grid below is the one `make run` drew.",
        samplesAlt: "four random Fashion-MNIST training images with their class names",
        setting: "setting", value: "value", metric: "metric", finalColumn: "final", bestColumn: "best",
        trainAccuracy: "train accuracy %", testAccuracy: "test accuracy %", trainLoss: "train loss",
        testLoss: "test loss", secondsPerEpoch: "s / epoch (training)", finalPrefix: "final ",
        lossAlt: "loss per epoch", accuracyAlt: "accuracy per epoch",
        againstBLead: "Part (f) beside part (b), the same network and hyperparameters in PyTorch and in this"
            + " project's Swift code:",
        bColumn: "(b) Swift", fColumn: "(f) PyTorch",
        network: "network", activation: "activation", implementation: "implementation",
        swiftImplementation: "Swift, `hw1 train`",
        initialisation: "initialisation", pytorchDefaultInit: "`nn.Linear` default",
        optimiser: "optimiser", learningRate: "learning rate η", schedule: "schedule", batchSize: "batch size",
        epochs: "epochs", seeds: "seeds",
        networkAndActivation: "network, activation", batchAndEpochs: "batch size, epochs", comma: ", ",
        comparisonHeading: "All parts compared", part: "part", finalTestColumn: "final test acc. %",
        bestTestColumn: "best test acc. %", againstBColumn: "final − (b)",
        comparisonAccuracyAlt: "test accuracy of every part per epoch",
        comparisonLossAlt: "test loss of every part per epoch",
        letters: ["a": "(a)", "b": "(b)", "c": "(c)", "d": "(d)", "e": "(e)", "f": "(f)"],
        activationNames: [:],
        resultTemplate: "**Result:** final test accuracy **{final} %** (best epoch {best} %), {seeds} seeds.",
        rankingTemplate: "**Result:** the highest final test accuracy is {best}'s {bestValue} %, the lowest {worst}'s"
            + " {worstValue} %; all parts lie within {spread} percentage points of each other.",
        pytorchTemplate: "PyTorch {version}",
        cosineTemplate: "cosine decay to {floor}", constantSchedule: "constant",
        chartEpoch: "epoch", chartTrain: "train", chartTest: "test",
        chartLossAxis: "mean cross-entropy", chartAccuracyAxis: "accuracy %",
        chartLossTitle: "Loss, part {part}, mean of {seeds} seeds",
        chartAccuracyTitle: "Accuracy, part {part}, mean of {seeds} seeds",
        chartComparisonAccuracyTitle: "Test accuracy per epoch (mean over seeds)",
        chartComparisonLossTitle: "Test loss per epoch (mean over seeds)",
        chartTestAccuracyAxis: "test accuracy %", chartTestLossAxis: "test cross-entropy",
        chartPartName: ResultsReport.partTitles)

    static let persian = AnswerWords(
        problemHeading: "مسئله ۵. دسته‌بندی تصویر (عملی) (۴۰ نمره)",
        navigation: "[فهرست پاسخ‌ها](README.md) · [English](../problem-5-image-classification.md)",
        generatedNote: "*این فایل را `hw1 report --answers Docs/answers` (که `make run` اجرا می‌کند) از"
            + " `metrics.json` همهٔ اجراهای آموزش در `results/runs/` می‌نویسد؛ آن را دستی ویرایش نکنید. آزمون"
            + " Swift با نام `AnswerSectionTests` آن را دوباره می‌سازد و اگر فرق کند شکست می‌خورد.*",
        conventions: "مجموعه دادگان fashion-MNIST: ۶۰۰۰۰ تصویر آموزش و ۱۰۰۰۰ تصویر آزمون ۲۸ × ۲۸ پیکسلی در ۱۰"
            + " دسته. هر بخش با چند seed آموزش داده شد؛ عدد *a ± s* میانگین و انحراف معیار نمونه‌ای روی seedهاست."
            + " *پایانی* دورهٔ آخر است و *بهترین* بهترین دورهٔ هر اجرا (بیشترین دقت، کمترین هزینه) که سپس میانگین"
            + " گرفته شده است. دقت بر حسب درصد است و تابع هزینه میانگین cross entropy پس از softmax. ابرپارامترها"
            + " روی بخشی از دادگان آموزش که برای اعتبارسنجی کنار گذاشته شد انتخاب شدند، هرگز روی دادگان آزمون"
            + " (Docs/hyperparameters.md). هر بخش در ادامه شبکه و ابرپارامترها را همان‌طور که اجراها در"
            + " `metrics.json` ثبت کرده‌اند، اعداد پایانی و بهترین، و نمودار تابع هزینه و دقت روی دادگان آموزش و"
            + " آزمون در هر دوره (میانگین روی seedها) را می‌آورد.",
        partHeading: [
            "a": "الف) چهار تصویر تصادفی آموزش در یک گرید ۲ در ۲",
            "b": "ب) MLP با دو لایه نهان ۱۲۸ و ۶۴، sigmoid و SGD",
            "c": "ج) مرحله (ب) با تابع فعال‌سازی ReLU",
            "d": "د) مرحله (ب) با الگوریتم Momentum",
            "e": "ه) MLP با سه لایه نهان ۱۲۸ و ۶۴ و ۶۴، sigmoid و SGD",
            "f": "و) مرحله (ب) با کتابخانه PyTorch",
        ],
        asked: [
            "b": "یک شبکه MLP با دو لایه نهان با اندازه‌های ۱۲۸ و ۶۴، با همهٔ مراحل Backpropagation پیاده‌سازی‌شده"
                + " به دست خودمان و به‌روزرسانی وزن‌ها با SGD، تابع هزینه Cross entropy و تابع فعال‌سازی sigmoid؛"
                + " نمودار تابع هزینه در هنگام آموزش روی دادگان آموزش و آزمون، و دقت دسته‌بندی روی هر دو.",
            "c": "مرحله (ب) برای تابع فعال‌سازی ReLU.",
            "d": "مرحله (ب) با استفاده از الگوریتم Momentum برای به‌روزرسانی وزن‌ها.",
            "e": "مرحله (ب) برای یک شبکه MLP با سه لایه نهان با اندازه‌های ۱۲۸ و ۶۴ و ۶۴.",
            "f": "مرحله (ب) با استفاده از کتابخانه PyTorch (`Scripts/part_f_pytorch.py`: autograd و `torch.optim.SGD`).",
        ],
        samplesText: "`hw1 samples --count 4` با هر بار اجرا چهار تصویر آموزش را به صورت تصادفی برمی‌دارد (مگر"
            + " آن‌که `--seed` داده شود) و با نام دسته‌شان نشان می‌دهد؛ گرید زیر همان است که `make run` کشید.",
        samplesAlt: "چهار تصویر تصادفی fashion-MNIST با نام دسته‌شان",
        setting: "تنظیم", value: "مقدار", metric: "معیار", finalColumn: "پایانی", bestColumn: "بهترین",
        trainAccuracy: "دقت آموزش ٪", testAccuracy: "دقت آزمون ٪", trainLoss: "هزینهٔ آموزش",
        testLoss: "هزینهٔ آزمون", secondsPerEpoch: "ثانیه در هر دوره (آموزش)", finalPrefix: "",
        lossAlt: "تابع هزینه در هر دوره", accuracyAlt: "دقت در هر دوره",
        againstBLead: "بخش (و) در کنار بخش (ب): همان شبکه و همان ابرپارامترها در PyTorch و در کد Swift این پروژه:",
        bColumn: "(ب) Swift", fColumn: "(و) PyTorch",
        network: "شبکه", activation: "تابع فعال‌سازی", implementation: "پیاده‌سازی",
        swiftImplementation: "Swift، `hw1 train`",
        initialisation: "مقداردهی اولیه", pytorchDefaultInit: "پیش‌فرض `nn.Linear`",
        optimiser: "بهینه‌ساز", learningRate: "نرخ یادگیری η", schedule: "زمان‌بندی نرخ", batchSize: "اندازهٔ batch",
        epochs: "تعداد دوره", seeds: "seedها",
        networkAndActivation: "شبکه، تابع فعال‌سازی", batchAndEpochs: "اندازهٔ batch، تعداد دوره", comma: "، ",
        comparisonHeading: "مقایسهٔ همهٔ بخش‌ها", part: "بخش", finalTestColumn: "دقت آزمون پایانی ٪",
        bestTestColumn: "بهترین دقت آزمون ٪", againstBColumn: "پایانی − (ب)",
        comparisonAccuracyAlt: "دقت آزمون همهٔ بخش‌ها در هر دوره",
        comparisonLossAlt: "هزینهٔ آزمون همهٔ بخش‌ها در هر دوره",
        letters: ["a": "(الف)", "b": "(ب)", "c": "(ج)", "d": "(د)", "e": "(ه)", "f": "(و)"],
        activationNames: [:],
        resultTemplate: "**نتیجه:** دقت آزمون پایانی **{final} ٪** (بهترین دوره {best} ٪)، {seeds} seed.",
        rankingTemplate: "**نتیجه:** بیشترین دقت آزمون پایانی از آنِ {best} است با {bestValue} ٪ و کمترین از آنِ"
            + " {worst} با {worstValue} ٪؛ همهٔ بخش‌ها در فاصلهٔ {spread} واحد درصد از یکدیگرند.",
        pytorchTemplate: "PyTorch {version}",
        cosineTemplate: "کاهش کسینوسی تا {floor}", constantSchedule: "ثابت",
        chartEpoch: "دوره (epoch)", chartTrain: "آموزش", chartTest: "آزمون",
        chartLossAxis: "میانگین cross entropy", chartAccuracyAxis: "دقت ٪",
        chartLossTitle: "تابع هزینه، بخش {part}، میانگین {seeds} seed",
        chartAccuracyTitle: "دقت دسته‌بندی، بخش {part}، میانگین {seeds} seed",
        chartComparisonAccuracyTitle: "دقت آزمون در هر دوره (میانگین روی seedها)",
        chartComparisonLossTitle: "هزینهٔ آزمون در هر دوره (میانگین روی seedها)",
        chartTestAccuracyAxis: "دقت آزمون ٪", chartTestLossAxis: "cross entropy آزمون",
        chartPartName: [
            "b": "(ب) \u{2066}۷۸۴-۱۲۸-۶۴-۱۰\u{2069}، sigmoid، SGD",
            "c": "(ج) مانند (ب) با ReLU",
            "d": "(د) مانند (ب) با Momentum",
            "e": "(ه) \u{2066}۷۸۴-۱۲۸-۶۴-۶۴-۱۰\u{2069}، sigmoid، SGD",
            "f": "(و) مانند (ب) در PyTorch",
        ])
}
