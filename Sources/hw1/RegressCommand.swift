import ArgumentParser
import Foundation
import HW1Data
import BLASKit
import HW1Regression

/// `hw1 regress`: fits `ŷ = X·w + b` (Problem 1) by a closed form or by gradient descent, on a
/// CSV file or a synthetic design, and prints the weights, bias, loss and solve time.
struct RegressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regress",
        abstract: "Fit linear regression by Cholesky, QR, SVD, gradient descent or mini-batch SGD.",
        discussion: """
            The loss is J(w, b) = 1/(2n)·Σ(y − Xw − b)². The bias is fitted exactly by centring.
            gd uses the step 1/L (L = largest eigenvalue of the centred XᵀX/n) unless --learning-rate \
            is given; for sgd, --iterations counts epochs.
            """)

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case cholesky, qr, svd, gd, sgd
    }

    @Option(name: .long, help: "CSV file with a header row and numeric columns.")
    var csv: String?

    @Option(name: .long, help: "Name of the target column in --csv.")
    var target: String?

    @Option(name: .long, help: "A NumPy .npy file (float64 or float32, 2-D) holding the design, or the design and the target.")
    var npy: String?

    @Option(name: .long, help: "A 1-D .npy file of targets, one per row of --npy.")
    var targetNpy: String?

    @Option(name: .long, help: "The target's column in --npy: 0-based, negative counts from the end (-1 = last).")
    var targetColumn: Int?

    @Flag(name: .long, help: "Read --csv in one pass without holding it: accumulate XᵀX, Xᵀy, the means and yᵀy in Double, then Cholesky. Memory O(d² + one chunk), independent of n.")
    var stream = false

    @Option(name: .long, help: "Threads that parse --csv chunks (default 2).")
    var readThreads: Int = 2

    @Option(name: .long, help: "A synthetic design N,D[,CONDITION] instead of a CSV file.")
    var synthetic: String?

    @Option(name: .customLong("method"), help: "Solver: \(Method.allCases.map(\.rawValue).joined(separator: "|")) (default qr; cholesky with --stream).")
    var methodOption: Method?

    var method: Method { methodOption ?? (stream ? .cholesky : .qr) }

    @Option(name: .long, help: "Maximum GD iterations (default 1000) or SGD epochs (default 20).")
    var iterations: Int?

    @Option(name: .long, help: "Step size η for gd/sgd (default: 1/L).")
    var learningRate: Double?

    @Option(name: .long, help: "Stop gd/sgd when ‖∇J‖ falls to this value.")
    var tolerance: Double = 1e-8

    @Option(name: .long, help: "Mini-batch size for sgd.")
    var batchSize: Int = 32

    @Option(name: .long, help: "Seed for the synthetic design and the SGD shuffles.")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Print {\"method\",\"weights\",\"bias\",\"loss\",\"seconds\",\"iterations\"} as JSON.")
    var json = false

    func validate() throws {
        let sources = [csv, npy, synthetic].compactMap { $0 }.count
        if sources == 0 {
            throw ValidationError("give --csv FILE --target COLUMN, --npy X.npy (--target-npy y.npy | --target-column K) or --synthetic N,D[,CONDITION]")
        }
        if sources > 1 { throw ValidationError("give one of --csv, --npy and --synthetic, not several") }
        if csv != nil && target == nil { throw ValidationError("--csv needs --target COLUMN, the column to predict") }
        if target != nil && csv == nil { throw ValidationError("--target names a column of --csv; for --npy use --target-npy or --target-column") }
        if npy != nil && (targetNpy == nil) == (targetColumn == nil) {
            throw ValidationError("--npy needs exactly one of --target-npy y.npy and --target-column K")
        }
        if npy == nil && (targetNpy != nil || targetColumn != nil) {
            throw ValidationError("--target-npy and --target-column go with --npy")
        }
        if stream {
            if csv == nil { throw ValidationError("--stream reads a --csv file in one pass; --npy and --synthetic are solved in memory") }
            if method != .cholesky {
                throw ValidationError("--stream solves the accumulated normal equations by Cholesky (one pass over the file); --method \(method.rawValue) needs the whole design in memory (and gradient descent over a stream would need one pass per iteration, which is not built)")
            }
        }
        if readThreads < 1 { throw ValidationError("--read-threads must be at least 1, got \(readThreads)") }
        if let iterations, iterations < 0 { throw ValidationError("--iterations must be 0 or more, got \(iterations)") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw ValidationError("--learning-rate must be a positive number, got \(learningRate)")
        }
        if !(tolerance >= 0) { throw ValidationError("--tolerance must be 0 or more, got \(tolerance)") }
        if batchSize < 1 { throw ValidationError("--batch-size must be at least 1, got \(batchSize)") }
        if let synthetic { _ = try Self.parseSynthetic(synthetic) }
    }

    static func parseSynthetic(_ text: String) throws -> (rows: Int, columns: Int, condition: Double) {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 || parts.count == 3, let rows = Int(parts[0]), let columns = Int(parts[1]),
            rows > 0, columns > 0
        else {
            throw ValidationError("--synthetic expects N,D[,CONDITION] with positive integers N and D (e.g. 10000,100,1000), got '\(text)'")
        }
        let condition = parts.count == 3 ? Double(parts[2]) : 1
        guard let condition, condition >= 1, condition.isFinite else {
            throw ValidationError("--synthetic: CONDITION must be a number ≥ 1, got '\(parts[2])'")
        }
        return (rows, columns, condition)
    }

    func run() throws {
        do {
            try fitAndReport()
        } catch let error as ValidationError {
            throw error
        } catch {
            FileHandle.standardError.write(Data("hw1 regress: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    func fitAndReport() throws {
        if stream { return try streamAndReport() }
        let (x, y, names, source) = try loadData()
        var result: (weights: [Double], bias: Double, seconds: Double, iterations: Int?, note: String?)
        switch method {
        case .cholesky, .qr, .svd:
            let closedForm = ClosedFormMethod(rawValue: method.rawValue)!
            var fit: ClosedFormFit<Double>?
            let seconds = try time { fit = try LinearRegression.fitClosedForm(x, y, method: closedForm) }
            let rank = method == .svd ? "rank \(fit!.rank) of \(x.columns)" : nil
            result = (fit!.model.weights, fit!.model.bias, seconds, nil, rank)
        case .gd:
            let options = GradientDescentOptions<Double>(
                learningRate: learningRate, maxIterations: iterations ?? 1000, gradientTolerance: tolerance)
            var fit: GradientDescentFit<Double>?
            let seconds = try time { fit = try LinearRegression.fitGradientDescent(x, y, options: options) }
            let f = fit!
            let note = "stopped by \(f.stop.rawValue), ‖∇J‖ = \(f.gradientNorm), step \(f.learningRate)"
                + (f.lipschitzConstant.map { " = 1/L, L = \($0)" } ?? "")
            result = (f.model.weights, f.model.bias, seconds, f.iterations, note)
        case .sgd:
            let options = StochasticGradientDescentOptions<Double>(
                learningRate: learningRate, batchSize: batchSize, epochs: iterations ?? 20, gradientTolerance: tolerance)
            var generator = SeededGenerator(seed: seed)
            var fit: StochasticGradientDescentFit<Double>?
            let seconds = try time {
                fit = try LinearRegression.fitStochasticGradientDescent(x, y, options: options, using: &generator)
            }
            let f = fit!
            result = (f.model.weights, f.model.bias, seconds, f.epochs, "\(f.updates) updates of batch \(batchSize), step \(f.learningRate), ‖∇J‖ = \(f.gradientNorm)")
        }
        let loss = LinearModel(weights: result.weights, bias: result.bias).loss(x, y)
        if json {
            let iterations = result.iterations.map(String.init) ?? "null"
            print(
                "{\"method\": \"\(method.rawValue)\", \"weights\": [\(result.weights.map(jsonNumber).joined(separator: ", "))], "
                    + "\"bias\": \(jsonNumber(result.bias)), \"loss\": \(jsonNumber(loss)), "
                    + "\"seconds\": \(jsonNumber(result.seconds)), \"iterations\": \(iterations)}")
            return
        }
        print("\(source): n = \(x.rows) rows, d = \(x.columns) features; method \(method.rawValue)")
        if let note = result.note { print("  \(note)") }
        let width = max(4, names.map(\.count).max() ?? 0)
        // Wide designs: the first 20 weights on the terminal; --json has them all.
        for (name, weight) in zip(names, result.weights).prefix(20) {
            print("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(format: "% .10g", weight))
        }
        if names.count > 20 { print("  … \(names.count - 20) more (use --json for all)") }
        print("  " + "bias".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(format: "% .10g", result.bias))
        print("loss J = \(loss)")
        print(String(format: "solve time %.6f s", result.seconds) + (result.iterations.map { ", \($0) \(method == .sgd ? "epochs" : "iterations")" } ?? ""))
    }

    /// The design, targets, feature names and a label of where they came from.
    func loadData() throws -> (Matrix<Double>, [Double], [String], String) {
        if let synthetic {
            let (rows, columns, condition) = try Self.parseSynthetic(synthetic)
            let problem = SyntheticRegression<Double>(rows: rows, columns: columns, condition: condition, seed: seed)
            return (problem.features, problem.targets, (0..<columns).map { "x\($0 + 1)" }, "synthetic \(rows)×\(columns), condition \(condition)")
        }
        let split: FeaturesAndTarget
        let path: String
        if let npyPath = npy {
            path = npyPath
            let array = try NumPyArray(contentsOf: URL(fileURLWithPath: npyPath))
            if let targetPath = targetNpy {
                let targets = try NumPyArray(contentsOf: URL(fileURLWithPath: targetPath))
                guard array.shape.count == 2 else {
                    throw NumPyArrayError.wrongShape(path: npyPath, shape: array.shape, expected: "2-D (rows, features)")
                }
                guard targets.values.count == array.rowCount, targets.shape.count <= 2, targets.values.count == targets.rowCount else {
                    throw NumPyArrayError.wrongShape(path: targetPath, shape: targets.shape, expected: "(\(array.rowCount),), one target per row of \(npyPath)")
                }
                split = FeaturesAndTarget(
                    features: array.values, rowCount: array.rowCount, featureNames: (0..<array.columnCount).map { "x\($0)" },
                    target: targets.values, targetName: "y")
            } else {
                split = try array.splittingTarget(column: targetColumn!, source: npyPath)
            }
        } else {
            path = csv!
            // Plain words ("no such file", "is a directory", "permission denied") before the reader runs.
            do { try FileBytes.checkReadable(URL(fileURLWithPath: path)) } catch {
                throw RegressionCommandError("\(path): cannot read the file (\(error.reason))")
            }
            split = try NumericCSV(contentsOf: URL(fileURLWithPath: path), threads: readThreads).splittingTargetInPlace(named: target!)
        }
        if split.columnCount == 0 {
            throw RegressionCommandError("\(path): \(RegressionError.noFeatures)")
        }
        if split.rowCount <= split.columnCount {
            throw RegressionCommandError("\(path): \(RegressionError.tooFewRows(rows: split.rowCount, columns: split.columnCount))")
        }
        let x = Matrix(rows: split.rowCount, columns: split.columnCount, elements: split.features)
        return (x, split.target, split.featureNames, path)
    }

    /// `--stream`: one pass over the CSV file into `NormalEquationSums`, then Cholesky.
    func streamAndReport() throws {
        let path = csv!
        var sums: NormalEquationSums?
        var names: [String] = []
        var bytes = 0
        let readSeconds = try time {
            let reader = try NumericCSVReader(contentsOf: URL(fileURLWithPath: path), threads: readThreads)
            guard let targetIndex = reader.columnNames.firstIndex(of: target!) else {
                throw NumericCSVError.missingColumn(name: target!, available: reader.columnNames)
            }
            names = reader.columnNames
            names.remove(at: targetIndex)
            var accumulated = NormalEquationSums(featureCount: names.count)
            let columns = reader.columnNames.count
            try reader.forEachBlock { block in
                accumulated.add(block: block.values, rows: block.rowCount, columns: columns, targetColumn: targetIndex)
                bytes = block.bytesRead
            }
            sums = accumulated
        }
        guard let sums, sums.count > 0 else { throw NumericCSVError.noDataRows(source: path) }
        if names.isEmpty { throw RegressionCommandError("\(path): \(RegressionError.noFeatures)") }
        var fit: (model: LinearModel<Double>, loss: Double)?
        let solveSeconds = try time { fit = try sums.solve() }
        let model = fit!.model
        if json {
            print(
                "{\"method\": \"cholesky\", \"streamed\": true, \"rows\": \(sums.count), \"weights\": [\(model.weights.map(jsonNumber).joined(separator: ", "))], "
                    + "\"bias\": \(jsonNumber(model.bias)), \"loss\": \(jsonNumber(fit!.loss)), "
                    + "\"pass_seconds\": \(jsonNumber(readSeconds)), \"seconds\": \(jsonNumber(solveSeconds)), \"iterations\": null}")
            return
        }
        print("\(path): n = \(sums.count) rows, d = \(names.count) features; method cholesky, streamed")
        print(String(format: "  one pass over %.3g MB in chunks (%.3f s, %d parsing thread%@): XᵀX, Xᵀy, means and yᵀy accumulated in Double; the design was never held in memory",
            Double(bytes) / 1e6, readSeconds, readThreads, readThreads == 1 ? "" : "s"))
        let width = max(4, names.map(\.count).max() ?? 0)
        for (name, weight) in zip(names, model.weights).prefix(20) {
            print("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(format: "% .10g", weight))
        }
        if names.count > 20 { print("  … \(names.count - 20) more (use --json for all)") }
        print("  " + "bias".padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(format: "% .10g", model.bias))
        print("loss J = \(fit!.loss)")
        print(String(format: "solve time %.6f s (after the pass)", solveSeconds))
    }

    func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    func jsonNumber(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }
}

/// A problem with the regression input, already phrased for the user.
struct RegressionCommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
