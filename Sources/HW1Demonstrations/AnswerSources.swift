import Foundation

/// The sources the answers' tie markers name:
/// - `demo:NAME/KEY` — the value `KEY` or the table keyed `KEY` of `hw1 demo NAME` (run once,
///   with the command line's default seed 1; ``DemonstrationReport/values``, ``TextTable/key``);
/// - `bench:KEY` — the measured regression benchmark in `results/regression/`
///   (``RegressionBenchmarkEvidence``: tables `timings`, `exponents`, `fit`, and its ``RegressionBenchmarkEvidence/values``).
public final class AnswerSources: AnswerTies.Source {
    /// The seed every demo runs with (the CLI's default).
    public let seed: UInt64
    /// Where `hw1-bench regression` wrote benchmark.csv and benchmark.md.
    public let benchmarkDirectory: URL
    private var reports: [String: DemonstrationReport] = [:]
    private var evidence: RegressionBenchmarkEvidence?

    /// Sources with the given seed and benchmark directory.
    public init(seed: UInt64 = 1, benchmarkDirectory: URL) {
        self.seed = seed
        self.benchmarkDirectory = benchmarkDirectory
    }

    /// A source name or key that names nothing.
    public struct UnknownSource: Error, CustomStringConvertible {
        /// What is unknown and what exists.
        public var description: String
    }

    /// The report of demo `name`, run once and kept.
    public func report(_ name: String) throws -> DemonstrationReport {
        if let report = reports[name] { return report }
        guard let entry = DemonstrationCatalog.entry(named: name) else {
            throw UnknownSource(description: "no demonstration '\(name)' (demos: \(DemonstrationCatalog.all.map(\.name).joined(separator: ", ")))")
        }
        let report = try entry.run(seed)
        reports[name] = report
        return report
    }

    /// The benchmark evidence, read once.
    public func benchmark() throws -> RegressionBenchmarkEvidence {
        if let evidence { return evidence }
        let read = try RegressionBenchmarkEvidence(directory: benchmarkDirectory)
        evidence = read
        return read
    }

    private func split(_ key: String) throws -> (String, String) {
        guard let slash = key.firstIndex(of: "/") else {
            throw UnknownSource(description: "demo key '\(key)' is not NAME/KEY (e.g. batchnorm/step0-loss)")
        }
        return (String(key[..<slash]), String(key[key.index(after: slash)...]))
    }

    public func value(source: String, key: String) throws -> Double? {
        switch source {
        case "demo":
            let (name, inner) = try split(key)
            return try report(name).values[inner]
        case "bench":
            return try benchmark().values[key]
        default:
            throw UnknownSource(description: "unknown source '\(source)'; use demo:NAME/KEY or bench:KEY")
        }
    }

    public func table(source: String, key: String) throws -> TextTable? {
        switch source {
        case "demo":
            let (name, inner) = try split(key)
            return try report(name).tables.first { $0.key == inner }
        case "bench":
            let evidence = try benchmark()
            return [evidence.timings, evidence.exponents, evidence.fitTable].first { $0.key == key }
        default:
            throw UnknownSource(description: "unknown source '\(source)'; use demo:NAME/KEY or bench:KEY")
        }
    }
}
