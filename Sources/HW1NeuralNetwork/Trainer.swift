import Dispatch
import BLASKit

/// Settings of a training run (cs231n's solver options).
public struct TrainingConfiguration: Sendable, Equatable {
    /// Number of passes over the training set.
    public var epochs: Int
    /// Rows per mini-batch; the last batch of an epoch holds the remainder.
    public var batchSize: Int
    /// Seeds the validation split and the per-epoch shuffles.
    public var seed: UInt64
    /// Rows held out of the training set (chosen by the seed) to validate hyperparameters.
    public var validationCount: Int
    /// Threads a step (and the evaluation) is split over; with more than one, OpenBLAS runs
    /// single-threaded during training and its thread count is restored afterwards.
    public var workers: Int
    /// The learning rate per epoch, from the optimiser's initial rate.
    public var schedule: LearningRateSchedule
    /// Batches between progress reports.
    public var progressInterval: Int
    /// Rows per chunk in the evaluation passes.
    public var evaluationChunkSize: Int

    /// Defaults: batch 64, seed 0, no validation split, 2 workers, constant rate.
    public init(
        epochs: Int, batchSize: Int = 64, seed: UInt64 = 0, validationCount: Int = 0, workers: Int = 2,
        schedule: LearningRateSchedule = .constant, progressInterval: Int = 100, evaluationChunkSize: Int = 1000
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.seed = seed
        self.validationCount = validationCount
        self.workers = workers
        self.schedule = schedule
        self.progressInterval = progressInterval
        self.evaluationChunkSize = evaluationChunkSize
    }
}

/// Trains a ``Network`` by mini-batch gradient descent on in-memory data, separate from the
/// model (cs231n's solver): reshuffles with a seeded generator every epoch, gathers each
/// batch's rows straight into preallocated buffers, and after every epoch records loss and
/// accuracy on the whole training set, the validation split and the test set.
///
/// Data are plain matrices: inputs `[n, features]` (e.g. Fashion-MNIST as `x / 255`) and
/// labels `[n]` of class indices. They are held, never copied.
///
/// ```swift
/// var generator = SeededGenerator(seed: seed)
/// var network = try Network<Float>(sizes: [784, 128, 64, 10], activation: .sigmoid, using: &generator)
/// let trainer = try Trainer(trainInputs: x, trainLabels: y, testInputs: tx, testLabels: ty,
///                           configuration: TrainingConfiguration(epochs: 20, batchSize: 64, seed: seed))
/// var optimizer: any Optimizer<Float> = SGD(learningRate: 0.1, momentum: 0.9)
/// let history = try trainer.train(&network, optimizer: &optimizer,
///                                 progress: { print($0.epoch, $0.batch) }, shouldStop: { stop.load(ordering: .relaxed) })
/// ```
public struct Trainer<Scalar: BLASScalar>: Sendable {
    /// The options of the run.
    public let configuration: TrainingConfiguration
    let inputs: Matrix<Scalar>
    let labels: [Int]
    let testInputs: Matrix<Scalar>
    let testLabels: [Int]
    /// Training rows (sorted), or nil when every row trains.
    let trainIndices: [Int]?
    /// Held-out rows (sorted), empty without a split.
    let validationIndices: [Int]

    /// Number of rows that train (the training set less the validation split).
    public var trainingCount: Int { trainIndices?.count ?? inputs.rows }
    /// Number of held-out validation rows.
    public var validationCount: Int { validationIndices.count }
    /// Mini-batches per epoch.
    public var batchesPerEpoch: Int { (trainingCount + configuration.batchSize - 1) / configuration.batchSize }

    /// A trainer over a training set and a test set; validates shapes, labels and options.
    public init(
        trainInputs: Matrix<Scalar>, trainLabels: [Int], testInputs: Matrix<Scalar>, testLabels: [Int],
        configuration: TrainingConfiguration
    ) throws(NeuralNetworkError) {
        let c = configuration
        guard c.epochs >= 1 else { throw .invalidOption(name: "epochs", value: "\(c.epochs)", expected: "at least 1") }
        guard c.batchSize >= 1 else { throw .invalidOption(name: "batch size", value: "\(c.batchSize)", expected: "at least 1") }
        guard c.workers >= 1 else { throw .invalidOption(name: "workers", value: "\(c.workers)", expected: "at least 1") }
        guard c.progressInterval >= 1, c.evaluationChunkSize >= 1 else {
            throw .invalidOption(name: "progress interval / chunk size", value: "\(c.progressInterval) / \(c.evaluationChunkSize)", expected: "at least 1")
        }
        guard trainInputs.rows == trainLabels.count else {
            throw .dataShape("training set has \(trainInputs.rows) input rows but \(trainLabels.count) labels; they must match one to one")
        }
        guard testInputs.rows == testLabels.count else {
            throw .dataShape("test set has \(testInputs.rows) input rows but \(testLabels.count) labels; they must match one to one")
        }
        guard testInputs.columns == trainInputs.columns else {
            throw .dataShape("test inputs have \(testInputs.columns) columns, training inputs \(trainInputs.columns)")
        }
        guard c.validationCount >= 0, c.validationCount < trainInputs.rows else {
            throw .invalidOption(name: "validation count", value: "\(c.validationCount)",
                                 expected: "0..<\(trainInputs.rows) (rows held out of the \(trainInputs.rows) training rows)")
        }
        self.configuration = configuration
        self.inputs = trainInputs
        self.labels = trainLabels
        self.testInputs = testInputs
        self.testLabels = testLabels
        if c.validationCount > 0 {
            var generator = SeededGenerator(seed: c.seed ^ 0x5641_4C49_4441_5445)
            var all = Array(0..<trainInputs.rows)
            Self.shuffle(&all, using: &generator)
            validationIndices = all[..<c.validationCount].sorted()
            trainIndices = all[c.validationCount...].sorted()
        } else {
            validationIndices = []
            trainIndices = nil
        }
    }

    /// Trains `network` for the configured epochs with `optimizer`, which keeps its state
    /// (velocity, moments) and its learning rate as set by the schedule.
    ///
    /// - Parameters:
    ///   - progress: called every `progressInterval` batches and after each epoch's evaluation.
    ///   - shouldStop: polled before every batch; returning true ends the run as
    ///     ``TrainingOutcome/interrupted(epoch:batch:)`` (e.g. wired to SIGINT).
    /// - Returns: the per-epoch history and how the run ended. A non-finite loss restores the
    ///   weights from the start of the failing epoch and ends as ``TrainingOutcome/diverged(epoch:batch:loss:)``.
    public func train<Optimizer: HW1NeuralNetwork.Optimizer>(
        _ network: inout Network<Scalar>, optimizer: inout Optimizer,
        progress: (TrainingProgress) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) throws(NeuralNetworkError) -> TrainingHistory where Optimizer.Scalar == Scalar {
        try network.checkData(inputs, labels, set: "training")
        try network.checkData(testInputs, testLabels, set: "test")
        let c = configuration
        let workspace = try TrainingWorkspace(network: network, batchSize: c.batchSize, workers: c.workers)
        let savedThreads = OpenBLAS.threadCount
        if c.workers > 1 { OpenBLAS.threadCount = 1 }
        defer { if OpenBLAS.threadCount != savedThreads { OpenBLAS.threadCount = savedThreads } }

        var order = trainIndices ?? Array(0..<inputs.rows)
        // Its own buffer, refreshed by copying each epoch: never shares storage with the weights.
        var snapshot = [Scalar](repeating: 0, count: network.parameterCount)
        var generator = SeededGenerator(seed: c.seed ^ 0x5348_5546_464C_4531)
        let baseRate = Double(optimizer.learningRate)
        let batchCount = batchesPerEpoch
        var history = TrainingHistory(epochs: [], outcome: .completed)

        for epoch in 1...c.epochs {
            let rate = c.schedule.rate(base: baseRate, epoch: epoch, totalEpochs: c.epochs)
            optimizer.learningRate = Scalar(rate)
            Self.shuffle(&order, using: &generator)
            Self.copy(network.parameters, into: &snapshot)
            var lossSum = 0.0, correct = 0, seen = 0
            let start = DispatchTime.now().uptimeNanoseconds
            func elapsed() -> Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

            for batch in 0..<batchCount {
                if shouldStop() {
                    history.outcome = .interrupted(epoch: epoch, batch: batch + 1)
                    return history
                }
                let first = batch * c.batchSize
                let rows = min(c.batchSize, order.count - first)
                let result = inputs.withUnsafeBufferPointer { x in
                    labels.withUnsafeBufferPointer { y in
                        order.withUnsafeBufferPointer { o in
                            workspace.trainingStep(&network, optimizer: &optimizer, rowsOf: x.baseAddress!, labels: y.baseAddress!,
                                                   indices: o.baseAddress!, start: first, count: rows)
                        }
                    }
                }
                guard result.loss.isFinite else {
                    try network.setParameters(snapshot)
                    history.outcome = .diverged(epoch: epoch, batch: batch + 1, loss: result.loss)
                    return history
                }
                lossSum += result.loss * Double(rows)
                correct += result.correct
                seen += rows
                if (batch + 1) % c.progressInterval == 0 && batch + 1 < batchCount {
                    progress(TrainingProgress(
                        epoch: epoch, epochCount: c.epochs, batch: batch + 1, batchCount: batchCount,
                        runningLoss: lossSum / Double(seen), runningAccuracy: Double(correct) / Double(seen),
                        seconds: elapsed(), finishedEpoch: nil))
                }
            }
            let seconds = elapsed()

            let train = evaluate(network, indices: trainIndices)
            let validation = validationIndices.isEmpty ? nil : evaluate(network, indices: validationIndices)
            let test = testInputs.withUnsafeBufferPointer { x in
                testLabels.withUnsafeBufferPointer { y in
                    network.evaluate(rowsOf: x.baseAddress!, labels: y.baseAddress!, indices: nil, count: testInputs.rows,
                                     workers: c.workers, chunkSize: c.evaluationChunkSize)
                }
            }
            let metrics = EpochMetrics(
                epoch: epoch, trainLoss: train.loss, trainAccuracy: train.accuracy,
                testLoss: test.loss, testAccuracy: test.accuracy,
                validationLoss: validation?.loss, validationAccuracy: validation?.accuracy,
                seconds: seconds, learningRate: rate)
            history.epochs.append(metrics)
            progress(TrainingProgress(
                epoch: epoch, epochCount: c.epochs, batch: batchCount, batchCount: batchCount,
                runningLoss: lossSum / Double(max(seen, 1)), runningAccuracy: Double(correct) / Double(max(seen, 1)),
                seconds: seconds, finishedEpoch: metrics))
        }
        return history
    }

    /// Loss and accuracy of `network` on the training rows (`indices`, or all rows when nil).
    private func evaluate(_ network: Network<Scalar>, indices: [Int]?) -> Evaluation {
        inputs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                if let indices {
                    return indices.withUnsafeBufferPointer { i in
                        network.evaluate(rowsOf: x.baseAddress!, labels: y.baseAddress!, indices: i.baseAddress!, count: i.count,
                                         workers: configuration.workers, chunkSize: configuration.evaluationChunkSize)
                    }
                }
                return network.evaluate(rowsOf: x.baseAddress!, labels: y.baseAddress!, indices: nil, count: inputs.rows,
                                        workers: configuration.workers, chunkSize: configuration.evaluationChunkSize)
            }
        }
    }

    /// Fisher–Yates with the package's own generator, so the order is fixed by the seed alone
    /// (not by the standard library's shuffle algorithm).
    static func shuffle(_ values: inout [Int], using generator: inout SeededGenerator) {
        guard values.count > 1 else { return }
        values.withUnsafeMutableBufferPointer { v in
            for i in stride(from: v.count - 1, to: 0, by: -1) {
                let j = Int(generator.next() % UInt64(i + 1))
                v.swapAt(i, j)
            }
        }
    }

    /// Copies element-wise so neither array starts sharing storage with the other.
    static func copy(_ source: [Scalar], into destination: inout [Scalar]) {
        destination.withUnsafeMutableBufferPointer { d in
            source.withUnsafeBufferPointer { s in _ = d.update(fromContentsOf: s) }
        }
    }
}
