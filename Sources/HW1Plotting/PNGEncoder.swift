import Foundation
import HW1CZlib

/// Encodes 8-bit, non-interlaced PNG images (grayscale or RGB), deflating pixels with zlib.
///
/// Every scanline uses filter type 0 (None): the images here are small and mostly flat, so
/// adaptive filtering would cost code for little gain.
public enum PNGEncoder {
    /// The PNG colour types this encoder writes, all at 8 bits per sample.
    public enum ColorType: UInt8, Sendable {
        /// One byte per pixel, 0 = black, 255 = white.
        case grayscale = 0
        /// Three bytes per pixel: red, green, blue.
        case rgb = 2

        /// Bytes per pixel.
        public var channels: Int { self == .grayscale ? 1 : 3 }
    }

    /// The eight bytes that open every PNG file.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Encodes row-major pixels (`width × height × channels` bytes, top row first) as a PNG file.
    public static func encode(
        pixels: [UInt8], width: Int, height: Int, colorType: ColorType
    ) throws(PlottingError) -> Data {
        guard width >= 1, height >= 1, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw .invalidImageSize(width: width, height: height)
        }
        let rowBytes = width * colorType.channels  // at most 3 × (2³¹ − 1): fits
        // Filtered scanlines (one filter byte per row) must fit an Int; the pixel count is smaller.
        let (scanlineBytes, overflow) = (rowBytes + 1).multipliedReportingOverflow(by: height)
        guard !overflow else { throw .invalidImageSize(width: width, height: height) }
        guard pixels.count == rowBytes * height else {
            throw .pixelCountMismatch(
                expected: rowBytes * height, actual: pixels.count,
                width: width, height: height, channels: colorType.channels)
        }

        var header = [UInt8]()
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        header += [8, colorType.rawValue, 0, 0, 0]  // bit depth, colour type, deflate, filter set 0, no interlace

        var scanlines = [UInt8]()
        scanlines.reserveCapacity(scanlineBytes)
        for row in 0..<height {
            scanlines.append(0)  // filter type None
            scanlines += pixels[(row * rowBytes)..<((row + 1) * rowBytes)]
        }

        let compressed = try deflate(scanlines)
        // A PNG chunk holds at most 2³¹ − 1 bytes (and CRC-32 takes a 32-bit length).
        guard compressed.count <= Int(Int32.max) else { throw .invalidImageSize(width: width, height: height) }
        var file = signature
        appendChunk(type: "IHDR", data: header, to: &file)
        appendChunk(type: "IDAT", data: compressed, to: &file)
        appendChunk(type: "IEND", data: [], to: &file)
        return Data(file)
    }

    /// Appends one chunk: big-endian length, 4-byte type, data, CRC-32 of type and data.
    private static func appendChunk(type: String, data: [UInt8], to file: inout [UInt8]) {
        let typeAndData = Array(type.utf8) + data
        file.appendBigEndian(UInt32(data.count))
        file += typeAndData
        file.appendBigEndian(crc32Checksum(typeAndData))
    }

    /// zlib's CRC-32 (the polynomial PNG specifies).
    static func crc32Checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { buffer in
            UInt32(crc32(0, buffer.baseAddress, uInt(buffer.count)))
        }
    }

    /// Wraps bytes in a zlib stream (what IDAT holds) at the best compression level.
    private static func deflate(_ bytes: [UInt8]) throws(PlottingError) -> [UInt8] {
        var capacity = compressBound(uLong(bytes.count))
        var output = [UInt8](repeating: 0, count: Int(capacity))
        let status = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &capacity, input.baseAddress, uLong(input.count), Z_BEST_COMPRESSION)
            }
        }
        guard status == Z_OK else { throw .compressionFailed(zlibCode: status) }
        output.removeSubrange(Int(capacity)...)
        return output
    }
}

extension Array where Element == UInt8 {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }
}
