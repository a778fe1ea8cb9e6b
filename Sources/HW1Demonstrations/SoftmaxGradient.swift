import Foundation
import BLASKit

/// Problem 4(b): the network h = Wᵀx, u = W′ᵀh, ŷ = softmax(u), L = −yᵀ log ŷ, with the
/// gradients derived by hand checked against centred finite differences.
///
/// Derived: ∂L/∂u = ŷ − y; ∂L/∂W′ = h (ŷ − y)ᵀ `[k, c]`; ∂L/∂h = W′(ŷ − y) `[k]`;
/// ∂L/∂W = x (W′(ŷ − y))ᵀ `[d, k]`. Gradient descent: W ← W − η ∂L/∂W, W′ ← W′ − η ∂L/∂W′.
public enum SoftmaxGradientDemonstration {
    /// Sizes of the network and of the check.
    public struct Configuration: Sendable {
        /// Input size d.
        public var inputSize = 6
        /// Hidden size k (the columns of W).
        public var hiddenSize = 4
        /// Number of classes c (the columns of W′).
        public var classCount = 3
        /// Random (x, y, W, W′) draws checked.
        public var trials = 5
        /// Finite-difference step h.
        public var step = 1e-5
        /// Learning rate η of the one gradient-descent step taken per trial.
        public var learningRate = 0.1

        /// The defaults: d = 6, k = 4, c = 3, five trials, h = 1e-5, η = 0.1.
        public init() {}
    }

    /// The parameters of the 4(b) network: W `[d, k]` and W′ `[k, c]`.
    public struct Parameters: Sendable, Equatable {
        /// W, `[d, k]`: h = Wᵀx.
        public var w: Matrix<Double>
        /// W′, `[k, c]`: u = W′ᵀh.
        public var wPrime: Matrix<Double>

        /// Parameters from W `[d, k]` and W′ `[k, c]`.
        public init(w: Matrix<Double>, wPrime: Matrix<Double>) {
            precondition(w.columns == wPrime.rows, "Parameters: W is \(w.shape) but W′ is \(wPrime.shape); W′ needs \(w.columns) rows")
            self.w = w
            self.wPrime = wPrime
        }
    }

    /// Everything one forward/backward pass computes for a sample.
    public struct Pass: Sendable {
        /// h = Wᵀx, `[k]`.
        public var hidden: [Double]
        /// u = W′ᵀh, `[c]`.
        public var logits: [Double]
        /// ŷ = softmax(u), `[c]`.
        public var probabilities: [Double]
        /// L = −yᵀ log ŷ.
        public var loss: Double
        /// ∂L/∂W, `[d, k]`.
        public var gradientW: Matrix<Double>
        /// ∂L/∂W′, `[k, c]`.
        public var gradientWPrime: Matrix<Double>
    }

    /// The check of one random draw.
    public struct Trial: Sendable {
        /// Index of the true class (y is its one-hot vector).
        public var label: Int
        /// Loss before the gradient step.
        public var loss: Double
        /// Loss after one step W ← W − η∂L/∂W, W′ ← W′ − η∂L/∂W′.
        public var lossAfterStep: Double
        /// ‖∂L/∂W‖ (Frobenius), derived.
        public var gradientWNorm: Double
        /// ‖∂L/∂W′‖ (Frobenius), derived.
        public var gradientWPrimeNorm: Double
        /// ‖derived − numerical‖ / max(‖derived‖, ‖numerical‖) for W.
        public var relativeErrorW: Double
        /// The same for W′.
        public var relativeErrorWPrime: Double
    }

    /// Everything the demo measured.
    public struct Result: Sendable {
        /// The configuration it ran with.
        public var configuration: Configuration
        /// One entry per random draw.
        public var trials: [Trial]
    }

    /// Forward and backward for one sample `x [d]` with true class `label`, using the derived
    /// formulas; log-softmax is computed with the max subtracted so large logits stay finite.
    public static func pass(_ parameters: Parameters, input x: [Double], label: Int) -> Pass {
        let hidden = parameters.w.matvec(x, transposeSelf: true)
        let logits = parameters.wPrime.matvec(hidden, transposeSelf: true)
        let largest = logits.max() ?? 0
        let logSum = log(logits.reduce(0) { $0 + exp($1 - largest) }) + largest
        let probabilities = logits.map { exp($0 - logSum) }
        let loss = logSum - logits[label]
        // δu = ŷ − y, δh = W′ δu.
        var deltaU = probabilities
        deltaU[label] -= 1
        let deltaH = parameters.wPrime.matvec(deltaU)
        let gradientWPrime = Matrix(column: hidden).matmul(Matrix(row: deltaU))
        let gradientW = Matrix(column: x).matmul(Matrix(row: deltaH))
        return Pass(
            hidden: hidden, logits: logits, probabilities: probabilities, loss: loss,
            gradientW: gradientW, gradientWPrime: gradientWPrime)
    }

    /// Runs the check on `configuration.trials` random draws from `seed`.
    public static func run(_ configuration: Configuration = Configuration(), seed: UInt64) -> Result {
        var generator = SeededGenerator(seed: seed)
        let d = configuration.inputSize, k = configuration.hiddenSize, c = configuration.classCount
        var trials: [Trial] = []
        for _ in 0..<configuration.trials {
            let parameters = Parameters(
                w: .randomNormal(rows: d, columns: k, using: &generator),
                wPrime: .randomNormal(rows: k, columns: c, using: &generator))
            let x = (0..<d).map { _ in generator.nextStandardNormal() }
            let label = Int.random(in: 0..<c, using: &generator)
            let analytic = pass(parameters, input: x, label: label)

            let numericW = FiniteDifference.gradient(
                of: { values in
                    var p = parameters
                    p.w = Matrix(rows: d, columns: k, elements: values)
                    return pass(p, input: x, label: label).loss
                }, at: parameters.w.elements, step: configuration.step)
            let numericWPrime = FiniteDifference.gradient(
                of: { values in
                    var p = parameters
                    p.wPrime = Matrix(rows: k, columns: c, elements: values)
                    return pass(p, input: x, label: label).loss
                }, at: parameters.wPrime.elements, step: configuration.step)

            let eta = configuration.learningRate
            let stepped = Parameters(
                w: parameters.w - eta * analytic.gradientW,
                wPrime: parameters.wPrime - eta * analytic.gradientWPrime)
            trials.append(Trial(
                label: label, loss: analytic.loss, lossAfterStep: pass(stepped, input: x, label: label).loss,
                gradientWNorm: analytic.gradientW.frobeniusNorm,
                gradientWPrimeNorm: analytic.gradientWPrime.frobeniusNorm,
                relativeErrorW: FiniteDifference.relativeError(analytic.gradientW.elements, numericW),
                relativeErrorWPrime: FiniteDifference.relativeError(analytic.gradientWPrime.elements, numericWPrime)))
        }
        return Result(configuration: configuration, trials: trials)
    }

    /// The table and findings of a run, and the computational graph of the network's loss.
    public static func report(_ result: Result) -> DemonstrationReport {
        let c = result.configuration
        var table = TextTable(
            caption: "h = Wᵀx, u = W′ᵀh, ŷ = softmax(u), L = −yᵀlog ŷ  (d = \(c.inputSize), k = \(c.hiddenSize), c = \(c.classCount)); finite-difference step \(TableNumber.scientific(c.step, digits: 0))",
            header: ["trial", "class", "L", "‖∂L/∂W‖", "rel. error W", "‖∂L/∂W′‖", "rel. error W′", "L after step η=\(c.learningRate)"])
        for (index, trial) in result.trials.enumerated() {
            table.addRow([
                "\(index + 1)", "\(trial.label)", TableNumber.fixed(trial.loss), TableNumber.fixed(trial.gradientWNorm),
                TableNumber.scientific(trial.relativeErrorW), TableNumber.fixed(trial.gradientWPrimeNorm),
                TableNumber.scientific(trial.relativeErrorWPrime), TableNumber.fixed(trial.lossAfterStep),
            ])
        }
        let worst = result.trials.map { max($0.relativeErrorW, $0.relativeErrorWPrime) }.max() ?? 0
        let decreased = result.trials.filter { $0.lossAfterStep < $0.loss }.count
        return DemonstrationReport(
            name: "softmax-grad", question: "4(b)",
            title: "the derived gradients of the linear–softmax network against finite differences",
            tables: [table],
            findings: [
                "∂L/∂W′ = h(ŷ − y)ᵀ and ∂L/∂W = x(W′(ŷ − y))ᵀ match centred finite differences: largest relative error \(TableNumber.scientific(worst)).",
                "One step W ← W − η∂L/∂W, W′ ← W′ − η∂L/∂W′ lowered the loss in \(decreased) of \(result.trials.count) trials.",
            ],
            figures: graphFigures())
    }
}
