import Foundation
import Testing
@testable import HW1Data

@Suite struct SafeTensorsTests {
    private let tensors = [
        "layers.1.weight": FloatTensor(shape: [2, 3], values: [1, -2, 3.5, .pi, 0, -0.25]),
        "layers.0.bias": FloatTensor(shape: [3], values: [0.1, 0.2, 0.3]),
        "scalar": FloatTensor(shape: [], values: [42]),
        "empty": FloatTensor(shape: [0, 4], values: []),
    ]

    /// Builds a file by hand from a header text and data bytes.
    private func file(header: String, data: [UInt8]) -> [UInt8] {
        let json = Array(header.utf8)
        return withUnsafeBytes(of: UInt64(json.count).littleEndian, Array.init) + json + data
    }

    private func f32Bytes(_ values: [Float]) -> [UInt8] {
        values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
    }

    @Test func roundTripThroughAFileKeepsTensorsAndMetadata() throws {
        try withTemporaryDirectory { directory in
            let url = directory.file("model.safetensors")
            let metadata = ["activation": "relu", "sizes": "784,128,64,10", "quote": "a \"b\"\n"]
            try SafeTensors.write(tensors, metadata: metadata, to: url)
            let loaded = try SafeTensors.read(from: url)
            #expect(loaded.tensors == tensors)
            #expect(loaded.metadata == metadata)
        }
    }

    @Test func layoutIsSortedContiguousAndPadded() throws {
        let bytes = SafeTensors.encode(tensors, metadata: ["k": "v"])
        let headerLength = Int(bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        #expect(headerLength % 8 == 0)
        let header = try #require(
            try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + headerLength)])) as? [String: Any])
        let offsets = ["empty", "layers.0.bias", "layers.1.weight", "scalar"].map { name -> [Int] in
            ((header[name] as? [String: Any])?["data_offsets"] as? [Int]) ?? []
        }
        #expect(offsets == [[0, 0], [0, 12], [12, 36], [36, 40]])
        #expect(bytes.count == 8 + headerLength + 40)
        #expect(Array(bytes[(8 + headerLength)...].prefix(4)) == f32Bytes([0.1]))
    }

    @Test func f64TensorsAreConvertedToFloat() throws {
        let values: [Double] = [1.5, -2.25]
        let data = values.flatMap { withUnsafeBytes(of: $0.bitPattern.littleEndian, Array.init) }
        let bytes = file(header: #"{"w":{"dtype":"F64","shape":[2],"data_offsets":[0,16]}}"#, data: data)
        #expect(try SafeTensors.decode(bytes).tensors["w"] == FloatTensor(shape: [2], values: [1.5, -2.25]))
    }

    @Test func otherDTypesGiveAClearError() {
        let bytes = file(header: #"{"w":{"dtype":"F16","shape":[2],"data_offsets":[0,4]}}"#, data: [0, 0, 0, 0])
        #expect(throws: SafeTensorsError.unsupportedDType(path: "m", tensor: "w", dtype: "F16")) {
            try SafeTensors.decode(bytes, source: "m")
        }
    }

    /// The `.malformed` detail for `bytes`, or nil if they decode.
    private func malformedDetail(_ bytes: [UInt8]) -> String? {
        do {
            _ = try SafeTensors.decode(bytes, source: "m")
            return nil
        } catch SafeTensorsError.malformed(_, let detail) {
            return detail
        } catch {
            return "unexpected error \(error)"
        }
    }

    @Test func malformedFilesAreRejectedWithTheReason() {
        let four = f32Bytes([1])
        let cases: [(bytes: [UInt8], expected: String)] = [
            ([1, 2, 3], "too short"),
            (withUnsafeBytes(of: UInt64(1000).littleEndian, Array.init) + [0x7b], "exceeds"),
            (file(header: "not json", data: []), "not valid JSON"),
            (file(header: "[1,2]", data: []), "not a JSON object"),
            (file(header: #"{"w":{"shape":[1],"data_offsets":[0,4]}}"#, data: four), "no dtype"),
            (file(header: #"{"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}"#, data: four), "no valid shape"),
            (file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0]}}"#, data: four), "no valid data_offsets"),
            (file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,8]}}"#, data: four), "lie outside"),
            (file(header: #"{"w":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}"#, data: four), "needs 8 bytes"),
            (file(header: #"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#, data: four + four), "not described"),
            (file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#,
                  data: four), "overlaps"),
            (file(header: #"{"a":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}"#, data: four + four), "gap"),
            (file(header: #"{"__metadata__":{"k":3}}"#, data: []), "not a string"),
        ]
        for (bytes, expected) in cases {
            let detail = malformedDetail(bytes)
            #expect(detail?.contains(expected) == true, "expected \"\(expected)\", got \(detail ?? "success")")
        }
    }

    @Test func errorMessageNamesTheFile() {
        let error = SafeTensorsError.malformed(path: "/tmp/x.safetensors", detail: "d")
        #expect("\(error)" == "/tmp/x.safetensors: not a valid safetensors file: d")
    }

    @Test func missingFileIsUnreadable() {
        #expect(throws: SafeTensorsError.self) {
            try SafeTensors.read(from: URL(fileURLWithPath: "/nonexistent/model.safetensors"))
        }
    }
}
