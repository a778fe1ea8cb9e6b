import BLASKit

/// An update rule with its own per-parameter state (names as in mlx-swift's optimisers).
///
/// `backward` only computes gradients; an optimiser is the only thing that changes
/// parameters. L2 weight decay λ is added to the gradient of weights (`g + λ·w`) and never to
/// biases. Implementations keep their state in arrays allocated on the first update, so later
/// updates allocate nothing.
public protocol Optimizer<Scalar> {
    /// The parameter type.
    associatedtype Scalar: BLASScalar
    /// Step size η (the trainer's schedule sets it at each epoch).
    var learningRate: Scalar { get set }
    /// L2 coefficient λ applied to weights only (0 = none).
    var weightDecay: Scalar { get set }
    /// Sizes the state for `parameterCount` parameters and advances the step counter; called
    /// once per update, before the ranges are updated.
    mutating func beginStep(parameterCount: Int)
    /// Updates `parameters[range]` from `gradients[range]`; `decay` is λ for a weight range and
    /// 0 for a bias range. State at the same indices belongs to the same parameters.
    mutating func update(
        parameters: UnsafeMutablePointer<Scalar>, gradients: UnsafePointer<Scalar>, range: Range<Int>, decay: Scalar)
    /// For plain SGD and momentum, whose update of a parameter reads and writes only that
    /// parameter's own state: runs `body` with an update that threads may apply to disjoint
    /// ranges at once (after `beginStep`). Returns nil without calling `body` (the default) for
    /// rules that cannot be split that way; callers then use `update` on one thread.
    mutating func withRangeUpdate<Result>(_ body: (SGDRangeUpdate<Scalar>) -> Result) -> Result?
}

extension Optimizer {
    public mutating func withRangeUpdate<Result>(_ body: (SGDRangeUpdate<Scalar>) -> Result) -> Result? { nil }
}

extension Optimizer {
    /// One update of every parameter of `network` from a flat gradient laid out like
    /// ``Network/parameters`` (e.g. from ``TrainingWorkspace/lossAndGradients(_:inputs:labels:)``).
    public mutating func update(_ network: inout Network<Scalar>, gradients: [Scalar]) {
        precondition(gradients.count == network.parameterCount,
            "Optimizer.update: \(gradients.count) gradients for \(network.parameterCount) parameters")
        gradients.withUnsafeBufferPointer { g in update(&network, gradients: g.baseAddress!) }
    }

    /// One update from a flat gradient buffer; weight decay goes to weights only.
    mutating func update(_ network: inout Network<Scalar>, gradients: UnsafePointer<Scalar>) {
        beginStep(parameterCount: network.parameterCount)
        let decay = weightDecay
        let layout = network.layout
        network.parameters.withUnsafeMutableBufferPointer { p in
            applyUpdate(parameters: p.baseAddress!, gradients: gradients, layout: layout, decay: decay)
        }
    }

    /// Updates every layer of `layout` in `parameters` from `gradients` (both laid out like
    /// ``Network/parameters``): weights with decay λ = `decay`, biases with none. Call after
    /// `beginStep`.
    mutating func applyUpdate(
        parameters: UnsafeMutablePointer<Scalar>, gradients: UnsafePointer<Scalar>, layout: [DenseLayout], decay: Scalar
    ) {
        for layer in layout {
            update(parameters: parameters, gradients: gradients, range: layer.weightRange, decay: decay)
            update(parameters: parameters, gradients: gradients, range: layer.biasRange, decay: 0)
        }
    }
}
