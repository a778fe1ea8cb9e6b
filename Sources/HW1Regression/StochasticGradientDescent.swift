import BLASKit

/// Settings of mini-batch stochastic gradient descent.
public struct StochasticGradientDescentOptions<Scalar: BLASScalar>: Sendable {
    /// The step size η; `nil` chooses `1 / (L + max‖xᵢ − x̄‖² / B)`, which is `1/L` for large
    /// batches and the classic stable `1/‖xᵢ‖²` step for single examples.
    public var learningRate: Scalar?
    /// Examples per update, `B`.
    public var batchSize: Int
    /// Passes over the shuffled data.
    public var epochs: Int
    /// Stop after an epoch whose full-data `‖∇_w J‖₂` is at or below this value.
    public var gradientTolerance: Scalar

    /// Options with the given values; by default batches of 32 for 20 epochs.
    public init(learningRate: Scalar? = nil, batchSize: Int = 32, epochs: Int = 20, gradientTolerance: Scalar = 1e-8) {
        self.learningRate = learningRate
        self.batchSize = batchSize
        self.epochs = epochs
        self.gradientTolerance = gradientTolerance
    }
}

/// The result of mini-batch SGD.
public struct StochasticGradientDescentFit<Scalar: BLASScalar>: Sendable {
    /// The fitted model (bias `ȳ − x̄ᵀw`).
    public var model: LinearModel<Scalar>
    /// `losses[k]` is the full-data `J` after `k` epochs (`epochs + 1` values).
    public var losses: [Scalar]
    /// Epochs completed.
    public var epochs: Int
    /// Updates made (batches over all epochs).
    public var updates: Int
    /// The step size used.
    public var learningRate: Scalar
    /// Full-data `‖∇_w J‖₂` at the returned weights.
    public var gradientNorm: Scalar
}

extension LinearRegression {
    /// Fits `ŷ = X·w + b` by mini-batch SGD: each epoch shuffles the rows with `generator`
    /// and, per batch `B`, updates `w ← w − η/|B| · Σ_{i∈B} (xᵢ − x̄)·rᵢ` with
    /// `rᵢ = xᵢᵀw + b − yᵢ` and `b = ȳ − x̄ᵀw` (centring, as in full-batch GD).
    /// The same seed gives the same fit.
    public static func fitStochasticGradientDescent<Scalar: BLASScalar, Generator: RandomNumberGenerator>(
        _ x: Matrix<Scalar>, _ y: [Scalar], options: StochasticGradientDescentOptions<Scalar> = .init(),
        using generator: inout Generator
    ) throws(RegressionError) -> StochasticGradientDescentFit<Scalar> {
        if options.batchSize < 1 {
            throw .invalidOption(name: "batch size", value: "\(options.batchSize)", expected: "at least 1")
        }
        if options.epochs < 0 { throw .invalidOption(name: "epochs", value: "\(options.epochs)", expected: "0 or more") }
        if let rate = options.learningRate, !(rate > 0 && rate.isFinite) {
            throw .invalidOption(name: "learning rate", value: "\(rate)", expected: "a positive finite number")
        }
        var objective = try LeastSquaresGradient(features: x, targets: y)
        let n = x.rows, d = x.columns
        let means = objective.moments.featureMeans
        let batchSize = min(options.batchSize, n)
        let rate: Scalar
        if let given = options.learningRate {
            rate = given
        } else {
            var largestRow: Scalar = 0
            for i in 0..<n {
                var s: Scalar = 0
                for j in 0..<d {
                    let t = x[unchecked: i, j] - means[j]
                    s += t * t
                }
                largestRow = max(largestRow, s)
            }
            let bound = objective.largestEigenvalue() + largestRow / Scalar(batchSize)
            rate = bound > 0 ? 1 / bound : 1
        }

        var weights = [Scalar](repeating: 0, count: d)
        var batchGradient = [Scalar](repeating: 0, count: d)
        var order = Array(0..<n)
        var losses = [objective.evaluate(at: weights)]
        losses.reserveCapacity(min(options.epochs, 1 << 16) + 1)
        var gradientNorm = BLAS.nrm2(objective.gradient)
        var epochs = 0, updates = 0
        while epochs < options.epochs && gradientNorm > options.gradientTolerance && losses[epochs].isFinite {
            order.shuffle(using: &generator)
            var start = 0
            while start < n {
                let end = min(start + batchSize, n)
                let offset = objective.moments.bias(for: weights)
                let sumOfResiduals = x.withUnsafeBufferPointer { px in
                    y.withUnsafeBufferPointer { py in
                        weights.withUnsafeBufferPointer { pw in
                            order.withUnsafeBufferPointer { po in
                                batchGradient.withUnsafeMutableBufferPointer { pg in
                                    pg.update(repeating: 0)
                                    return ScalarKernels.fusedPass(
                                        x: px.baseAddress!, columns: d, indices: UnsafeBufferPointer(rebasing: po[start..<end]),
                                        targets: py.baseAddress!, weights: pw.baseAddress!, offset: offset,
                                        gradient: pg.baseAddress!
                                    ).sum
                                }
                            }
                        }
                    }
                }
                let step = rate / Scalar(end - start)
                for j in 0..<d { weights[j] -= step * (batchGradient[j] - means[j] * sumOfResiduals) }
                updates += 1
                start = end
            }
            epochs += 1
            losses.append(objective.evaluate(at: weights))
            gradientNorm = BLAS.nrm2(objective.gradient)
        }
        return StochasticGradientDescentFit(
            model: LinearModel(weights: weights, bias: objective.moments.bias(for: weights)), losses: losses,
            epochs: epochs, updates: updates, learningRate: rate, gradientNorm: gradientNorm)
    }
}
