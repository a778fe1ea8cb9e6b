import BLASKit

/// One worker's preallocated buffers for up to `capacity` rows of one network shape: the
/// activations of every layer, the hidden layers' backward deltas, the gathered labels and a
/// flat gradient buffer laid out like ``Network/parameters``.
///
/// Memory is allocated once in `init` and never moves, so a training step allocates nothing.
/// It is a class because several threads each own one; it is only ever touched by one thread
/// at a time (`@unchecked Sendable` records that promise).
final class WorkerBuffers<Scalar: BLASScalar>: @unchecked Sendable {
    let sizes: [Int]
    /// `activations[l]` is `[capacity, sizes[l]]`; `activations[0]` receives gathered input rows.
    let activations: [UnsafeMutablePointer<Scalar>]
    /// `deltas[l]` is `[capacity, sizes[l]]` for hidden widths `0 < l < L`; other entries are unused.
    let deltas: [UnsafeMutablePointer<Scalar>]
    /// `[capacity]` class indices of the gathered rows.
    let labels: UnsafeMutablePointer<Int>
    /// Gradient of the batch's mean loss with respect to every parameter (this worker's share).
    let gradients: UnsafeMutableBufferPointer<Scalar>

    /// Rows currently loaded.
    var rows = 0
    /// Summed loss of the loaded rows after the last pass.
    var lossSum: Double = 0
    /// Correct arg-max predictions among the loaded rows after the last pass.
    var correct = 0

    init(sizes: [Int], capacity: Int, parameterCount: Int) {
        self.sizes = sizes
        activations = sizes.map { UnsafeMutablePointer<Scalar>.allocate(capacity: max(1, capacity * $0)) }
        deltas = sizes.indices.map { l in
            let hidden = l > 0 && l < sizes.count - 1
            return UnsafeMutablePointer<Scalar>.allocate(capacity: hidden ? max(1, capacity * sizes[l]) : 1)
        }
        labels = .allocate(capacity: max(1, capacity))
        gradients = .allocate(capacity: parameterCount)
        for (l, pointer) in activations.enumerated() { pointer.initialize(repeating: 0, count: max(1, capacity * sizes[l])) }
        gradients.initialize(repeating: 0)
    }

    deinit {
        for pointer in activations { pointer.deallocate() }
        for pointer in deltas { pointer.deallocate() }
        labels.deallocate()
        gradients.deallocate()
    }

    /// Copies `count` rows (and their labels) into `activations[0]` / `labels`: rows
    /// `indices[start..<start+count]` of `source`, or rows `start..<start+count` when `indices` is nil.
    @inline(__always)
    func gather(
        from source: UnsafePointer<Scalar>, labels sourceLabels: UnsafePointer<Int>,
        indices: UnsafePointer<Int>?, start: Int, count: Int
    ) {
        let width = sizes[0]
        let destination = activations[0]
        if let indices {
            for r in 0..<count {
                let row = indices[start + r]
                (destination + r &* width).update(from: source + row &* width, count: width)
                labels[r] = sourceLabels[row]
            }
        } else {
            destination.update(from: source + start &* width, count: count &* width)
            labels.update(from: sourceLabels + start, count: count)
        }
        rows = count
    }

    /// Forward pass of `rows` rows from `input` (`[rows, sizes[0]]`) to the logits in `activations[L]`.
    @inline(__always)
    func forward(parameters: UnsafePointer<Scalar>, layout: [DenseLayout], hidden: Activation, input: UnsafePointer<Scalar>) {
        let last = layout.count - 1
        var x = input
        for (l, layer) in layout.enumerated() {
            DenseKernel.forward(
                input: x, rows: rows, inputs: layer.inputs, outputs: layer.outputs,
                weight: parameters + layer.weightRange.lowerBound, bias: parameters + layer.biasRange.lowerBound,
                activation: l == last ? .identity : hidden, output: activations[l + 1])
            x = UnsafePointer(activations[l + 1])
        }
    }

    /// Loss and accuracy of the logits in `activations[L]` against `labels`, without gradients.
    @inline(__always)
    func score(classes: Int) {
        (lossSum, correct) = SoftmaxCrossEntropyKernel.lossSum(
            logits: activations[sizes.count - 1], labels: labels, rows: rows, classes: classes)
    }

    // notebook-excerpt: begin backpropagation
    /// Forward and backward over the gathered rows: writes (overwrites) `gradients` with this
    /// worker's share of the gradient of the batch's mean loss: `scale` is 1 / (rows in the whole
    /// batch, over all workers), not 1 / `rows`.
    @inline(__always)
    func computeGradients(parameters: UnsafePointer<Scalar>, layout: [DenseLayout], hidden: Activation, scale: Scalar) {
        forward(parameters: parameters, layout: layout, hidden: hidden, input: activations[0])
        let last = layout.count - 1
        let g = gradients.baseAddress!
        (lossSum, correct) = SoftmaxCrossEntropyKernel.lossAndGradient(
            logits: activations[last + 1], labels: labels, rows: rows, classes: layout[last].outputs,
            scale: scale, biasGradient: g + layout[last].biasRange.lowerBound)
        for l in stride(from: last, through: 0, by: -1) {
            let layer = layout[l]
            // δ of layer l: the softmax gradient written over the logits, or a hidden delta buffer.
            let delta = l == last ? activations[last + 1] : deltas[l + 1]
            DenseKernel.weightGradient(
                delta: delta, input: activations[l], rows: rows, inputs: layer.inputs, outputs: layer.outputs,
                into: g + layer.weightRange.lowerBound)
            if l > 0 {
                DenseKernel.inputGradient(
                    delta: delta, weight: parameters + layer.weightRange.lowerBound, rows: rows,
                    inputs: layer.inputs, outputs: layer.outputs, into: deltas[l])
                DenseKernel.activationBackward(
                    gradient: deltas[l], output: activations[l], rows: rows, columns: layer.inputs,
                    activation: hidden, biasGradient: g + layout[l - 1].biasRange.lowerBound)
            }
        }
    }
    // notebook-excerpt: end backpropagation
}

/// Carries non-Sendable values (pointers, worker arrays) into `concurrentPerform`, whose
/// iterations each touch disjoint memory.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
}
