import Foundation

/// A small fixed-width text table with a caption, for terminal output.
///
/// The first column is left-aligned (row labels), the others right-aligned (numbers).
public struct TextTable: Sendable, Equatable {
    /// A line above the table saying what it holds (units included).
    public var caption: String
    /// The name the written answers use to tie a copy of this table to the demo
    /// (`<!-- tie-table demo:NAME/KEY -->`); empty when no answer quotes the table.
    public var key: String
    /// Column headings.
    public var header: [String]
    /// Cells, one array per row, each as long as `header`.
    public private(set) var rows: [[String]] = []

    /// An empty table with the given caption and headings.
    public init(caption: String, header: [String], key: String = "") {
        self.caption = caption
        self.key = key
        self.header = header
    }

    /// Appends a row. - Precondition: `cells.count == header.count`.
    public mutating func addRow(_ cells: [String]) {
        precondition(cells.count == header.count,
            "TextTable '\(caption)': a row of \(cells.count) cells under \(header.count) headings")
        rows.append(cells)
    }

    /// The table as aligned text lines under its caption.
    public var rendered: String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { column in
                let pad = String(repeating: " ", count: widths[column] - cells[column].count)
                return column == 0 ? cells[column] + pad : pad + cells[column]
            }.joined(separator: "  ")
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        return ([caption, line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// The table as a GitHub-flavoured Markdown table (no caption).
    public var markdown: String {
        func line(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }
        let rule = "|" + header.indices.map { $0 == 0 ? "---|" : "---:|" }.joined()
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Number formats shared by the demonstrations' tables.
public enum TableNumber {
    /// `x` in scientific notation with `digits` significant digits after the point, e.g. `1.23e-04`.
    public static func scientific(_ x: Double, digits: Int = 2) -> String {
        x.isFinite ? String(format: "%.\(digits)e", x) : "\(x)"
    }

    /// `x` with a fixed number of decimals, e.g. `0.5000`.
    public static func fixed(_ x: Double, decimals: Int = 4) -> String {
        x.isFinite ? String(format: "%.\(decimals)f", x) : "\(x)"
    }

    /// `x` as a percentage with one decimal, e.g. `42.5%`.
    public static func percent(_ fraction: Double) -> String {
        String(format: "%.1f%%", 100 * fraction)
    }
}
