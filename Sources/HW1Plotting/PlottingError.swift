import Foundation

/// Why a chart, image or PNG could not be produced; each message names the bad input and the fix.
public enum PlottingError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A pixel buffer whose length does not match `width × height × channels`.
    case pixelCountMismatch(expected: Int, actual: Int, width: Int, height: Int, channels: Int)
    /// An image with a zero or negative side.
    case invalidImageSize(width: Int, height: Int)
    /// zlib returned an error code while deflating PNG data.
    case compressionFailed(zlibCode: Int32)
    /// A series built from separate x and y arrays of different lengths.
    case seriesLengthMismatch(series: String, xCount: Int, yCount: Int)
    /// A histogram asked for fewer than one bin.
    case invalidBinCount(Int)
    /// A chart or grid given nothing to draw where something is required.
    case emptyInput(String)
    /// Tiles of an image grid that are not all the same size.
    case tileSizeMismatch(index: Int, width: Int, height: Int, expectedWidth: Int, expectedHeight: Int)
    /// A grouped bar chart whose group has a different number of values than there are categories.
    case groupLengthMismatch(group: String, valueCount: Int, categoryCount: Int)
    /// An enlargement factor below 1.
    case invalidScale(name: String, value: Int)
    /// A file could not be written.
    case writeFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case .pixelCountMismatch(let expected, let actual, let width, let height, let channels):
            return "pixel buffer has \(actual) bytes but a \(width)×\(height) image with \(channels) "
                + "channel(s) needs \(expected); pass exactly width × height × channels bytes, row by row"
        case .invalidImageSize(let width, let height):
            return "image size \(width)×\(height) is invalid; width and height must both be at least 1, and the pixel count must fit a 64-bit integer and a PNG chunk (2³¹ − 1 bytes)"
        case .compressionFailed(let code):
            return "zlib compress2 failed with code \(code) while encoding PNG data"
        case .seriesLengthMismatch(let series, let xCount, let yCount):
            return "series \"\(series)\" has \(xCount) x values but \(yCount) y values; "
                + "pass arrays of the same length"
        case .invalidBinCount(let count):
            return "histogram bin count \(count) is invalid; use 1 or more bins"
        case .emptyInput(let what):
            return "nothing to draw: \(what)"
        case .tileSizeMismatch(let index, let width, let height, let expectedWidth, let expectedHeight):
            return "grid tile \(index) is \(width)×\(height) but tile 0 is \(expectedWidth)×\(expectedHeight); "
                + "all tiles of a grid must have the same size"
        case .groupLengthMismatch(let group, let valueCount, let categoryCount):
            return "bar group \"\(group)\" has \(valueCount) values but there are \(categoryCount) "
                + "categories; give one value per category"
        case .invalidScale(let name, let value):
            return "\(name) \(value) is invalid; use a whole number of 1 or more"
        case .writeFailed(let path, let reason):
            return "could not write \(path): \(reason)"
        }
    }
}

extension PlottingError: LocalizedError {
    public var errorDescription: String? { description }
}

/// Writes bytes to a file, turning Foundation's error into a `PlottingError` that names the path.
func writeFile(_ data: Data, to url: URL) throws(PlottingError) {
    do {
        try data.write(to: url, options: .atomic)
    } catch {
        throw .writeFailed(path: url.path, reason: error.localizedDescription)
    }
}
