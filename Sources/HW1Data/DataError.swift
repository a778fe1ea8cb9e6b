import Foundation

/// A problem with a data file: what is wrong and which file it is.
///
/// Errors raised while loading Fashion-MNIST arrive wrapped in `.invalidFashionMNIST`,
/// whose description adds how to obtain good files.
public enum DataError: Error, Equatable, Sendable {
    /// The file does not exist or cannot be read.
    case unreadableFile(path: String, reason: String)
    /// A gzip/zlib stream is damaged or truncated.
    case corruptCompressedData(path: String, reason: String)
    /// A file (after decompression) is longer than the reader accepts; for Fashion-MNIST the
    /// limit is the official size, so a small file that inflates to gigabytes stops there.
    case decompressedTooLarge(path: String, limit: Int)
    /// zlib refused to compress (practically only when memory runs out).
    case compressionFailed(reason: String)
    /// An IDX header starts with the wrong magic number.
    case badMagic(path: String, expected: UInt32, actual: UInt32)
    /// The file holds fewer or more bytes than its header (or the reference table) implies.
    case wrongByteCount(path: String, expected: Int, actual: Int)
    /// The header's dimensions are impossible or not the ones expected.
    case dimensionMismatch(path: String, detail: String)
    /// A label lies outside the valid class range.
    case labelOutOfRange(path: String, index: Int, value: Int, range: ClosedRange<Int>)
    /// The decompressed contents do not have the published SHA-256.
    case checksumMismatch(path: String, expected: String, actual: String)
    /// None of the searched directories holds the four Fashion-MNIST files; one entry per
    /// directory, in search order: its path and what is missing there.
    case fashionMNISTNotFound(searched: [String])
    /// A problem with one of the Fashion-MNIST files.
    indirect case invalidFashionMNIST(DataError)
}

extension DataError: CustomStringConvertible, LocalizedError {
    /// How to obtain a good copy of Fashion-MNIST without a network download.
    public static let fashionMNISTRemedy = """
        To get good data, install Debian's dataset-fashion-mnist \
        (`apt-get install dataset-fashion-mnist`), or pass --data-dir / set FASHION_MNIST_DIR \
        to a folder holding the four official files (train-images-idx3-ubyte, \
        train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte; .gz or raw).
        """

    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file (\(reason))"
        case .corruptCompressedData(let path, let reason):
            return "\(path): corrupt gzip data: \(reason)"
        case .decompressedTooLarge(let path, let limit):
            return "\(path): decompresses to more than \(limit) bytes, the most this file may hold"
        case .compressionFailed(let reason):
            return "gzip compression failed: \(reason)"
        case .badMagic(let path, let expected, let actual):
            return "\(path): bad magic number: expected \(hex(expected)) got \(hex(actual))"
        case .wrongByteCount(let path, let expected, let actual):
            let kind = actual < expected ? "truncated" : "trailing bytes"
            return "\(path): \(kind): expected \(expected) bytes got \(actual)"
        case .dimensionMismatch(let path, let detail):
            return "\(path): dimension mismatch: \(detail)"
        case .labelOutOfRange(let path, let index, let value, let range):
            return "\(path): label \(index) is \(value), outside \(range.lowerBound)...\(range.upperBound)"
        case .checksumMismatch(let path, let expected, let actual):
            return "\(path): wrong SHA-256 checksum of the decompressed contents: "
                + "expected \(expected) got \(actual)"
        case .fashionMNISTNotFound(let searched):
            let list = searched.map { "  - \($0)" }.joined(separator: "\n")
            return "Fashion-MNIST files not found. Searched, in order:\n\(list)\n"
                + DataError.fashionMNISTRemedy
        case .invalidFashionMNIST(let problem):
            return "Fashion-MNIST: \(problem.description)\n" + DataError.fashionMNISTRemedy
        }
    }

    public var errorDescription: String? { description }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
}
