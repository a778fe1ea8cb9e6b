/// Readers for the big-endian IDX format of the MNIST family (unsigned-byte payloads only).
public enum IDX {
    /// Magic number of a 3-D unsigned-byte IDX file (images: count × rows × columns).
    public static let imagesMagic: UInt32 = 0x0000_0803
    /// Magic number of a 1-D unsigned-byte IDX file (labels).
    public static let labelsMagic: UInt32 = 0x0000_0801

    /// Parses an IDX image file already in memory (decompress `.gz` first, see `Gzip.readFile`).
    ///
    /// Checks the magic number, that no dimension is zero, and that the byte count equals
    /// 16 + count × rows × columns exactly.
    /// - Parameter path: the file name errors should name.
    public static func parseImages(_ bytes: [UInt8], path: String) throws -> IDXImages {
        try checkHeader(bytes, path: path, magic: imagesMagic, headerSize: 16)
        let count = readBigEndian(bytes, at: 4)
        let rows = readBigEndian(bytes, at: 8)
        let columns = readBigEndian(bytes, at: 12)
        guard count > 0, rows > 0, columns > 0 else {
            throw DataError.dimensionMismatch(
                path: path, detail: "header declares \(count) × \(rows) × \(columns) images; none may be 0")
        }
        try checkByteCount(bytes, path: path, header: 16, factors: [count, rows, columns],
                           declares: "\(count) images of \(rows) × \(columns) bytes")
        return IDXImages(count: count, rows: rows, columns: columns, pixels: Array(bytes[16...]))
    }

    /// Parses an IDX label file already in memory; every label must lie in `validRange`.
    public static func parseLabels(
        _ bytes: [UInt8], path: String, validRange: ClosedRange<Int> = 0...255
    ) throws -> [UInt8] {
        try checkHeader(bytes, path: path, magic: labelsMagic, headerSize: 8)
        let count = readBigEndian(bytes, at: 4)
        guard count > 0 else {
            throw DataError.dimensionMismatch(path: path, detail: "header declares 0 labels")
        }
        try checkByteCount(bytes, path: path, header: 8, factors: [count], declares: "\(count) labels")
        let labels = Array(bytes[8...])
        if validRange != 0...255, let bad = labels.firstIndex(where: { !validRange.contains(Int($0)) }) {
            throw DataError.labelOutOfRange(path: path, index: bad, value: Int(labels[bad]), range: validRange)
        }
        return labels
    }

    private static func checkHeader(_ bytes: [UInt8], path: String, magic: UInt32, headerSize: Int) throws {
        guard bytes.count >= 4 else {
            throw DataError.wrongByteCount(path: path, expected: headerSize, actual: bytes.count)
        }
        let actual = UInt32(readBigEndian(bytes, at: 0))
        guard actual == magic else {
            throw DataError.badMagic(path: path, expected: magic, actual: actual)
        }
        guard bytes.count >= headerSize else {
            throw DataError.wrongByteCount(path: path, expected: headerSize, actual: bytes.count)
        }
    }

    /// The file must hold exactly `header + product(factors)` bytes; the product is checked
    /// for overflow (each factor is a 32-bit header field, so three of them can overflow).
    private static func checkByteCount(
        _ bytes: [UInt8], path: String, header: Int, factors: [Int], declares: String
    ) throws {
        let expected: Int
        do {
            expected = try DeclaredSize.byteCount(factors, header: header, available: bytes.count)
        } catch .exceedsAvailable(let needed, _) {
            throw DataError.wrongByteCount(path: path, expected: needed, actual: bytes.count)
        } catch {
            throw DataError.dimensionMismatch(path: path, detail: "header declares \(declares): \(error)")
        }
        guard bytes.count == expected else {
            throw DataError.wrongByteCount(path: path, expected: expected, actual: bytes.count)
        }
    }

    private static func readBigEndian(_ bytes: [UInt8], at offset: Int) -> Int {
        Int(bytes[offset]) << 24 | Int(bytes[offset + 1]) << 16 | Int(bytes[offset + 2]) << 8
            | Int(bytes[offset + 3])
    }
}

/// Images from an IDX file: `count` images of `rows` × `columns` bytes, row-major, 0 = background.
public struct IDXImages: Equatable, Sendable {
    /// Number of images.
    public var count: Int
    /// Height of each image in pixels.
    public var rows: Int
    /// Width of each image in pixels.
    public var columns: Int
    /// All pixels, image after image, each image row-major (count × rows × columns bytes).
    public var pixels: [UInt8]
}
