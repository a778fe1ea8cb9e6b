import Dispatch
import BLASKit

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
    /// Helper threads for workers 1…; nil with one worker.
    private var threads: WorkerThreads?
    /// The current phase's shared inputs, set before the helpers are started.
    private var job = Job()

    /// What the helpers do on the next `run`: gather their rows and compute their gradient
    /// share, or sum the workers' gradients over their own slice of the parameters.
    private enum Phase { case gradients, reduce }

    private struct Job {
        var phase = Phase.gradients
        var parameters: UnsafePointer<Scalar>?
        var layout: [DenseLayout] = []
        var hidden = Activation.identity
        var scale: Scalar = 0
        var source: UnsafePointer<Scalar>?
        var labels: UnsafePointer<Int>?
        var indices: UnsafePointer<Int>?
        var start = 0
        var count = 0
        var active = 0
        /// The optimiser step the reduce phase applies to its slice right after summing it; nil for none.
        var update: SGDRangeUpdate<Scalar>?
        var updateParameters: UnsafeMutablePointer<Scalar>?
        var decay: Scalar = 0
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

    /// Runs worker `w`'s part of the current job. Called from the helper threads' closure, a
    /// generic context, hence the explicit specialisations.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func runWorker(_ w: Int) {
        switch job.phase {
        case .gradients:
            guard w < job.active, let parameters = job.parameters, let source = job.source, let labels = job.labels else {
                workers[w].rows = 0
                return
            }
            // Each worker gathers its own rows, so the copy runs in parallel and lands in its core's cache.
            let (offset, share) = Self.share(of: w, rows: job.count, active: job.active)
            workers[w].gather(from: source, labels: labels, indices: job.indices, start: job.start + offset, count: share)
            workers[w].computeGradients(parameters: parameters, layout: job.layout, hidden: job.hidden, scale: job.scale)
        case .reduce:
            let slice = reduceSlice(w, of: workerCount, active: job.active)
            if let update = job.update, let p = job.updateParameters, !slice.isEmpty {
                let g = UnsafePointer(workers[0].gradients.baseAddress!)
                for layer in job.layout {
                    let weights = layer.weightRange.clamped(to: slice), biases = layer.biasRange.clamped(to: slice)
                    if !weights.isEmpty { update.apply(parameters: p, gradients: g, range: weights, decay: job.decay) }
                    if !biases.isEmpty { update.apply(parameters: p, gradients: g, range: biases, decay: 0) }
                }
            }
        }
    }

    /// Worker `w`'s contiguous share of `rows` rows split over `active` workers: its first row and row count.
    @inline(__always)
    private static func share(of w: Int, rows: Int, active: Int) -> (offset: Int, count: Int) {
        let base = rows / active, extra = rows % active
        return (w * base + min(w, extra), base + (w < extra ? 1 : 0))
    }

    /// Adds workers `1..<active`'s gradients into worker 0's over slice `part` of `parts` of the
    /// parameters. Every element is summed in the same order (worker 0, then 1, …) whichever
    /// thread does it, so splitting the sum by range leaves the result bit-identical.
    /// Returns the slice's range of parameter indices.
    @inline(__always)
    private func reduceSlice(_ part: Int, of parts: Int, active: Int) -> Range<Int> {
        let total = workers[0].gradients.baseAddress!
        let n = workers[0].gradients.count
        // Slice bounds on 16-element (64-byte for Float) boundaries, so threads never share a cache line.
        let chunk = ((n + parts - 1) / parts + 15) & ~15
        let lower = min(n, part * chunk), upper = min(n, lower + chunk)
        guard lower < upper else { return lower..<lower }
        for w in 1..<max(active, 1) {
            let add = UnsafePointer(workers[w].gradients.baseAddress!)
            for i in lower..<upper { total[i] += add[i] }
        }
        return lower..<upper
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
        try check(network, inputs: inputs, labels: labels)
        return inputs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                trainingStep(&network, optimizer: &optimizer, rowsOf: x.baseAddress!, labels: y.baseAddress!,
                             indices: nil, start: 0, count: inputs.rows)
            }
        }
    }

    /// The mean loss of a batch and its gradient with respect to every parameter (flat, laid
    /// out like ``Network/parameters``), without changing the network. For gradient checks.
    public func lossAndGradients(
        _ network: Network<Scalar>, inputs: Matrix<Scalar>, labels: [Int]
    ) throws(NeuralNetworkError) -> (loss: Scalar, gradients: [Scalar]) {
        let result = try computeGradients(network, inputs: inputs, labels: labels)
        return (Scalar(result.loss), gradients)
    }

    /// Checks a batch given as a matrix and runs forward and backward over all its rows.
    private func computeGradients(
        _ network: Network<Scalar>, inputs: Matrix<Scalar>, labels: [Int]
    ) throws(NeuralNetworkError) -> StepResult {
        try check(network, inputs: inputs, labels: labels)
        return inputs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                computeGradients(network, rowsOf: x.baseAddress!, labels: y.baseAddress!, indices: nil, start: 0, count: inputs.rows)
            }
        }
    }

    /// Checks that `network` has the shape the buffers were made for and that a batch given as
    /// a matrix fits it and the buffers.
    private func check(_ network: Network<Scalar>, inputs: Matrix<Scalar>, labels: [Int]) throws(NeuralNetworkError) {
        // Any other shape would make the kernels write past the preallocated buffers.
        guard network.sizes == sizes else {
            throw .dataShape("network has layer sizes \(network.sizes), the workspace was made for \(sizes); make a workspace for this network")
        }
        try network.checkData(inputs, labels, set: "batch")
        guard inputs.rows >= 1, inputs.rows <= batchSize else {
            throw .dataShape("batch of \(inputs.rows) rows; the workspace holds 1...\(batchSize) rows")
        }
    }

    /// Forward and backward over one batch, rows `indices[start..<start+count]` of `source` (or
    /// consecutive rows when `indices` is nil), split in contiguous shares over the workers,
    /// each of which gathers its own rows; leaves the summed gradient in `workers[0].gradients`.
    /// The pointers need only stay valid for the call.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func computeGradients(
        _ network: Network<Scalar>, rowsOf source: UnsafePointer<Scalar>, labels: UnsafePointer<Int>,
        indices: UnsafePointer<Int>?, start: Int, count: Int
    ) -> StepResult {
        let result = workerGradients(network, rowsOf: source, labels: labels, indices: indices, start: start, count: count)
        sumGradients(update: nil, parameters: nil, decay: 0)
        return result
    }

    /// One training step on the batch described as in ``computeGradients(_:rowsOf:labels:indices:start:count:)``:
    /// gradients, then (when the loss is finite) the optimiser's update. With several workers
    /// and an optimiser that can update by range (SGD, momentum), each thread sums and updates
    /// its own slice of the parameters; otherwise the update runs here after the sum.
    @_specialize(where Scalar == Float, Optimizer == SGD<Float>)
    func trainingStep<Optimizer: HW1NeuralNetwork.Optimizer>(
        _ network: inout Network<Scalar>, optimizer: inout Optimizer, rowsOf source: UnsafePointer<Scalar>,
        labels: UnsafePointer<Int>, indices: UnsafePointer<Int>?, start: Int, count: Int
    ) -> StepResult where Optimizer.Scalar == Scalar {
        let result = workerGradients(network, rowsOf: source, labels: labels, indices: indices, start: start, count: count)
        guard result.loss.isFinite else {
            sumGradients(update: nil, parameters: nil, decay: 0)
            return result
        }
        let gradient = UnsafePointer(workers[0].gradients.baseAddress!)
        if workerCount == 1 || count == 1 {
            optimizer.update(&network, gradients: gradient)
            return result
        }
        optimizer.beginStep(parameterCount: network.parameterCount)
        let decay = optimizer.weightDecay
        let layout = network.layout
        let updated: Void? = network.parameters.withUnsafeMutableBufferPointer { p in
            optimizer.withRangeUpdate { update in
                sumGradients(update: update, parameters: p.baseAddress!, decay: decay)
            }
        }
        if updated == nil {
            sumGradients(update: nil, parameters: nil, decay: 0)
            network.parameters.withUnsafeMutableBufferPointer { p in
                optimizer.applyUpdate(parameters: p.baseAddress!, gradients: gradient, layout: layout, decay: decay)
            }
        }
        return result
    }

    /// Each worker gathers its rows and computes its share of the gradient (not yet summed);
    /// returns the batch's loss and accuracy, summed in worker order.
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    private func workerGradients(
        _ network: Network<Scalar>, rowsOf source: UnsafePointer<Scalar>, labels: UnsafePointer<Int>,
        indices: UnsafePointer<Int>?, start: Int, count: Int
    ) -> StepResult {
        precondition(count >= 1 && count <= batchSize, "TrainingWorkspace: batch of \(count) rows does not fit 1...\(batchSize)")
        let active = min(workerCount, count)
        let scale = 1 / Scalar(count)
        let layout = network.layout, hidden = network.activation
        network.parameters.withUnsafeBufferPointer { parameters in
            let p = parameters.baseAddress!
            if workerCount == 1 {
                workers[0].gather(from: source, labels: labels, indices: indices, start: start, count: count)
                workers[0].computeGradients(parameters: p, layout: layout, hidden: hidden, scale: scale)
            } else {
                if OpenBLAS.threadCount != 1 { OpenBLAS.threadCount = 1 }
                job = Job(phase: .gradients, parameters: p, layout: layout, hidden: hidden, scale: scale,
                          source: source, labels: labels, indices: indices, start: start, count: count, active: active)
                threads!.run()
                job.parameters = nil
                job.source = nil
                job.labels = nil
                job.indices = nil
            }
        }
        // Fixed reduction order (worker 0, then 1, …) keeps results reproducible.
        var lossSum = workers[0].lossSum
        var correct = workers[0].correct
        for w in 1..<max(active, 1) {
            lossSum += workers[w].lossSum
            correct += workers[w].correct
        }
        return StepResult(loss: lossSum / Double(count), correct: correct, rows: count)
    }

    /// Sums the workers' gradients into `workers[0].gradients`, each thread over its own slice
    /// of the parameters, and applies `update` (if any) to the same slice right after. Works on
    /// the batch of the ``workerGradients(_:rowsOf:labels:indices:start:count:)`` call just made:
    /// its active worker count and layout are still in `job` (with one worker there is nothing to sum).
    private func sumGradients(update: SGDRangeUpdate<Scalar>?, parameters: UnsafeMutablePointer<Scalar>?, decay: Scalar) {
        guard workerCount > 1, job.active > 1 else { return }
        job.phase = .reduce
        job.update = update
        job.updateParameters = parameters
        job.decay = decay
        threads!.run()
        job.update = nil
        job.updateParameters = nil
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
