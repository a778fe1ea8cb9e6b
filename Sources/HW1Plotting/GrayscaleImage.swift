import Foundation

/// An 8-bit grayscale raster: `width × height` bytes, row-major, top row first, 0 = black.
public struct GrayscaleImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// `width × height` intensities, row-major.
    public let pixels: [UInt8]

    /// Wraps raw bytes; throws if the count is not `width × height`.
    public init(width: Int, height: Int, pixels: [UInt8]) throws(PlottingError) {
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard width >= 1, height >= 1, !overflow else { throw .invalidImageSize(width: width, height: height) }
        guard pixels.count == count else {
            throw .pixelCountMismatch(
                expected: count, actual: pixels.count, width: width, height: height, channels: 1)
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Converts intensities in 0…1 (clamped; NaN becomes 0) to bytes, e.g. normalised MNIST pixels.
    public init<T: BinaryFloatingPoint>(width: Int, height: Int, intensities: [T]) throws(PlottingError) {
        let bytes = intensities.map { value -> UInt8 in
            let clamped = value.isNaN ? 0 : Swift.min(Swift.max(Double(value), 0), 1)
            return UInt8((clamped * 255).rounded())
        }
        try self.init(width: width, height: height, pixels: bytes)
    }

    /// A `width × height` image filled with one value.
    public init(width: Int, height: Int, filledWith value: UInt8) throws(PlottingError) {
        let (count, overflow) = width.multipliedReportingOverflow(by: height)
        guard width >= 1, height >= 1, !overflow else { throw .invalidImageSize(width: width, height: height) }
        try self.init(width: width, height: height, pixels: [UInt8](repeating: value, count: count))
    }

    /// This image enlarged by an integer factor, each pixel becoming a `factor × factor` block.
    public func scaled(by factor: Int) -> GrayscaleImage {
        precondition(factor >= 1, "scale factor must be at least 1")
        let newWidth = width * factor
        var out = [UInt8](repeating: 0, count: newWidth * height * factor)
        for y in 0..<(height * factor) {
            let sourceRow = (y / factor) * width
            for x in 0..<newWidth {
                out[y * newWidth + x] = pixels[sourceRow + x / factor]
            }
        }
        // Sizes are valid by construction, so this cannot throw.
        return try! GrayscaleImage(width: newWidth, height: height * factor, pixels: out)
    }

    /// The image as a grayscale PNG file.
    public func pngData() throws(PlottingError) -> Data {
        try PNGEncoder.encode(pixels: pixels, width: width, height: height, colorType: .grayscale)
    }
}
