import Foundation
import Testing
@testable import HW1Data

@Suite struct NumericCSVTests {
    /// The error message for `text`, or nil if it parses.
    private func message(_ text: String) -> String? {
        do {
            _ = try NumericCSV(parsing: text, source: "t.csv")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func parsesHeaderAndRows() throws {
        let table = try NumericCSV(parsing: "x,y,z\n1,2,3\n4.5,-6e-1,7\n")
        #expect(table.columnNames == ["x", "y", "z"])
        #expect(table.rowCount == 2 && table.columnCount == 3)
        #expect(table.values == [1, 2, 3, 4.5, -0.6, 7])
        #expect(table[1, 1] == -0.6)
    }

    @Test func acceptsQuotedHeaderWhitespaceCRLFAndTrailingBlankLine() throws {
        let table = try NumericCSV(parsing: "\"size, m²\" , \"say \"\"hi\"\"\",plain\r\n 1 , 2,3\r\n\r\n4,\"5\",6\r\n\r\n")
        #expect(table.columnNames == ["size, m²", "say \"hi\"", "plain"])
        #expect(table.values == [1, 2, 3, 4, 5, 6])
    }

    @Test func leadingByteOrderMarkIsIgnored() throws {
        #expect(try NumericCSV(parsing: "\u{FEFF}a,b\n1,2\n").columnNames == ["a", "b"])
    }

    @Test func emptyTextHasNoHeader() {
        #expect(message("") == "t.csv: empty file: expected a header row of column names")
        #expect(message(" \n\r\n") != nil)
    }

    @Test func headerWithoutRowsIsAnError() {
        #expect(message("a,b\n")?.contains("no data rows") == true)
    }

    @Test func rowWithWrongFieldCountNamesItsLine() {
        #expect(message("a,b,c\n1,2,3\n4,5\n") == "t.csv: line 3: malformed row: expected 3 fields like the header, found 2")
        #expect(throws: NumericCSVError.wrongFieldCount(source: "t.csv", line: 2, expected: 2, found: 3)) {
            try NumericCSV(parsing: "a,b\n1,2,3\n", source: "t.csv")
        }
    }

    @Test func nonNumberIsQuotedWithLineAndColumn() {
        #expect(message("id,name\n1,2\n3,abc\n") == "t.csv: line 3, column 2 (\"name\"): value \"abc\" is not a number")
    }

    @Test func emptyFieldIsNotANumber() {
        #expect(message("a,b\n1,\n")?.contains("line 2, column 2 (\"b\"): value \"\" is not a number") == true)
    }

    @Test func nanAndInfinityAreRejectedWithTheirLocation() {
        let text = "a,b,age\n" + String(repeating: "1,2,3\n", count: 5) + "1,2,nan\n"
        #expect(message(text) == "t.csv: line 7, column 3 (\"age\"): value \"nan\" is not finite")
        #expect(message("a\ninf\n")?.contains("line 2, column 1 (\"a\"): value \"inf\" is not finite") == true)
        #expect(message("a\n-Infinity\n")?.contains("not finite") == true)
    }

    @Test func blankLinesStillCountForLineNumbers() {
        #expect(message("a\n\n1\n\nx\n")?.contains("line 5, column 1") == true)
    }

    @Test func unclosedQuoteIsReported() {
        #expect(message("\"a,b\n1\n") == "t.csv: line 1, column 1: malformed quotes: a quote is never closed")
        #expect(message("\"a\"x,b\n1,2\n")?.contains("text after the closing quote") == true)
    }

    @Test func duplicateOrEmptyHeaderNamesAreRejected() {
        #expect(message("a,b,a\n1,2,3\n") == "t.csv: line 1: bad header: columns 1 and 3 are both named \"a\"")
        #expect(message("a,,c\n1,2,3\n")?.contains("column 2 has an empty name") == true)
    }

    @Test func splittingTargetRemovesTheColumnAndKeepsOrder() throws {
        let table = try NumericCSV(parsing: "x1,y,x2\n1,10,2\n3,20,4\n5,30,6\n")
        let split = try table.splittingTarget(named: "y")
        #expect(split.featureNames == ["x1", "x2"] && split.targetName == "y")
        #expect(split.rowCount == 3 && split.columnCount == 2)
        #expect(split.features == [1, 2, 3, 4, 5, 6])
        #expect(split.target == [10, 20, 30])
    }

    @Test func missingTargetColumnListsAvailableColumns() throws {
        let table = try NumericCSV(parsing: "x1,x2\n1,2\n")
        #expect(throws: NumericCSVError.missingColumn(name: "y", available: ["x1", "x2"])) {
            try table.splittingTarget(named: "y")
        }
        #expect("\(NumericCSVError.missingColumn(name: "y", available: ["x1", "x2"]))"
            == "no column named \"y\"; available columns: \"x1\", \"x2\"")
    }

    @Test func readsFilesAndNamesThemInErrors() throws {
        try withTemporaryDirectory { directory in
            let good = directory.file("good.csv")
            try "a,b\n1,2\n".write(to: good, atomically: true, encoding: .utf8)
            #expect(try NumericCSV(contentsOf: good).values == [1, 2])

            let bad = directory.file("bad.csv")
            try "a,b\n1,oops\n".write(to: bad, atomically: true, encoding: .utf8)
            #expect {
                try NumericCSV(contentsOf: bad)
            } throws: { error in
                "\(error)" == "\(bad.path): line 2, column 2 (\"b\"): value \"oops\" is not a number"
            }
            #expect(throws: NumericCSVError.self) { try NumericCSV(contentsOf: directory.file("missing.csv")) }
        }
    }
}

@Suite struct NumericCSVFileTests {
    @Test func directoryIsNamedAsADirectory() throws {
        try withTemporaryDirectory { directory in
            #expect {
                try NumericCSV(contentsOf: directory.url)
            } throws: { error in
                "\(error)" == "\(directory.url.path): cannot read the file (is a directory, not a file)"
            }
        }
    }

    @Test func nonUTF8ByteNamesItsLineAndTheFix() throws {
        try withTemporaryDirectory { directory in
            // "caf\xE9" is Latin-1 é on line 3.
            let file = try directory.write(Array("a,b\n1,2\n".utf8) + [0x63, 0x61, 0x66, 0xE9] + Array(",3\n".utf8), to: "latin1.csv")
            #expect {
                try NumericCSV(contentsOf: file)
            } throws: { error in
                "\(error)" == "\(file.path): line 3: not valid UTF-8 text; save the table as UTF-8 CSV"
            }
        }
    }

    @Test func utf8CheckRejectsOverlongsSurrogatesAndTruncation() {
        func bad(_ bytes: [UInt8]) -> Int? { bytes.withUnsafeBufferPointer { UTF8Check.firstInvalidOffset($0) } }
        #expect(bad(Array("plain ascii, and é ü 漢 🙂".utf8)) == nil)
        #expect(bad([0x41, 0xC0, 0x80]) == 1)  // overlong NUL
        #expect(bad([0xED, 0xA0, 0x80]) == 0)  // surrogate U+D800
        #expect(bad([0x41, 0x42, 0xE6, 0xBC]) == 2)  // truncated at the end
        #expect(bad([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
    }
}

@Suite struct DecimalParserTests {
    private func parse(_ text: String) -> Double? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { buffer in
            guard let result = DecimalParser.parse(
                buffer.baseAddress!, from: 0, to: buffer.count, powers: UnsafePointer(DecimalParser.powersOfTen))
            else { return nil }
            return result.end == buffer.count ? result.value : nil
        }
    }

    @Test func agreesBitForBitWithDoubleInitOnFastAndSlowPaths() {
        let samples = [
            "0", "-0", "1", "+1", ".5", "5.", "-1.234567891", "1.2345678901234567", "123456789012345678901234",
            "0.1", "0.30000000000000004", "9007199254740993", "1e22", "1e23", "1.5e-22", "2.2250738585072014e-308",
            "4.9e-324", "1e-400", "1.7976931348623157e308", "12345678.87654321", "00000000000000000000001.5",
            "0.000000000000000000000000000001", "1E5", "3.14159265358979323846264338327950288",
        ]
        for text in samples {
            let expected = Double(text)!
            #expect(parse(text)?.bitPattern == expected.bitPattern, "\(text)")
        }
        // Random %.10g and %.17g values round-trip exactly.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next() & 0x7FEF_FFFF_FFFF_FFFF) * (Bool.random() ? 1 : -1)
            for format in ["%.10g", "%.17g", "%.6e"] {
                let text = String(format: format, value)
                #expect(parse(text)?.bitPattern == Double(text)!.bitPattern, "\(text)")
            }
        }
    }

    @Test func refusesWhatIsNotADecimalAndOverflow() {
        for text in ["", "-", ".", "e5", "1e400", "-1e400", "nan", "inf"] { #expect(parse(text) == nil, "\(text)") }
        #expect(parse("1e") == nil)  // stops before the 'e', leaving it unconsumed
    }
}

@Suite struct NumericCSVSplitTests {
    @Test func inPlaceSplitEqualsTheCopyingSplit() throws {
        let text = "a,y,b,c\n" + (0..<50).map { "\($0),\($0 * 10),\(-$0),\($0 % 7)" }.joined(separator: "\n")
        let table = try NumericCSV(parsing: text)
        let copied = try table.splittingTarget(named: "y")
        #expect(try table.splittingTargetInPlace(named: "y") == copied)
        #expect(try NumericCSV(parsing: text).splittingTargetInPlace(named: "c") == (try table.splittingTarget(named: "c")))
        #expect(throws: NumericCSVError.missingColumn(name: "z", available: ["a", "y", "b", "c"])) {
            try NumericCSV(parsing: text).splittingTargetInPlace(named: "z")
        }
    }

    @Test func chunkBoundariesAndThreadsDoNotChangeTheTableOrItsErrors() throws {
        try withTemporaryDirectory { directory in
            var text = "x,\"y\"\r\n"
            for row in 0..<3000 { text += row % 97 == 0 ? "\r\n  \r\n" : "\(Double(row) * 0.37), \"\(row)\"\r\n" }
            let file = directory.file("t.csv")
            try text.write(to: file, atomically: true, encoding: .utf8)
            let reference = try NumericCSV(parsing: text, source: file.path)
            for (threads, chunk) in [(1, 64), (2, 100), (3, 4096), (2, 1 << 20)] {
                var table = NumericCSV?.none
                let reader = try NumericCSVReader(contentsOf: file, threads: threads, chunkBytes: chunk)
                var values: [Double] = []
                try reader.forEachBlock { values.append(contentsOf: $0.values) }
                table = try NumericCSV(contentsOf: file, threads: threads)
                #expect(values == reference.values && table == reference, "threads \(threads), chunk \(chunk)")
            }
            // An error deep in the file names the same line whatever the chunking.
            let bad = directory.file("bad.csv")
            try (text + "1,oops\n").write(to: bad, atomically: true, encoding: .utf8)
            let lines = text.components(separatedBy: "\r\n").count
            for (threads, chunk) in [(1, 64), (2, 100), (3, 4096)] {
                #expect {
                    let reader = try NumericCSVReader(contentsOf: bad, threads: threads, chunkBytes: chunk)
                    try reader.forEachBlock { _ in }
                } throws: { error in
                    "\(error)" == "\(bad.path): line \(lines), column 2 (\"y\"): value \"oops\" is not a number"
                }
            }
        }
    }
}
