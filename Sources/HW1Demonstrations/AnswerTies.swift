import Foundation

/// Ties the numbers quoted in the written answers (`Docs/answers/**.md`) to the code that
/// produces them.
///
/// Marker syntax (HTML comments, invisible on GitHub and in the PDF):
/// - `0.9113<!-- tie SOURCE:KEY -->` right after a number (spaces allowed between): the number
///   must equal the source's value `KEY` to the precision it is printed with. A number inside
///   `$…$` is read from the end of the formula, e.g. `$6.57\times10^{-3}$<!-- tie … -->`.
/// - `<!-- tie-table SOURCE:KEY -->` on the line before a Markdown table: every number in the
///   table must equal the number at the same place of the source table (a row or column may be
///   chosen with `rows=1,3-5` and `columns=1,2,4`, 1-based, after the key). Cells without a
///   number (labels, translated headings) are not compared.
/// - `<!-- untied-table: reason -->` before a table that is deliberately not tied.
///   Every table must carry one of the two table markers.
///
/// Numbers may be written with ASCII or Persian digits (۰–۹), `.` or the Persian decimal
/// separator `٫`, a hyphen or the minus sign `−`, `e-3`, `\times10^{-3}`, `× 10⁻³`, and `%`/`٪`
/// (a percentage is compared as a fraction with a value, as printed with a table cell).
public enum AnswerTies {
    /// One marked number or table that disagrees with its source, or a marker that cannot be read.
    public struct Mismatch: Sendable, CustomStringConvertible, Equatable {
        /// The file's name as given to ``check(markdown:file:sources:)``.
        public var file: String
        /// 1-based line of the marker.
        public var line: Int
        /// What is wrong and what the source says.
        public var message: String

        /// `file:line: message`.
        public var description: String { "\(file):\(line): \(message)" }
    }

    /// What a check found: how many markers it compared and every disagreement.
    public struct Outcome: Sendable {
        /// Number markers (`tie`) read.
        public var numberMarkers = 0
        /// Table markers (`tie-table`) read.
        public var tableMarkers = 0
        /// Individual numbers compared (one per number marker plus one per tied table cell number).
        public var comparedNumbers = 0
        /// Everything that disagrees or cannot be read.
        public var mismatches: [Mismatch] = []

        /// An empty outcome (nothing checked yet).
        public init() {}
    }

    /// Where marked numbers come from: `value` and `table` answer a marker's `SOURCE:KEY`.
    public protocol Source {
        /// The value called `key` of `source` (e.g. "demo", "batchnorm/step0-loss").
        func value(source: String, key: String) throws -> Double?
        /// The table called `key` of `source`: header and rows as printed.
        func table(source: String, key: String) throws -> TextTable?
    }

    // MARK: - Checking

    /// Checks every marker of one Markdown file against `sources`.
    public static func check(markdown: String, file: String, sources: any Source) -> Outcome {
        var outcome = Outcome()
        let lines = markdown.components(separatedBy: "\n")
        var pendingTable: (line: Int, reference: Reference?, tied: Bool)?
        var index = 0
        var inFence = false
        func fail(_ line: Int, _ message: String) {
            outcome.mismatches.append(Mismatch(file: file, line: line, message: message))
        }
        while index < lines.count {
            let line = lines[index]
            let lineNumber = index + 1
            if line.trimmingCharacters(in: .whitespaces).hasPrefix("```") { inFence.toggle() }
            if inFence { index += 1; continue }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if let body = comment(trimmed, prefix: "tie-table") {
                outcome.tableMarkers += 1
                do { pendingTable = (lineNumber, try Reference(parsing: body), true) } catch {
                    fail(lineNumber, "\(error)"); pendingTable = (lineNumber, nil, true)
                }
                index += 1
                continue
            }
            if comment(trimmed, prefix: "untied-table:") != nil {
                pendingTable = (lineNumber, nil, false)
                index += 1
                continue
            }
            if isTableRow(trimmed), index + 1 < lines.count, isRule(lines[index + 1]) {
                var tableLines: [String] = []
                var end = index
                while end < lines.count, isTableRow(lines[end].trimmingCharacters(in: .whitespaces)) {
                    tableLines.append(lines[end].trimmingCharacters(in: .whitespaces)); end += 1
                }
                if let pending = pendingTable {
                    if pending.tied, let reference = pending.reference {
                        compareTable(tableLines, startLine: lineNumber, reference: reference, sources: sources,
                            outcome: &outcome, file: file)
                    }
                } else {
                    fail(lineNumber, "table without a marker: put `<!-- tie-table SOURCE:KEY -->` or `<!-- untied-table: reason -->` on the line before it")
                }
                pendingTable = nil
                index = end
                continue
            }
            if pendingTable != nil, !trimmed.isEmpty {
                fail(pendingTable!.line, "table marker not followed by a Markdown table (blank lines only may come between)")
                pendingTable = nil
            }
            checkNumberMarkers(in: line, lineNumber: lineNumber, sources: sources, outcome: &outcome, file: file)
            index += 1
        }
        if let pending = pendingTable { fail(pending.line, "table marker at the end of the file, with no table after it") }
        return outcome
    }

    /// `SOURCE:KEY` and the optional row and column choice of a marker.
    struct Reference: Sendable {
        var source: String
        var key: String
        var rows: [Int]?
        var columns: [Int]?

        init(parsing body: String) throws {
            let words = body.split(separator: " ").map(String.init)
            guard let first = words.first, let colon = first.firstIndex(of: ":"), colon != first.startIndex,
                first.index(after: colon) != first.endIndex
            else { throw MarkerError("marker '\(body)' does not start with SOURCE:KEY (e.g. demo:batchnorm/step0-loss)") }
            source = String(first[..<colon])
            key = String(first[first.index(after: colon)...])
            for word in words.dropFirst() {
                let parts = word.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, let list = Self.indices(parts[1]) else {
                    throw MarkerError("marker option '\(word)' is not rows=… or columns=… with 1-based indices like 1,3-5")
                }
                switch parts[0] {
                case "rows": rows = list
                case "columns": columns = list
                default: throw MarkerError("unknown marker option '\(parts[0])'; use rows=… or columns=…")
                }
            }
        }

        static func indices(_ text: String) -> [Int]? {
            var result: [Int] = []
            for range in text.split(separator: ",") {
                let ends = range.split(separator: "-").compactMap { Int($0) }
                guard ends.count == range.split(separator: "-").count, (1...2).contains(ends.count),
                    ends.allSatisfy({ $0 >= 1 }), ends.first! <= ends.last!
                else { return nil }
                result += Array(ends.first!...ends.last!)
            }
            return result.isEmpty ? nil : result
        }
    }

    struct MarkerError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    static func comment(_ text: String, prefix: String) -> String? {
        guard text.hasPrefix("<!--"), text.hasSuffix("-->") else { return nil }
        let body = text.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
        guard body.hasPrefix(prefix) else { return nil }
        return body.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
    }

    static func isTableRow(_ text: String) -> Bool { text.hasPrefix("|") && text.hasSuffix("|") && text.count > 1 }

    static func isRule(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        return isTableRow(t) && t.allSatisfy { "|-: ".contains($0) } && t.contains("-")
    }

    /// The cells of a table row, split on pipes that are not escaped (`\|` inside math stays).
    static func cells(_ row: String) -> [String] {
        var result: [String] = [], current = ""
        var previous: Character = " "
        for ch in row.dropFirst().dropLast() {
            if ch == "|" && previous != "\\" {
                result.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        result.append(current.trimmingCharacters(in: .whitespaces))
        return result
    }

    static func compareTable(
        _ tableLines: [String], startLine: Int, reference: Reference, sources: any Source, outcome: inout Outcome, file: String
    ) {
        func fail(_ line: Int, _ message: String) { outcome.mismatches.append(Mismatch(file: file, line: line, message: message)) }
        let source: TextTable
        do {
            guard let found = try sources.table(source: reference.source, key: reference.key) else {
                fail(startLine - 1, "no table '\(reference.key)' in source '\(reference.source)'"); return
            }
            source = found
        } catch { fail(startLine - 1, "source '\(reference.source)' failed: \(error)"); return }
        let sourceRows = reference.rows ?? Array(1...max(1, source.rows.count))
        let sourceColumns = reference.columns ?? Array(1...source.header.count)
        guard sourceRows.allSatisfy({ $0 <= source.rows.count }), sourceColumns.allSatisfy({ $0 <= source.header.count }) else {
            fail(startLine - 1, "rows/columns beyond the source table '\(reference.key)' (\(source.rows.count) rows, \(source.header.count) columns)"); return
        }
        let body = Array(tableLines.dropFirst(2))
        if body.count != sourceRows.count {
            fail(startLine, "table has \(body.count) rows, source table '\(reference.key)' gives \(sourceRows.count) (choose rows with rows=…)")
        }
        for (offset, line) in body.enumerated() where offset < sourceRows.count {
            let row = cells(line)
            let lineNumber = startLine + 2 + offset
            if row.count != sourceColumns.count {
                fail(lineNumber, "row has \(row.count) cells, source table '\(reference.key)' gives \(sourceColumns.count) (choose columns with columns=…)")
                continue
            }
            for (cell, column) in zip(row, sourceColumns) {
                let written = numbers(in: cell)
                if written.isEmpty { continue }
                let expectedCell = source.rows[sourceRows[offset] - 1][column - 1]
                let expected = numbers(in: expectedCell)
                if written.count != expected.count {
                    fail(lineNumber, "cell '\(cell)' has \(written.count) numbers, the source's '\(expectedCell)' \(expected.count)")
                    continue
                }
                for (w, e) in zip(written, expected) {
                    outcome.comparedNumbers += 1
                    if abs(w.value - e.value) > w.halfUnit + e.halfUnit + 1e-12 * abs(e.value) {
                        fail(lineNumber, "'\(cell)' disagrees with the source '\(expectedCell)' (\(reference.source):\(reference.key), row \(sourceRows[offset]), column \(column))")
                    }
                }
            }
        }
    }

    static func checkNumberMarkers(in line: String, lineNumber: Int, sources: any Source, outcome: inout Outcome, file: String) {
        func fail(_ message: String) { outcome.mismatches.append(Mismatch(file: file, line: lineNumber, message: message)) }
        // Markers shown as examples inside `code spans` are text, not markers.
        let visible = line.split(separator: "`", omittingEmptySubsequences: false).enumerated()
            .map { $0.offset % 2 == 0 ? String($0.element) : " " }.joined()
        var rest = visible[...]
        var before = ""
        while let open = rest.range(of: "<!--") {
            before += rest[..<open.lowerBound]
            guard let close = rest.range(of: "-->", range: open.upperBound..<rest.endIndex) else { break }
            let body = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            rest = rest[close.upperBound...]
            guard body.hasPrefix("tie ") else {
                if body.hasPrefix("tie") && !body.hasPrefix("tie-table") { fail("unreadable marker '<!-- \(body) -->'") }
                continue
            }
            outcome.numberMarkers += 1
            let reference: Reference
            do { reference = try Reference(parsing: String(body.dropFirst(4))) } catch { fail("\(error)"); continue }
            guard let written = trailingNumber(before) else {
                fail("no number right before the marker '\(body)' (text ends: '\(before.suffix(30))')"); continue
            }
            do {
                guard let expected = try sources.value(source: reference.source, key: reference.key) else {
                    fail("no value '\(reference.key)' in source '\(reference.source)'"); continue
                }
                outcome.comparedNumbers += 1
                if !(abs(written.value - expected) <= written.halfUnit + 1e-12 * abs(expected)) {
                    fail("the text says \(written.text), \(reference.source):\(reference.key) is \(String(format: "%.6g", expected))")
                }
            } catch { fail("source '\(reference.source)' failed: \(error)") }
        }
    }

    // MARK: - Reading numbers

    /// A number as written: its value and half a unit of its last printed digit.
    public struct WrittenNumber: Sendable, Equatable {
        /// The text matched (after digit normalisation).
        public var text: String
        /// The value (a percentage divided by 100).
        public var value: Double
        /// Half a unit in the last printed place (same scale as `value`).
        public var halfUnit: Double
    }

    /// ASCII digits, `.`, `-` and `%` for their Persian/Unicode forms; bidi and joiner marks removed.
    public static func normalised(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x06F0...0x06F9: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!)
            case 0x0660...0x0669: out.unicodeScalars.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)
            case 0x066B: out.append(".")  // Arabic decimal separator ٫
            case 0x066C: break  // Arabic thousands separator ٬
            case 0x2212, 0x2012, 0x2013: out.append("-")  // minus sign, figure dash, en dash
            case 0x066A: out.append("%")  // ٪
            case 0x200C, 0x200D, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: break
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static let superscripts: [Character: Character] = [
        "⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9", "⁻": "-", "⁺": "+",
    ]

    static let numberPattern: NSRegularExpression = {
        let mantissa = #"(?<![\w.^_{])([-+]?)(\d+(?:\.\d+)?|\.\d+)"#
        let exponent = #"(?:[eE]([-+]?\d+)|\s*(?:\\times|×|\\cdot|·)\s*10\s*(?:\^\s*\{?\s*([-+]?\d+)\s*\}?|([⁻⁺]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)))?"#
        let percent = #"(\s*\\?%)?"#
        return try! NSRegularExpression(pattern: mantissa + exponent + percent)
    }()

    static func parse(_ match: NSTextCheckingResult, in text: String) -> WrittenNumber? {
        func group(_ i: Int) -> String? {
            guard let range = Range(match.range(at: i), in: text) else { return nil }
            return String(text[range])
        }
        guard let digits = group(2) else { return nil }
        let sign = group(1) == "-" ? -1.0 : 1.0
        var exponent = 0
        if let e = group(3) ?? group(4) { exponent = Int(e) ?? 0 }
        if let s = group(5) { exponent = Int(String(s.map { superscripts[$0] ?? $0 })) ?? 0 }
        let decimals = digits.firstIndex(of: ".").map { digits.distance(from: $0, to: digits.endIndex) - 1 } ?? 0
        var scale = pow(10.0, Double(exponent))
        if group(6) != nil { scale /= 100 }
        guard let mantissa = Double(digits) else { return nil }
        return WrittenNumber(
            text: group(0) ?? digits, value: sign * mantissa * scale, halfUnit: 0.5 * pow(10.0, Double(-decimals)) * scale)
    }

    /// Every number in `text`, in order (for table cells).
    public static func numbers(in text: String) -> [WrittenNumber] {
        let t = normalised(text)
        return numberPattern.matches(in: t, range: NSRange(t.startIndex..., in: t)).compactMap { parse($0, in: t) }
    }

    /// The number that ends `text` (ignoring trailing spaces, `$` and `**`), or nil.
    public static func trailingNumber(_ text: String) -> WrittenNumber? {
        var t = normalised(text)
        while let last = t.last, " $*".contains(last) { t.removeLast() }
        let matches = numberPattern.matches(in: t, range: NSRange(t.startIndex..., in: t))
        guard let last = matches.last, Range(last.range, in: t)?.upperBound == t.endIndex else { return nil }
        return parse(last, in: t)
    }
}
