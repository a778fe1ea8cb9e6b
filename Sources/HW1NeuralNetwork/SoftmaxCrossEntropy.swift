import BLASKit

/// The softmax cross-entropy loss fused on logits, averaged over the batch:
/// `L = (1/B) Σ_b [log Σ_j e^(z_bj) − z_b,y_b]`, computed with log-sum-exp.
///
/// Its gradient with respect to the logits is `(softmax(z) − onehot(y)) / B`. These
/// value-returning forms allocate; the training step uses the same arithmetic in place.
public enum SoftmaxCrossEntropy {
    /// The mean loss. `logits` is `[batch, classes]`, `labels` has `batch` entries in `0..<classes`.
    public static func loss<Scalar: BLASScalar>(logits: Matrix<Scalar>, labels: [Int]) -> Scalar {
        precondition(labels.count == logits.rows, "SoftmaxCrossEntropy.loss: \(labels.count) labels for \(logits.rows) rows of logits")
        checkLabels(labels, classes: logits.columns)
        guard logits.rows > 0 else { return 0 }
        let sum = logits.withUnsafeBufferPointer { z in
            labels.withUnsafeBufferPointer { y in
                SoftmaxCrossEntropyKernel.lossSum(
                    logits: z.baseAddress!, labels: y.baseAddress!, rows: logits.rows, classes: logits.columns
                ).loss
            }
        }
        return Scalar(sum / Double(logits.rows))
    }

    /// The mean loss and its gradient `(softmax − onehot) / batch`, shape `[batch, classes]`.
    public static func lossAndGradient<Scalar: BLASScalar>(
        logits: Matrix<Scalar>, labels: [Int]
    ) -> (loss: Scalar, gradient: Matrix<Scalar>) {
        precondition(labels.count == logits.rows, "SoftmaxCrossEntropy.lossAndGradient: \(labels.count) labels for \(logits.rows) rows of logits")
        checkLabels(labels, classes: logits.columns)
        guard logits.rows > 0 else { return (0, logits) }
        var gradient = logits
        var biasGradient = [Scalar](repeating: 0, count: logits.columns)
        let sum = gradient.withUnsafeMutableBufferPointer { z in
            labels.withUnsafeBufferPointer { y in
                biasGradient.withUnsafeMutableBufferPointer { db in
                    SoftmaxCrossEntropyKernel.lossAndGradient(
                        logits: z.baseAddress!, labels: y.baseAddress!, rows: logits.rows, classes: logits.columns,
                        scale: 1 / Scalar(logits.rows), biasGradient: db.baseAddress!
                    ).loss
                }
            }
        }
        return (Scalar(sum / Double(logits.rows)), gradient)
    }

    /// `log softmax(z)` per row, `[batch, classes]`: `z − max − log Σ e^(z − max)`, finite for
    /// any finite logits (±1e4 included).
    public static func logSoftmax<Scalar: BLASScalar>(_ logits: Matrix<Scalar>) -> Matrix<Scalar> {
        var result = logits
        let classes = logits.columns
        result.withUnsafeMutableBufferPointer { z in
            for r in 0..<logits.rows {
                let row = z.baseAddress! + r * classes
                var maximum = -Scalar.infinity
                for j in 0..<classes where row[j] > maximum { maximum = row[j] }
                var sum: Scalar = 0
                for j in 0..<classes { sum += Scalar.exp(row[j] - maximum) }
                let logSum = Scalar.log(sum)
                for j in 0..<classes { row[j] = row[j] - maximum - logSum }
            }
        }
        return result
    }

    /// `softmax(z)` per row, `[batch, classes]` (rows sum to 1).
    public static func softmax<Scalar: BLASScalar>(_ logits: Matrix<Scalar>) -> Matrix<Scalar> {
        logSoftmax(logits).map { Scalar.exp($0) }
    }

    static func checkLabels(_ labels: [Int], classes: Int) {
        for (index, label) in labels.enumerated() where label < 0 || label >= classes {
            preconditionFailure("SoftmaxCrossEntropy: label \(label) at row \(index) is outside 0..<\(classes)")
        }
    }
}
