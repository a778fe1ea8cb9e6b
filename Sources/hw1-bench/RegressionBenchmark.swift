import Foundation
import BLASKit
import HW1Plotting
import HW1Regression
import HW1Demonstrations

/// Problem 1(c), measured: closed-form least squares (Cholesky, QR, SVD) against gradient
/// descent on a grid of n × d, for a well-conditioned and an ill-conditioned design, with the
/// NumPy/SciPy peers of Scripts/bench_regression.py timed in the same run when `.venv` exists.
///
/// `hw1-bench regression --replot [--out DIR]` redraws the charts from DIR/benchmark.csv alone.
/// `hw1-bench regression [--quick] [--rows N,…] [--columns D,…] [--conditions C,…] [--repeats R] [--out DIR] [--memory-gb G] [--gd-seconds S] [--gd-kernel rows|blasBlocks] [--gd-threads N] [--no-peers]`
/// writes DIR/benchmark.csv, DIR/benchmark.md and the log-log plots DIR/time-vs-n.svg and
/// DIR/time-vs-d.svg (DIR defaults to results/regression).
enum RegressionBenchmark {
    struct Settings {
        var rowCounts = [10_000, 100_000, 1_000_000]
        var columnCounts = [10, 100, 1000]
        var conditions: [Double] = [1, 1000]
        var repeats = 3
        var output = "results/regression"
        var memoryBudgetBytes = 2.0e9
        var gdSecondsPerCell = 3.0
        var peers = true
        var gdThreads: Int?
        var gdKernel = FusedPassKernel.rows
    }

    /// One measured cell of the grid.
    struct Cell {
        var n: Int, d: Int, condition: Double
        var skipped: String?
        var cholesky = Double.nan, qr = Double.nan, svd = Double.nan
        var gdSetup = Double.nan, gdIteration = Double.nan
        var gdIterations = Double.nan, gdIterationsMeasured = false
        var kappa = Double.nan
        var peer: [String: Double] = [:]

        /// The cell as benchmark.csv records it (for the charts).
        var evidence: RegressionBenchmarkEvidence.Cell {
            RegressionBenchmarkEvidence.Cell(
                n: n, d: d, condition: condition, cholesky: cholesky, qr: qr, svd: svd, gdIteration: gdIteration,
                gdIterations: gdIterations, gdIterationsMeasured: gdIterationsMeasured, gdTotal: gdTotal, breakEven: breakEven)
        }

        var fastestClosedForm: Double { [cholesky, qr, svd].filter { !$0.isNaN }.min() ?? .nan }
        var gdTotal: Double { gdSetup + gdIterations * gdIteration }
        var breakEven: Double { fastestClosedForm / gdIteration }
    }

    static func run(_ arguments: [String]) throws {
        if arguments.contains("--replot") {
            // Redraw the charts (both languages) from benchmark.csv without measuring again.
            let settings = try parse(arguments.filter { $0 != "--replot" })
            let directory = URL(fileURLWithPath: settings.output)
            let files = try RegressionBenchmarkCharts.write(RegressionBenchmarkEvidence.cells(in: directory), to: directory)
            print("redrew \(files.map { "\(settings.output)/\($0)" }.joined(separator: ", ")) from \(settings.output)/benchmark.csv")
            return
        }
        let settings = try parse(arguments)
        let pythonPath = ".venv/bin/python", peerScript = "Scripts/bench_regression.py"
        let peersAvailable = settings.peers && FileManager.default.isExecutableFile(atPath: pythonPath)
            && FileManager.default.fileExists(atPath: peerScript)
        print("\n## regression: closed form against gradient descent (Double), Problem 1(c)")
        print("OpenBLAS threads \(OpenBLAS.threadCount); GD fused pass (\(settings.gdKernel.rawValue) kernel) on \(settings.gdThreads ?? ProcessInfo.processInfo.activeProcessorCount) worker threads (fewer for small n·d)")
        print(peersAvailable
            ? "NumPy/SciPy peers: \(pythonPath) \(peerScript) (same shape and condition, same run; run on the condition-\(settings.conditions[0]) design only, dense timings do not depend on it)"
            : "NumPy/SciPy peers skipped: \(settings.peers ? "\(pythonPath) or \(peerScript) is missing (make bench creates the venv)" : "--no-peers")")
        print("GD: step 1/L (L by power iteration), stop at ‖w − w_QR‖/‖w_QR‖ ≤ 1e-6; '~' = extrapolated past the \(settings.gdSecondsPerCell) s budget with the rate 1 − 1/κ")

        var cells: [Cell] = []
        printHeader(peers: peersAvailable)
        for condition in settings.conditions {
            for n in settings.rowCounts {
                for d in settings.columnCounts {
                    var cell = Cell(n: n, d: d, condition: condition)
                    let bytes = Double(n) * Double(d) * 8
                    if d >= n {
                        cell.skipped = "d ≥ n"
                    } else if bytes * 2 > settings.memoryBudgetBytes {
                        // X plus the one copy QR/SVD factor in place must fit the budget.
                        cell.skipped = String(format: "X is %.1f GB; X and one copy exceed the %.1f GB budget", bytes / 1e9, settings.memoryBudgetBytes / 1e9)
                    } else {
                        try measure(&cell, settings: settings)
                        // Dense LAPACK and gemv times do not depend on the conditioning, so the
                        // peers run once per shape, on the first (well-conditioned) design.
                        if peersAvailable && condition == settings.conditions[0] {
                            cell.peer = runPeer(pythonPath, peerScript, n: n, d: d, condition: condition, repeats: settings.repeats)
                        }
                    }
                    printRow(cell, peers: peersAvailable)
                    cells.append(cell)
                }
            }
        }
        let exponents = fitExponents(cells.filter { $0.skipped == nil && $0.condition == settings.conditions[0] })
        print("\nScaling exponents, fitted as log t = a + α·log n + β·log d over the condition-\(Int(settings.conditions[0])) cells:")
        for (name, alpha, beta, theory) in exponents {
            print("  " + pad(name, 16) + String(format: "α = %.2f  β = %.2f", alpha, beta) + "   (theory \(theory))")
        }
        try write(cells, exponents: exponents, settings: settings, peers: peersAvailable)
    }

    static func parse(_ arguments: [String]) throws -> Settings {
        var settings = Settings()
        var iterator = arguments.makeIterator()
        func value(_ flag: String) throws -> String {
            guard let v = iterator.next() else { throw BenchmarkUsageError("\(flag) needs a value") }
            return v
        }
        while let argument = iterator.next() {
            switch argument {
            case "--quick":
                settings.rowCounts = [10_000, 100_000]
                settings.columnCounts = [10, 100]
                settings.gdSecondsPerCell = 1
            case "--repeats":
                guard let r = Int(try value(argument)), r >= 1 else { throw BenchmarkUsageError("--repeats needs a positive integer") }
                settings.repeats = r
            case "--out": settings.output = try value(argument)
            case "--memory-gb":
                guard let g = Double(try value(argument)), g > 0 else { throw BenchmarkUsageError("--memory-gb needs a positive number") }
                settings.memoryBudgetBytes = g * 1e9
            case "--gd-seconds":
                guard let s = Double(try value(argument)), s > 0 else { throw BenchmarkUsageError("--gd-seconds needs a positive number") }
                settings.gdSecondsPerCell = s
            case "--no-peers": settings.peers = false
            case "--gd-kernel":
                guard let k = FusedPassKernel(rawValue: try value(argument)) else { throw BenchmarkUsageError("--gd-kernel is rows or blasBlocks") }
                settings.gdKernel = k
            case "--gd-threads":
                guard let t = Int(try value(argument)), t >= 1 else { throw BenchmarkUsageError("--gd-threads needs a positive integer") }
                settings.gdThreads = t
            case "--rows", "--columns", "--conditions":
                let list = try value(argument).split(separator: ",").compactMap { Double($0) }
                guard !list.isEmpty, list.allSatisfy({ $0 >= 1 }) else { throw BenchmarkUsageError("\(argument) needs a comma-separated list of numbers ≥ 1") }
                if argument == "--rows" { settings.rowCounts = list.map { Int($0) } }
                if argument == "--columns" { settings.columnCounts = list.map { Int($0) } }
                if argument == "--conditions" { settings.conditions = list }
            default:
                throw BenchmarkUsageError("unknown option '\(argument)'; use --quick, --replot, --rows N,…, --columns D,…, --conditions C,…, --repeats R, --out DIR, --memory-gb G, --gd-seconds S, --gd-kernel rows|blasBlocks, --gd-threads N, --no-peers")
            }
        }
        return settings
    }

    /// Times every method on one cell. Large cells get fewer repeats so the grid stays within minutes.
    static func measure(_ cell: inout Cell, settings: Settings) throws {
        let problem = SyntheticRegression<Double>(rows: cell.n, columns: cell.d, condition: cell.condition, seed: 42)
        let x = problem.features, y = problem.targets
        var reference: ClosedFormFit<Double>?
        func timed(_ method: ClosedFormMethod) throws -> Double {
            var samples: [Double] = []
            var fit: ClosedFormFit<Double>?
            while samples.count < settings.repeats {
                do {
                    samples.append(try Timing.seconds { fit = try LinearRegression.fitClosedForm(x, y, method: method) })
                } catch {
                    return .nan  // e.g. Cholesky refusing a design whose XᵀX is numerically singular
                }
                // One sample of a multi-second solve is already far above timer noise.
                if samples.count >= 2 && samples.reduce(0, +) > 10 { break }
            }
            if method == .svd { reference = fit }
            if method == .qr, reference == nil { reference = fit }
            samples.sort()
            return samples[samples.count / 2]
        }
        cell.cholesky = try timed(.cholesky)
        cell.qr = try timed(.qr)
        let qrWeights = reference!.model.weights
        cell.svd = try timed(.svd)
        if let values = reference?.singularValues, let largest = values.first, let smallest = values.last, smallest > 0 {
            cell.kappa = (largest / smallest) * (largest / smallest)
        }

        var objective: LeastSquaresGradient<Double>?
        var lipschitz = 0.0
        cell.gdSetup = try Timing.seconds {
            objective = try LeastSquaresGradient(features: x, targets: y, threads: settings.gdThreads, kernel: settings.gdKernel)
            lipschitz = objective!.largestEigenvalue()
        }
        var prepared = objective!
        let rate = 1 / lipschitz
        // Per-iteration time: a fixed number of iterations with no early stop.
        let probe = Timing.seconds { _ = LinearRegression.descend(&prepared, rate: rate, options: .init(maxIterations: 1, gradientTolerance: 0)) }
        let count = max(5, min(200, Int(0.5 / max(probe / 2, 1e-9))))
        var perIteration: [Double] = []
        for _ in 0..<settings.repeats {
            let t = Timing.seconds {
                _ = LinearRegression.descend(&prepared, rate: rate, options: .init(maxIterations: count, gradientTolerance: 0))
            }
            perIteration.append(t / Double(count + 1))  // count updates + the initial evaluation
        }
        perIteration.sort()
        cell.gdIteration = perIteration[perIteration.count / 2]

        // Iterations to reach 1e-6 of the QR solution, within the time budget.
        let target = 1e-6
        let cap = max(10, Int(settings.gdSecondsPerCell / cell.gdIteration))
        let fit = LinearRegression.descend(
            &prepared, rate: rate, options: .init(maxIterations: cap, gradientTolerance: 0, reference: (qrWeights, target)))
        if fit.stop == .reachedReference {
            cell.gdIterations = Double(fit.iterations)
            cell.gdIterationsMeasured = true
        } else {
            // Late in the run the slowest eigen-direction dominates; it shrinks by 1 − 1/κ per step.
            let error = relativeDistance(fit.model.weights, qrWeights)
            let kappa = cell.kappa.isNaN ? lipschitz : cell.kappa
            let remaining = log(target / error) / log(1 - 1 / kappa)
            cell.gdIterations = Double(fit.iterations) + max(0, remaining)
        }
        blackHole(fit)
    }

    static func relativeDistance(_ a: [Double], _ b: [Double]) -> Double {
        var difference = 0.0, norm = 0.0
        for i in 0..<a.count {
            difference += (a[i] - b[i]) * (a[i] - b[i])
            norm += b[i] * b[i]
        }
        return (difference / norm).squareRoot()
    }

    /// Runs the NumPy/SciPy peer on the same shape and condition; an empty result if it fails.
    static func runPeer(_ python: String, _ script: String, n: Int, d: Int, condition: Double, repeats: Int) -> [String: Double] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        // Multi-second solves: fewer repeats, as on the Swift side.
        let peerRepeats = Double(n) * Double(d) * Double(d) > 5e9 ? min(repeats, 2) : repeats
        process.arguments = [
            script, "--n", "\(n)", "--d", "\(d)", "--condition", "\(condition)", "--seed", "42",
            "--repeats", "\(peerRepeats)", "--gd-repeats", "\(max(5, min(50, Int(2e8 / Double(n * d)))))",
        ]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
        } catch {
            print("  peer failed to start: \(error)")
            return [:]
        }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0,
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else {
            print("  peer exited with status \(process.terminationStatus)")
            return [:]
        }
        var result: [String: Double] = [:]
        for key in ["cholesky_seconds", "gels_seconds", "lstsq_seconds", "gd_step_seconds"] {
            if let v = object[key] as? Double { result[key] = v }
        }
        return result
    }

    /// Fits log t = a + α·log n + β·log d by least squares (the package's own QR solver).
    static func fitExponents(_ cells: [Cell]) -> [(String, Double, Double, String)] {
        let series: [(String, KeyPath<Cell, Double>, String)] = [
            ("cholesky", \.cholesky, "nd² + d³: α = 1, β = 2 for n ≫ d"),
            ("qr", \.qr, "2nd² − 2d³/3: α = 1, β = 2"),
            ("svd", \.svd, "≈ 2nd² + O(d³): α = 1, β = 2"),
            ("gd iteration", \.gdIteration, "2nd per iteration: α = 1, β = 1"),
        ]
        var result: [(String, Double, Double, String)] = []
        for (name, path, theory) in series {
            let points = cells.filter { $0[keyPath: path] > 0 }
            guard points.count >= 3 else { continue }
            let x = Matrix<Double>(rows: points.count, columns: 2) { r, c in log(Double(c == 0 ? points[r].n : points[r].d)) }
            let y = points.map { log($0[keyPath: path]) }
            if let fit = try? LinearRegression.fitClosedForm(x, y, method: .qr) {
                result.append((name, fit.model.weights[0], fit.model.weights[1], theory))
            }
        }
        return result
    }

    // MARK: - Output

    static let columns: [(String, Int)] = [
        ("n", 9), ("d", 6), ("cond", 6), ("chol s", 10), ("qr s", 10), ("svd s", 10), ("GD it s", 10),
        ("GD m", 11), ("GD total s", 12), ("m*", 9),
    ]
    static let peerColumns: [(String, Int)] = [("chol/np", 9), ("qr/np", 9), ("svd/np", 9), ("step/np", 9)]

    static func printHeader(peers: Bool) {
        print((columns + (peers ? peerColumns : [])).map { pad($0.0, $0.1) }.joined())
    }

    static func printRow(_ cell: Cell, peers: Bool) {
        let values = rowValues(cell, peers: peers)
        if let skipped = cell.skipped {
            print(pad(values[0], 9) + pad(values[1], 6) + pad(values[2], 6) + "skipped: \(skipped)")
            return
        }
        print(zip(values, columns + (peers ? peerColumns : [])).map { pad($0.0, $0.1.1) }.joined())
    }

    static func format(_ v: Double, _ spec: String = "%.3g") -> String { v.isNaN ? "—" : String(format: spec, v) }

    static func rowValues(_ cell: Cell, peers: Bool) -> [String] {
        var values = ["\(cell.n)", "\(cell.d)", String(format: "%g", cell.condition)]
        if cell.skipped != nil { return values }
        values += [format(cell.cholesky), format(cell.qr), format(cell.svd), format(cell.gdIteration)]
        values.append((cell.gdIterationsMeasured ? "" : "~") + format(cell.gdIterations, "%.3g"))
        values.append((cell.gdIterationsMeasured ? "" : "~") + format(cell.gdTotal))
        values.append(format(cell.breakEven, "%.3g"))
        if peers {
            func ratio(_ swift: Double, _ key: String) -> String { cell.peer[key].map { format(swift / $0, "%.2f") } ?? "—" }
            values += [
                ratio(cell.cholesky, "cholesky_seconds"), ratio(cell.qr, "gels_seconds"),
                ratio(cell.svd, "lstsq_seconds"), ratio(cell.gdIteration, "gd_step_seconds"),
            ]
        }
        return values
    }

    static func write(_ cells: [Cell], exponents: [(String, Double, Double, String)], settings: Settings, peers: Bool) throws {
        let directory = URL(fileURLWithPath: settings.output)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        var csv = "n,d,condition,skipped,cholesky_seconds,qr_seconds,svd_seconds,gd_setup_seconds,gd_iteration_seconds,"
            + "gd_iterations,gd_iterations_measured,gd_total_seconds,break_even_iterations,kappa,"
            + "numpy_cholesky_seconds,numpy_gels_seconds,numpy_lstsq_seconds,numpy_gd_step_seconds\n"
        for c in cells {
            let fields: [String] = [
                "\(c.n)", "\(c.d)", "\(c.condition)", c.skipped.map { "\"\($0)\"" } ?? "",
                "\(c.cholesky)", "\(c.qr)", "\(c.svd)", "\(c.gdSetup)", "\(c.gdIteration)", "\(c.gdIterations)",
                "\(c.gdIterationsMeasured)", "\(c.skipped == nil ? c.gdTotal : .nan)", "\(c.breakEven)", "\(c.kappa)",
                c.peer["cholesky_seconds"].map { "\($0)" } ?? "", c.peer["gels_seconds"].map { "\($0)" } ?? "",
                c.peer["lstsq_seconds"].map { "\($0)" } ?? "", c.peer["gd_step_seconds"].map { "\($0)" } ?? "",
            ]
            csv += fields.joined(separator: ",") + "\n"
        }
        try csv.write(to: directory.appendingPathComponent("benchmark.csv"), atomically: true, encoding: .utf8)

        let header = (columns + (peers ? peerColumns : [])).map(\.0)
        var markdown = "<!-- written by `hw1-bench regression`; \(OpenBLAS.configuration), \(OpenBLAS.threadCount) threads -->\n"
        markdown += "| " + header.joined(separator: " | ") + " |\n|" + header.map { _ in "---|" }.joined() + "\n"
        for c in cells {
            var values = rowValues(c, peers: peers)
            if let skipped = c.skipped { values.append("skipped: \(skipped)") }
            while values.count < header.count { values.append("") }
            markdown += "| " + values.joined(separator: " | ") + " |\n"
        }
        markdown += "\nFitted exponents (log t = a + α log n + β log d):\n\n| method | α | β | theory |\n|---|---|---|---|\n"
        for (name, alpha, beta, theory) in exponents {
            markdown += "| \(name) | " + String(format: "%.2f | %.2f", alpha, beta) + " | \(theory) |\n"
        }
        try markdown.write(to: directory.appendingPathComponent("benchmark.md"), atomically: true, encoding: .utf8)

        let measured = cells.filter { $0.skipped == nil && $0.condition == settings.conditions[0] }.map(\.evidence)
        try RegressionBenchmarkCharts.write(measured, to: directory)
        print("\nwrote \(settings.output)/benchmark.csv, benchmark.md, time-vs-n.svg, time-vs-d.svg (and -fa.svg twins in Persian)")
    }
}

/// A bad command-line option of a benchmark.
struct BenchmarkUsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
