import Foundation
import HW1Data

/// The CSV reader (issue #15): `NumericCSV(contentsOf:)` on one and on two threads against
/// pandas' `read_csv` (C engine) on the same generated file, in the same run.
///
/// `hw1-bench csv [--rows N] [--columns D] [--format %.10g] [--repeats R] [--file PATH] [--no-peers]`
/// The file (default: the temporary directory, `hw1-bench-N×D-FORMAT.csv`) is written once by
/// Scripts/bench_csv.py and reused; every reader is timed on a warm page cache (one untimed
/// read first), median of R. Peak memory is not measured here: run one reader under
/// `/usr/bin/time -v`, e.g. `hw1-bench csv --swift-only 1 --file PATH` (see Docs/data-input.md).
enum CSVBenchmark {
    struct Settings {
        var rows = 1_000_000
        var columns = 21
        var format = "%.10g"
        var repeats = 3
        var file: String?
        var peers = true
        var swiftOnlyThreads: Int?
    }

    static func run(_ arguments: [String]) throws {
        let settings = try parse(arguments)
        let python = ".venv/bin/python", script = "Scripts/bench_csv.py"
        let pythonAvailable = FileManager.default.isExecutableFile(atPath: python) && FileManager.default.fileExists(atPath: script)
        let path = settings.file ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("hw1-bench-\(settings.rows)x\(settings.columns)-\(settings.format.replacingOccurrences(of: "%", with: "")).csv").path
        if !FileManager.default.fileExists(atPath: path) {
            guard pythonAvailable else {
                throw BenchmarkUsageError("\(path) does not exist and \(python) \(script) is missing to write it (make bench creates the venv)")
            }
            print("writing \(path) (\(settings.rows) rows × \(settings.columns) columns, \(settings.format)) with \(script) …")
            try runPython(python, [script, "--generate", path, "--rows", "\(settings.rows)", "--columns", "\(settings.columns)", "--format", settings.format])
        }
        let url = URL(fileURLWithPath: path)
        let bytes = Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0)

        if let threads = settings.swiftOnlyThreads {
            // One read, for /usr/bin/time -v: the peak resident size is this reader's alone.
            var table: NumericCSV?
            let seconds = try Timing.seconds { table = try NumericCSV(contentsOf: url, threads: threads) }
            let t = table!
            print(String(format: "read %@: %d rows × %d columns in %.3f s on %d thread(s); matrix %.1f MB",
                path, t.rowCount, t.columnCount, seconds, threads, Double(t.values.count) * 8 / 1e6))
            return
        }

        print("\n## csv: NumericCSV(contentsOf:) against pandas.read_csv (C engine), same file, same run")
        print(String(format: "file %@: %.1f MB, %d rows × %d columns, values written with %@; warm page cache, median of %d",
            path, bytes / 1e6, settings.rows, settings.columns, settings.format, settings.repeats))
        var sums: [String: Double] = [:]
        var rows: [(String, Double)] = []
        for threads in [1, 2] {
            var table: NumericCSV?
            let seconds = try Timing.median(repeats: settings.repeats) { table = try NumericCSV(contentsOf: url, threads: threads) }
            sums["\(threads)"] = table!.values.reduce(0, +)
            rows.append(("hw1 NumericCSV, \(threads) thread\(threads == 1 ? "" : "s")", seconds))
        }
        var peer: [String: Any] = [:]
        if settings.peers && pythonAvailable {
            peer = (try? runPythonJSON(python, [script, "--read", path, "--repeats", "\(settings.repeats)"])) ?? [:]
            if let seconds = peer["pandas_c_seconds"] as? Double {
                rows.append(("pandas \(peer["pandas"] ?? "?") read_csv, C engine", seconds))
            } else {
                print("pandas peer failed (is pandas in the venv? pip install -r Scripts/requirements.txt)")
            }
        } else {
            print("pandas peer skipped: \(settings.peers ? "\(python) or \(script) is missing" : "--no-peers")")
        }
        let pandas = peer["pandas_c_seconds"] as? Double
        print("| reader | seconds | MB/s | ns per number | pandas time ÷ this time |")
        print("|---|---:|---:|---:|---:|")
        let numbers = Double(settings.rows * settings.columns)
        for (name, seconds) in rows {
            let ratio = pandas.map { String(format: "%.2f×", $0 / seconds) } ?? "–"
            print(String(format: "| %@ | %.3f | %.0f | %.1f | %@ |", name, seconds, bytes / 1e6 / seconds, seconds / numbers * 1e9, ratio))
        }
        if let pandasSum = peer["sum"] as? Double {
            for (threads, sum) in sums.sorted(by: { $0.key < $1.key }) {
                let relative = abs(sum - pandasSum) / max(abs(pandasSum), 1)
                print(String(format: "same numbers: sum of all values, %@ thread(s) %.12g, pandas %.12g (relative difference %.1e)", threads, sum, pandasSum, relative))
            }
        }
    }

    static func parse(_ arguments: [String]) throws -> Settings {
        var settings = Settings()
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let v = iterator.next() else { throw BenchmarkUsageError("\(flag) needs a value") }
            return v
        }
        func positive(_ flag: String) throws -> Int {
            guard let n = Int(try value(flag)), n >= 1 else { throw BenchmarkUsageError("\(flag) needs a positive integer") }
            return n
        }
        while let argument = iterator.next() {
            switch argument {
            case "--rows": settings.rows = try positive(argument)
            case "--columns": settings.columns = try positive(argument)
            case "--repeats": settings.repeats = try positive(argument)
            case "--format": settings.format = try value(argument)
            case "--file": settings.file = try value(argument)
            case "--no-peers": settings.peers = false
            case "--swift-only": settings.swiftOnlyThreads = try positive(argument)
            case "--quick": settings.rows = 100_000
            default: throw BenchmarkUsageError("csv: unknown option '\(argument)'")
            }
        }
        return settings
    }

    static func runPython(_ python: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw BenchmarkUsageError("\(python) \(arguments.joined(separator: " ")) exited with status \(process.terminationStatus)")
        }
    }

    static func runPythonJSON(_ python: String, _ arguments: [String]) throws -> [String: Any] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw BenchmarkUsageError("\(python) exited with status \(process.terminationStatus)")
        }
        return object
    }
}
