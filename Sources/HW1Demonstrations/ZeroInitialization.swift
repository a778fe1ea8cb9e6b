import BLASKit
import HW1NeuralNetwork

/// Problem 4(a): the 4-3-1 sigmoid network for binary classification, every weight and bias
/// started at zero, trained by single-sample SGD on the binary cross-entropy.
///
/// With all parameters zero, every pre-activation is 0, so every unit outputs σ(0) = 1/2 and
/// ŷ = 1/2 for any input. Backpropagation gives δ₃ = ŷ − y, ∂L/∂W₃ = δ₃·h₂ᵀ = (½ − y)·½ per entry,
/// ∂L/∂b₃ = ½ − y, and δ₂ = W₃ᵀδ₃ ⊙ σ′ = 0 because W₃ = 0, so the first step changes only the
/// output layer. Units of a layer start equal, receive equal gradients, and so stay equal forever.
public enum ZeroInitializationDemonstration {
    /// Sizes and the training run.
    public struct Configuration: Sendable {
        /// Input size (the homework allows any).
        public var inputSize = 5
        /// Random inputs at which the untrained output is read.
        public var probeCount = 5
        /// SGD steps, one sample each.
        public var steps = 4
        /// Learning rate η.
        public var learningRate = 0.5
        /// Standard deviation of the contrasting random initialisation.
        public var controlStandardDeviation = 0.1
        /// SGD steps drawn in the figure (the run takes max(steps, figureSteps) steps; the
        /// table shows the first `steps`).
        public var figureSteps = 24

        /// The defaults: 5 inputs, 5 probes, 4 steps (24 in the figure), η = 0.5, control N(0, 0.1²).
        public init() {}
    }

    /// The 4-3-1 network: weights `[out, in]` and biases `[out]` of its three layers, sigmoid
    /// after each (the last gives P(y = 1)).
    public struct SigmoidNetwork: Sendable, Equatable {
        /// `[4, d]`, `[3, 4]`, `[1, 3]`.
        public var weights: [Matrix<Double>]
        /// `[4]`, `[3]`, `[1]`.
        public var biases: [[Double]]

        /// The network with every parameter zero.
        public static func zeros(inputSize: Int) -> SigmoidNetwork {
            let sizes = [inputSize, 4, 3, 1]
            return SigmoidNetwork(
                weights: (1..<sizes.count).map { Matrix(rows: sizes[$0], columns: sizes[$0 - 1]) },
                biases: (1..<sizes.count).map { [Double](repeating: 0, count: sizes[$0]) })
        }

        /// The activations of each layer, input first: `[x, h₁, h₂, ŷ]`.
        public func activations(_ x: [Double]) -> [[Double]] {
            var result = [x]
            for (w, b) in zip(weights, biases) {
                let z = zip(w.matvec(result[result.count - 1]), b).map { $0 + $1 }
                result.append(z.map { Activation.sigmoid($0) })
            }
            return result
        }

        /// ∂L/∂W and ∂L/∂b of every layer for the binary cross-entropy of one sample.
        public func gradients(_ x: [Double], label y: Double) -> (weights: [Matrix<Double>], biases: [[Double]]) {
            let a = activations(x)
            var delta = [a[3][0] - y]  // sigmoid + cross-entropy: ∂L/∂z₃ = ŷ − y
            var weightGradients = [Matrix<Double>](), biasGradients = [[Double]]()
            for layer in stride(from: weights.count - 1, through: 0, by: -1) {
                weightGradients.insert(Matrix(column: delta).matmul(Matrix(row: a[layer])), at: 0)
                biasGradients.insert(delta, at: 0)
                if layer > 0 {
                    let back = weights[layer].matvec(delta, transposeSelf: true)
                    delta = zip(back, a[layer]).map { $0 * $1 * (1 - $1) }
                }
            }
            return (weightGradients, biasGradients)
        }

        /// One SGD step on one sample.
        public mutating func step(_ x: [Double], label: Double, learningRate eta: Double) {
            let g = gradients(x, label: label)
            for layer in weights.indices {
                weights[layer] -= eta * g.weights[layer]
                biases[layer] = zip(biases[layer], g.biases[layer]).map { $0 - eta * $1 }
            }
        }

        /// Parameter tensors in order W₁, b₁, W₂, b₂, W₃, b₃, flattened.
        public var tensors: [[Double]] {
            weights.indices.flatMap { [weights[$0].elements, biases[$0]] }
        }

        /// For each hidden layer, the largest difference between any unit and unit 0 over its
        /// incoming weights, its bias and its outgoing weights (0 = all units identical).
        public var hiddenUnitSpread: [Double] {
            (0..<(weights.count - 1)).map { layer in
                let incoming = weights[layer], outgoing = weights[layer + 1]
                var spread = 0.0
                for unit in 1..<incoming.rows {
                    for c in 0..<incoming.columns { spread = max(spread, abs(incoming[unit, c] - incoming[0, c])) }
                    spread = max(spread, abs(biases[layer][unit] - biases[layer][0]))
                    for r in 0..<outgoing.rows { spread = max(spread, abs(outgoing[r, unit] - outgoing[r, 0])) }
                }
                return spread
            }
        }
    }

    /// One SGD step: the sample's label, how each tensor moved, and the unit spreads after it.
    public struct StepRecord: Sendable {
        /// The label y ∈ {0, 1} of the step's sample.
        public var label: Double
        /// max |Δ| of W₁, b₁, W₂, b₂, W₃, b₃.
        public var largestChange: [Double]
        /// ``SigmoidNetwork/hiddenUnitSpread`` after the step, zero initialisation.
        public var unitSpread: [Double]
        /// The same for the randomly initialised control network.
        public var controlUnitSpread: [Double]
    }

    /// Everything the demo measured.
    public struct Result: Sendable {
        /// The configuration it ran with.
        public var configuration: Configuration
        /// The zero network's output at each probe input.
        public var probeOutputs: [Double]
        /// The zero network's parameters after each step (the first entry is before training).
        public var snapshots: [SigmoidNetwork]
        /// The randomly started control network's parameters after each step (first: before training).
        public var controlSnapshots: [SigmoidNetwork]
        /// One record per step (max(steps, figureSteps) of them).
        public var steps: [StepRecord]
        /// The predicted first-step change of each W₃ entry, −η(½ − y)·½, and of b₃, −η(½ − y).
        public var predictedFirstStep: (w3: Double, b3: Double)

        /// For W₁, b₁, W₂, b₂, W₃, b₃: the first step (1-based) that changed it, or nil if none did.
        public var firstChangingStep: [Int?] {
            tensorNames.indices.map { tensor in steps.firstIndex { $0.largestChange[tensor] != 0 }.map { $0 + 1 } }
        }
    }

    /// Names of the parameter tensors in ``SigmoidNetwork/tensors`` order.
    public static let tensorNames = ["W1", "b1", "W2", "b2", "W3", "b3"]

    /// Runs the demonstration with random inputs and labels from `seed`.
    public static func run(_ configuration: Configuration = Configuration(), seed: UInt64) -> Result {
        var generator = SeededGenerator(seed: seed)
        let d = configuration.inputSize
        func randomInput() -> [Double] { (0..<d).map { _ in 2 * generator.nextStandardNormal() } }

        var network = SigmoidNetwork.zeros(inputSize: d)
        let probeOutputs = (0..<configuration.probeCount).map { _ in network.activations(randomInput())[3][0] }

        var control = network
        control.weights = control.weights.map {
            .randomNormal(rows: $0.rows, columns: $0.columns, standardDeviation: configuration.controlStandardDeviation, using: &generator)
        }
        var snapshots = [network], controlSnapshots = [control]
        var steps: [StepRecord] = []
        var firstLabel = 0.0
        for index in 0..<max(configuration.steps, configuration.figureSteps) {
            let x = randomInput()
            let label: Double = Bool.random(using: &generator) ? 1 : 0
            if index == 0 { firstLabel = label }
            let before = network.tensors
            network.step(x, label: label, learningRate: configuration.learningRate)
            control.step(x, label: label, learningRate: configuration.learningRate)
            let change = zip(before, network.tensors).map { old, new in
                zip(old, new).map { abs($1 - $0) }.max() ?? 0
            }
            snapshots.append(network)
            controlSnapshots.append(control)
            steps.append(StepRecord(
                label: label, largestChange: change, unitSpread: network.hiddenUnitSpread,
                controlUnitSpread: control.hiddenUnitSpread))
        }
        let eta = configuration.learningRate
        return Result(
            configuration: configuration, probeOutputs: probeOutputs, snapshots: snapshots,
            controlSnapshots: controlSnapshots, steps: steps,
            predictedFirstStep: (w3: -eta * (0.5 - firstLabel) * 0.5, b3: -eta * (0.5 - firstLabel)))
    }

    /// The tables and findings of a run.
    public static func report(_ result: Result) -> DemonstrationReport {
        var outputs = TextTable(caption: "output ŷ of the all-zero 4-3-1 sigmoid network at random inputs", header: ["input", "ŷ", "ŷ − 0.5"])
        for (index, y) in result.probeOutputs.enumerated() {
            outputs.addRow(["x\(index + 1)", TableNumber.fixed(y, decimals: 6), TableNumber.scientific(y - 0.5)])
        }
        var changes = TextTable(
            caption: "largest |change| of each parameter tensor per SGD step (η = \(result.configuration.learningRate)), and hidden-unit spread after it",
            header: ["step", "y"] + tensorNames + ["spread h1", "spread h2", "control spread h1"])
        for (index, step) in result.steps.prefix(result.configuration.steps).enumerated() {
            changes.addRow(
                ["\(index + 1)", "\(Int(step.label))"] + step.largestChange.map { $0 == 0 ? "0" : TableNumber.scientific($0) }
                    + step.unitSpread.map { $0 == 0 ? "0" : TableNumber.scientific($0) }
                    + [TableNumber.scientific(step.controlUnitSpread[0])])
        }
        let afterFirst = result.snapshots[1]
        let measuredW3 = afterFirst.weights[2].elements
        let allHalf = result.probeOutputs.allSatisfy { $0 == 0.5 }
        let identical = result.steps.allSatisfy { $0.unitSpread.allSatisfy { $0 == 0 } }
        let tableSteps = result.steps.prefix(result.configuration.steps)
        return DemonstrationReport(
            name: "zero-init", question: "4(a)",
            title: "a 4-3-1 sigmoid network started at zero: output ½, only the output layer moves first, units stay identical",
            tables: [outputs, changes],
            findings: [
                "Every probe input gives ŷ = \(allHalf ? "exactly 0.5" : "values other than 0.5 (unexpected)") = σ(0).",
                "Step 1 changes only W3 and b3: each W3 entry by \(TableNumber.fixed(measuredW3[0])) (predicted −η(½ − y)·½ = \(TableNumber.fixed(result.predictedFirstStep.w3))), b3 by \(TableNumber.fixed(afterFirst.biases[2][0])) (predicted \(TableNumber.fixed(result.predictedFirstStep.b3))). First step that moves W1, W2, W3: \([0, 2, 4].map { result.firstChangingStep[$0].map(String.init) ?? "none" }.joined(separator: ", ")) — one layer further back per step.",
                "Hidden units stay \(identical ? "exactly identical (spread 0)" : "NOT identical") after every one of \(result.steps.count) steps, while the randomly started control's units differ (spread \(TableNumber.scientific(tableSteps.last?.controlUnitSpread[0] ?? 0)) after step \(tableSteps.count)).",
            ],
            figures: unitWeightFigures(result))
    }
}
