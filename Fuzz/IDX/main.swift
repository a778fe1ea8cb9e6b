// libFuzzer target: the IDX readers (`hw1 samples --data-dir`, `hw1 train`, `hw1 evaluate`).
// Any input must give a named error or a parsed file whose sizes agree with its header.
import HW1Data

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
    if let images = try? IDX.parseImages(bytes, path: "fuzz.idx") {
        precondition(images.pixels.count == images.count * images.rows * images.columns)
        precondition(images.pixels.count + 16 == bytes.count)
    }
    for range in [0...255, 0...9] {
        if let labels = try? IDX.parseLabels(bytes, path: "fuzz.idx", validRange: range) {
            precondition(labels.count + 8 == bytes.count)
            precondition(labels.allSatisfy { range.contains(Int($0)) })
        }
    }
    return 0
}
