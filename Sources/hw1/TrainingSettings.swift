import Foundation
import HW1NeuralNetwork

/// Everything one training run needs, after the preset and the flags are combined.
struct TrainingSettings: Sendable, Equatable {
    /// b, c, d, e, or "custom" without `--part`.
    var part: String
    var hidden: [Int]
    var activation: Activation
    var optimizer: OptimizerKind
    var learningRate: Double
    /// μ of the momentum optimiser (0 for the others).
    var momentum: Double
    var nesterov: Bool
    /// L2 coefficient on weights (never biases).
    var weightDecay: Double
    var batchSize: Int
    var epochs: Int
    var seed: UInt64
    /// Training rows held out to choose hyperparameters (0 = none).
    var validation: Int
    var schedule: LearningRateSchedule
    /// Threads a training step is split over.
    var workers: Int

    /// Layer widths for data with `inputSize` features and `classCount` classes.
    func layerSizes(inputSize: Int = 784, classCount: Int = 10) -> [Int] { [inputSize] + hidden + [classCount] }

    /// The trainer's options.
    var trainingConfiguration: TrainingConfiguration {
        TrainingConfiguration(epochs: epochs, batchSize: batchSize, seed: seed, validationCount: validation,
                              workers: workers, schedule: schedule)
    }

    /// The `config` map of metrics.json: every hyperparameter and the seed. The report reads
    /// "hidden", "activation", "optimizer", "learning_rate", "momentum", "nesterov" and "schedule".
    var configValues: [String: JSONValue] {
        [
            "part": .string(part),
            "hidden": .array(hidden.map { .number(Double($0)) }),
            "activation": .string(activation.rawValue),
            "optimizer": .string(optimizer.rawValue),
            "learning_rate": .number(learningRate),
            "momentum": .number(optimizer == .momentum ? momentum : 0),
            "nesterov": .bool(nesterov),
            "weight_decay": .number(weightDecay),
            "batch_size": .number(Double(batchSize)),
            "epochs": .number(Double(epochs)),
            "seed": .number(Double(seed)),
            "validation": .number(Double(validation)),
            "schedule": .string(ScheduleText.format(schedule)),
            "workers": .number(Double(workers)),
            "initializer": .string(activation == .relu ? "he" : "xavier-uniform"),
            "loss": .string("softmax cross-entropy (mean over the batch)"),
            "scalar": .string("Float32"),
            "implementation": .string("hw1 (Swift, hand-written backpropagation, OpenBLAS)"),
        ]
    }
}

/// `--activation` and a model file's "activation": the hidden activations hw1 trains.
enum HiddenActivation {
    /// The activation called `name` (any case): sigmoid or relu; nil for anything else, identity included.
    static func named(_ name: String) -> Activation? {
        guard let value = Activation(rawValue: name.lowercased()), value != .identity else { return nil }
        return value
    }

    /// `--activation NAME`: the activation, or a message naming the flag and the choices.
    static func parse(_ text: String) throws(CLIError) -> Activation {
        guard let value = named(text) else { throw CLIError("--activation expects one of sigmoid, relu; got '\(text)'") }
        return value
    }
}

/// `--hidden 128,64`: comma-separated positive widths.
enum HiddenSizes {
    /// The widths, or a message naming the flag and the bad text.
    static func parse(_ text: String) throws(CLIError) -> [Int] {
        let pieces = text.split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        let sizes = pieces.map { Int($0) }
        guard !pieces.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
            throw CLIError("--hidden expects comma-separated positive integers like 128,64; got '\(text)'")
        }
        return sizes.map { $0! }
    }
}

/// `--schedule constant | step[:EVERY[:FACTOR]] | cosine[:MIN]`.
enum ScheduleText {
    static let usage = "constant, step[:EVERY[:FACTOR]] (e.g. step:5:0.5) or cosine[:MIN] (e.g. cosine:0.001)"

    static func parse(_ text: String) throws(CLIError) -> LearningRateSchedule {
        let parts = text.lowercased().split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        func bad() -> CLIError { CLIError("--schedule expects \(usage); got '\(text)'") }
        switch parts[0] {
        case "constant" where parts.count == 1:
            return .constant
        case "step" where parts.count <= 3:
            let every = parts.count > 1 ? Int(parts[1]) : 5
            let factor = parts.count > 2 ? Double(parts[2]) : 0.5
            guard let every, every >= 1, let factor, factor > 0, factor <= 1 else { throw bad() }
            return .stepDecay(every: every, factor: factor)
        case "cosine" where parts.count <= 2:
            let minimum = parts.count > 1 ? Double(parts[1]) : 0
            guard let minimum, minimum >= 0, minimum.isFinite else { throw bad() }
            return .cosine(minimum: minimum)
        default:
            throw bad()
        }
    }

    static func format(_ schedule: LearningRateSchedule) -> String {
        switch schedule {
        case .constant: "constant"
        case .stepDecay(let every, let factor): "step:\(every):\(factor)"
        case .cosine(let minimum): "cosine:\(minimum)"
        }
    }
}
