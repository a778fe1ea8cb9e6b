import Foundation
import HW1CZlib
import Testing

@testable import HW1Plotting

/// One chunk of a PNG file as laid out on disk.
struct PNGChunk {
    let type: String
    let data: [UInt8]
    let storedCRC: UInt32
}

/// Splits a PNG file after its signature into chunks, checking that lengths add up.
func pngChunks(_ file: [UInt8]) -> [PNGChunk] {
    var chunks: [PNGChunk] = []
    var offset = 8
    while offset + 12 <= file.count {
        let length = Int(bigEndian32(file, at: offset))
        let type = String(decoding: file[(offset + 4)..<(offset + 8)], as: UTF8.self)
        let data = Array(file[(offset + 8)..<(offset + 8 + length)])
        chunks.append(PNGChunk(type: type, data: data, storedCRC: bigEndian32(file, at: offset + 8 + length)))
        offset += 12 + length
    }
    #expect(offset == file.count, "chunk lengths must cover the file exactly")
    return chunks
}

func bigEndian32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
}

/// CRC-32 computed here through zlib, independently of the encoder.
func zlibCRC(_ bytes: [UInt8]) -> UInt32 {
    bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
}

/// Inflates a zlib stream, failing the test unless it holds exactly `expectedCount` bytes.
func inflate(_ bytes: [UInt8], expectedCount: Int) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: expectedCount + 64)
    var length = uLongf(output.count)
    let status = output.withUnsafeMutableBufferPointer { out in
        bytes.withUnsafeBufferPointer { uncompress(out.baseAddress, &length, $0.baseAddress, uLong($0.count)) }
    }
    #expect(status == Z_OK)
    #expect(Int(length) == expectedCount)
    return Array(output.prefix(Int(length)))
}

@Suite("PNG encoder")
struct PNGEncoderTests {
    /// A 3×2 grayscale image with distinct values in every pixel.
    let grayPixels: [UInt8] = [0, 128, 255, 10, 20, 30]

    @Test func fileStartsWithThePNGSignature() throws {
        let file = [UInt8](try PNGEncoder.encode(pixels: grayPixels, width: 3, height: 2, colorType: .grayscale))
        #expect(Array(file.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    }

    @Test func chunksAreIHDRThenIDATThenAnEmptyIEND() throws {
        let file = [UInt8](try PNGEncoder.encode(pixels: grayPixels, width: 3, height: 2, colorType: .grayscale))
        let chunks = pngChunks(file)
        #expect(chunks.map(\.type) == ["IHDR", "IDAT", "IEND"])
        #expect(chunks.last?.data.isEmpty == true)
    }

    @Test func everyChunkCarriesTheCRCOfItsTypeAndData() throws {
        for colorType in [PNGEncoder.ColorType.grayscale, .rgb] {
            let pixels = [UInt8](repeating: 77, count: 5 * 4 * colorType.channels)
            let file = [UInt8](try PNGEncoder.encode(pixels: pixels, width: 5, height: 4, colorType: colorType))
            for chunk in pngChunks(file) {
                #expect(chunk.storedCRC == zlibCRC(Array(chunk.type.utf8) + chunk.data), "chunk \(chunk.type)")
            }
        }
        // The IEND CRC is the same in every PNG file.
        let file = [UInt8](try PNGEncoder.encode(pixels: grayPixels, width: 3, height: 2, colorType: .grayscale))
        #expect(pngChunks(file).last?.storedCRC == 0xAE42_6082)
    }

    @Test func headerRecordsSizeBitDepthAndColourType() throws {
        let gray = pngChunks(
            [UInt8](try PNGEncoder.encode(pixels: grayPixels, width: 3, height: 2, colorType: .grayscale)))
        #expect(gray[0].data.count == 13)
        #expect(bigEndian32(gray[0].data, at: 0) == 3)
        #expect(bigEndian32(gray[0].data, at: 4) == 2)
        // bit depth 8, colour type 0, deflate, filter method 0, no interlace
        #expect(Array(gray[0].data[8...]) == [8, 0, 0, 0, 0])

        let rgb = pngChunks(
            [UInt8](
                try PNGEncoder.encode(
                    pixels: [UInt8](repeating: 0, count: 300 * 7 * 3), width: 300, height: 7, colorType: .rgb)))
        #expect(bigEndian32(rgb[0].data, at: 0) == 300)
        #expect(bigEndian32(rgb[0].data, at: 4) == 7)
        #expect(Array(rgb[0].data[8...]) == [8, 2, 0, 0, 0])
    }

    @Test func grayscaleDataInflatesToFilterZeroScanlines() throws {
        let file = [UInt8](try PNGEncoder.encode(pixels: grayPixels, width: 3, height: 2, colorType: .grayscale))
        let idat = pngChunks(file)[1].data
        #expect(inflate(idat, expectedCount: 8) == [0, 0, 128, 255, 0, 10, 20, 30])
    }

    @Test func rgbDataInflatesToFilterZeroScanlines() throws {
        // 2×2: red, green / blue, white
        let pixels: [UInt8] = [255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]
        let file = [UInt8](try PNGEncoder.encode(pixels: pixels, width: 2, height: 2, colorType: .rgb))
        let scanlines = inflate(pngChunks(file)[1].data, expectedCount: 2 * (1 + 6))
        #expect(scanlines == [0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255])
    }

    @Test func largeImageRoundTripsThroughDeflate() throws {
        let width = 97
        let height = 61
        let pixels = (0..<(width * height)).map { UInt8(truncatingIfNeeded: $0 &* 31 ^ $0 >> 3) }
        let file = [UInt8](try PNGEncoder.encode(pixels: pixels, width: width, height: height, colorType: .grayscale))
        let scanlines = inflate(pngChunks(file)[1].data, expectedCount: height * (width + 1))
        for row in 0..<height {
            #expect(scanlines[row * (width + 1)] == 0)
            #expect(
                Array(scanlines[(row * (width + 1) + 1)..<((row + 1) * (width + 1))])
                    == Array(pixels[(row * width)..<((row + 1) * width)]))
        }
    }

    @Test func wrongPixelCountIsRejectedWithTheExpectedCount() {
        #expect(throws: PlottingError.pixelCountMismatch(expected: 18, actual: 6, width: 3, height: 2, channels: 3)) {
            try PNGEncoder.encode(pixels: grayPixels, width: 3, height: 2, colorType: .rgb)
        }
        let message = PlottingError.pixelCountMismatch(expected: 18, actual: 6, width: 3, height: 2, channels: 3)
            .description
        #expect(message.contains("18") && message.contains("6 bytes"))
    }

    /// Sizes whose byte counts overflow are refused, not trapped on (issue #17's audit).
    @Test func overflowingSizesAreRejected() {
        let side = Int(Int32.max)
        #expect(throws: PlottingError.invalidImageSize(width: side, height: side)) {
            try PNGEncoder.encode(pixels: [], width: side, height: side, colorType: .rgb)
        }
        #expect(throws: PlottingError.invalidImageSize(width: Int.max, height: 2)) {
            try GrayscaleImage(width: Int.max, height: 2, filledWith: 0)
        }
        #expect(throws: PlottingError.invalidImageSize(width: 1 << 32, height: 1 << 32)) {
            try GrayscaleImage(width: 1 << 32, height: 1 << 32, pixels: [])
        }
    }

    @Test func emptyImageIsRejected() {
        #expect(throws: PlottingError.invalidImageSize(width: 0, height: 4)) {
            try PNGEncoder.encode(pixels: [], width: 0, height: 4, colorType: .grayscale)
        }
    }
}
