import Testing
@testable import HW1Data

/// Builds small IDX files in memory.
enum IDXFixture {
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16),
         UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func images(count: Int, rows: Int, columns: Int, magic: UInt32 = IDX.imagesMagic) -> [UInt8] {
        var bytes = bigEndian(magic) + bigEndian(UInt32(count)) + bigEndian(UInt32(rows)) + bigEndian(UInt32(columns))
        bytes += (0..<(count * rows * columns)).map { UInt8(truncatingIfNeeded: $0 * 7) }
        return bytes
    }

    static func labels(_ values: [UInt8], magic: UInt32 = IDX.labelsMagic) -> [UInt8] {
        bigEndian(magic) + bigEndian(UInt32(values.count)) + values
    }
}

@Suite struct IDXTests {
    @Test func parsesImagesAndTheirDimensions() throws {
        let images = try IDX.parseImages(IDXFixture.images(count: 3, rows: 2, columns: 4), path: "x")
        #expect(images.count == 3 && images.rows == 2 && images.columns == 4)
        #expect(images.pixels == (0..<24).map { UInt8($0 * 7) })
    }

    @Test func parsesLabels() throws {
        #expect(try IDX.parseLabels(IDXFixture.labels([9, 0, 3]), path: "y", validRange: 0...9) == [9, 0, 3])
    }

    @Test func badImageMagicIsReportedInHex() {
        let bytes = IDXFixture.images(count: 1, rows: 2, columns: 2, magic: 0x0000_0801)
        #expect(throws: DataError.badMagic(path: "img", expected: 0x0000_0803, actual: 0x0000_0801)) {
            try IDX.parseImages(bytes, path: "img")
        }
        let message = "\(DataError.badMagic(path: "img", expected: 0x0000_0803, actual: 0x0000_0801))"
        #expect(message.contains("expected 0x00000803 got 0x00000801"))
    }

    @Test func badLabelMagicIsReported() {
        #expect(throws: DataError.badMagic(path: "lbl", expected: 0x0000_0801, actual: 0x0000_0803)) {
            try IDX.parseLabels(IDXFixture.labels([1], magic: 0x0000_0803), path: "lbl")
        }
    }

    @Test func truncatedImagesReportExpectedAndActualBytes() {
        let bytes = IDXFixture.images(count: 2, rows: 3, columns: 3).dropLast(5)
        #expect(throws: DataError.wrongByteCount(path: "img", expected: 34, actual: 29)) {
            try IDX.parseImages(Array(bytes), path: "img")
        }
        #expect("\(DataError.wrongByteCount(path: "img", expected: 34, actual: 29))"
            .contains("truncated: expected 34 bytes got 29"))
    }

    @Test func trailingBytesAreAnError() {
        let bytes = IDXFixture.images(count: 2, rows: 3, columns: 3) + [0]
        #expect(throws: DataError.wrongByteCount(path: "img", expected: 34, actual: 35)) {
            try IDX.parseImages(bytes, path: "img")
        }
        #expect(throws: DataError.wrongByteCount(path: "lbl", expected: 10, actual: 11)) {
            try IDX.parseLabels(IDXFixture.labels([1, 2]) + [7], path: "lbl")
        }
    }

    @Test func headerShorterThanItsFieldsIsTruncated() {
        #expect(throws: DataError.wrongByteCount(path: "img", expected: 16, actual: 8)) {
            try IDX.parseImages(Array(IDXFixture.images(count: 1, rows: 1, columns: 1).prefix(8)), path: "img")
        }
        #expect(throws: DataError.wrongByteCount(path: "img", expected: 16, actual: 2)) {
            try IDX.parseImages([0, 0], path: "img")
        }
    }

    @Test func zeroDimensionIsADimensionError() {
        #expect(throws: DataError.self) {
            try IDX.parseImages(IDXFixture.images(count: 0, rows: 28, columns: 28), path: "img")
        }
    }

    @Test func labelOutsideRangeNamesItsIndex() {
        #expect(throws: DataError.labelOutOfRange(path: "lbl", index: 2, value: 10, range: 0...9)) {
            try IDX.parseLabels(IDXFixture.labels([1, 2, 10, 3]), path: "lbl", validRange: 0...9)
        }
    }
}
