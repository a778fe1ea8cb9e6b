import BLASKit

/// Softmax cross-entropy on logits, pointer level, with log-sum-exp so no logit can overflow.
enum SoftmaxCrossEntropyKernel {
    /// Sum over rows of `−log softmax(z)[label]` and the number of rows whose arg-max
    /// (first maximum) is the label. `logits` is `[rows, classes]`; nothing is written.
    @inline(__always)
    static func lossSum<Scalar: BLASScalar>(
        logits: UnsafePointer<Scalar>, labels: UnsafePointer<Int>, rows: Int, classes: Int
    ) -> (loss: Double, correct: Int) {
        var total: Double = 0
        var correct = 0
        for r in 0..<rows {
            let z = logits + r &* classes
            var best = 0
            var maximum = z[0]
            for j in 1..<max(classes, 1) where z[j] > maximum { maximum = z[j]; best = j }
            var sum: Scalar = 0
            for j in 0..<classes { sum += Scalar.exp(z[j] - maximum) }
            let label = labels[r]
            total += Double(Scalar.log(sum) - (z[label] - maximum))
            if best == label { correct &+= 1 }
        }
        return (total, correct)
    }

    // notebook-excerpt: begin softmax-cross-entropy-gradient
    /// Replaces `logits[rows, classes]` by `scale · (softmax(z) − onehot(label))` (the gradient
    /// of the mean loss when `scale = 1 / batch`), writes its column sums to `biasGradient[classes]`,
    /// and returns the summed loss and the number of correct arg-max predictions.
    @inline(__always)
    static func lossAndGradient<Scalar: BLASScalar>(
        logits: UnsafeMutablePointer<Scalar>, labels: UnsafePointer<Int>, rows: Int, classes: Int,
        scale: Scalar, biasGradient db: UnsafeMutablePointer<Scalar>
    ) -> (loss: Double, correct: Int) {
        var total: Double = 0
        var correct = 0
        db.initialize(repeating: 0, count: classes)
        for r in 0..<rows {
            let z = logits + r &* classes
            var best = 0
            var maximum = z[0]
            for j in 1..<max(classes, 1) where z[j] > maximum { maximum = z[j]; best = j }
            let label = labels[r]
            let shiftedLabelLogit = z[label] - maximum
            var sum: Scalar = 0
            for j in 0..<classes {
                let e = Scalar.exp(z[j] - maximum)
                z[j] = e
                sum += e
            }
            total += Double(Scalar.log(sum) - shiftedLabelLogit)
            if best == label { correct &+= 1 }
            let factor = scale / sum
            for j in 0..<classes {
                let g = z[j] * factor - (j == label ? scale : 0)
                z[j] = g
                db[j] += g
            }
        }
        return (total, correct)
    }
    // notebook-excerpt: end softmax-cross-entropy-gradient
}
