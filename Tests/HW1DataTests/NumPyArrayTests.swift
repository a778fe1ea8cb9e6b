import Foundation
import Testing
@testable import HW1Data

/// `.npy` bytes as numpy.save writes them (version 1, header padded to a multiple of 64).
func npyBytes(descr: String, fortran: Bool = false, shape: String, payload: [UInt8], version: UInt8 = 1) -> [UInt8] {
    var header = "{'descr': '\(descr)', 'fortran_order': \(fortran ? "True" : "False"), 'shape': \(shape), }"
    let prefix = version == 1 ? 10 : 12
    while (prefix + header.utf8.count + 1) % 64 != 0 { header += " " }
    header += "\n"
    let length = header.utf8.count
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [version, 0]
    bytes += version == 1 ? [UInt8(length & 0xFF), UInt8(length >> 8)] : [UInt8(length & 0xFF), UInt8(length >> 8), 0, 0]
    return bytes + Array(header.utf8) + payload
}

func littleEndianBytes(_ values: [Double]) -> [UInt8] { values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } } }

@Suite struct NumPyArrayTests {
    private func message(_ bytes: [UInt8]) -> String? {
        do {
            _ = try NumPyArray(decoding: bytes, source: "a.npy")
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func float64COrderReadsRowMajor() throws {
        let array = try NumPyArray(decoding: npyBytes(descr: "<f8", shape: "(2, 3)", payload: littleEndianBytes([1, 2, 3, 4, 5, 6])))
        #expect(array.shape == [2, 3] && array.rowCount == 2 && array.columnCount == 3)
        #expect(array.values == [1, 2, 3, 4, 5, 6])
    }

    @Test func fortranOrderIsTransposedToRowMajor() throws {
        // Column-major storage of [[1, 2, 3], [4, 5, 6]].
        let array = try NumPyArray(decoding: npyBytes(descr: "<f8", fortran: true, shape: "(2, 3)", payload: littleEndianBytes([1, 4, 2, 5, 3, 6])))
        #expect(array.values == [1, 2, 3, 4, 5, 6])
    }

    @Test func float32AndBigEndianAndVersion2AreRead() throws {
        let floats: [Float] = [0.5, -1.25, 3]
        let payload = floats.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian) { Array($0) } }
        #expect(try NumPyArray(decoding: npyBytes(descr: "<f4", shape: "(3,)", payload: payload)).values == [0.5, -1.25, 3])
        let big = [2.5, -7.0].flatMap { withUnsafeBytes(of: $0.bitPattern.bigEndian) { Array($0) } }
        #expect(try NumPyArray(decoding: npyBytes(descr: ">f8", shape: "(2,)", payload: big, version: 2)).values == [2.5, -7])
    }

    @Test func otherDTypesAreNamedWithTheFix() {
        #expect(message(npyBytes(descr: "<i8", shape: "(1,)", payload: Array(repeating: 0, count: 8)))
            == "a.npy: dtype '<i8' is not supported; save float64 or float32, e.g. np.save(path, x.astype(np.float64))")
    }

    @Test func truncatedDataAndTrailingBytesAreNamed() {
        #expect(message(npyBytes(descr: "<f8", shape: "(2, 3)", payload: littleEndianBytes([1, 2, 3, 4, 5])))
            == "a.npy: truncated: shape (2, 3) of 8-byte items needs 48 data bytes, the file has 40")
        #expect(message(npyBytes(descr: "<f8", shape: "(1,)", payload: littleEndianBytes([1, 2])))?
            .contains("longer than its header says") == true)
    }

    @Test func headerThatLiesAboutItsShapeIsRefusedBeforeAllocating() {
        // 2⁶² × 2⁶² × 8 bytes overflows; 10¹² rows is far beyond the 8 bytes present.
        #expect(message(npyBytes(descr: "<f8", shape: "(4611686018427387904, 4611686018427387904)", payload: littleEndianBytes([1])))?
            .contains("overflows a 64-bit byte count") == true)
        #expect(message(npyBytes(descr: "<f8", shape: "(1000000000000,)", payload: littleEndianBytes([1])))?
            .contains("truncated: shape (1000000000000) of 8-byte items needs 8000000000000 data bytes, the file has 8") == true)
        // A header length running past the end of the file.
        var bytes = npyBytes(descr: "<f8", shape: "(1,)", payload: [])
        bytes[8] = 0xFF; bytes[9] = 0xFF
        #expect(message(bytes)?.contains("bad .npy header: the header declares 65535 bytes") == true)
    }

    @Test func textThatIsNotNumPyIsNamed() {
        #expect(message(Array("a,b\n1,2\n".utf8)) == "a.npy: not a NumPy .npy file: it does not start with \\x93NUMPY (write it with numpy.save)")
        #expect(message([])?.contains("only 0 bytes") == true)
    }

    @Test func filesAreMappedAndDirectoriesRefused() throws {
        try withTemporaryDirectory { directory in
            let file = try directory.write(npyBytes(descr: "<f8", shape: "(2, 2)", payload: littleEndianBytes([1, 2, 3, 4])), to: "x.npy")
            let array = try NumPyArray(contentsOf: file)
            #expect(array.values == [1, 2, 3, 4])
            let split = try array.splittingTarget(column: -1, source: file.path)
            #expect(split.features == [1, 3] && split.target == [2, 4])
            #expect(throws: NumPyArrayError.unreadableFile(path: directory.url.path, reason: "is a directory, not a file")) {
                try NumPyArray(contentsOf: directory.url)
            }
        }
    }
}
