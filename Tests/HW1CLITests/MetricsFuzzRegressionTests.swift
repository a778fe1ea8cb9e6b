import Foundation
import Testing
@testable import hw1

/// Replays the metrics.json inputs kept for the `metrics` fuzz target (Fuzz/Metrics) through the
/// reader of `hw1 report`, without a fuzzer: a regression input gives a named error or metrics,
/// every seed in Fuzz/corpus/metrics gives metrics.
struct MetricsFuzzRegressionTests {
    static let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    static let regressions = tests.appendingPathComponent("HW1DataTests/Fixtures/fuzz-regressions/metrics")
    static let seeds = tests.deletingLastPathComponent().appendingPathComponent("Fuzz/corpus/metrics")

    static func files(_ folder: URL) throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }.sorted { $0.path < $1.path }
    }

    @Test func regressionInputsGiveNamedErrorsOrMetrics() throws {
        let inputs = try Self.files(Self.regressions)
        #expect(!inputs.isEmpty)
        for url in inputs {
            do {
                let metrics = try RunMetrics.load(from: url)
                _ = metrics.meanEpochSeconds
                _ = metrics.config.values.map(\.description)
            } catch let error as CLIError {
                #expect(error.description.contains(url.path) && error.description.contains("not a valid metrics.json"))
            }
        }
    }

    @Test func seedsAreValidMetrics() throws {
        let seeds = try Self.files(Self.seeds)
        #expect(!seeds.isEmpty)
        for url in seeds { _ = try RunMetrics.load(from: url) }
    }
}
