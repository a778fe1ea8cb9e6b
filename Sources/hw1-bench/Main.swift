import Foundation
import BLASKit

/// `hw1-bench [gemm|csv|mlp|wrappers|regression|all]`: the benchmarks behind `make bench`.
/// Each benchmark lives in its own file and prints a table with its same-run references.
@main
struct BenchMain {
    static let benchmarks: [(name: String, summary: String, run: @Sendable ([String]) throws -> Void)] = [
        ("gemm", "Matrix `into:` gemm against a direct cblas_sgemm on the MLP's shapes", GemmBenchmark.run),
        ("mlp", "one part-(b) training epoch against its sgemm calls alone, NumPy and PyTorch", MLPBenchmark.run),
        ("wrappers", "every BLASKit entry point against the raw CBLAS/LAPACKE call, n = 64, 256, 1024 (--sizes, --only)", WrapperBenchmark.run),
        ("csv", "the CSV reader on one and two threads against pandas.read_csv (C engine) on the same file", CSVBenchmark.run),
        ("regression", "Problem 1(c): closed-form least squares against gradient descent, n × d grid, NumPy peers", RegressionBenchmark.run),
    ]

    static func main() {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let selected = arguments.isEmpty ? "all" : arguments.removeFirst()
        if selected == "--help" || selected == "-h" {
            print("usage: hw1-bench [" + (benchmarks.map(\.name) + ["all"]).joined(separator: "|") + "] [options]")
            for benchmark in benchmarks { print("  \(benchmark.name): \(benchmark.summary)") }
            return
        }
        print("\(OpenBLAS.configuration); core \(OpenBLAS.coreName); threads \(OpenBLAS.threadCount)")
        let toRun = selected == "all" ? benchmarks : benchmarks.filter { $0.name == selected }
        guard !toRun.isEmpty else {
            print("hw1-bench: unknown benchmark '\(selected)'; choose one of: " + (benchmarks.map(\.name) + ["all"]).joined(separator: ", "))
            exit(2)
        }
        do {
            for benchmark in toRun { try benchmark.run(arguments) }
        } catch {
            print("hw1-bench: \(error)")
            exit(2)
        }
    }
}
