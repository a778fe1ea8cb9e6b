import RealModule

/// How the learning rate changes from epoch to epoch (epochs count from 1).
public enum LearningRateSchedule: Sendable, Equatable {
    /// The base rate throughout.
    case constant
    /// `η · factor^⌊(epoch − 1) / every⌋`: multiply by `factor` every `every` epochs.
    case stepDecay(every: Int, factor: Double)
    /// Cosine annealing from η at epoch 1 to `minimum` at the last epoch.
    case cosine(minimum: Double)

    /// The rate for `epoch` of `totalEpochs`, from the base rate.
    public func rate(base: Double, epoch: Int, totalEpochs: Int) -> Double {
        switch self {
        case .constant:
            return base
        case .stepDecay(let every, let factor):
            return base * Double.pow(factor, Double((epoch - 1) / max(every, 1)))
        case .cosine(let minimum):
            guard totalEpochs > 1 else { return base }
            let progress = Double(epoch - 1) / Double(totalEpochs - 1)
            return minimum + (base - minimum) * (1 + Double.cos(.pi * progress)) / 2
        }
    }
}
