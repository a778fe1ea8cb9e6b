// libFuzzer target: the metrics.json reader of `hw1 report` (Sources/hw1/RunMetrics.swift,
// compiled into this target). Any input must give a named error or metrics whose figures the
// report can print: the config values' descriptions, the mean epoch time, a JSON round trip.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Data(UnsafeBufferPointer(start: $0, count: size)) } ?? Data()
    guard let metrics = try? RunMetrics.decode(bytes, path: "fuzz/metrics.json") else { return 0 }
    for value in metrics.config.values { _ = value.description }
    _ = metrics.meanEpochSeconds
    _ = metrics.final?.test_accuracy
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    // Decoded numbers are finite (JSON has no NaN or infinity), so encoding cannot fail.
    guard let encoded = try? encoder.encode(metrics) else { preconditionFailure("decoded metrics do not encode") }
    precondition((try? RunMetrics.decode(encoded, path: "re-encoded")) != nil)
    return 0
}
