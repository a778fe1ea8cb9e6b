import Foundation

/// A table of numbers read from CSV text with a header row.
///
/// The text is UTF-8, with an optional byte-order mark. Lines end in `\n`, `\r\n` or a lone `\r`.
/// Fields are separated by commas; a field may be wrapped in double quotes (`""` inside
/// quotes is a literal quote; a quoted field does not span lines). Whitespace around fields
/// and blank lines are ignored. Every value must be a finite number in Swift's `Double(_:)`
/// syntax (decimal, or hexadecimal such as `0x1p-3`); `nan`, `inf` and numbers beyond
/// ±1.8e308 are errors; numbers below the smallest subnormal round to 0.
///
/// Reading is byte-level and chunked (`NumericCSVReader`); see there for speed and memory.
public struct NumericCSV: Equatable, Sendable {
    /// Column names from the header row, left to right.
    public let columnNames: [String]
    /// Number of data rows (the header is not counted).
    public let rowCount: Int
    /// All values, row-major rowCount × columnCount.
    public let values: [Double]

    /// Number of columns.
    public var columnCount: Int { columnNames.count }

    /// The value at data row `row` (0-based) and column `column` (0-based).
    public subscript(row: Int, column: Int) -> Double { values[row * columnCount + column] }

    /// Parses CSV text; `source` names the text in error messages (e.g. the file name).
    public init(parsing text: String, source: String = "<text>") throws {
        try self.init(reading: NumericCSVReader(bytes: Array(text.utf8), source: source))
    }

    /// Reads and parses a CSV file (UTF-8), a chunk at a time: the file is never held whole,
    /// only the parsed values (8 bytes per number) are.
    ///
    /// - Parameter threads: chunks parsed at the same time (see `NumericCSVReader`).
    /// - Throws: `NumericCSVError.unreadableFile` in plain words ("is a directory, not a file"),
    ///   `.notUTF8` naming the first line with a byte that is not UTF-8, or any parse error.
    public init(contentsOf url: URL, threads: Int = 1) throws {
        try self.init(reading: NumericCSVReader(contentsOf: url, threads: threads))
    }

    /// Collects every block of `reader`. The capacity is estimated from the first block's bytes
    /// per row and the file size, with a tenth to spare; reserved pages that are never written
    /// cost address space, not memory.
    init(reading reader: NumericCSVReader) throws {
        let columns = reader.columnNames.count
        var values: [Double] = []
        var rowCount = 0
        try reader.forEachBlock { block in
            if rowCount == 0, let size = reader.fileSize, block.bytesRead > 0 {
                let estimatedRows = Double(block.rowCount) * Double(size) / Double(block.bytesRead) * 1.1 + 16
                if estimatedRows * Double(columns) < Double(Int.max / 16) {
                    values.reserveCapacity(Int(estimatedRows) * columns)
                }
            }
            values.append(contentsOf: block.values)
            rowCount += block.rowCount
        }
        guard rowCount > 0 else { throw NumericCSVError.noDataRows(source: reader.source) }
        columnNames = reader.columnNames
        self.rowCount = rowCount
        self.values = values
    }

    /// Splits the table into a feature matrix and the target column `targetName`.
    ///
    /// - Throws: `NumericCSVError.missingColumn` listing the available columns.
    public func splittingTarget(named targetName: String) throws -> FeaturesAndTarget {
        guard let targetIndex = columnNames.firstIndex(of: targetName) else {
            throw NumericCSVError.missingColumn(name: targetName, available: columnNames)
        }
        var features: [Double] = []
        features.reserveCapacity(rowCount * (columnCount - 1))
        var target: [Double] = []
        target.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            for column in 0..<columnCount {
                let value = values[row * columnCount + column]
                if column == targetIndex { target.append(value) } else { features.append(value) }
            }
        }
        var featureNames = columnNames
        featureNames.remove(at: targetIndex)
        return FeaturesAndTarget(
            features: features, rowCount: rowCount, featureNames: featureNames,
            target: target, targetName: targetName)
    }

    /// The same split as `splittingTarget(named:)`, made inside this table's own storage: the
    /// features are compacted in place, so a table that is not shared is never copied (peak
    /// memory stays one matrix plus the target column, instead of two matrices).
    public consuming func splittingTargetInPlace(named targetName: String) throws -> FeaturesAndTarget {
        guard let targetIndex = columnNames.firstIndex(of: targetName) else {
            throw NumericCSVError.missingColumn(name: targetName, available: columnNames)
        }
        let names = columnNames, rows = rowCount, columns = columnCount
        var values = self.values
        _ = consume self  // `values` is now the only reference when the caller gave the table up
        var target = [Double](repeating: 0, count: rows)
        values.withUnsafeMutableBufferPointer { buffer in
            var write = 0
            for row in 0..<rows {
                for column in 0..<columns {
                    let value = buffer[row * columns + column]
                    if column == targetIndex {
                        target[row] = value
                    } else {
                        buffer[write] = value  // write ≤ read, so nothing unread is overwritten
                        write += 1
                    }
                }
            }
        }
        values.removeLast(rows)
        var featureNames = names
        featureNames.remove(at: targetIndex)
        return FeaturesAndTarget(
            features: values, rowCount: rows, featureNames: featureNames, target: target, targetName: targetName)
    }

    /// Linear in the number of columns: the first position of each name is kept in a dictionary
    /// (a header of 10⁶ columns was quadratic before, about half an hour).
    static func checkHeader(_ names: [String], source: String, line: Int) throws(NumericCSVError) {
        var firstPosition = [String: Int](minimumCapacity: names.count)
        for (index, name) in names.enumerated() {
            guard !name.isEmpty else {
                throw NumericCSVError.badHeader(
                    source: source, line: line, detail: "column \(index + 1) has an empty name")
            }
            if let first = firstPosition.updateValue(index, forKey: name) {
                throw NumericCSVError.badHeader(
                    source: source, line: line,
                    detail: "columns \(first + 1) and \(index + 1) are both named \"\(name)\"")
            }
        }
    }

    /// Splits one line at commas outside double quotes and trims whitespace around each field.
    static func splitFields(_ line: Substring, source: String, line lineNumber: Int) throws(NumericCSVError) -> [String] {
        var fields: [String] = []
        var current = ""
        var insideQuotes = false
        var wasQuoted = false
        var characters = line.makeIterator()
        var pending: Character? = nil
        func finishField() {
            fields.append(wasQuoted ? current : current.trimmingCharacters(in: .whitespaces))
            current = ""
            wasQuoted = false
        }
        while let character = pending ?? characters.next() {
            pending = nil
            if insideQuotes {
                if character == "\"" {
                    let next = characters.next()
                    if next == "\"" { current.append("\"") } else { insideQuotes = false; pending = next }
                } else {
                    current.append(character)
                }
            } else if character == "," {
                finishField()
            } else if character == "\"" && current.allSatisfy(\.isWhitespace) && !wasQuoted {
                insideQuotes = true
                wasQuoted = true
                current = ""
            } else if wasQuoted {
                guard character.isWhitespace else {
                    throw NumericCSVError.malformedQuotes(
                        source: source, line: lineNumber, column: fields.count + 1,
                        detail: "text after the closing quote")
                }
            } else {
                current.append(character)
            }
        }
        guard !insideQuotes else {
            throw NumericCSVError.malformedQuotes(
                source: source, line: lineNumber, column: fields.count + 1, detail: "a quote is never closed")
        }
        finishField()
        return fields
    }
}

/// A feature matrix and a target column split from a `NumericCSV`.
public struct FeaturesAndTarget: Equatable, Sendable {
    /// Feature values, row-major rowCount × columnCount (the table without the target column).
    public let features: [Double]
    /// Number of samples.
    public let rowCount: Int
    /// Names of the feature columns, in order.
    public let featureNames: [String]
    /// The target value of each sample (rowCount values).
    public let target: [Double]
    /// Name of the target column.
    public let targetName: String

    /// Number of feature columns.
    public var columnCount: Int { featureNames.count }

    /// Bundles features (row-major `rowCount × featureNames.count`) with their targets.
    public init(features: [Double], rowCount: Int, featureNames: [String], target: [Double], targetName: String) {
        self.features = features
        self.rowCount = rowCount
        self.featureNames = featureNames
        self.target = target
        self.targetName = targetName
    }
}

/// A CSV problem, located by 1-based line (the header is line 1) and 1-based column.
public enum NumericCSVError: Error, Equatable, Sendable {
    /// Where a bad value sits.
    public struct Location: Equatable, Sendable {
        /// File name or other label of the text.
        public var source: String
        /// 1-based line number; the header is line 1.
        public var line: Int
        /// 1-based column number.
        public var column: Int
        /// The column's header name.
        public var columnName: String
    }

    /// The file could not be read.
    case unreadableFile(path: String, reason: String)
    /// The text holds no header row (it is empty or blank).
    case noHeader(source: String)
    /// The header is there but no data rows follow.
    case noDataRows(source: String)
    /// A header name is empty or repeated.
    case badHeader(source: String, line: Int, detail: String)
    /// A row has a different number of fields than the header.
    case wrongFieldCount(source: String, line: Int, expected: Int, found: Int)
    /// A quote is not closed, or text follows a closing quote.
    case malformedQuotes(source: String, line: Int, column: Int, detail: String)
    /// A field is not a number.
    case notANumber(Location, text: String)
    /// A field is NaN or infinite.
    case notFinite(Location, text: String)
    /// A field is a decimal number beyond the range of Double (about ±1.8e308), e.g. `1e400`.
    /// (Numbers too small for a Double round to 0 or a subnormal, as in every reader.)
    case outOfRange(Location, text: String)
    /// The bytes of a line are not UTF-8 text (e.g. a Latin-1 or UTF-16 export).
    case notUTF8(source: String, line: Int)
    /// The requested column does not exist.
    case missingColumn(name: String, available: [String])
}

extension NumericCSVError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file (\(reason))"
        case .noHeader(let source):
            return "\(source): empty file: expected a header row of column names"
        case .noDataRows(let source):
            return "\(source): the header has no data rows after it"
        case .badHeader(let source, let line, let detail):
            return "\(source): line \(line): bad header: \(detail)"
        case .wrongFieldCount(let source, let line, let expected, let found):
            return "\(source): line \(line): malformed row: expected \(expected) fields like the header, found \(found)"
        case .malformedQuotes(let source, let line, let column, let detail):
            return "\(source): line \(line), column \(column): malformed quotes: \(detail)"
        case .notANumber(let location, let text):
            return "\(location.prefix): value \"\(text)\" is not a number"
        case .notFinite(let location, let text):
            return "\(location.prefix): value \"\(text)\" is not finite"
        case .outOfRange(let location, let text):
            return "\(location.prefix): value \"\(text)\" is beyond the range of a Double (about ±1.8e308)"
        case .notUTF8(let source, let line):
            return "\(source): line \(line): not valid UTF-8 text; save the table as UTF-8 CSV"
        case .missingColumn(let name, let available):
            let list = available.map { "\"\($0)\"" }.joined(separator: ", ")
            return "no column named \"\(name)\"; available columns: \(list)"
        }
    }

    public var errorDescription: String? { description }
}

extension NumericCSVError.Location {
    fileprivate var prefix: String { "\(source): line \(line), column \(column) (\"\(columnName)\")" }
}
