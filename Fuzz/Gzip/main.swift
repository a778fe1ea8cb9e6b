// libFuzzer target: gzip/zlib decompression (every `.gz` Fashion-MNIST file goes through it).
// Any input must give a named error or output within the limit; what inflates must also
// survive the IDX readers that come next, as in `FashionMNISTFile.readVerified`.
import HW1Data

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
    // The limit comes from the first byte, so small limits (the "one byte past it" path) are hit too.
    let limit = bytes.first.map { Int($0) * 97 } ?? 0
    for maximumSize in [limit, 1 << 22] {
        if let output = try? Gzip.decompress(bytes, source: "fuzz.gz", maximumSize: maximumSize) {
            precondition(output.count <= maximumSize)
            _ = try? IDX.parseImages(output, path: "fuzz.gz")
            _ = try? IDX.parseLabels(output, path: "fuzz.gz", validRange: 0...9)
        }
    }
    // A round trip must give the input back.
    if let packed = try? Gzip.compress(bytes, level: 1) {
        precondition((try? Gzip.decompress(packed, source: "round-trip")) == bytes)
    }
    return 0
}
