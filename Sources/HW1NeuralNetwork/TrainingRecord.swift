/// The figures recorded after one epoch. Encodes with the snake_case keys of `metrics.json`.
public struct EpochMetrics: Sendable, Equatable, Codable {
    /// 1-based epoch number.
    public var epoch: Int
    /// Mean loss over the whole training set (a full pass after the epoch).
    public var trainLoss: Double
    /// Accuracy over the whole training set, in [0, 1].
    public var trainAccuracy: Double
    /// Mean loss over the test set.
    public var testLoss: Double
    /// Accuracy over the test set, in [0, 1].
    public var testAccuracy: Double
    /// Mean loss over the validation split, when one is held out.
    public var validationLoss: Double?
    /// Accuracy over the validation split, when one is held out.
    public var validationAccuracy: Double?
    /// Wall-clock seconds of the epoch's training steps and updates, timed from after the
    /// shuffle and the weight snapshot to the end of the last batch; evaluation excluded.
    public var seconds: Double
    /// The learning rate used during the epoch.
    public var learningRate: Double

    enum CodingKeys: String, CodingKey {
        case epoch, seconds
        case trainLoss = "train_loss", trainAccuracy = "train_accuracy"
        case testLoss = "test_loss", testAccuracy = "test_accuracy"
        case validationLoss = "validation_loss", validationAccuracy = "validation_accuracy"
        case learningRate = "learning_rate"
    }
}

/// How a training run ended.
public enum TrainingOutcome: Sendable, Equatable {
    /// Every requested epoch ran.
    case completed
    /// `shouldStop` returned true before batch `batch` (1-based) of epoch `epoch`; the history
    /// holds the epochs finished before, the network the weights reached so far.
    case interrupted(epoch: Int, batch: Int)
    /// The loss of batch `batch` of epoch `epoch` was not finite; the network was restored to its
    /// (finite) weights from the start of that epoch.
    case diverged(epoch: Int, batch: Int, loss: Double)

    /// A sentence for the terminal.
    public var message: String {
        switch self {
        case .completed:
            return "training completed"
        case .interrupted(let epoch, let batch):
            return "training interrupted before batch \(batch) of epoch \(epoch); results up to the last finished epoch are kept"
        case .diverged(let epoch, let batch, let loss):
            return "training stopped: the loss became \(loss) at epoch \(epoch), batch \(batch); "
                + "the weights from the start of epoch \(epoch) (all finite) were kept. Try a lower learning rate."
        }
    }
}

/// Everything a training run produced.
public struct TrainingHistory: Sendable, Equatable {
    /// One entry per finished epoch.
    public var epochs: [EpochMetrics]
    /// How the run ended.
    public var outcome: TrainingOutcome
    /// The last finished epoch's figures, if any.
    public var final: EpochMetrics? { epochs.last }
}

/// A progress report: one per `progressInterval` batches, and one after each epoch's evaluation.
public struct TrainingProgress: Sendable, Equatable {
    /// 1-based epoch.
    public var epoch: Int
    /// Total epochs requested.
    public var epochCount: Int
    /// Batches done in this epoch.
    public var batch: Int
    /// Batches per epoch.
    public var batchCount: Int
    /// Mean training-batch loss over this epoch so far.
    public var runningLoss: Double
    /// Training-batch accuracy over this epoch so far.
    public var runningAccuracy: Double
    /// Seconds of training in this epoch so far.
    public var seconds: Double
    /// Set on the report after the epoch's evaluation.
    public var finishedEpoch: EpochMetrics?
}
