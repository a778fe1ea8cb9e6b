import HW1NeuralNetwork

/// The optimisers `hw1 train --optimizer` accepts.
enum OptimizerKind: String, CaseIterable, Sendable {
    case sgd, momentum, adam

    /// The learning rate used when neither a flag nor a preset of the same optimiser sets one.
    var defaultLearningRate: Double {
        switch self {
        case .sgd: 0.1
        case .momentum: 0.01
        case .adam: 0.001
        }
    }

    /// Comma-separated names, for error messages.
    static var choices: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// A homework part's network and optimiser (Problem 5 b–e) with the hyperparameters chosen
/// for it on the validation split (Docs/hyperparameters.md). Explicit flags override each field.
struct PartPreset: Sendable, Equatable {
    /// The part's letter: b, c, d or e.
    let part: String
    /// Hidden-layer widths (input 784 and output 10 are implied by the data).
    let hidden: [Int]
    let activation: Activation
    let optimizer: OptimizerKind
    /// Chosen on the validation split, never on the test set.
    let learningRate: Double
    /// Momentum μ (used by the momentum optimiser only).
    let momentum: Double
    /// Nesterov's form of momentum (momentum optimiser only).
    let nesterov: Bool
    let epochs: Int
    let batchSize: Int
    /// How the rate changes over the epochs.
    let schedule: LearningRateSchedule

    /// The presets by letter: rates, cosine floors (1% of the rate) and epochs from the
    /// validation grid in Docs/hyperparameters.md.
    static let all: [String: PartPreset] = [
        "b": PartPreset(part: "b", hidden: [128, 64], activation: .sigmoid, optimizer: .sgd,
                        learningRate: 2.0, momentum: 0, nesterov: false, epochs: 15, batchSize: 64, schedule: .cosine(minimum: 0.02)),
        "c": PartPreset(part: "c", hidden: [128, 64], activation: .relu, optimizer: .sgd,
                        learningRate: 0.2, momentum: 0, nesterov: false, epochs: 20, batchSize: 64, schedule: .cosine(minimum: 0.002)),
        "d": PartPreset(part: "d", hidden: [128, 64], activation: .sigmoid, optimizer: .momentum,
                        learningRate: 0.2, momentum: 0.9, nesterov: true, epochs: 20, batchSize: 64, schedule: .cosine(minimum: 0.002)),
        "e": PartPreset(part: "e", hidden: [128, 64, 64], activation: .sigmoid, optimizer: .sgd,
                        learningRate: 1.0, momentum: 0, nesterov: false, epochs: 20, batchSize: 64, schedule: .cosine(minimum: 0.01)),
    ]

    /// What a run without `--part` starts from: part b's network with plain SGD.
    static let custom = PartPreset(part: "custom", hidden: [128, 64], activation: .sigmoid, optimizer: .sgd,
                                   learningRate: 0.1, momentum: 0.9, nesterov: false, epochs: 10, batchSize: 64, schedule: .constant)

    /// The preset's schedule for another base rate: a cosine floor keeps its ratio to the rate.
    func schedule(forRate rate: Double) -> LearningRateSchedule {
        if case .cosine(let minimum) = schedule { return .cosine(minimum: minimum * rate / learningRate) }
        return schedule
    }

    /// The letters accepted by `--part`, for error messages.
    static var choices: String { all.keys.sorted().joined(separator: ", ") }
}
