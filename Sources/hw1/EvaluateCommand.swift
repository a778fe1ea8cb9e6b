import ArgumentParser
import Foundation
import HW1Data
import BLASKit
import HW1NeuralNetwork

/// `hw1 evaluate --model FILE`: test loss, test accuracy and the confusion matrix of a saved
/// model (from `hw1 train` or from the PyTorch twin, which share the safetensors schema).
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a saved model.safetensors on the Fashion-MNIST test set.")

    @Option(help: "The model.safetensors to evaluate.")
    var model: String

    @Option(help: "Hidden activation (sigmoid or relu); overrides the file's metadata, required when the metadata has none.")
    var activation: String?

    @Option(help: "Folder with the Fashion-MNIST files.")
    var dataDir: String?

    @Option(help: "Threads the evaluation is split over.")
    var workers: Int = 2

    @Flag(help: "Print {\"test_loss\", \"test_accuracy\", \"confusion\"} as JSON.")
    var json = false

    func validate() throws {
        if let activation {
            do { _ = try HiddenActivation.parse(activation) } catch { throw ValidationError("\(error)") }
        }
        guard workers >= 1 else { throw ValidationError("--workers must be at least 1; got \(workers)") }
    }

    func run() throws {
        let network = try ModelFile.read(
            from: URL(fileURLWithPath: model), activation: activation.flatMap(HiddenActivation.named))
        // The model file alone shows whether it can fit the data: say so before loading 300 MB.
        try Self.checkFitsFashionMNIST(network.sizes, path: model)
        let data = try FashionMNIST.load(dataDirectory: dataDir.map { URL(fileURLWithPath: $0) })
        let report = try ModelEvaluation(network: network, inputs: data.test.inputs, labels: data.test.labels, workers: workers)
        if json {
            print(try report.json())
        } else {
            print("model: \(model) (\(network.sizes.map(String.init).joined(separator: "-")) \(network.activation.rawValue))")
            print(report.text(classNames: FashionMNIST.classNames))
        }
    }
}

extension EvaluateCommand {
    /// Refuses a model whose input width is not Fashion-MNIST's 784 pixels or whose output
    /// width is not its 10 classes, naming the file and both widths.
    static func checkFitsFashionMNIST(_ sizes: [Int], path: String) throws {
        let (inputs, outputs) = (sizes.first ?? 0, sizes.last ?? 0)
        let expected = (FashionMNIST.pixelsPerImage, FashionMNIST.classCount)
        guard (inputs, outputs) != expected else { return }
        var problems: [String] = []
        if inputs != expected.0 { problems.append("takes \(inputs) inputs, but a Fashion-MNIST image has \(expected.0) pixels (28 × 28)") }
        if outputs != expected.1 { problems.append("gives \(outputs) outputs, but Fashion-MNIST has \(expected.1) classes") }
        throw CLIError("\(path): the model (layer sizes \(sizes.map(String.init).joined(separator: ","))) "
            + problems.joined(separator: " and ")
            + "; evaluate a model trained on Fashion-MNIST (`hw1 train` writes 784-…-10)")
    }
}

/// Loss, accuracy and confusion matrix of a network on a labelled set.
struct ModelEvaluation: Codable, Equatable {
    var test_loss: Double
    var test_accuracy: Double
    /// `confusion[true][predicted]`.
    var confusion: [[Int]]

    init(network: Network<Float>, inputs: Matrix<Float>, labels: [Int], workers: Int = 1) throws {
        let evaluation = try network.evaluate(inputs, labels: labels, workers: workers)
        test_loss = evaluation.loss
        test_accuracy = evaluation.accuracy
        confusion = try network.confusionMatrix(inputs, labels: labels)
    }

    func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// The figures and the matrix (rows: true class, columns: predicted) as aligned text.
    func text(classNames: [String]) -> String {
        var lines = [
            String(format: "test loss %.4f, test accuracy %.2f%% (%d images)", test_loss, test_accuracy * 100,
                   confusion.joined().reduce(0, +)),
            "", "confusion matrix (rows: true class, columns: predicted class):",
        ]
        let nameWidth = classNames.map(\.count).max() ?? 0
        let cellWidth = max(5, (confusion.joined().max().map { String($0).count } ?? 1) + 1)
        func cell(_ text: String) -> String { String(repeating: " ", count: max(0, cellWidth - text.count)) + text }
        func name(_ text: String) -> String { text + String(repeating: " ", count: max(0, nameWidth - text.count)) }
        lines.append(name("") + "  " + confusion.indices.map { cell(String($0)) }.joined() + "  recall")
        for (row, counts) in confusion.enumerated() {
            let title = row < classNames.count ? "\(row) \(classNames[row])" : String(row)
            let total = counts.reduce(0, +)
            let recall = total == 0 ? "-" : String(format: "%.1f%%", Double(counts[row]) / Double(total) * 100)
            lines.append(name(title).padding(toLength: nameWidth + 2, withPad: " ", startingAt: 0)
                         + counts.map { cell(String($0)) }.joined() + "  " + recall)
        }
        return lines.joined(separator: "\n")
    }
}
