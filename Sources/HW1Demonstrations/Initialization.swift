import BLASKit
import HW1NeuralNetwork
import HW1Plotting

/// Problem 2(b): activation and gradient variance per layer of a deep tanh network under
/// three initialisations — Xavier N(0, 2/(fan_in + fan_out)), naive N(0, 1) and tiny N(0, 0.01²).
///
/// Xavier chooses Var(W) so that, in tanh's linear regime, n·Var(W) = 1 both forward
/// (fan_in) and backward (fan_out): the signal and the error keep their scale. N(0, 1) makes
/// n·Var(W) = n, so every unit saturates (tanh′ ≈ 0); N(0, 0.01²) makes it n·10⁻⁴, so the
/// signal shrinks geometrically layer after layer. tanh is the activation Xavier's argument
/// is made for; the neural-network module has none, so the probe applies it after identity
/// ``Dense`` layers drawn by the module's own initialisers.
public enum InitializationDemonstration {
    /// Sizes of the network and batch.
    public struct Configuration: Sendable {
        /// Hidden layers (each followed by tanh); one output layer follows them.
        public var hiddenLayerCount = 10
        /// Width of the input and of every hidden layer.
        public var width = 64
        /// Classes of the softmax output.
        public var classCount = 10
        /// Rows of the random batch (standard normal inputs).
        public var batchSize = 256
        /// Standard deviation of the tiny initialisation.
        public var tinyStandardDeviation = 0.01

        /// The defaults: 10 tanh layers of width 64, 10 classes, a batch of 256, tiny = 0.01.
        public init() {}
    }

    /// One initialisation's measurements.
    public struct Run: Sendable {
        /// Label for tables, e.g. `Xavier`.
        public var name: String
        /// The module initialiser used.
        public var initializer: WeightInitializer
        /// One entry per hidden layer, input side first (the output layer is left out).
        public var layers: [LayerMeasurement]

        /// Largest over smallest activation variance across the hidden layers.
        public var activationVarianceSpread: Double {
            let v = layers.map(\.activationVariance)
            return (v.max() ?? 0) / (v.min() ?? 1)
        }

        /// Largest over smallest weight-gradient variance across the hidden layers.
        public var gradientVarianceSpread: Double {
            let v = layers.map(\.weightGradientVariance)
            return (v.max() ?? 0) / (v.min() ?? 1)
        }
    }

    /// Everything the demo measured.
    public struct Result: Sendable {
        /// The configuration it ran with.
        public var configuration: Configuration
        /// Xavier, N(0, 1), tiny — in that order.
        public var runs: [Run]

        /// The Xavier run.
        public var xavier: Run { runs[0] }
        /// The N(0, 1) run.
        public var standardNormal: Run { runs[1] }
        /// The tiny run.
        public var tiny: Run { runs[2] }
    }

    /// Runs the three initialisations on the same random batch drawn from `seed`.
    public static func run(_ configuration: Configuration = Configuration(), seed: UInt64) throws -> Result {
        var generator = SeededGenerator(seed: seed)
        let c = configuration
        let inputs = Matrix<Double>.randomNormal(rows: c.batchSize, columns: c.width, using: &generator)
        let labels = (0..<c.batchSize).map { _ in Int.random(in: 0..<c.classCount, using: &generator) }
        let sizes = Array(repeating: c.width, count: c.hiddenLayerCount + 1) + [c.classCount]
        let choices: [(String, WeightInitializer)] = [
            ("Xavier", .xavierNormal), ("N(0,1)", .normal(standardDeviation: 1)),
            ("N(0,\(c.tinyStandardDeviation)²)", .normal(standardDeviation: c.tinyStandardDeviation)),
        ]
        let runs = try choices.map { name, initializer in
            let probe = try NetworkProbe(sizes: sizes, activation: .tanh, initializer: initializer, using: &generator)
            return Run(name: name, initializer: initializer, layers: Array(probe.measure(inputs, labels: labels).dropLast()))
        }
        return Result(configuration: c, runs: runs)
    }

    /// The tables, findings and figures of a run.
    public static func report(_ result: Result) throws -> DemonstrationReport {
        let names = result.runs.map(\.name)
        var activations = TextTable(
            caption: "tanh network, width \(result.configuration.width): variance of each hidden layer's activations (saturated share: tanh′ < 0.1)",
            header: ["layer"] + names.map { "Var(a) \($0)" } + names.map { "sat. \($0)" })
        var gradients = TextTable(
            caption: "variance of the entries of ∂L/∂W per hidden layer",
            header: ["layer"] + names.map { "Var(∂L/∂W) \($0)" })
        for index in result.xavier.layers.indices {
            activations.addRow(
                ["\(index + 1)"] + result.runs.map { TableNumber.scientific($0.layers[index].activationVariance) }
                    + result.runs.map { TableNumber.percent($0.layers[index].saturatedShare) })
            gradients.addRow(["\(index + 1)"] + result.runs.map { TableNumber.scientific($0.layers[index].weightGradientVariance) })
        }
        activations.addRow(["max/min"] + result.runs.map { TableNumber.scientific($0.activationVarianceSpread) } + names.map { _ in "" })
        gradients.addRow(["max/min"] + result.runs.map { TableNumber.scientific($0.gradientVarianceSpread) })

        var activationChart = LineChart(
            title: "Activation variance per layer (tanh)", xLabel: "hidden layer", yLabel: "Var(activation)", yScale: .log10)
        var gradientChart = LineChart(
            title: "Weight-gradient variance per layer (tanh)", xLabel: "hidden layer", yLabel: "Var(∂L/∂W)", yScale: .log10)
        for run in result.runs {
            activationChart.add(ChartSeries(name: run.name, y: run.layers.map(\.activationVariance)))
            gradientChart.add(ChartSeries(name: run.name, y: run.layers.map(\.weightGradientVariance)))
        }
        let saturation = result.standardNormal.layers.map(\.saturatedShare).min() ?? 0
        let tinyDrop = result.tiny.layers[0].activationVariance / result.tiny.layers[result.tiny.layers.count - 1].activationVariance
        return DemonstrationReport(
            name: "init", question: "2(b)",
            title: "activation and gradient variance per layer of a tanh network: Xavier, N(0,1), tiny",
            tables: [activations, gradients],
            findings: [
                "Xavier: gradient variance stays within a factor \(TableNumber.fixed(result.xavier.gradientVarianceSpread, decimals: 2)) across layers; activation variance drifts only by \(TableNumber.fixed(result.xavier.activationVarianceSpread, decimals: 1))× over \(result.xavier.layers.count) layers (tanh compresses slowly) and at most \(TableNumber.percent(result.xavier.layers.map(\.saturatedShare).max() ?? 0)) of a layer's units saturate.",
                "N(0,1): at least \(TableNumber.percent(saturation)) of the units of every layer are saturated, and the gradient variance spans \(TableNumber.scientific(result.standardNormal.gradientVarianceSpread))× across layers.",
                "Tiny N(0,\(result.configuration.tinyStandardDeviation)²): the activation variance collapses by \(TableNumber.scientific(tinyDrop))× from layer 1 to layer \(result.tiny.layers.count); gradients are ~\(TableNumber.scientific(result.tiny.layers[0].weightGradientVariance)) in variance.",
            ],
            figures: [
                DemonstrationFigure(fileName: "init-activation-variance.svg", svg: activationChart.svg()),
                DemonstrationFigure(fileName: "init-gradient-variance.svg", svg: gradientChart.svg()),
            ])
    }
}
