/// Parses the data rows in a run of whole CSV lines (bytes), writing the numbers row-major.
///
/// Each line is first tried on a fast path over ASCII bytes: fields separated by commas,
/// optional spaces or tabs around them, optional double quotes without `""` inside, numbers by
/// `DecimalParser`. Any line the fast path does not accept whole (an error, a non-ASCII byte,
/// `""` in quotes, `nan`, other whitespace) is parsed again by the exact rules of
/// `NumericCSV(parsing:)` on that line alone, which either accepts it or names the problem; so
/// the two paths cannot disagree about a line, and errors read the same as before.
struct CSVChunkParser {
    let columnNames: [String]
    let source: String

    var columnCount: Int { columnNames.count }

    /// Most values that `byteCount` bytes of lines can hold: every field takes at least one byte
    /// and one separator or line end.
    static func valueBound(byteCount: Int, columnCount: Int) -> Int { (byteCount + 1) / 2 + columnCount }

    /// What one run of lines held.
    struct Counts {
        /// Values written (rows × columns).
        var values = 0
        /// Data rows (blank lines are not rows).
        var rows = 0
        /// Lines consumed, blank ones included; a final line without a line end counts.
        var lines = 0
    }

    /// Parses the lines in `bytes[start..<end]`; `end` is a line end or the end of the file.
    ///
    /// - Parameter output: room for `valueBound(byteCount: end - start, …)` values.
    /// - Throws: `NumericCSVError` with line numbers counted from 1 at `start` (the caller
    ///   shifts them with `shiftingLines(by:)`).
    func parse(
        _ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int, into output: UnsafeMutablePointer<Double>
    ) throws(NumericCSVError) -> Counts {
        let columns = columnCount
        let powers = UnsafePointer(DecimalParser.powersOfTen)
        let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t"), comma = UInt8(ascii: ",")
        let quote = UInt8(ascii: "\""), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
        var counts = Counts()
        var p = start
        while p < end {
            counts.lines &+= 1
            let lineStart = p
            let row = output + counts.values
            var q = p
            var column = 0
            var lineEnd = -1  // set when the fast path accepts the line
            fast: while true {
                while q < end && (bytes[q] == space || bytes[q] == tab) { q &+= 1 }
                if column == 0 && (q == end || bytes[q] == lineFeed || bytes[q] == carriageReturn) {
                    lineEnd = q  // blank line
                    break fast
                }
                guard q < end else { break fast }
                let value: Double
                if bytes[q] == quote {
                    let contentStart = q &+ 1
                    var closing = contentStart
                    while closing < end && bytes[closing] != quote && bytes[closing] != lineFeed
                        && bytes[closing] != carriageReturn { closing &+= 1 }
                    guard closing < end, bytes[closing] == quote,
                        closing &+ 1 == end || bytes[closing &+ 1] != quote,
                        let parsed = DecimalParser.parse(bytes, from: contentStart, to: closing, powers: powers),
                        parsed.end == closing
                    else { break fast }
                    value = parsed.value
                    q = closing &+ 1
                } else {
                    guard let parsed = DecimalParser.parse(bytes, from: q, to: end, powers: powers) else { break fast }
                    value = parsed.value
                    q = parsed.end
                }
                guard column < columns else { break fast }
                row[column] = value
                column &+= 1
                while q < end && (bytes[q] == space || bytes[q] == tab) { q &+= 1 }
                if q < end && bytes[q] == comma {
                    q &+= 1
                    continue
                }
                if column == columns && (q == end || bytes[q] == lineFeed || bytes[q] == carriageReturn) {
                    lineEnd = q
                }
                break fast
            }
            var isRow = column > 0
            if lineEnd < 0 {
                // Not accepted by the fast path: find the line's end and apply the exact rules.
                lineEnd = q
                while lineEnd < end && bytes[lineEnd] != lineFeed && bytes[lineEnd] != carriageReturn { lineEnd &+= 1 }
                isRow = try exactLine(
                    UnsafeBufferPointer(start: bytes + lineStart, count: lineEnd - lineStart),
                    line: counts.lines, into: row)
            }
            if isRow {
                counts.values &+= columns
                counts.rows &+= 1
            }
            p = lineEnd
            if p < end {
                if bytes[p] == carriageReturn && p &+ 1 < end && bytes[p &+ 1] == lineFeed { p &+= 1 }
                p &+= 1
            }
        }
        return counts
    }

    /// One line by the rules of the original reader (Unicode whitespace, `""` escapes,
    /// `Double(_:)`); writes its values to `row` and says whether it was a data row.
    @inline(never)
    func exactLine(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into row: UnsafeMutablePointer<Double>) throws(NumericCSVError) -> Bool {
        guard UTF8Check.firstInvalidOffset(bytes) == nil else { throw .notUTF8(source: source, line: line) }
        let text = String(decoding: bytes, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) { return false }
        let fields = try NumericCSV.splitFields(Substring(text), source: source, line: line)
        guard fields.count == columnCount else {
            throw .wrongFieldCount(source: source, line: line, expected: columnCount, found: fields.count)
        }
        for (index, field) in fields.enumerated() {
            row[index] = try Self.number(field, at: NumericCSVError.Location(
                source: source, line: line, column: index + 1, columnName: columnNames[index]))
        }
        return true
    }

    /// `Double(field)` if it is a finite number, else the error naming it.
    static func number(_ field: String, at location: NumericCSVError.Location) throws(NumericCSVError) -> Double {
        guard let value = Double(field) else { throw .notANumber(location, text: field) }
        guard value.isFinite else {
            // Spelled as a decimal but beyond ±Double.greatestFiniteMagnitude, e.g. 1e400.
            let spelledInfinite = field.lowercased().contains("inf") || field.lowercased().contains("nan")
            throw spelledInfinite ? .notFinite(location, text: field) : .outOfRange(location, text: field)
        }
        return value
    }
}
