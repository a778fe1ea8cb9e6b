import Foundation

/// A dense tensor of 32-bit floats: a shape and its values in row-major order.
public struct FloatTensor: Equatable, Sendable {
    /// Size of each dimension (empty for a scalar).
    public let shape: [Int]
    /// The values, row-major; `values.count` equals the product of `shape`.
    public let values: [Float]

    /// Makes a tensor; the value count must match the shape.
    public init(shape: [Int], values: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in shape \(shape)")
        precondition(
            shape.reduce(1, *) == values.count,
            "shape \(shape) needs \(shape.reduce(1, *)) values, got \(values.count)")
        self.shape = shape
        self.values = values
    }
}

/// Reading and writing the safetensors format (Hugging Face), which PyTorch and NumPy load.
///
/// Layout: an 8-byte little-endian header length N, N bytes of JSON
/// `{name: {"dtype", "shape", "data_offsets": [begin, end]}, "__metadata__": {…}}` padded with
/// spaces to a multiple of 8, then the tensors' little-endian bytes, back to back.
public enum SafeTensors {
    /// Headers larger than this are rejected as corrupt (the reference library's limit).
    static let maximumHeaderLength = 100_000_000

    /// Encodes F32 tensors in sorted-name order with contiguous data offsets.
    public static func encode(_ tensors: [String: FloatTensor], metadata: [String: String] = [:]) -> [UInt8] {
        let names = tensors.keys.sorted()
        var entries: [String] = []
        if !metadata.isEmpty {
            let pairs = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(pairs.joined(separator: ","))}")
        }
        var offset = 0
        for name in names {
            let tensor = tensors[name]!
            let end = offset + tensor.values.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(
                "\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(end)]}")
            offset = end
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(0x20) }

        var output: [UInt8] = []
        output.reserveCapacity(8 + header.count + offset)
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { output.append(contentsOf: $0) }
        output.append(contentsOf: header)
        for name in names {
            for value in tensors[name]!.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { output.append(contentsOf: $0) }
            }
        }
        return output
    }

    /// Writes F32 tensors and string metadata to a `.safetensors` file (atomically).
    public static func write(_ tensors: [String: FloatTensor], metadata: [String: String] = [:], to url: URL) throws {
        do {
            try Data(encode(tensors, metadata: metadata)).write(to: url, options: .atomic)
        } catch {
            throw SafeTensorsError.unwritableFile(path: url.path, reason: error.localizedDescription)
        }
    }

    /// Reads a `.safetensors` file; F64 tensors are converted to Float, other dtypes are refused.
    public static func read(from url: URL) throws -> (tensors: [String: FloatTensor], metadata: [String: String]) {
        let bytes: [UInt8]
        do {
            bytes = try FileBytes.read(url)
        } catch {
            throw SafeTensorsError.unreadableFile(path: url.path, reason: error.reason)
        }
        return try decode(bytes, source: url.path)
    }

    /// Decodes safetensors bytes, checking the header, every offset and every size.
    /// - Parameter source: the file name errors should name.
    public static func decode(_ bytes: [UInt8], source: String = "<memory>") throws
        -> (tensors: [String: FloatTensor], metadata: [String: String])
    {
        func fail(_ detail: String) -> SafeTensorsError { .malformed(path: source, detail: detail) }
        guard bytes.count >= 8 else {
            throw fail("the file has \(bytes.count) bytes, too short for the 8-byte header length")
        }
        let headerLength = (0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) }
        guard headerLength <= UInt64(min(maximumHeaderLength, bytes.count - 8)) else {
            throw fail("header length \(headerLength) exceeds the \(bytes.count - 8) bytes after it")
        }
        let dataStart = 8 + Int(headerLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
        } catch {
            throw fail("the header is not valid JSON (\(error.localizedDescription))")
        }
        guard let header = json as? [String: Any] else { throw fail("the header is not a JSON object") }

        var metadata: [String: String] = [:]
        if let rawMetadata = header["__metadata__"] {
            guard let strings = rawMetadata as? [String: Any] else {
                throw fail("__metadata__ is not an object")
            }
            for (key, value) in strings {
                guard let text = value as? String else { throw fail("__metadata__[\"\(key)\"] is not a string") }
                metadata[key] = text
            }
        }

        let dataLength = bytes.count - dataStart
        var spans: [(begin: Int, end: Int, name: String)] = []
        var tensors: [String: FloatTensor] = [:]
        for (name, rawEntry) in header where name != "__metadata__" {
            guard let entry = rawEntry as? [String: Any] else { throw fail("tensor \"\(name)\" is not an object") }
            guard let dtype = entry["dtype"] as? String else { throw fail("tensor \"\(name)\" has no dtype") }
            guard let shape = integers(entry["shape"]), shape.allSatisfy({ $0 >= 0 }) else {
                throw fail("tensor \"\(name)\" has no valid shape (a list of non-negative integers)")
            }
            guard let offsets = integers(entry["data_offsets"]), offsets.count == 2 else {
                throw fail("tensor \"\(name)\" has no valid data_offsets ([begin, end])")
            }
            let (begin, end) = (offsets[0], offsets[1])
            guard 0 <= begin, begin <= end, end <= dataLength else {
                throw fail("tensor \"\(name)\" data_offsets [\(begin), \(end)] lie outside the \(dataLength) data bytes")
            }
            let elementSize: Int
            switch dtype {
            case "F32": elementSize = 4
            case "F64": elementSize = 8
            default: throw SafeTensorsError.unsupportedDType(path: source, tensor: name, dtype: dtype)
            }
            // The shape's byte count is checked against the data actually present before
            // anything is allocated; its element count alone could still overflow in bytes.
            let byteCount: Int
            do {
                byteCount = try DeclaredSize.byteCount(shape + [elementSize], available: dataLength)
            } catch .exceedsAvailable(let needed, _) {
                throw fail("tensor \"\(name)\" of shape \(shape) and dtype \(dtype) needs \(needed) bytes, "
                    + "more than the \(dataLength) data bytes in the file")
            } catch {
                throw fail("tensor \"\(name)\" shape \(shape) with dtype \(dtype) is too large: \(error)")
            }
            guard end - begin == byteCount else {
                throw fail("tensor \"\(name)\" of shape \(shape) and dtype \(dtype) needs "
                    + "\(byteCount) bytes, data_offsets give \(end - begin)")
            }
            let elementCount = byteCount / elementSize
            let values = bytes.withUnsafeBytes { raw -> [Float] in
                let base = raw.baseAddress! + dataStart + begin
                if elementSize == 4 {
                    return (0..<elementCount).map {
                        Float(bitPattern: UInt32(littleEndian: base.loadUnaligned(fromByteOffset: $0 * 4, as: UInt32.self)))
                    }
                }
                return (0..<elementCount).map {
                    Float(Double(bitPattern: UInt64(littleEndian: base.loadUnaligned(fromByteOffset: $0 * 8, as: UInt64.self))))
                }
            }
            tensors[name] = FloatTensor(shape: shape, values: values)
            spans.append((begin, end, name))
        }

        // The format requires the data to be fully covered without holes or overlaps.
        spans.sort { ($0.begin, $0.end) < ($1.begin, $1.end) }
        var covered = 0
        for span in spans {
            guard span.begin == covered else {
                let problem = span.begin < covered ? "overlaps the tensor before it" : "leaves a gap before it"
                throw fail("tensor \"\(span.name)\" data_offsets start at \(span.begin), which \(problem) (expected \(covered))")
            }
            covered = span.end
        }
        guard covered == dataLength else {
            throw fail("\(dataLength - covered) bytes after the last tensor are not described by the header")
        }
        return (tensors, metadata)
    }

    /// JSON integers arrive as NSNumber; accept only whole, non-boolean numbers.
    private static func integers(_ value: Any?) -> [Int]? {
        guard let list = value as? [Any] else { return nil }
        var result: [Int] = []
        for element in list {
            // JSON true/false also arrive as NSNumber (type code "c"); they are not integers.
            guard let number = element as? NSNumber, String(cString: number.objCType) != "c",
                  let integer = Int(exactly: number.doubleValue) else { return nil }
            result.append(integer)
        }
        return result
    }

    private static func jsonString(_ text: String) -> String {
        var escaped = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20:
                escaped += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                    + String(scalar.value, radix: 16)
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped + "\""
    }
}

/// A problem reading or writing a safetensors file.
public enum SafeTensorsError: Error, Equatable, Sendable {
    /// The file cannot be read.
    case unreadableFile(path: String, reason: String)
    /// The file cannot be written.
    case unwritableFile(path: String, reason: String)
    /// The header or data layout breaks the format.
    case malformed(path: String, detail: String)
    /// A tensor uses a dtype other than F32 or F64.
    case unsupportedDType(path: String, tensor: String, dtype: String)
}

extension SafeTensorsError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason): "\(path): cannot read the file (\(reason))"
        case .unwritableFile(let path, let reason): "\(path): cannot write the file (\(reason))"
        case .malformed(let path, let detail): "\(path): not a valid safetensors file: \(detail)"
        case .unsupportedDType(let path, let tensor, let dtype):
            "\(path): tensor \"\(tensor)\" has dtype \(dtype); only F32 and F64 can be read as Float"
        }
    }

    public var errorDescription: String? { description }
}
