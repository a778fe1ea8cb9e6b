import BLASKit
import HW1NeuralNetwork
import Testing

/// Forwards to an SGD but keeps the protocol's default `withRangeUpdate` (nil), so the
/// workspace must sum the gradients and then update on one thread.
struct SerialOnlySGD: Optimizer {
    var inner: SGD<Float>
    var learningRate: Float {
        get { inner.learningRate }
        set { inner.learningRate = newValue }
    }
    var weightDecay: Float {
        get { inner.weightDecay }
        set { inner.weightDecay = newValue }
    }
    mutating func beginStep(parameterCount: Int) { inner.beginStep(parameterCount: parameterCount) }
    mutating func update(
        parameters: UnsafeMutablePointer<Float>, gradients: UnsafePointer<Float>, range: Range<Int>, decay: Float
    ) {
        inner.update(parameters: parameters, gradients: gradients, range: range, decay: decay)
    }
}

struct RangeUpdateTests {
    static let rules: [SGD<Float>] = [
        SGD(learningRate: 0.3), SGD(learningRate: 0.3, weightDecay: 0.01),
        SGD(learningRate: 0.1, momentum: 0.9), SGD(learningRate: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.02),
    ]

    func train<O: Optimizer<Float>>(workers: Int, optimizer: inout O) throws -> Network<Float> {
        // 993 training rows in batches of 50: the last batch has 43 rows, split 22 + 21 (or 15 + 14 + 14).
        let (x, y) = clusteredData(count: 1000, seed: 71)
        var generator = SeededGenerator(seed: 9)
        var network = try Network<Float>(sizes: [8, 40, 24, 3], activation: .sigmoid, using: &generator)
        let trainer = try Trainer(trainInputs: x, trainLabels: y, testInputs: x, testLabels: y,
                                  configuration: TrainingConfiguration(epochs: 2, batchSize: 50, seed: 3, validationCount: 7, workers: workers))
        _ = try trainer.train(&network, optimizer: &optimizer)
        return network
    }

    /// Each thread sums and updates its own parameter slice; that must give exactly the bits of
    /// summing everything first and updating on one thread.
    @Test(arguments: [2, 3], [0, 1, 2, 3])
    func sgdUpdatedBySliceOnEachThreadMatchesTheSerialUpdateBitForBit(workers: Int, rule: Int) throws {
        var parallel = Self.rules[rule]
        var serial = SerialOnlySGD(inner: Self.rules[rule])
        let a = try train(workers: workers, optimizer: &parallel)
        let b = try train(workers: workers, optimizer: &serial)
        // Counts of differing bit patterns keep a failure message short.
        let differing = { (x: [Float], y: [Float]) in x.count == y.count ? zip(x, y).filter { $0.bitPattern != $1.bitPattern }.count : -1 }
        let parameterDifferences = differing(a.parameters, b.parameters)
        let velocityDifferences = differing(parallel.velocity, serial.inner.velocity)
        let finite = a.parameters.allSatisfy { $0.isFinite }
        #expect(parameterDifferences == 0)
        #expect(velocityDifferences == 0)
        #expect(finite)
    }
}
