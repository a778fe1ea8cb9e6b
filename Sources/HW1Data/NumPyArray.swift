import Foundation
import Glibc

/// A NumPy `.npy` array of float64 or float32, read as Doubles in C (row-major) order.
///
/// Format versions 1, 2 and 3; dtypes `<f8`, `>f8`, `<f4`, `>f4`; C or Fortran order (Fortran
/// arrays of one or two dimensions are transposed to row-major). The file is memory-mapped and
/// converted a block at a time, releasing the mapped pages behind the conversion, so the peak
/// resident size is the Double array plus one block. Every size the header declares is checked
/// with `DeclaredSize` against the real file length before anything is allocated.
public struct NumPyArray: Equatable, Sendable {
    /// The shape from the header; `[]` for a scalar.
    public let shape: [Int]
    /// All elements, C order (the last index varies fastest).
    public let values: [Double]

    /// Rows: `shape[0]` (1 for a scalar).
    public var rowCount: Int { shape.first ?? 1 }
    /// Columns: the product of the remaining dimensions (1 for a vector).
    public var columnCount: Int { shape.dropFirst().reduce(1, *) }

    /// Reads the `.npy` file at `url` through a read-only memory map.
    ///
    /// - Throws: `NumPyArrayError` naming the file and the problem.
    public init(contentsOf url: URL) throws(NumPyArrayError) {
        let mapping: FileBytes.Mapping
        do {
            mapping = try FileBytes.Mapping(url)
        } catch {
            throw .unreadableFile(path: error.path, reason: error.reason)
        }
        try self.init(decoding: mapping.bytes, source: url.path, release: mapping.release)
    }

    /// Decodes `.npy` bytes held in memory; `source` names them in errors.
    public init(decoding bytes: [UInt8], source: String = "<bytes>") throws(NumPyArrayError) {
        let result = bytes.withUnsafeBytes { raw in
            Result { () throws(NumPyArrayError) -> NumPyArray in try NumPyArray(decoding: raw, source: source, release: { _ in }) }
        }
        self = try result.get()
    }

    /// The header fields, parsed and checked.
    struct Header: Equatable {
        var littleEndian: Bool
        var itemSize: Int
        var fortranOrder: Bool
        var shape: [Int]
        var dataOffset: Int
    }

    private init(
        decoding bytes: UnsafeRawBufferPointer, source: String, release: (Range<Int>) -> Void
    ) throws(NumPyArrayError) {
        let header = try Self.header(bytes, source: source)
        let available = bytes.count - header.dataOffset
        let payload: Int
        do {
            payload = try DeclaredSize.byteCount(header.shape + [header.itemSize], available: available)
        } catch {
            if case .exceedsAvailable(let needed, _) = error {
                throw .wrongDataSize(path: source, shape: header.shape, itemSize: header.itemSize, expected: needed, actual: available)
            }
            throw .badHeader(path: source, detail: "the shape \(header.shape) with \(header.itemSize)-byte items: \(error)")
        }
        guard available == payload else {
            throw .wrongDataSize(path: source, shape: header.shape, itemSize: header.itemSize, expected: payload, actual: available)
        }
        let itemCount = payload / header.itemSize
        if header.fortranOrder && header.shape.count > 2 {
            throw .badHeader(path: source, detail: "Fortran-order arrays of \(header.shape.count) dimensions are not supported; save with np.ascontiguousarray")
        }
        let data = bytes.baseAddress! + header.dataOffset
        let rows = header.shape.first ?? 1
        let columns = header.shape.dropFirst().reduce(1, *)
        let values = [Double](unsafeUninitializedCapacity: itemCount) { output, initialized in
            let out = output.baseAddress!
            if header.fortranOrder && header.shape.count == 2 && rows > 1 && columns > 1 {
                // Element (i, j) sits at j·rows + i; copy in tiles so both sides stay in cache.
                let tile = 64
                for i0 in stride(from: 0, to: rows, by: tile) {
                    for j0 in stride(from: 0, to: columns, by: tile) {
                        for j in j0..<min(j0 + tile, columns) {
                            for i in i0..<min(i0 + tile, rows) {
                                out[i * columns + j] = Self.element(data, j * rows + i, header)
                            }
                        }
                    }
                }
            } else {
                // In file order, a block at a time, handing the mapped pages back behind us.
                let block = 1 << 20
                for start in stride(from: 0, to: itemCount, by: block) {
                    let end = min(start + block, itemCount)
                    Self.convert(data, start..<end, header, into: out)
                    release(header.dataOffset + start * header.itemSize..<header.dataOffset + end * header.itemSize)
                }
            }
            initialized = itemCount
        }
        shape = header.shape
        self.values = values
    }

    @inline(__always)
    private static func element(_ data: UnsafeRawPointer, _ index: Int, _ header: Header) -> Double {
        if header.itemSize == 8 {
            let bits = data.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            return Double(bitPattern: header.littleEndian ? UInt64(littleEndian: bits) : UInt64(bigEndian: bits))
        }
        let bits = data.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)
        return Double(Float(bitPattern: header.littleEndian ? UInt32(littleEndian: bits) : UInt32(bigEndian: bits)))
    }

    private static func convert(_ data: UnsafeRawPointer, _ range: Range<Int>, _ header: Header, into out: UnsafeMutablePointer<Double>) {
        if header.itemSize == 8 && header.littleEndian {
            (out + range.lowerBound).update(
                from: UnsafeRawPointer(data + range.lowerBound * 8).bindMemory(to: Double.self, capacity: range.count),
                count: range.count)
            return
        }
        for index in range { out[index] = element(data, index, header) }
    }

    /// Parses the magic, version, header length and the header dictionary.
    static func header(_ bytes: UnsafeRawBufferPointer, source: String) throws(NumPyArrayError) -> Header {
        let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
        guard Array(bytes.prefix(6)) == Array(magic.prefix(min(6, bytes.count))) else {
            throw .notNumPy(path: source, detail: "it does not start with \\x93NUMPY")
        }
        guard bytes.count >= 10 else {
            throw .notNumPy(path: source, detail: "only \(bytes.count) bytes, shorter than any .npy header")
        }
        let major = bytes[6]
        let lengthBytes: Int
        switch major {
        case 1: lengthBytes = 2
        case 2, 3: lengthBytes = 4
        default: throw .badHeader(path: source, detail: "format version \(major).\(bytes[7]) is not 1, 2 or 3")
        }
        guard bytes.count >= 8 + lengthBytes else { throw .badHeader(path: source, detail: "the file ends inside the header length") }
        var headerLength = 0
        for k in (0..<lengthBytes).reversed() { headerLength = headerLength << 8 | Int(bytes[8 + k]) }
        let start = 8 + lengthBytes
        guard let dataOffset = DeclaredSize.sum(start, headerLength), dataOffset <= bytes.count else {
            throw .badHeader(path: source, detail: "the header declares \(headerLength) bytes but the file has only \(bytes.count - start) after the length")
        }
        let textBytes = UnsafeRawBufferPointer(rebasing: bytes[start..<dataOffset])
        guard let text = String(validating: textBytes, as: UTF8.self) else {
            throw .badHeader(path: source, detail: "the header is not text")
        }
        guard let descr = Self.value(of: "descr", in: text), let order = Self.value(of: "fortran_order", in: text),
            let shapeText = Self.value(of: "shape", in: text)
        else {
            throw .badHeader(path: source, detail: "the header \(text.trimmingCharacters(in: .whitespacesAndNewlines)) lacks 'descr', 'fortran_order' or 'shape'")
        }
        let dtype = descr.trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        let littleEndian: Bool, itemSize: Int
        switch dtype {
        case "<f8": (littleEndian, itemSize) = (true, 8)
        case ">f8": (littleEndian, itemSize) = (false, 8)
        case "<f4": (littleEndian, itemSize) = (true, 4)
        case ">f4": (littleEndian, itemSize) = (false, 4)
        default: throw .unsupportedDType(path: source, dtype: dtype)
        }
        let fortranOrder: Bool
        switch order {
        case "True": fortranOrder = true
        case "False": fortranOrder = false
        default: throw .badHeader(path: source, detail: "fortran_order is \(order), not True or False")
        }
        guard shapeText.hasPrefix("("), shapeText.hasSuffix(")") else {
            throw .badHeader(path: source, detail: "shape \(shapeText) is not a tuple")
        }
        var shape: [Int] = []
        for part in shapeText.dropFirst().dropLast().split(separator: ",") {
            let trimmed = part.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let dimension = Int(trimmed), dimension >= 0 else {
                throw .badHeader(path: source, detail: "shape \(shapeText) holds \(trimmed), not a size")
            }
            shape.append(dimension)
        }
        return Header(littleEndian: littleEndian, itemSize: itemSize, fortranOrder: fortranOrder, shape: shape, dataOffset: dataOffset)
    }

    /// The text of `key`'s value in a Python dict literal: a quoted string, a word, or a tuple.
    private static func value(of key: String, in text: String) -> String? {
        for quote in ["'", "\""] {
            guard let keyRange = text.range(of: quote + key + quote) else { continue }
            var rest = text[keyRange.upperBound...].drop(while: { $0 == " " })
            guard rest.first == ":" else { return nil }
            rest = rest.dropFirst().drop(while: { $0 == " " })
            if rest.first == "(" {
                guard let close = rest.firstIndex(of: ")") else { return nil }
                return String(rest[...close])
            }
            if let q = rest.first, q == "'" || q == "\"" {
                guard let close = rest.dropFirst().firstIndex(of: q) else { return nil }
                return String(rest[...close])
            }
            return String(rest.prefix(while: { $0 != "," && $0 != "}" && $0 != " " }))
        }
        return nil
    }

    /// Splits a 2-D array into features and the column `targetColumn` (negative counts from the end).
    public func splittingTarget(column targetColumn: Int, source: String) throws(NumPyArrayError) -> FeaturesAndTarget {
        guard shape.count == 2 else {
            throw .wrongShape(path: source, shape: shape, expected: "2-D (rows, columns) to take a target column from")
        }
        let columns = columnCount
        let index = targetColumn < 0 ? columns + targetColumn : targetColumn
        guard (0..<columns).contains(index) else {
            throw .wrongShape(path: source, shape: shape, expected: "a column \(targetColumn) (there are \(columns), numbered 0…\(columns - 1) or −1…−\(columns))")
        }
        var features: [Double] = []
        features.reserveCapacity(rowCount * (columns - 1))
        var target: [Double] = []
        target.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            for column in 0..<columns {
                let value = values[row * columns + column]
                if column == index { target.append(value) } else { features.append(value) }
            }
        }
        var names = (0..<columns).map { "x\($0)" }
        names.remove(at: index)
        return FeaturesAndTarget(features: features, rowCount: rowCount, featureNames: names, target: target, targetName: "x\(index)")
    }
}

/// A problem with a `.npy` file, naming the file.
public enum NumPyArrayError: Error, Equatable, Sendable {
    /// The file cannot be opened or mapped (reason in plain words).
    case unreadableFile(path: String, reason: String)
    /// The bytes are not a `.npy` file at all.
    case notNumPy(path: String, detail: String)
    /// The header is malformed or declares impossible sizes.
    case badHeader(path: String, detail: String)
    /// The dtype is not float64 or float32.
    case unsupportedDType(path: String, dtype: String)
    /// The data after the header is shorter or longer than the shape says.
    case wrongDataSize(path: String, shape: [Int], itemSize: Int, expected: Int, actual: Int)
    /// The array has the wrong number of dimensions for its use.
    case wrongShape(path: String, shape: [Int], expected: String)
}

extension NumPyArrayError: CustomStringConvertible, LocalizedError {
    public var description: String {
        switch self {
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read the file (\(reason))"
        case .notNumPy(let path, let detail):
            return "\(path): not a NumPy .npy file: \(detail) (write it with numpy.save)"
        case .badHeader(let path, let detail):
            return "\(path): bad .npy header: \(detail)"
        case .unsupportedDType(let path, let dtype):
            return "\(path): dtype '\(dtype)' is not supported; save float64 or float32, e.g. np.save(path, x.astype(np.float64))"
        case .wrongDataSize(let path, let shape, let itemSize, let expected, let actual):
            let kind = actual < expected ? "truncated" : "longer than its header says"
            let shapeText = "(" + shape.map(String.init).joined(separator: ", ") + ")"
            return "\(path): \(kind): shape \(shapeText) of \(itemSize)-byte items needs \(expected) data bytes, the file has \(actual)"
        case .wrongShape(let path, let shape, let expected):
            return "\(path): shape (\(shape.map(String.init).joined(separator: ", "))) is not \(expected)"
        }
    }

    public var errorDescription: String? { description }
}
