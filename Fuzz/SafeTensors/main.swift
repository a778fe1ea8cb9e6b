// libFuzzer target: the safetensors reader behind `hw1 evaluate --model`.
// Any input must give a named error or tensors whose value counts match their shapes; what
// decodes must encode and decode again to the same shapes and bit patterns.
import HW1Data

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
    guard let (tensors, metadata) = try? SafeTensors.decode(bytes, source: "fuzz.safetensors") else { return 0 }
    let again: (tensors: [String: FloatTensor], metadata: [String: String])
    do {
        again = try SafeTensors.decode(SafeTensors.encode(tensors, metadata: metadata), source: "re-encoded")
    } catch {
        preconditionFailure("a decoded file does not decode after encoding: \(error)")
    }
    precondition(again.metadata == metadata && again.tensors.count == tensors.count)
    for (name, tensor) in tensors {
        let other = again.tensors[name]!
        precondition(other.shape == tensor.shape)
        precondition(other.values.map(\.bitPattern) == tensor.values.map(\.bitPattern))
    }
    return 0
}
