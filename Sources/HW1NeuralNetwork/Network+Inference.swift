import Dispatch
import BLASKit

/// Loss and accuracy of a network over a data set.
public struct Evaluation: Sendable, Equatable, Codable {
    /// Mean softmax cross-entropy.
    public var loss: Double
    /// Fraction of rows whose arg-max logit is the label, in [0, 1].
    public var accuracy: Double
    /// Number of correctly classified rows.
    public var correct: Int
    /// Number of rows evaluated.
    public var count: Int
}

extension Network {
    /// The logits `[n, classes]` for inputs `[n, sizes[0]]`, computed in chunks of `chunkSize` rows.
    public func logits(_ inputs: Matrix<Scalar>, chunkSize: Int = 1000) -> Matrix<Scalar> {
        precondition(inputs.columns == inputSize, "Network.logits: inputs have \(inputs.columns) columns, the network expects \(inputSize)")
        var result = Matrix<Scalar>(rows: inputs.rows, columns: classCount)
        guard inputs.rows > 0 else { return result }
        let chunk = max(1, min(chunkSize, inputs.rows))
        let buffers = WorkerBuffers<Scalar>(sizes: sizes, capacity: chunk, parameterCount: 0)
        let classes = classCount
        parameters.withUnsafeBufferPointer { p in
            inputs.withUnsafeBufferPointer { x in
                result.withUnsafeMutableBufferPointer { out in
                    var start = 0
                    while start < inputs.rows {
                        buffers.rows = min(chunk, inputs.rows - start)
                        buffers.forward(parameters: p.baseAddress!, layout: layout, hidden: activation,
                                        input: x.baseAddress! + start * inputSize)
                        (out.baseAddress! + start * classes).update(from: buffers.activations[sizes.count - 1], count: buffers.rows * classes)
                        start += buffers.rows
                    }
                }
            }
        }
        return result
    }

    /// Class probabilities `softmax(logits)`, `[n, classes]`, rows summing to 1.
    public func probabilities(_ inputs: Matrix<Scalar>) -> Matrix<Scalar> {
        SoftmaxCrossEntropy.softmax(logits(inputs))
    }

    /// The predicted class (first arg-max of the logits) of every row of `inputs`.
    public func predictions(_ inputs: Matrix<Scalar>) -> [Int] {
        logits(inputs).argmaxPerRow()
    }

    /// `counts[true][predicted]` over a labelled set, `[classes][classes]`.
    public func confusionMatrix(_ inputs: Matrix<Scalar>, labels: [Int]) throws(NeuralNetworkError) -> [[Int]] {
        try checkData(inputs, labels, set: "evaluation")
        var counts = [[Int]](repeating: [Int](repeating: 0, count: classCount), count: classCount)
        for (label, predicted) in zip(labels, predictions(inputs)) { counts[label][predicted] += 1 }
        return counts
    }

    /// The mean loss of a labelled batch (no gradients), for gradient checks and reports.
    public func loss(_ inputs: Matrix<Scalar>, labels: [Int]) throws(NeuralNetworkError) -> Scalar {
        Scalar(try evaluate(inputs, labels: labels).loss)
    }

    /// Mean loss and accuracy over a whole labelled set, in chunks spread over `workers` threads.
    /// Chunk results are summed in chunk order, so the figures do not depend on `workers`.
    public func evaluate(
        _ inputs: Matrix<Scalar>, labels: [Int], workers: Int = 1, chunkSize: Int = 1000
    ) throws(NeuralNetworkError) -> Evaluation {
        try checkData(inputs, labels, set: "evaluation")
        return inputs.withUnsafeBufferPointer { x in
            labels.withUnsafeBufferPointer { y in
                evaluate(rowsOf: x.baseAddress!, labels: y.baseAddress!, indices: nil, count: inputs.rows,
                         workers: workers, chunkSize: chunkSize)
            }
        }
    }

    /// Evaluation over rows `indices[0..<count]` of `source` (or its first `count` rows).
    @_specialize(where Scalar == Float)
    @_specialize(where Scalar == Double)
    func evaluate(
        rowsOf source: UnsafePointer<Scalar>, labels: UnsafePointer<Int>, indices: UnsafePointer<Int>?, count: Int,
        workers requestedWorkers: Int, chunkSize: Int
    ) -> Evaluation {
        guard count > 0 else { return Evaluation(loss: 0, accuracy: 0, correct: 0, count: 0) }
        let chunk = max(1, min(chunkSize, count))
        let chunkCount = (count + chunk - 1) / chunk
        let workers = max(1, min(requestedWorkers, chunkCount))
        let buffers = (0..<workers).map { _ in WorkerBuffers<Scalar>(sizes: sizes, capacity: chunk, parameterCount: 0) }
        var chunkLoss = [Double](repeating: 0, count: chunkCount)
        var chunkCorrect = [Int](repeating: 0, count: chunkCount)
        let classes = classCount, width = inputSize, layout = layout, hidden = activation
        // Each chunk runs single-threaded in OpenBLAS; the caller's thread count is restored.
        let savedThreads = OpenBLAS.threadCount
        if workers > 1 && savedThreads != 1 { OpenBLAS.threadCount = 1 }
        defer { if OpenBLAS.threadCount != savedThreads { OpenBLAS.threadCount = savedThreads } }
        parameters.withUnsafeBufferPointer { p in
            chunkLoss.withUnsafeMutableBufferPointer { lossOut in
                chunkCorrect.withUnsafeMutableBufferPointer { correctOut in
                    let shared = UncheckedSendable(value: (buffers, p.baseAddress!, lossOut, correctOut, source, labels, indices))
                    // Worker w takes chunks w, w + workers, …: disjoint buffers and result slots.
                    let work: @Sendable (Int) -> Void = { w in
                        let (buffers, p, lossOut, correctOut, source, labels, indices) = shared.value
                        let buffer = buffers[w]
                        var c = w
                        while c < chunkCount {
                            let start = c * chunk
                            let rows = min(chunk, count - start)
                            if let indices {
                                buffer.gather(from: source, labels: labels, indices: indices, start: start, count: rows)
                                buffer.forward(parameters: p, layout: layout, hidden: hidden, input: buffer.activations[0])
                                buffer.score(classes: classes)
                            } else {
                                buffer.rows = rows
                                buffer.forward(parameters: p, layout: layout, hidden: hidden, input: source + start * width)
                                (lossOut[c], correctOut[c]) = SoftmaxCrossEntropyKernel.lossSum(
                                    logits: buffer.activations[layout.count], labels: labels + start, rows: rows, classes: classes)
                                c += workers
                                continue
                            }
                            lossOut[c] = buffer.lossSum
                            correctOut[c] = buffer.correct
                            c += workers
                        }
                    }
                    if workers == 1 { work(0) } else { DispatchQueue.concurrentPerform(iterations: workers, execute: work) }
                }
            }
        }
        let lossSum = chunkLoss.reduce(0, +)
        let correct = chunkCorrect.reduce(0, +)
        return Evaluation(loss: lossSum / Double(count), accuracy: Double(correct) / Double(count), correct: correct, count: count)
    }

    func checkData(_ inputs: Matrix<Scalar>, _ labels: [Int], set: String) throws(NeuralNetworkError) {
        guard inputs.columns == inputSize else {
            throw .dataShape("\(set) inputs have \(inputs.columns) columns, the network's input layer has \(inputSize)")
        }
        guard inputs.rows == labels.count else {
            throw .dataShape("\(set) set has \(inputs.rows) input rows but \(labels.count) labels; they must match one to one")
        }
        if let row = labels.firstIndex(where: { $0 < 0 || $0 >= classCount }) {
            throw .labelOutOfRange(set: set, row: row, label: labels[row], classes: classCount)
        }
    }
}
