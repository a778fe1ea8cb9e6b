import Foundation
import HW1NeuralNetwork
import HW1Plotting

/// The files of a training run: metrics.json, model.safetensors, loss.svg and accuracy.svg.
struct TrainingOutput {
    let result: TrainingResult
    let settings: TrainingSettings
    /// Config entries known only to the caller (data folder, OpenBLAS threads).
    var extraConfig: [String: JSONValue] = [:]

    /// metrics.json's contents: the settings, the outcome and one record per finished epoch.
    var metrics: RunMetrics {
        var config = settings.configValues.merging(extraConfig) { _, new in new }
        let outcome = result.history.outcome
        config["outcome"] = .string(Self.name(of: outcome))
        config["interrupted"] = .bool(Self.name(of: outcome) == "interrupted")
        config["epochs_completed"] = .number(Double(result.history.epochs.count))
        if outcome != .completed { config["outcome_message"] = .string(outcome.message) }
        let epochs = result.history.epochs.map(Self.record)
        return RunMetrics(config: config, epochs: epochs, final: epochs.last)
    }

    /// Writes the four files into `folder` (created if needed).
    func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try metrics.write(to: folder.appendingPathComponent("metrics.json"))
        try ModelFile.write(result.network, to: folder.appendingPathComponent("model.safetensors"),
                            extraMetadata: ["part": settings.part, "seed": String(settings.seed)])
        let (loss, accuracy) = try charts()
        try loss.write(to: folder.appendingPathComponent("loss.svg"))
        try accuracy.write(to: folder.appendingPathComponent("accuracy.svg"))
    }

    /// Loss and accuracy per epoch: train and test, and validation when held out.
    func charts() throws -> (loss: LineChart, accuracy: LineChart) {
        let epochs = result.history.epochs
        let x = epochs.map { Double($0.epoch) }
        let network = result.network.sizes.map(String.init).joined(separator: "-")
        let label = "part \(settings.part): \(network) \(settings.activation.rawValue), \(settings.optimizer.rawValue) η=\(settings.learningRate), seed \(settings.seed)"
        var loss = LineChart(title: "Loss, \(label)", xLabel: "epoch", yLabel: "mean cross-entropy")
        var accuracy = LineChart(title: "Accuracy, \(label)", xLabel: "epoch", yLabel: "accuracy %")
        loss.add(try ChartSeries(name: "train", x: x, y: epochs.map(\.trainLoss)))
        loss.add(try ChartSeries(name: "test", x: x, y: epochs.map(\.testLoss)))
        accuracy.add(try ChartSeries(name: "train", x: x, y: epochs.map { $0.trainAccuracy * 100 }))
        accuracy.add(try ChartSeries(name: "test", x: x, y: epochs.map { $0.testAccuracy * 100 }))
        if settings.validation > 0 {
            loss.add(try ChartSeries(name: "validation", x: x, y: epochs.map { $0.validationLoss ?? .nan }, style: .dashed))
            accuracy.add(try ChartSeries(name: "validation", x: x, y: epochs.map { ($0.validationAccuracy ?? .nan) * 100 }, style: .dashed))
        }
        return (loss, accuracy)
    }

    static func record(_ m: EpochMetrics) -> EpochRecord {
        EpochRecord(epoch: m.epoch, train_loss: m.trainLoss, train_accuracy: m.trainAccuracy,
                    test_loss: m.testLoss, test_accuracy: m.testAccuracy, seconds: m.seconds,
                    validation_loss: m.validationLoss, validation_accuracy: m.validationAccuracy)
    }

    static func name(of outcome: TrainingOutcome) -> String {
        switch outcome {
        case .completed: "completed"
        case .interrupted: "interrupted"
        case .diverged: "diverged"
        }
    }
}
