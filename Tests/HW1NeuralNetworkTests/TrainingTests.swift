import BLASKit
import HW1NeuralNetwork
import Synchronization
import Testing

/// A small synthetic classification set: 3 Gaussian-ish clusters in 8 dimensions.
func clusteredData(count: Int, seed: UInt64) -> (Matrix<Float>, [Int]) {
    var generator = SeededGenerator(seed: seed)
    var centres = Matrix<Float>.random(rows: 3, columns: 8, in: -1...1, using: &generator)
    centres *= 2
    var labels: [Int] = []
    var x = Matrix<Float>(rows: count, columns: 8)
    for r in 0..<count {
        let label = Int.random(in: 0..<3, using: &generator)
        labels.append(label)
        for c in 0..<8 { x[r, c] = centres[label, c] + Float(generator.nextStandardNormal()) * 0.7 }
    }
    return (x, labels)
}

@Suite struct TrainingTests {
    /// Sizes whose parameter count (or its bytes) overflows are refused, not trapped on (issue #17).
    @Test func overflowingLayerSizesAreAnInvalidSizesError() {
        for sizes in [[1 << 32, 1 << 32, 2], [784, Int.max, 10], [784, 1 << 40, 1 << 22, 10]] {  // the last: 2⁶² floats, 2⁶⁴ bytes
            #expect(throws: NeuralNetworkError.invalidSizes(sizes)) {
                try Network<Float>(sizes: sizes, activation: .sigmoid, namedParameters: [])
            }
        }
    }

    @Test func aTinyBatchCanBeOverfitToFullAccuracy() throws {
        let x = randomMatrix(10, 6, seed: 51).converted(Float.self)
        let labels = randomLabels(10, classes: 4, seed: 52)
        var generator = SeededGenerator(seed: 53)
        var network = try Network<Float>(sizes: [6, 32, 4], activation: .relu, using: &generator)
        var adam = Adam<Float>(learningRate: 0.01)
        let workspace = try TrainingWorkspace(network: network, batchSize: 10)
        var lastLoss = Double.infinity
        for _ in 0..<300 { lastLoss = try workspace.step(&network, inputs: x, labels: labels, optimizer: &adam).loss }
        let evaluation = try network.evaluate(x, labels: labels)
        #expect(evaluation.accuracy == 1)
        #expect(lastLoss < 0.05)
    }

    @Test func zeroInitialisationKeepsHiddenUnitsIdentical() throws {
        // Problem 4(a), with a softmax head: a 5-4-3-2 sigmoid net, all parameters zero.
        var generator = SeededGenerator(seed: 61)
        var network = try Network<Double>(sizes: [5, 4, 3, 2], activation: .sigmoid, initializer: .zeros, using: &generator)
        let x = randomMatrix(6, 5, seed: 62)
        let labels = [0, 1, 1, 0, 1, 1]
        // Every output is the same: equal logits (0), so probability 1/2 per class.
        #expect(network.probabilities(x).elements.allSatisfy { abs($0 - 0.5) < 1e-15 })
        var sgd = SGD<Double>(learningRate: 0.5)
        let workspace = try TrainingWorkspace(network: network, batchSize: 6)
        // After the first step only the output layer (and hidden biases' zero gradients) can move.
        _ = try workspace.step(&network, inputs: x, labels: labels, optimizer: &sgd)
        #expect(network.weight(layer: 0).elements.allSatisfy { $0 == 0 })
        #expect(network.weight(layer: 2).elements.contains { $0 != 0 })
        for _ in 0..<20 { _ = try workspace.step(&network, inputs: x, labels: labels, optimizer: &sgd) }
        // Symmetry is never broken: the rows (hidden units) of each hidden layer stay equal.
        for layer in 0..<2 {
            let w = network.weight(layer: layer), b = network.bias(layer: layer)
            for unit in 1..<w.rows {
                #expect(w.row(unit) == w.row(0))
                #expect(b[unit] == b[0])
            }
        }
        #expect(network.weight(layer: 0).elements.contains { $0 != 0 })
    }

    func train(workers: Int, seed: UInt64 = 5, epochs: Int = 2) throws -> (TrainingHistory, Network<Float>) {
        // One draw split in two, so both sets share the cluster centres.
        let (all, allLabels) = clusteredData(count: 1300, seed: 71)
        let x = Matrix(rows: 1000, columns: 8, elements: Array(all.elements[..<8000]))
        let tx = Matrix(rows: 300, columns: 8, elements: Array(all.elements[8000...]))
        let y = Array(allLabels[..<1000]), ty = Array(allLabels[1000...])
        var generator = SeededGenerator(seed: seed)
        var network = try Network<Float>(sizes: [8, 16, 12, 3], activation: .sigmoid, using: &generator)
        let trainer = try Trainer(trainInputs: x, trainLabels: y, testInputs: tx, testLabels: ty,
                                  configuration: TrainingConfiguration(epochs: epochs, batchSize: 64, seed: seed,
                                                                       validationCount: 100, workers: workers))
        var sgd = SGD<Float>(learningRate: 0.5, momentum: 0.9)
        let history = try trainer.train(&network, optimizer: &sgd)
        return (history, network)
    }

    @Test func theSameSeedGivesIdenticalMetrics() throws {
        let (first, a) = try train(workers: 1)
        let (second, b) = try train(workers: 1)
        #expect(first.outcome == .completed)
        #expect(first.epochs.map(\.trainLoss) == second.epochs.map(\.trainLoss))
        #expect(first.epochs.map(\.testAccuracy) == second.epochs.map(\.testAccuracy))
        #expect(a.parameters == b.parameters)
        #expect(first.epochs.last!.testAccuracy > 0.9)
        #expect(first.epochs.last!.validationAccuracy! > 0.9)
        let (other, _) = try train(workers: 1, seed: 6)
        #expect(other.epochs.map(\.trainLoss) != first.epochs.map(\.trainLoss))
    }

    @Test func twoWorkersAreReproducibleAndAgreeWithOne() throws {
        let (one, a) = try train(workers: 1)
        let (two, b) = try train(workers: 2)
        let (again, c) = try train(workers: 2)
        #expect(b.parameters == c.parameters)
        #expect(two.epochs.map(\.trainLoss) == again.epochs.map(\.trainLoss))
        let difference = zip(a.parameters, b.parameters).map { abs($0 - $1) }.max()!
        #expect(difference < 1e-4)
        #expect(abs(one.epochs.last!.trainLoss - two.epochs.last!.trainLoss) < 1e-5)
    }

    @Test func anOptimizerChosenAtRunTimeTrainsThroughAnExistential() throws {
        // The CLI picks the optimiser from a flag: `any Optimizer<Float>` opens into `train`.
        let (x, y) = clusteredData(count: 300, seed: 151)
        for choice in ["sgd", "momentum", "adam"] {
            var optimizer: any Optimizer<Float> = switch choice {
            case "sgd": SGD(learningRate: 0.5)
            case "momentum": SGD(learningRate: 0.1, momentum: 0.9)
            default: Adam(learningRate: 0.01)
            }
            var generator = SeededGenerator(seed: 152)
            var network = try Network<Float>(sizes: [8, 16, 3], activation: .relu, using: &generator)
            let trainer = try Trainer(trainInputs: x, trainLabels: y, testInputs: x, testLabels: y,
                                      configuration: TrainingConfiguration(epochs: 3, batchSize: 32))
            let history = try trainer.train(&network, optimizer: &optimizer)
            #expect(history.epochs.count == 3)
            #expect(history.final!.trainLoss < history.epochs[0].trainLoss || history.final!.trainAccuracy > 0.95, "\(choice)")
        }
    }

    @Test func theLastPartialBatchTrains() throws {
        // 1000 − 100 validation rows = 900 = 14·64 + 4.
        let (x, y) = clusteredData(count: 1000, seed: 71)
        let trainer = try Trainer(trainInputs: x, trainLabels: y, testInputs: x, testLabels: y,
                                  configuration: TrainingConfiguration(epochs: 1, validationCount: 100))
        #expect(trainer.trainingCount == 900 && trainer.validationCount == 100 && trainer.batchesPerEpoch == 15)
    }

    @Test(arguments: [Float.nan, 1e30])
    func aNonFiniteLossStopsTrainingAndKeepsFiniteWeights(learningRate: Float) throws {
        let (x, y) = clusteredData(count: 640, seed: 81)
        var generator = SeededGenerator(seed: 82)
        var network = try Network<Float>(sizes: [8, 16, 3], activation: .relu, using: &generator)
        let trainer = try Trainer(trainInputs: x, trainLabels: y, testInputs: x, testLabels: y,
                                  configuration: TrainingConfiguration(epochs: 3, batchSize: 32, workers: 2))
        var sgd = SGD<Float>(learningRate: learningRate)
        let history = try trainer.train(&network, optimizer: &sgd)
        guard case .diverged(let epoch, let batch, let loss) = history.outcome else {
            Issue.record("expected divergence, got \(history.outcome)")
            return
        }
        #expect(epoch == 1 && batch >= 2 && !loss.isFinite)
        #expect(history.outcome.message.contains("lower learning rate"))
        #expect(network.parameters.allSatisfy { $0.isFinite })
    }

    @Test func cancellationReturnsThePartialHistory() throws {
        let (x, y) = clusteredData(count: 640, seed: 91)
        var generator = SeededGenerator(seed: 92)
        var network = try Network<Float>(sizes: [8, 16, 3], activation: .sigmoid, using: &generator)
        let trainer = try Trainer(trainInputs: x, trainLabels: y, testInputs: x, testLabels: y,
                                  configuration: TrainingConfiguration(epochs: 5, batchSize: 64, progressInterval: 1))
        let stop = Atomic<Bool>(false)
        var reports: [TrainingProgress] = []
        var sgd = SGD<Float>(learningRate: 0.1)
        let history = try trainer.train(&network, optimizer: &sgd, progress: { report in
            reports.append(report)
            if report.epoch == 2 && report.batch == 3 { stop.store(true, ordering: .relaxed) }
        }, shouldStop: { stop.load(ordering: .relaxed) })
        #expect(history.outcome == .interrupted(epoch: 2, batch: 4))
        #expect(history.epochs.count == 1)
        #expect(reports.contains { $0.finishedEpoch?.epoch == 1 })
        #expect(history.epochs[0].seconds > 0)
    }

    @Test func parametersRoundTripThroughNamedTensors() throws {
        var generator = SeededGenerator(seed: 111)
        let network = try Network<Float>(sizes: [4, 3, 2], activation: .relu, using: &generator)
        let named = network.namedParameters
        #expect(named.map(\.name) == ["layers.0.weight", "layers.0.bias", "layers.1.weight", "layers.1.bias"])
        #expect(named.map(\.shape) == [[3, 4], [3], [2, 3], [2]])
        let rebuilt = try Network<Float>(sizes: [4, 3, 2], activation: .relu, namedParameters: named)
        #expect(rebuilt == network)
        #expect(throws: NeuralNetworkError.self) {
            try Network<Float>(sizes: [4, 3, 2], activation: .relu, namedParameters: Array(named.dropLast()))
        }
        var changed = network
        #expect(throws: NeuralNetworkError.self) { try changed.setParameter(named: "layers.0.weight", shape: [4, 3], values: [Float](repeating: 0, count: 12)) }
        #expect(throws: NeuralNetworkError.self) { try changed.setParameter(named: "layers.9.bias", shape: [2], values: [0, 0]) }
    }

    @Test func initialisersHaveTheirVariances() throws {
        var generator = SeededGenerator(seed: 121)
        let xavier: [Double] = WeightInitializer.xavierUniform.weights(outputs: 200, inputs: 300, using: &generator)
        #expect(xavier.allSatisfy { abs($0) <= (6.0 / 500).squareRoot() })
        let he: [Double] = WeightInitializer.he.weights(outputs: 200, inputs: 300, using: &generator)
        let variance = he.reduce(0) { $0 + $1 * $1 } / Double(he.count)
        #expect(abs(variance - 2.0 / 300) < 0.05 * 2.0 / 300)
        #expect(WeightInitializer.default(for: .relu) == .he)
        #expect(WeightInitializer.default(for: .sigmoid) == .xavierUniform)
    }

    @Test func badOptionsAndDataAreRejectedWithNamedErrors() throws {
        let (x, y) = clusteredData(count: 20, seed: 131)
        #expect(throws: NeuralNetworkError.self) {
            try Trainer(trainInputs: x, trainLabels: y, testInputs: x, testLabels: y, configuration: TrainingConfiguration(epochs: 1, batchSize: 0))
        }
        #expect(throws: NeuralNetworkError.self) {
            try Trainer(trainInputs: x, trainLabels: Array(y.dropLast()), testInputs: x, testLabels: y, configuration: TrainingConfiguration(epochs: 1))
        }
        var generator = SeededGenerator(seed: 132)
        #expect(throws: NeuralNetworkError.invalidSizes([8, 0, 3])) {
            try Network<Float>(sizes: [8, 0, 3], activation: .relu, using: &generator)
        }
        var network = try Network<Float>(sizes: [8, 4, 2], activation: .relu, using: &generator)
        let trainer = try Trainer(trainInputs: x, trainLabels: y, testInputs: x, testLabels: y, configuration: TrainingConfiguration(epochs: 1))
        var sgd = SGD<Float>(learningRate: 0.1)
        // Labels reach 2 but the network has only 2 classes.
        #expect(throws: NeuralNetworkError.self) { try trainer.train(&network, optimizer: &sgd) }
    }

    @Test func aWorkspaceRejectsANetworkOfAnotherShapeWithTheSameInputWidth() throws {
        var generator = SeededGenerator(seed: 133)
        let made = try Network<Float>(sizes: [6, 5, 3], activation: .relu, using: &generator)
        var other = try Network<Float>(sizes: [6, 40, 3], activation: .relu, using: &generator)
        let x = Matrix<Float>(rows: 4, columns: 6, elements: (0..<24).map { Float($0) / 24 })
        let labels = [0, 1, 2, 0]
        for workers in [1, 2] {
            let workspace = try TrainingWorkspace(network: made, batchSize: 4, workers: workers)
            var sgd = SGD<Float>(learningRate: 0.1)
            let before = other.parameters
            let stepError = #expect(throws: NeuralNetworkError.self) {
                try workspace.step(&other, inputs: x, labels: labels, optimizer: &sgd)
            }
            let gradientError = #expect(throws: NeuralNetworkError.self) {
                try workspace.lossAndGradients(other, inputs: x, labels: labels)
            }
            for error in [stepError, gradientError] {
                guard case .dataShape(let message)? = error else { Issue.record("expected a data-shape error, got \(String(describing: error))"); continue }
                #expect(message.contains("[6, 40, 3]") && message.contains("[6, 5, 3]"))
            }
            #expect(other.parameters == before)
            // The network it was made for still steps.
            var same = made
            _ = try workspace.step(&same, inputs: x, labels: labels, optimizer: &sgd)
        }
    }
}

extension Matrix {
    func converted<Other: BLASScalar>(_ type: Other.Type) -> Matrix<Other> {
        Matrix<Other>(rows: rows, columns: columns, elements: elements.map { Other($0) })
    }
}
