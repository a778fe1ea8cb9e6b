import Foundation

/// What one demonstration prints and draws: labelled tables, one-line findings that carry the
/// key figures, and SVG figures to be written beside each other in an output directory.
public struct DemonstrationReport: Sendable {
    /// The demo's command-line name, e.g. `vanishing`.
    public var name: String
    /// The homework sub-question it backs, e.g. `2(a)`.
    public var question: String
    /// A heading that says what is measured.
    public var title: String
    /// The measured numbers, one table per aspect.
    public var tables: [TextTable]
    /// Conclusions, each with the figure that supports it.
    public var findings: [String]
    /// Pictures, written by ``writeFigures(to:)``.
    public var figures: [DemonstrationFigure]
    /// The figures the written answers quote, by key, at full precision: the answers mark each
    /// quoted number with `<!-- tie demo:NAME/KEY -->` and a test compares the two.
    public var values: [String: Double]

    /// A report from its parts.
    public init(
        name: String, question: String, title: String, tables: [TextTable], findings: [String],
        figures: [DemonstrationFigure] = [], values: [String: Double] = [:]
    ) {
        self.name = name
        self.question = question
        self.title = title
        self.tables = tables
        self.findings = findings
        self.figures = figures
        self.values = values
    }

    /// The report as terminal text: heading, tables, findings.
    public var text: String {
        var lines = ["== \(name) — question \(question): \(title)", ""]
        for table in tables {
            lines.append(table.rendered)
            lines.append("")
        }
        lines.append(contentsOf: findings.map { "  * " + $0 })
        return lines.joined(separator: "\n")
    }

    /// The report as Markdown: every keyed table under its tie marker, then every value as
    /// `key = value`, so that an answer can quote them (`hw1 demo NAME --markdown`).
    public var markdown: String {
        var lines: [String] = []
        for table in tables {
            lines.append(table.key.isEmpty ? "<!-- untied-table: not keyed in the demo -->" : "<!-- tie-table demo:\(name)/\(table.key) -->")
            lines.append(table.markdown)
            lines.append("")
        }
        for key in values.keys.sorted() {
            lines.append("- `\(key)` = \(String(format: "%.10g", values[key]!))<!-- tie demo:\(name)/\(key) -->")
        }
        return lines.joined(separator: "\n")
    }

    /// Writes every figure as `directory/<fileName>` (creating the directory) and returns the
    /// files written.
    @discardableResult
    public func writeFigures(to directory: URL) throws -> [URL] {
        guard !figures.isEmpty else { return [] }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try figures.map { figure in
            let url = directory.appendingPathComponent(figure.fileName)
            try Data(figure.svg.utf8).write(to: url, options: .atomic)
            return url
        }
    }
}

/// One SVG picture of a demonstration.
public struct DemonstrationFigure: Sendable {
    /// File name inside the output directory, e.g. `vanishing-gradient-norms.svg`.
    public var fileName: String
    /// The standalone SVG document.
    public var svg: String

    /// A figure from its file name and SVG text.
    public init(fileName: String, svg: String) {
        self.fileName = fileName
        self.svg = svg
    }
}
