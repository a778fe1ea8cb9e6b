import BLASKit
import HW1Plotting

/// Problem 3(c): batch normalisation — its hand-written backward pass checked against finite
/// differences, training with and without it, and the noise of its batch statistics at batch
/// sizes 2, 8 and 64.
///
/// BN rescales every hidden pre-activation to zero mean and unit variance over the batch, so
/// the sigmoid works in its steep range in every layer and the scale of each layer's input no
/// longer depends on the weights before it: larger steps are safe and deep networks train
/// faster. But μ_B and σ²_B are estimates from B rows: Var(μ_B) = s²/B, so with small batches
/// every example's normalised value is noisy (at B = 2, x̂ = ±1 whatever the input).
public enum BatchNormalizationDemonstration {
    /// Sizes of the check, the training run and the noise study.
    public struct Configuration: Sendable {
        /// Rows and features of the gradient-check batch.
        public var checkShape = (rows: 6, features: 4)
        /// Input dimension of the training problem (label = [Σⱼ xⱼ > 0]).
        public var inputSize = 8
        /// Hidden widths of the sigmoid network.
        public var hiddenSizes = [32, 32, 32, 32, 32]
        /// Training rows.
        public var trainingCount = 256
        /// SGD steps.
        public var steps = 150
        /// Rows per step.
        public var batchSize = 32
        /// Learning rate η.
        public var learningRate = 0.5
        /// Steps between two points of the recorded curve.
        public var recordInterval = 10
        /// Batch sizes at which the BatchNorm network is also trained on the same number of examples.
        public var trainingBatchSizes = [2, 8, 32]
        /// Examples each of those runs sees (steps = examples / batch size): equal epochs.
        public var examplesPerBatchSizeRun = 2400
        /// Steps of a second run at each of those batch sizes: equal steps (examples = steps × batch size).
        public var stepsPerBatchSizeRun = 300
        /// Batch sizes of the noise study.
        public var noiseBatchSizes = [2, 8, 64]
        /// Batches drawn per batch size.
        public var noiseDraws = 2000
        /// Mean and standard deviation of the feature in the noise study.
        public var population = (mean: 2.0, standardDeviation: 3.0)

        /// The defaults: a 6×4 check; 8-32-32-32-32-32-2 sigmoid network, 256 rows, 150 steps of 32, η = 0.5,
        /// and 2400 examples (and, separately, 300 steps) at batch sizes 2, 8, 32;
        /// noise at B = 2, 8, 64 with 2000 batches each from N(2, 3²).
        public init() {}
    }

    /// The finite-difference check of the backward pass.
    public struct GradientCheck: Sendable {
        /// Relative error of ∂L/∂x.
        public var input: Double
        /// Relative error of ∂L/∂γ.
        public var gamma: Double
        /// Relative error of ∂L/∂β.
        public var beta: Double
    }

    /// The noise of the batch statistics at one batch size.
    public struct NoiseLevel: Sendable {
        /// Batch size B.
        public var batchSize: Int
        /// Variance of μ_B over the draws.
        public var meanVariance: Double
        /// The prediction s²/B.
        public var predictedMeanVariance: Double
        /// Mean of x̂ for a fixed example one population standard deviation above the mean.
        public var probeNormalizedMean: Double
        /// Standard deviation of that x̂ over the draws (0 with exact population statistics).
        public var probeNormalizedStandardDeviation: Double
    }

    /// Everything the demo measured.
    public struct Result: Sendable {
        /// The configuration it ran with.
        public var configuration: Configuration
        /// The gradient check.
        public var gradientCheck: GradientCheck
        /// Steps at which the loss curves were recorded.
        public var recordedSteps: [Int]
        /// Training-set loss of the plain network at ``recordedSteps``.
        public var plainLoss: [Double]
        /// Training-set loss of the batch-normalised network at ``recordedSteps``.
        public var batchNormLoss: [Double]
        /// Training-set loss of the BatchNorm network after training at each of
        /// ``Configuration/trainingBatchSizes`` on the same number of examples (same η, same start).
        public var lossByTrainingBatchSize: [Double]
        /// The same after ``Configuration/stepsPerBatchSizeRun`` steps at each batch size (equal steps).
        public var lossByTrainingBatchSizeEqualSteps: [Double]
        /// One entry per batch size of the noise study.
        public var noise: [NoiseLevel]
    }

    /// Runs the check, the training comparison and the noise study from `seed`.
    public static func run(_ configuration: Configuration = Configuration(), seed: UInt64) throws -> Result {
        var generator = SeededGenerator(seed: seed)
        let c = configuration
        let check = gradientCheck(rows: c.checkShape.rows, features: c.checkShape.features, using: &generator)

        let data = SyntheticClassification.sparseLinear(
            count: c.trainingCount, dimension: c.inputSize, informative: c.inputSize, using: &generator)
        let sizes = [c.inputSize] + c.hiddenSizes + [2]
        var plain = try BatchNormNetwork(sizes: sizes, batchNorm: false, using: &generator)
        var normalized = plain
        normalized.norms = c.hiddenSizes.map { BatchNormLayer(features: $0) }
        let normalizedStart = normalized
        var recorded = [0], plainLoss = [plain.loss(data.inputs, labels: data.labels)]
        var batchNormLoss = [normalized.loss(data.inputs, labels: data.labels)]
        for step in 1...c.steps {
            let batch = SyntheticClassification.batch(data, start: (step - 1) * c.batchSize, count: c.batchSize)
            plain.step(batch.inputs, labels: batch.labels, learningRate: c.learningRate)
            normalized.step(batch.inputs, labels: batch.labels, learningRate: c.learningRate)
            if step % c.recordInterval == 0 {
                recorded.append(step)
                plainLoss.append(plain.loss(data.inputs, labels: data.labels))
                batchNormLoss.append(normalized.loss(data.inputs, labels: data.labels))
            }
        }

        // Small batches: at B = 2 every normalised pre-activation is ±1, whatever the input.
        func trained(batchSize b: Int, steps: Int) -> Double {
            var network = normalizedStart
            for step in 0..<steps {
                let batch = SyntheticClassification.batch(data, start: step * b, count: b)
                network.step(batch.inputs, labels: batch.labels, learningRate: c.learningRate)
            }
            return network.loss(data.inputs, labels: data.labels)
        }
        let lossByTrainingBatchSize = c.trainingBatchSizes.map { trained(batchSize: $0, steps: c.examplesPerBatchSizeRun / $0) }
        let lossByTrainingBatchSizeEqualSteps = c.trainingBatchSizes.map { trained(batchSize: $0, steps: c.stepsPerBatchSizeRun) }

        let (mu, s) = c.population
        let noise = c.noiseBatchSizes.map { b in
            var means: [Double] = [], probes: [Double] = []
            for _ in 0..<c.noiseDraws {
                // A batch of B random rows gives μ_B; a second batch, in which the fixed probe
                // example x = μ + s sits beside B − 1 random rows, gives the probe's x̂.
                let random = (0..<b).map { _ in mu + s * generator.nextStandardNormal() }
                means.append(BatchNormLayer(features: 1).forward(Matrix(column: random)).cache.mean[0])
                let withProbe = [mu + s] + random.dropFirst()
                probes.append(BatchNormLayer(features: 1).forward(Matrix(column: withProbe)).output[0, 0])
            }
            return NoiseLevel(
                batchSize: b, meanVariance: Statistics.sampleVariance(means),
                predictedMeanVariance: s * s / Double(b),
                probeNormalizedMean: Statistics.mean(probes),
                probeNormalizedStandardDeviation: Statistics.sampleVariance(probes).squareRoot())
        }
        return Result(
            configuration: c, gradientCheck: check, recordedSteps: recorded, plainLoss: plainLoss,
            batchNormLoss: batchNormLoss, lossByTrainingBatchSize: lossByTrainingBatchSize,
            lossByTrainingBatchSizeEqualSteps: lossByTrainingBatchSizeEqualSteps, noise: noise)
    }

    /// Checks ``BatchNormLayer/backward(_:outputGradient:)`` against centred finite differences
    /// of L = Σ R ⊙ y for a random batch, random γ, β and a random R.
    public static func gradientCheck<Generator: RandomNumberGenerator>(
        rows: Int, features: Int, using generator: inout Generator
    ) -> GradientCheck {
        let x = Matrix<Double>.randomNormal(rows: rows, columns: features, mean: 1, standardDeviation: 2, using: &generator)
        let weights = Matrix<Double>.randomNormal(rows: rows, columns: features, using: &generator)
        let gamma = (0..<features).map { _ in 1 + 0.5 * generator.nextStandardNormal() }
        let beta = (0..<features).map { _ in generator.nextStandardNormal() }
        func loss(_ x: Matrix<Double>, _ gamma: [Double], _ beta: [Double]) -> Double {
            (BatchNormLayer(gamma: gamma, beta: beta).forward(x).output * weights).sum()
        }
        let layer = BatchNormLayer(gamma: gamma, beta: beta)
        let analytic = layer.backward(layer.forward(x).cache, outputGradient: weights)
        let numericInput = FiniteDifference.gradient(
            of: { loss(Matrix(rows: rows, columns: features, elements: $0), gamma, beta) }, at: x.elements)
        let numericGamma = FiniteDifference.gradient(of: { loss(x, $0, beta) }, at: gamma)
        let numericBeta = FiniteDifference.gradient(of: { loss(x, gamma, $0) }, at: beta)
        return GradientCheck(
            input: FiniteDifference.relativeError(analytic.input.elements, numericInput),
            gamma: FiniteDifference.relativeError(analytic.gamma, numericGamma),
            beta: FiniteDifference.relativeError(analytic.beta, numericBeta))
    }
}
