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

    @Option(name: .long, help: "A synthetic design N,D[,CONDITION] instead of a CSV file.")
    var synthetic: String?

    @Option(name: .long, help: "Solver: \(Method.allCases.map(\.rawValue).joined(separator: "|")).")
    var method: Method = .qr

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
        switch (csv, synthetic) {
        case (nil, nil): throw ValidationError("give either --csv FILE --target COLUMN or --synthetic N,D[,CONDITION]")
        case (.some, .some): throw ValidationError("give --csv or --synthetic, not both")
        case (.some, nil) where target == nil: throw ValidationError("--csv needs --target COLUMN, the column to predict")
        default: break
        }
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
        let path = csv!
        // Plain words ("no such file", "is a directory", "permission denied") before the reader runs.
        do { try FileBytes.checkReadable(URL(fileURLWithPath: path)) } catch {
            throw RegressionCommandError("\(path): cannot read the file (\(error.reason))")
        }
        let split = try NumericCSV(contentsOf: URL(fileURLWithPath: path)).splittingTarget(named: target!)
        if split.columnCount == 0 {
            throw RegressionCommandError("\(path): \(RegressionError.noFeatures)")
        }
        if split.rowCount <= split.columnCount {
            throw RegressionCommandError("\(path): \(RegressionError.tooFewRows(rows: split.rowCount, columns: split.columnCount))")
        }
        let x = Matrix(rows: split.rowCount, columns: split.columnCount, elements: split.features)
        return (x, split.target, split.featureNames, path)
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
