import Foundation
import HW1Demonstrations
import Testing

/// The repository root, found from this file's path.
private let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// A fixed source for the mechanism tests.
private struct FixedSource: AnswerTies.Source {
    var values: [String: Double]
    var tables: [String: TextTable]
    func value(source: String, key: String) throws -> Double? { source == "demo" ? values[key] : nil }
    func table(source: String, key: String) throws -> TextTable? { source == "demo" ? tables[key] : nil }
}

private func fixedSource() -> FixedSource {
    var table = TextTable(caption: "", header: ["step", "loss"], key: "t/loss")
    table.addRow(["0", "0.9113"])
    table.addRow(["30", "0.1055"])
    return FixedSource(values: ["t/step0": 0.911304, "t/peak": -6.5712e-3, "t/share": 0.828], tables: ["t/loss": table])
}

/// How numbers are read from English and Persian text.
@Suite struct AnswerNumberReadingTests {
    @Test func plainScientificLatexAndPercentFormsAreRead() throws {
        let plain = try #require(AnswerTies.trailingNumber("the loss starts at 0.9113"))
        #expect(plain.value == 0.9113 && abs(plain.halfUnit - 5e-5) < 1e-15)
        let e = try #require(AnswerTies.trailingNumber("peak 6.57e-03"))
        #expect(abs(e.value - 6.57e-3) < 1e-15 && abs(e.halfUnit - 5e-6) < 1e-18)
        let latex = try #require(AnswerTies.trailingNumber(#"$\sigma'(5) \approx 6.6\times10^{-3}$"#))
        #expect(abs(latex.value - 6.6e-3) < 1e-15)
        let percent = try #require(AnswerTies.trailingNumber("saturated: 82.8%"))
        #expect(abs(percent.value - 0.828) < 1e-12 && abs(percent.halfUnit - 5e-4) < 1e-15)
        #expect(AnswerTies.trailingNumber("layer W1") == nil)
    }

    @Test func persianDigitsSeparatorAndMinusAreRead() throws {
        let fa = try #require(AnswerTies.trailingNumber("هزینه از ۰٫۹۱۱۳"))
        #expect(fa.value == 0.9113)
        let minus = try #require(AnswerTies.trailingNumber("گام −۶٫۵۷×۱۰⁻³"))
        #expect(abs(minus.value + 6.57e-3) < 1e-15)
        let percent = try #require(AnswerTies.trailingNumber("‏۸۲٫۸٪"))
        #expect(abs(percent.value - 0.828) < 1e-12)
        #expect(AnswerTies.numbers(in: "۶ از ۱۶").map(\.value) == [6, 16])
    }
}

/// The check itself: right numbers pass, every kind of wrong one fails.
@Suite struct AnswerTieMechanismTests {
    @Test func rightNumbersAndTablesPass() {
        let text = """
            Step 0 gives 0.9113<!-- tie demo:t/step0 --> and the share is 82.8%<!-- tie demo:t/share -->;
            in Persian ۰٫۹۱<!-- tie demo:t/step0 --> and $-6.57\\times10^{-3}$<!-- tie demo:t/peak -->.

            <!-- tie-table demo:t/loss -->
            | گام | هزینه |
            |---|---|
            | ۰ | ۰٫۹۱۱۳ |
            | 30 | 0.106 |

            <!-- untied-table: a list of methods -->
            | method | cost |
            |---|---|
            | QR | $2np^2$ |
            """
        let outcome = AnswerTies.check(markdown: text, file: "ok.md", sources: fixedSource())
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches)")
        #expect(outcome.numberMarkers == 4 && outcome.tableMarkers == 1)
        #expect(outcome.comparedNumbers == 4 + 4)
    }

    @Test func aWrongNumberFailsNamingFileLineAndTheSourceValue() {
        let text = "first line\nStep 0 gives 0.9114<!-- tie demo:t/step0 -->.\n"
        let outcome = AnswerTies.check(markdown: text, file: "wrong.md", sources: fixedSource())
        #expect(outcome.mismatches.count == 1)
        #expect(outcome.mismatches.first?.line == 2)
        #expect(outcome.mismatches.first?.description.contains("wrong.md:2: the text says 0.9114") == true)
        // A coarser printing of the same value passes; a sign error does not.
        #expect(AnswerTies.check(markdown: "0.91<!-- tie demo:t/step0 -->", file: "f", sources: fixedSource()).mismatches.isEmpty)
        #expect(AnswerTies.check(markdown: "6.57e-03<!-- tie demo:t/peak -->", file: "f", sources: fixedSource()).mismatches.count == 1)
    }

    @Test func aWrongTableCellAMissingRowAndAnUnmarkedTableFail() {
        let wrongCell = "<!-- tie-table demo:t/loss -->\n| step | loss |\n|---|---|\n| 0 | 0.9113 |\n| 30 | 0.1155 |\n"
        let cell = AnswerTies.check(markdown: wrongCell, file: "f", sources: fixedSource())
        #expect(cell.mismatches.count == 1 && cell.mismatches.first?.line == 5)
        let missingRow = "<!-- tie-table demo:t/loss -->\n| step | loss |\n|---|---|\n| 0 | 0.9113 |\n"
        #expect(AnswerTies.check(markdown: missingRow, file: "f", sources: fixedSource()).mismatches.count == 1)
        let chosenRow = "<!-- tie-table demo:t/loss rows=2 -->\n| step | loss |\n|---|---|\n| 30 | 0.1055 |\n"
        #expect(AnswerTies.check(markdown: chosenRow, file: "f", sources: fixedSource()).mismatches.isEmpty)
        let unmarked = "| a | b |\n|---|---|\n| 1 | 2 |\n"
        #expect(AnswerTies.check(markdown: unmarked, file: "f", sources: fixedSource()).mismatches.first?.message.contains("table without a marker") == true)
    }

    @Test func unknownKeysAndMarkersWithoutANumberFail() {
        let unknown = AnswerTies.check(markdown: "0.5<!-- tie demo:t/nothing -->", file: "f", sources: fixedSource())
        #expect(unknown.mismatches.first?.message.contains("no value 't/nothing'") == true)
        let noNumber = AnswerTies.check(markdown: "the loss<!-- tie demo:t/step0 -->", file: "f", sources: fixedSource())
        #expect(noNumber.mismatches.first?.message.contains("no number right before") == true)
        let malformed = AnswerTies.check(markdown: "0.5<!-- tie step0 -->", file: "f", sources: fixedSource())
        #expect(malformed.mismatches.count == 1)
    }
}

/// The written answers against the demos and the benchmark that produce their numbers.
@Suite(.serialized) struct AnswerTextTieTests {
    /// Fewest markers the English answers must carry (they quote at least this many figures).
    static let minimumEnglishMarkers = 13

    static func check(_ directory: URL) throws -> AnswerTies.Outcome {
        let sources = AnswerSources(seed: 1, benchmarkDirectory: repositoryRoot.appendingPathComponent("results/regression"))
        var total = AnswerTies.Outcome()
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".md") }.sorted()
        for file in files {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            let outcome = AnswerTies.check(markdown: text, file: directory.lastPathComponent + "/" + file, sources: sources)
            total.numberMarkers += outcome.numberMarkers
            total.tableMarkers += outcome.tableMarkers
            total.comparedNumbers += outcome.comparedNumbers
            total.mismatches += outcome.mismatches
        }
        return total
    }

    @Test func everyMarkedNumberOfTheEnglishAnswersMatchesItsDemo() throws {
        let outcome = try Self.check(repositoryRoot.appendingPathComponent("Docs/answers"))
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.map(\.description).joined(separator: "\n"))")
        #expect(outcome.numberMarkers + outcome.tableMarkers >= Self.minimumEnglishMarkers,
            "only \(outcome.numberMarkers + outcome.tableMarkers) tie markers in the English answers")
    }

    @Test func everyMarkedNumberOfThePersianAnswersMatchesItsDemo() throws {
        let outcome = try Self.check(repositoryRoot.appendingPathComponent("Docs/answers/fa"))
        if outcome.numberMarkers + outcome.tableMarkers == 0 {
            print("AnswerTextTieTests: the Persian answers carry no tie markers yet; skipped")
            return
        }
        #expect(outcome.mismatches.isEmpty, "\(outcome.mismatches.map(\.description).joined(separator: "\n"))")
    }

    @Test func theBenchmarkFitReproducesTheExponentsBenchmarkMdPrints() throws {
        let evidence = try RegressionBenchmarkEvidence(directory: repositoryRoot.appendingPathComponent("results/regression"))
        for row in evidence.exponents.rows {
            let name = row[0] == "gd iteration" ? "gd-iteration" : row[0]
            let series = try #require(RegressionBenchmarkEvidence.series.first { $0.name == name }, "\(row[0])")
            let fit = evidence.fit(series.seconds)
            #expect(abs(fit.alpha - Double(row[1])!) <= 0.005 + 1e-9 && abs(fit.beta - Double(row[2])!) <= 0.005 + 1e-9, "\(name)")
            #expect(fit.alphaError > 0 && fit.betaError > 0)
        }
    }
}
