import BLASKit
import HW1NeuralNetwork
import HW1Plotting

/// Problem 2(a): the weight-gradient norm of every layer of a 10-layer network, sigmoid
/// against ReLU, at initialisation.
///
/// Back-propagation multiplies the error by Wᵀ and by f′ once per layer. σ′ ≤ 1/4, so with
/// Xavier weights each sigmoid layer shrinks the error by roughly 1/4 and the first layer's
/// gradient is orders of magnitude smaller than the last one's; ReLU′ is exactly 1 on active
/// units, so with He weights the norm stays of the same order through depth.
public enum VanishingGradientDemonstration {
    /// Sizes of the network and batch.
    public struct Configuration: Sendable {
        /// Dense layers in the network (hidden layers + the output layer).
        public var layerCount = 10
        /// Width of the input and of every hidden layer.
        public var width = 32
        /// Classes of the softmax output.
        public var classCount = 10
        /// Rows of the random batch.
        public var batchSize = 128

        /// The defaults: 10 layers of width 32, 10 classes, a batch of 128.
        public init() {}
    }

    /// One activation's measurements.
    public struct Run: Sendable {
        /// The hidden nonlinearity.
        public var activation: ProbeActivation
        /// The initialiser the module picks for it (Xavier for sigmoid, He for ReLU).
        public var initializer: WeightInitializer
        /// One entry per layer, input side first.
        public var layers: [LayerMeasurement]

        /// ‖∂L/∂W₁‖ / ‖∂L/∂W_L‖: the first layer's gradient norm relative to the last one's.
        public var firstToLastRatio: Double {
            layers[0].weightGradientNorm / layers[layers.count - 1].weightGradientNorm
        }
    }

    /// Everything the demo measured.
    public struct Result: Sendable {
        /// The configuration it ran with.
        public var configuration: Configuration
        /// The sigmoid network's measurements.
        public var sigmoid: Run
        /// The ReLU network's measurements.
        public var relu: Run
    }

    /// Runs both networks on the same random batch drawn from `seed`.
    public static func run(_ configuration: Configuration = Configuration(), seed: UInt64) throws -> Result {
        var generator = SeededGenerator(seed: seed)
        let c = configuration
        let inputs = Matrix<Double>.randomNormal(rows: c.batchSize, columns: c.width, using: &generator)
        let labels = (0..<c.batchSize).map { _ in Int.random(in: 0..<c.classCount, using: &generator) }
        let sizes = Array(repeating: c.width, count: c.layerCount) + [c.classCount]
        func measure(_ activation: ProbeActivation, _ moduleActivation: Activation) throws -> Run {
            let initializer = WeightInitializer.default(for: moduleActivation)
            let probe = try NetworkProbe(sizes: sizes, activation: activation, initializer: initializer, using: &generator)
            return Run(activation: activation, initializer: initializer, layers: probe.measure(inputs, labels: labels))
        }
        return Result(configuration: c, sigmoid: try measure(.sigmoid, .sigmoid), relu: try measure(.relu, .relu))
    }

    private static func hiddenMean(_ run: Run) -> Double {
        Statistics.mean(run.layers.dropLast().map(\.meanDerivative))
    }

    /// The table, findings and figure of a run.
    public static func report(_ result: Result) throws -> DemonstrationReport {
        var table = TextTable(
            caption: "‖∂L/∂W‖ per layer at initialisation, \(result.configuration.layerCount)-layer network of width \(result.configuration.width) (layer 1 = input side)",
            header: ["layer", "sigmoid (Xavier)", "ReLU (He)", "mean σ′(z)", "mean ReLU′(z)"])
        for index in result.sigmoid.layers.indices {
            let s = result.sigmoid.layers[index], r = result.relu.layers[index]
            let isHidden = index < result.sigmoid.layers.count - 1
            table.addRow([
                "\(index + 1)", TableNumber.scientific(s.weightGradientNorm), TableNumber.scientific(r.weightGradientNorm),
                isHidden ? TableNumber.fixed(s.meanDerivative, decimals: 3) : "—", isHidden ? TableNumber.fixed(r.meanDerivative, decimals: 3) : "—",
            ])
        }
        table.addRow([
            "1 / \(result.sigmoid.layers.count)", TableNumber.scientific(result.sigmoid.firstToLastRatio),
            TableNumber.scientific(result.relu.firstToLastRatio), "", "",
        ])
        var chart = LineChart(
            title: "Gradient norm per layer: sigmoid vanishes, ReLU does not", xLabel: "layer (1 = input side)",
            yLabel: "‖∂L/∂W‖", yScale: .log10)
        chart.add(ChartSeries(name: "sigmoid, Xavier", y: result.sigmoid.layers.map(\.weightGradientNorm)))
        chart.add(ChartSeries(name: "ReLU, He", y: result.relu.layers.map(\.weightGradientNorm)))
        return DemonstrationReport(
            name: "vanishing", question: "2(a)",
            title: "gradient norm per layer in a 10-layer network, sigmoid against ReLU",
            tables: [table],
            findings: [
                "Sigmoid: layer 1's gradient is \(TableNumber.scientific(result.sigmoid.firstToLastRatio)) × layer \(result.sigmoid.layers.count)'s — every layer multiplies the error by σ′(z) ≤ 1/4 (mean \(TableNumber.fixed(hiddenMean(result.sigmoid), decimals: 3)) here).",
                "ReLU: the ratio is \(TableNumber.scientific(result.relu.firstToLastRatio)) — ReLU′ is 1 on the active units (mean \(TableNumber.fixed(hiddenMean(result.relu), decimals: 3)): about half are active) and He's Var(W) = 2/fan_in makes up for the other half.",
            ],
            figures: [DemonstrationFigure(fileName: "vanishing-gradient-norms.svg", svg: chart.svg())])
    }
}
