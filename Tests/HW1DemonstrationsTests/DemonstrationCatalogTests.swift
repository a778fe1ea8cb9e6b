import Foundation
import HW1Demonstrations
import Testing

/// The catalog the CLI lists, and the reports every demo renders.
@Suite struct DemonstrationCatalogTests {
    @Test func catalogHoldsTheNineDemonstrationsInQuestionOrder() {
        #expect(DemonstrationCatalog.all.map(\.name) == [
            "vanishing", "init", "large-init", "l1-l2", "noise-l2", "batchnorm", "adam-bias", "zero-init", "softmax-grad",
        ])
        #expect(DemonstrationCatalog.all.map(\.question) == ["2(a)", "2(b)", "2(c)", "3(a)", "3(b)", "3(c)", "3(d)", "4(a)", "4(b)"])
        #expect(DemonstrationCatalog.entry(named: "nonexistent") == nil)
    }

    @Test func everyDemonstrationRendersItsTablesFindingsAndFigures() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hw1-demos-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var figureCount = 0
        for entry in DemonstrationCatalog.all {
            let report = try entry.run(2)
            figureCount += report.figures.count
            #expect(report.name == entry.name && report.question == entry.question)
            #expect(!report.tables.isEmpty && report.tables.allSatisfy { !$0.rows.isEmpty }, "\(entry.name)")
            #expect(!report.findings.isEmpty, "\(entry.name)")
            #expect(report.text.contains("question \(entry.question)"))
            for url in try report.writeFigures(to: directory) {
                let svg = try String(contentsOf: url, encoding: .utf8)
                #expect(svg.contains("<svg") && svg.contains("</svg>"), "\(url.lastPathComponent)")
            }
        }
        let written = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(written.count == figureCount && figureCount >= 7)
    }
}

/// The text-table renderer of the reports.
@Suite struct TextTableTests {
    @Test func columnsAreAlignedUnderTheirHeadings() {
        var table = TextTable(caption: "caption", header: ["name", "value"])
        table.addRow(["a", "1.5"])
        table.addRow(["longer", "12.25"])
        let lines = table.rendered.split(separator: "\n").map(String.init)
        #expect(lines == ["caption", "name    value", "------  -----", "a         1.5", "longer  12.25"])
    }

    @Test func numbersAreFormattedAsStated() {
        #expect(TableNumber.scientific(0.000123456) == "1.23e-04")
        #expect(TableNumber.fixed(0.5, decimals: 2) == "0.50")
        #expect(TableNumber.percent(0.425) == "42.5%")
    }
}
