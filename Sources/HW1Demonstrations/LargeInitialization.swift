import BLASKit
import HW1NeuralNetwork
import HW1Plotting

/// Problem 2(c): a sigmoid network started with large weights against one started with
/// Xavier, trained with the same SGD on the same batches.
///
/// With large weights the pre-activations are large, σ(z) sits at 0 or 1 and σ′(z) ≈ 0: most
/// units are saturated, the gradients through them are tiny, and the logits are huge, so the
/// loss starts high and falls slowly. Xavier keeps the pre-activations near σ's linear range.
public enum LargeInitializationDemonstration {
    /// The network, data and training run.
    public struct Configuration: Sendable {
        /// Input dimension of the synthetic problem (label = [Σⱼ xⱼ > 0], x ~ N(0, I)).
        public var inputSize = 8
        /// Hidden widths.
        public var hiddenSizes = [32, 32]
        /// Training rows.
        public var trainingCount = 512
        /// Standard deviation of the large initialisation.
        public var largeStandardDeviation = 5.0
        /// SGD steps.
        public var steps = 200
        /// Rows per step.
        public var batchSize = 32
        /// Learning rate η.
        public var learningRate = 0.5
        /// Steps between two points of the recorded curve.
        public var recordInterval = 10

        /// The defaults: 8 inputs, hidden 32-32 sigmoid, 512 rows, σ = 5, 200 steps of 32, η = 0.5.
        public init() {}
    }

    /// One initialisation's training run.
    public struct Run: Sendable {
        /// Label for tables.
        public var name: String
        /// Share of hidden units saturated (σ′ < 0.025) on the training set, per hidden layer, before training.
        public var initialSaturation: [Double]
        /// The same after training.
        public var finalSaturation: [Double]
        /// Root-mean-square entry of ∂L/∂W of each weight layer (input first, the output layer
        /// last) on the whole training set, before training.
        public var initialGradientRMS: [Double]
        /// Mean σ′(z) over the units of each hidden layer on the training set, before training.
        public var initialMeanDerivative: [Double]
        /// Mean loss on the training set at steps 0, interval, 2·interval, …, steps.
        public var lossCurve: [Double]
        /// Accuracy on the training set after training.
        public var finalAccuracy: Double

        /// Saturated share over all hidden units before training.
        public var initialSaturatedShare: Double { Statistics.mean(initialSaturation) }
        /// Training loss after the last step.
        public var finalLoss: Double { lossCurve[lossCurve.count - 1] }
    }

    /// Everything the demo measured.
    public struct Result: Sendable {
        /// The configuration it ran with.
        public var configuration: Configuration
        /// The steps at which ``Run/lossCurve`` was recorded.
        public var recordedSteps: [Int]
        /// The large-weight run.
        public var large: Run
        /// The Xavier run.
        public var xavier: Run
    }

    /// Trains both networks on the same data and batches from `seed`.
    public static func run(_ configuration: Configuration = Configuration(), seed: UInt64) throws -> Result {
        var generator = SeededGenerator(seed: seed)
        let c = configuration
        let data = SyntheticClassification.sparseLinear(count: c.trainingCount, dimension: c.inputSize, informative: c.inputSize, using: &generator)
        let sizes = [c.inputSize] + c.hiddenSizes + [2]
        let recordedSteps = Array(stride(from: 0, through: c.steps, by: c.recordInterval))

        func train(_ name: String, _ initializer: WeightInitializer) throws -> Run {
            var network = try Network<Double>(sizes: sizes, activation: .sigmoid, initializer: initializer, using: &generator)
            let workspace = try TrainingWorkspace(network: network, batchSize: c.batchSize)
            var optimizer = SGD<Double>(learningRate: c.learningRate)
            func measure() -> [LayerMeasurement] {
                NetworkProbe(layers: network.layers, activation: .sigmoid).measure(data.inputs, labels: data.labels)
            }
            func saturation() -> [Double] { measure().dropLast().map(\.saturatedShare) }
            let start = measure()
            let initial = start.dropLast().map(\.saturatedShare)
            let gradientRMS = zip(start, zip(sizes.dropLast(), sizes.dropFirst())).map { layer, shape in
                layer.weightGradientNorm / Double(shape.0 * shape.1).squareRoot()
            }
            var curve = [Double(try network.loss(data.inputs, labels: data.labels))]
            for step in 1...c.steps {
                let batch = SyntheticClassification.batch(data, start: (step - 1) * c.batchSize, count: c.batchSize)
                _ = try workspace.step(&network, inputs: batch.inputs, labels: batch.labels, optimizer: &optimizer)
                if step % c.recordInterval == 0 { curve.append(try network.loss(data.inputs, labels: data.labels)) }
            }
            let predictions = network.predictions(data.inputs)
            let correct = zip(predictions, data.labels).filter { $0 == $1 }.count
            return Run(
                name: name, initialSaturation: Array(initial), finalSaturation: saturation(),
                initialGradientRMS: gradientRMS, initialMeanDerivative: start.dropLast().map(\.meanDerivative), lossCurve: curve,
                finalAccuracy: Double(correct) / Double(data.labels.count))
        }
        return Result(
            configuration: c, recordedSteps: recordedSteps,
            large: try train("N(0,\(c.largeStandardDeviation)²)", .normal(standardDeviation: c.largeStandardDeviation)),
            xavier: try train("Xavier", .xavierUniform))
    }

    /// The tables, findings and figure of a run.
    public static func report(_ result: Result) throws -> DemonstrationReport {
        let runs = [result.large, result.xavier]
        var saturation = TextTable(
            caption: "sigmoid network \(([result.configuration.inputSize] + result.configuration.hiddenSizes + [2]).map(String.init).joined(separator: "-")): saturated hidden units (σ′ < 0.025) on the training set",
            header: ["initialisation"] + result.configuration.hiddenSizes.indices.flatMap { ["layer \($0 + 1) before", "after"] })
        for run in runs {
            saturation.addRow([run.name] + zip(run.initialSaturation, run.finalSaturation).flatMap { [TableNumber.percent($0), TableNumber.percent($1)] })
        }
        var curve = TextTable(
            caption: "training loss (mean cross-entropy) during SGD, η = \(result.configuration.learningRate), batch \(result.configuration.batchSize)",
            header: ["step"] + runs.map(\.name))
        let shown = Set([0, 1, 2, 5, 10, 20, result.recordedSteps.count - 1].filter { $0 < result.recordedSteps.count })
        for index in result.recordedSteps.indices where shown.contains(index) {
            curve.addRow(["\(result.recordedSteps[index])"] + runs.map { TableNumber.fixed($0.lossCurve[index]) })
        }
        curve.addRow(["accuracy"] + runs.map { TableNumber.percent($0.finalAccuracy) })
        // The gradient the claim of 2(c) is about, measured on this sigmoid network at the start.
        let weightLayers = result.configuration.hiddenSizes.count + 1
        var gradients = TextTable(
            caption: "before training, on the training set: RMS entry of ∂L/∂W per weight layer (input first) and mean σ′(z) per hidden layer",
            header: ["initialisation"] + (1...weightLayers).map { $0 == weightLayers ? "RMS ∂L/∂W\($0) (output)" : "RMS ∂L/∂W\($0)" }
                + result.configuration.hiddenSizes.indices.map { "mean σ′ layer \($0 + 1)" },
            key: "init-gradients")
        for run in runs {
            gradients.addRow([run.name] + run.initialGradientRMS.map { TableNumber.scientific($0) }
                + run.initialMeanDerivative.map { TableNumber.fixed($0) })
        }
        var values: [String: Double] = [:]
        for (prefix, run) in [("large", result.large), ("xavier", result.xavier)] {
            for (index, rms) in run.initialGradientRMS.enumerated() { values["\(prefix)-grad-rms-w\(index + 1)"] = rms }
            for (index, d) in run.initialMeanDerivative.enumerated() { values["\(prefix)-mean-derivative-\(index + 1)"] = d }
            for (index, share) in run.initialSaturation.enumerated() { values["\(prefix)-saturated-before-\(index + 1)"] = share }
            values["\(prefix)-loss-first"] = run.lossCurve[0]
            values["\(prefix)-loss-last"] = run.finalLoss
            // How much larger the first layer's gradient is than the output layer's.
            values["\(prefix)-grad-rms-w1-over-output"] = run.initialGradientRMS[0] / run.initialGradientRMS[weightLayers - 1]
        }
        var chart = LineChart(
            title: "Sigmoid network: large initial weights train slowly", xLabel: "SGD step",
            yLabel: "training loss", yScale: .log10)
        for run in runs {
            chart.add(try ChartSeries(name: run.name, x: result.recordedSteps.map(Double.init), y: run.lossCurve))
        }
        return DemonstrationReport(
            name: "large-init", question: "2(c)",
            title: "training a sigmoid network from large weights against Xavier",
            tables: [saturation, gradients, curve],
            findings: [
                "At the start \(TableNumber.percent(result.large.initialSaturatedShare)) of the hidden units are saturated with \(result.large.name) weights, \(TableNumber.percent(result.xavier.initialSaturatedShare)) with Xavier.",
                "Before training the RMS gradient entry of W1 is \(TableNumber.scientific(result.large.initialGradientRMS[0])) with \(result.large.name) weights against \(TableNumber.scientific(result.large.initialGradientRMS[weightLayers - 1])) at the output layer (Xavier: \(TableNumber.scientific(result.xavier.initialGradientRMS[0])) against \(TableNumber.scientific(result.xavier.initialGradientRMS[weightLayers - 1]))), though the mean σ′ of the large start's hidden units is \(result.large.initialMeanDerivative.map { TableNumber.fixed($0) }.joined(separator: " and ")).",
                "After \(result.configuration.steps) identical SGD steps the loss is \(TableNumber.fixed(result.large.finalLoss)) from large weights against \(TableNumber.fixed(result.xavier.finalLoss)) from Xavier (accuracy \(TableNumber.percent(result.large.finalAccuracy)) vs \(TableNumber.percent(result.xavier.finalAccuracy))).",
            ],
            figures: [DemonstrationFigure(fileName: "large-init-training-loss.svg", svg: chart.svg())],
            values: values)
    }
}
