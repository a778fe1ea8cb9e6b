import ArgumentParser
import Foundation
import HW1Data
import BLASKit
import HW1NeuralNetwork

/// `hw1 train`: trains an MLP on Fashion-MNIST and writes metrics.json, model.safetensors,
/// loss.svg and accuracy.svg into the output folder.
struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an MLP on Fashion-MNIST (Problem 5 b–e) and write metrics, model and plots.",
        discussion: """
            --part picks the homework's network and optimiser with the hyperparameters chosen on the \
            validation split (Docs/hyperparameters.md); every explicit flag overrides the preset. \
            Ctrl-C stops at the next batch and keeps the finished epochs.
            """)

    @Option(help: "Homework part preset: b, c, d or e.")
    var part: String?

    @Option(help: "Hidden-layer widths, comma-separated (e.g. 128,64).")
    var hidden: String?

    @Option(help: "Hidden activation: sigmoid or relu.")
    var activation: String?

    @Option(help: "Optimiser: sgd, momentum or adam.")
    var optimizer: String?

    @Option(help: "Initial learning rate (> 0).")
    var learningRate: Double?

    @Option(help: "Momentum μ in [0, 1) for --optimizer momentum.")
    var momentum: Double?

    @Flag(inversion: .prefixedNo, help: "Nesterov's form of momentum (with --optimizer momentum). Default: the preset's (off without --part).")
    var nesterov: Bool?

    @Option(help: "L2 weight decay on weights, not biases (≥ 0).")
    var weightDecay: Double = 0

    @Option(help: "Rows per mini-batch.")
    var batchSize: Int?

    @Option(help: "Passes over the training set.")
    var epochs: Int?

    @Option(help: "Seed of the initial weights, the validation split and the shuffles.")
    var seed: UInt64 = 1

    @Option(help: "Training rows held out as a validation split (for choosing hyperparameters).")
    var validation: Int = 0

    @Option(help: "Learning-rate schedule: \(ScheduleText.usage). Default: the preset's (constant without --part).")
    var schedule: String?

    @Option(help: "Threads a training step is split over.")
    var workers: Int = 2

    @Option(help: "Folder with the Fashion-MNIST files (default: $FASHION_MNIST_DIR, ./data/fashion-mnist, /usr/share/datasets/fashion-mnist).")
    var dataDir: String?

    @Option(help: "Output folder (default results/runs/<part>/seed-<seed>, or results/runs/custom/seed-<seed>).")
    var out: String?

    func validate() throws {
        do { _ = try settings() } catch { throw ValidationError(error.description) }
    }

    /// The preset combined with the flags; every check of the flags happens here.
    func settings() throws(CLIError) -> TrainingSettings {
        var preset = PartPreset.custom
        if let part {
            guard let found = PartPreset.all[part.lowercased()] else {
                throw CLIError("--part expects one of \(PartPreset.choices); got '\(part)'")
            }
            preset = found
        }
        let hiddenSizes = try hidden.map { text throws(CLIError) in try HiddenSizes.parse(text) } ?? preset.hidden
        let activationValue = try activation.map { text throws(CLIError) in try HiddenActivation.parse(text) } ?? preset.activation
        var optimizerValue = preset.optimizer
        if let optimizer {
            guard let value = OptimizerKind(rawValue: optimizer.lowercased()) else {
                throw CLIError("--optimizer expects one of \(OptimizerKind.choices); got '\(optimizer)'")
            }
            optimizerValue = value
        }
        // A preset's rate belongs to its optimiser; another optimiser starts from its own default.
        let rate = learningRate ?? (optimizerValue == preset.optimizer ? preset.learningRate : optimizerValue.defaultLearningRate)
        guard rate.isFinite, rate > 0 else {
            throw CLIError("--learning-rate must be a positive finite number; got \(rate)")
        }
        if let momentum {
            guard momentum.isFinite, momentum >= 0, momentum < 1 else {
                throw CLIError("--momentum must lie in [0, 1); got \(momentum)")
            }
            guard optimizerValue == .momentum else {
                throw CLIError("--momentum applies to --optimizer momentum only (the optimiser here is \(optimizerValue.rawValue))")
            }
        }
        let momentumValue = momentum ?? (preset.optimizer == .momentum ? preset.momentum : 0.9)
        if nesterov == true {
            guard optimizerValue == .momentum, momentumValue > 0 else {
                throw CLIError("--nesterov needs --optimizer momentum with --momentum above 0")
            }
        }
        let nesterovValue = optimizerValue == .momentum && momentumValue > 0
            && (nesterov ?? (preset.optimizer == .momentum && preset.nesterov))
        guard weightDecay.isFinite, weightDecay >= 0 else {
            throw CLIError("--weight-decay must be a finite number ≥ 0; got \(weightDecay)")
        }
        let batch = batchSize ?? preset.batchSize
        guard batch >= 1 else { throw CLIError("--batch-size must be at least 1; got \(batch)") }
        let epochCount = epochs ?? preset.epochs
        guard epochCount >= 1 else { throw CLIError("--epochs must be at least 1; got \(epochCount)") }
        guard validation >= 0, validation < TrainingData.fashionMNISTTrainingRows else {
            throw CLIError("--validation must lie in 0..<\(TrainingData.fashionMNISTTrainingRows) (rows held out of the training set); got \(validation)")
        }
        guard workers >= 1, workers <= 64 else { throw CLIError("--workers must lie in 1...64; got \(workers)") }
        return TrainingSettings(
            part: part?.lowercased() ?? "custom", hidden: hiddenSizes, activation: activationValue,
            optimizer: optimizerValue, learningRate: rate,
            momentum: optimizerValue == .momentum ? momentumValue : 0, nesterov: nesterovValue,
            weightDecay: weightDecay, batchSize: batch, epochs: epochCount, seed: seed,
            validation: validation, schedule: try schedule.map { text throws(CLIError) in try ScheduleText.parse(text) } ?? preset.schedule(forRate: rate),
            workers: workers)
    }

    /// The folder the run writes into.
    func outputFolder(for settings: TrainingSettings) -> URL {
        URL(fileURLWithPath: out ?? "results/runs/\(settings.part)/seed-\(settings.seed)")
    }

    func run() throws {
        let settings = try settings()
        let folder = outputFolder(for: settings)
        let data = try FashionMNIST.load(dataDirectory: dataDir.map { URL(fileURLWithPath: $0) })
        print("hw1 train: part \(settings.part), \(settings.layerSizes().map(String.init).joined(separator: "-")) "
              + "\(settings.activation.rawValue), \(settings.optimizer.rawValue) η=\(settings.learningRate), "
              + "batch \(settings.batchSize), \(settings.epochs) epochs, seed \(settings.seed), data \(data.directory.path)")
        Interruption.install()
        let progress = ProgressLine(epochs: settings.epochs)
        let result = try TrainingJob(settings: settings).run(
            on: TrainingData(fashionMNIST: data),
            progress: progress.report, shouldStop: { Interruption.isRequested })
        progress.finish()
        var extra: [String: JSONValue] = ["data_dir": .string(data.directory.path)]
        extra["threads"] = .number(Double(OpenBLAS.threadCount))
        try TrainingOutput(result: result, settings: settings, extraConfig: extra).write(to: folder)
        print("wrote \(out ?? "results/runs/\(settings.part)/seed-\(settings.seed)")/{metrics.json,model.safetensors,loss.svg,accuracy.svg}")
        switch result.history.outcome {
        case .completed:
            if let final = result.history.final {
                print(String(format: "final: train accuracy %.2f%%, test accuracy %.2f%%, test loss %.4f",
                             final.trainAccuracy * 100, final.testAccuracy * 100, final.testLoss))
            }
        case .interrupted:
            FileHandle.standardError.write(Data("hw1 train: \(result.history.outcome.message)\n".utf8))
            throw ExitCode(130)
        case .diverged:
            FileHandle.standardError.write(Data("hw1 train: \(result.history.outcome.message)\n".utf8))
            throw ExitCode.failure
        }
    }
}
