import Dispatch
import HW1LinearAlgebra

/// Preallocated buffers for training steps of one network shape and batch size, split over
/// `workers` threads.
///
/// With `workers = 2` each half of a batch runs forward and backward on its own core with its
/// own buffers (OpenBLAS single-threaded), and the two gradient halves are summed in a fixed
/// order, so the same seed and worker count give bit-identical results; the mathematics of the
/// step is unchanged (1 and 2 workers agree to rounding). A smaller last batch reuses the same
/// buffers (fewer rows, same leading dimension). After `init`, a step allocates nothing
/// (checked by `AllocationTests` with a malloc-counting `LD_PRELOAD` shim).
///
/// With more than one worker a step sets `OpenBLAS.threadCount` to 1 (process-wide) and
/// leaves it so; ``Trainer`` restores the caller's value when training ends.
public final class TrainingWorkspace<Scalar: BLASScalar> {
    /// Largest batch the buffers hold.
    public let batchSize: Int
    /// Number of threads a step is split over.
    public let workerCount: Int
    let sizes: [Int]
    let workers: [WorkerBuffers<Scalar>]
    private var loadedRows = 0
    /// Helper threads for workers 1…; nil with one worker.
    private var threads: WorkerThreads?
    /// The current step's shared inputs, set before the helpers are started.
    private var job = Job(parameters: nil, layout: [], hidden: .identity, scale: 0)

    private struct Job {
        var parameters: UnsafePointer<Scalar>?
        var layout: [DenseLayout]
        var hidden: Activation
        var scale: Scalar
    }

    /// Buffers for `network`'s shape and batches of up to `batchSize` rows, split over `workers` threads.
    public init(network: Network<Scalar>, batchSize: Int, workers: Int = 1) throws(NeuralNetworkError) {
        guard batchSize >= 1 else { throw .invalidOption(name: "batch size", value: "\(batchSize)", expected: "at least 1") }
        guard workers >= 1 else { throw .invalidOption(name: "workers", value: "\(workers)", expected: "at least 1") }
        self.batchSize = batchSize
        self.workerCount = workers
        self.sizes = network.sizes
        let perWorker = (batchSize + workers - 1) / workers
        self.workers = (0..<workers).map { _ in
            WorkerBuffers(sizes: network.sizes, capacity: perWorker, parameterCount: network.parameterCount)
        }
        if workers > 1 {
            let weakSelf = UncheckedSendable(value: WeakReference(self))
            threads = WorkerThreads(count: workers) { w in weakSelf.value.object?.runWorker(w) }
        }
    }

    deinit { threads?.shutdown() }

    /// Runs worker `w`'s forward and backward on its rows with the current job. Called from
    /// the helper threads' closure, a generic context, hence the explicit specialisations.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func runWorker(_ w: Int) {
        guard workers[w].rows > 0, let parameters = job.parameters else { return }
        workers[w].computeGradients(parameters: parameters, layout: job.layout, hidden: job.hidden, scale: job.scale)
    }

    /// The flat gradient of the last step (summed over workers), laid out like ``Network/parameters``.
    public var gradients: [Scalar] { Array(workers[0].gradients) }

    /// Base addresses of every buffer, for checking that nothing is reallocated between steps.
    public var bufferAddresses: [UInt] {
        workers.flatMap { w in
            w.activations.map { UInt(bitPattern: $0) } + w.deltas.map { UInt(bitPattern: $0) }
                + [UInt(bitPattern: w.labels), UInt(bitPattern: w.gradients.baseAddress)]
        }
    }

    /// One training step on a batch: forward, loss, backward, and (when the loss is finite)
    /// the optimiser's update. `inputs` is `[batch, sizes[0]]` with `batch ≤ batchSize`.
    /// A non-finite loss leaves the parameters untouched and is reported in the result.
    public func step<Optimizer: HW1NeuralNetwork.Optimizer>(
        _ network: inout Network<Scalar>, inputs: Matrix<Scalar>, labels: [Int], optimizer: inout Optimizer
    ) throws(NeuralNetworkError) -> StepResult where Optimizer.Scalar == Scalar {
        try load(inputs, labels: labels, classes: network.classCount)
        let result = computeGradients(network)
        if result.loss.isFinite { optimizer.update(&network, gradients: UnsafePointer(workers[0].gradients.baseAddress!)) }
        return result
    }

    /// The mean loss of a batch and its gradient with respect to every parameter (flat, laid
    /// out like ``Network/parameters``), without changing the network. For gradient checks.
    public func lossAndGradients(
        _ network: Network<Scalar>, inputs: Matrix<Scalar>, labels: [Int]
    ) throws(NeuralNetworkError) -> (loss: Scalar, gradients: [Scalar]) {
        try load(inputs, labels: labels, classes: network.classCount)
        let result = computeGradients(network)
        return (Scalar(result.loss), gradients)
    }

    private func load(_ inputs: Matrix<Scalar>, labels: [Int], classes: Int) throws(NeuralNetworkError) {
        guard inputs.columns == sizes[0] else {
            throw .dataShape("batch has \(inputs.columns) columns, the network's input layer has \(sizes[0])")
        }
        guard inputs.rows == labels.count, inputs.rows >= 1, inputs.rows <= batchSize else {
            throw .dataShape("batch of \(inputs.rows) rows with \(labels.count) labels; need 1...\(batchSize) rows, one label each")
        }
        if let row = labels.firstIndex(where: { $0 < 0 || $0 >= classes }) {
            throw .labelOutOfRange(set: "batch", row: row, label: labels[row], classes: classes)
        }
        inputs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                load(from: x.baseAddress!, labels: y.baseAddress!, indices: nil, start: 0, count: inputs.rows)
            }
        }
    }

    /// Gathers batch rows (`indices[start..<start+count]` of `source`, or consecutive rows when
    /// `indices` is nil) straight into the workers' input buffers, split in contiguous shares.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func load(from source: UnsafePointer<Scalar>, labels: UnsafePointer<Int>, indices: UnsafePointer<Int>?, start: Int, count: Int) {
        precondition(count >= 1 && count <= batchSize, "TrainingWorkspace: batch of \(count) rows does not fit 1...\(batchSize)")
        let active = min(workerCount, count)
        var offset = start
        for w in 0..<workerCount {
            let share = w < active ? count / active + (w < count % active ? 1 : 0) : 0
            workers[w].gather(from: source, labels: labels, indices: indices, start: offset, count: share)
            offset += share
        }
        loadedRows = count
    }

    /// Forward and backward over the loaded batch; leaves the summed gradient in `workers[0].gradients`.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func computeGradients(_ network: Network<Scalar>) -> StepResult {
        let active = min(workerCount, loadedRows)
        let scale = 1 / Scalar(loadedRows)
        let layout = network.layout, hidden = network.activation
        network.parameters.withUnsafeBufferPointer { parameters in
            let p = parameters.baseAddress!
            if active == 1 {
                workers[0].computeGradients(parameters: p, layout: layout, hidden: hidden, scale: scale)
            } else {
                if OpenBLAS.threadCount != 1 { OpenBLAS.threadCount = 1 }
                job = Job(parameters: p, layout: layout, hidden: hidden, scale: scale)
                threads!.run()
                job.parameters = nil
            }
        }
        // Fixed reduction order (worker 0, then 1, …) keeps results reproducible.
        var lossSum = workers[0].lossSum
        var correct = workers[0].correct
        let total = workers[0].gradients
        for w in 1..<max(active, 1) {
            let part = workers[w].gradients
            for i in 0..<total.count { total[i] += part[i] }
            lossSum += workers[w].lossSum
            correct += workers[w].correct
        }
        return StepResult(loss: lossSum / Double(loadedRows), correct: correct, rows: loadedRows)
    }
}

/// What one training step measured on its batch (before the update).
public struct StepResult: Sendable, Equatable {
    /// Mean softmax cross-entropy over the batch's rows.
    public var loss: Double
    /// Rows whose arg-max logit is the label.
    public var correct: Int
    /// Rows in the batch.
    public var rows: Int
}

/// A weak reference, so helper threads never keep their workspace alive.
final class WeakReference<Object: AnyObject> {
    weak var object: Object?
    init(_ object: Object) { self.object = object }
}
