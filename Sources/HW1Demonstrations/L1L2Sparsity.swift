import BLASKit
import HW1NeuralNetwork
import HW1Plotting

/// Problem 3(a): the weights of one network trained three ways — L2 weight decay, L1 through
/// its proximal step (soft-thresholding), and L1 as a plain subgradient — on a problem where
/// only a few inputs matter.
///
/// The L2 penalty's gradient λw vanishes as w → 0, so it shrinks weights but never makes one
/// zero. L1's pull λ·sign(w) keeps its full size however small w is; its proximal step
/// w ← sign(w)·max(|w| − ηλ, 0) sets every weight whose gradient cannot beat λ to exactly 0.
/// The subgradient form overshoots around 0 instead and lands on exact zeros only by chance.
/// Biases are left out of every penalty, as the answer argues.
public enum L1L2SparsityDemonstration {
    /// The network, data and training run.
    public struct Configuration: Sendable {
        /// Input features.
        public var inputSize = 20
        /// Features that decide the label (the first ones).
        public var informativeCount = 4
        /// Hidden width (ReLU).
        public var hiddenSize = 16
        /// Training rows.
        public var trainingCount = 200
        /// Full-batch gradient steps (proximal gradient descent for L1: deterministic, so the
        /// weights settle instead of jittering with mini-batch noise).
        public var steps = 800
        /// Learning rate η.
        public var learningRate = 0.1
        /// L1 coefficient λ₁.
        public var l1 = 0.02
        /// L2 coefficient λ₂ (weight decay).
        public var l2 = 0.01

        /// The defaults: 20 inputs of which 4 matter, hidden 16 ReLU, 200 rows, 800 full-batch steps, η = 0.1, λ₁ = 0.02, λ₂ = 0.01.
        public init() {}
    }

    /// How the penalty is applied.
    public enum Penalty: String, Sendable, CaseIterable {
        /// Weight decay g + λ₂w through the module's SGD.
        case l2 = "L2 (weight decay)"
        /// An SGD step, then w ← sign(w)·max(|w| − ηλ₁, 0).
        case l1Proximal = "L1 (proximal step)"
        /// The subgradient g + λ₁·sign(w) through the module's SGD.
        case l1Subgradient = "L1 (subgradient)"
    }

    /// One trained network.
    public struct Run: Sendable {
        /// The penalty it was trained with.
        public var penalty: Penalty
        /// Every weight of every layer after training (biases excluded).
        public var weights: [Double]
        /// First-layer weights `[hidden, inputs]`.
        public var firstLayer: Matrix<Double>
        /// Accuracy on the training set.
        public var accuracy: Double
        /// Uninformative inputs whose every outgoing first-layer weight is exactly 0 (cut off).
        public var uninformativeInputsCut: Int
        /// Informative inputs cut off in the same way.
        public var informativeInputsCut: Int

        /// Share of all weights that are exactly 0.
        public var zeroShare: Double { Double(weights.filter { $0 == 0 }.count) / Double(weights.count) }
        /// Share of all weights with |w| < 10⁻³.
        public var nearZeroShare: Double { Double(weights.filter { abs($0) < 1e-3 }.count) / Double(weights.count) }
    }

    /// Everything the demo measured.
    public struct Result: Sendable {
        /// The configuration it ran with.
        public var configuration: Configuration
        /// One run per penalty, in ``Penalty`` order.
        public var runs: [Run]

        /// The run trained with `penalty`.
        public func run(_ penalty: Penalty) -> Run { runs.first { $0.penalty == penalty }! }
    }

    /// Trains the three networks from the same initial weights on the same batches.
    public static func run(_ configuration: Configuration = Configuration(), seed: UInt64) throws -> Result {
        var generator = SeededGenerator(seed: seed)
        let c = configuration
        let data = SyntheticClassification.sparseLinear(
            count: c.trainingCount, dimension: c.inputSize, informative: c.informativeCount, using: &generator)
        let start = try Network<Double>(sizes: [c.inputSize, c.hiddenSize, 2], activation: .relu, using: &generator)
        let runs = try Penalty.allCases.map { penalty in
            var network = start
            let workspace = try TrainingWorkspace(network: network, batchSize: c.trainingCount)
            var optimizer = SGD<Double>(learningRate: c.learningRate, weightDecay: penalty == .l2 ? c.l2 : 0)
            for _ in 0..<c.steps {
                var gradients = try workspace.lossAndGradients(network, inputs: data.inputs, labels: data.labels).gradients
                if penalty == .l1Subgradient {
                    for layer in network.layout {
                        for i in layer.weightRange { gradients[i] += c.l1 * sign(network.parameters[i]) }
                    }
                }
                optimizer.update(&network, gradients: gradients)
                if penalty == .l1Proximal {
                    try network.setParameters(softThresholdWeights(network, threshold: c.learningRate * c.l1))
                }
            }
            let weights = network.layout.flatMap { network.parameters[$0.weightRange] }
            let first = network.weight(layer: 0)
            let cut = (0..<first.columns).filter { column in (0..<first.rows).allSatisfy { first[$0, column] == 0 } }
            let correct = zip(network.predictions(data.inputs), data.labels).filter { $0 == $1 }.count
            return Run(
                penalty: penalty, weights: weights, firstLayer: first,
                accuracy: Double(correct) / Double(data.labels.count),
                uninformativeInputsCut: cut.filter { $0 >= c.informativeCount }.count,
                informativeInputsCut: cut.filter { $0 < c.informativeCount }.count)
        }
        return Result(configuration: c, runs: runs)
    }

    /// The network's parameters with every weight (not bias) soft-thresholded:
    /// w ← sign(w)·max(|w| − threshold, 0), the proximal map of threshold·|w|.
    public static func softThresholdWeights(_ network: Network<Double>, threshold: Double) -> [Double] {
        var values = network.parameters
        for layer in network.layout {
            for i in layer.weightRange { values[i] = sign(values[i]) * max(abs(values[i]) - threshold, 0) }
        }
        return values
    }

    private static func sign(_ x: Double) -> Double { x > 0 ? 1 : (x < 0 ? -1 : 0) }

    /// The table, findings and histograms of a run, and the geometry figure of the L1 and L2 balls.
    public static func report(_ result: Result) throws -> DemonstrationReport {
        let c = result.configuration
        var table = TextTable(
            caption: "network \(c.inputSize)-\(c.hiddenSize)-2 (ReLU), \(c.informativeCount) of \(c.inputSize) inputs informative; weights after \(c.steps) full-batch steps, λ₁ = \(c.l1), λ₂ = \(c.l2)",
            header: ["penalty", "exact zeros", "|w| < 1e-3", "useless inputs cut off", "useful inputs cut off", "train accuracy"])
        for run in result.runs {
            table.addRow([
                run.penalty.rawValue, TableNumber.percent(run.zeroShare), TableNumber.percent(run.nearZeroShare),
                "\(run.uninformativeInputsCut) of \(c.inputSize - c.informativeCount)", "\(run.informativeInputsCut) of \(c.informativeCount)",
                TableNumber.percent(run.accuracy),
            ])
        }
        let figures = try [Penalty.l1Proximal, .l2].map { penalty in
            let run = result.run(penalty)
            let chart = try HistogramChart(
                title: "Weights after training with \(penalty.rawValue): \(TableNumber.percent(run.zeroShare)) exactly 0", xLabel: "weight value", values: run.weights,
                binCount: 41, yScale: .log10)
            return DemonstrationFigure(fileName: "l1-l2-histogram-\(penalty == .l2 ? "l2" : "l1").svg", svg: chart.svg())
        }
        let prox = result.run(.l1Proximal), l2 = result.run(.l2), sub = result.run(.l1Subgradient)
        return DemonstrationReport(
            name: "l1-l2", question: "3(a)",
            title: "weights after training with L1 against L2: exact zeros only under L1's proximal step",
            tables: [table],
            findings: [
                "L1 with the proximal step: \(TableNumber.percent(prox.zeroShare)) of the weights are exactly 0 and \(prox.uninformativeInputsCut) of the \(c.inputSize - c.informativeCount) useless inputs are cut off entirely (\(prox.informativeInputsCut) useful ones); L2: \(TableNumber.percent(l2.zeroShare)) (it only shrinks).",
                "L1 as a plain subgradient: \(TableNumber.percent(sub.zeroShare)) exact zeros but \(TableNumber.percent(sub.nearZeroShare)) below 1e-3 — the weights jitter around 0 instead of landing on it.",
            ],
            figures: figures + L1L2Geometry.figures())
    }
}
