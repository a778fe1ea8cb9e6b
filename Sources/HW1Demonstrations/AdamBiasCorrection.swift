import Foundation
import BLASKit
import HW1NeuralNetwork
import HW1Plotting

/// Problem 3(d): Adam's first moment m_t = β₁m_{t−1} + (1 − β₁)g_t starts at m₀ = 0, so
/// m_t = (1 − β₁) Σ_{i≤t} β₁^{t−i} g_i and E[m_t] = (1 − β₁ᵗ)·E[g]: biased towards zero by the
/// factor (1 − β₁ᵗ), which is 0.1 at t = 1 for β₁ = 0.9. Dividing by (1 − β₁ᵗ) removes it.
///
/// The moments are read from the neural-network module's own ``Adam`` optimiser (the
/// production code), driven with a constant gradient and with a noisy one whose mean is g.
public enum AdamBiasCorrectionDemonstration {
    /// The optimiser settings and gradients.
    public struct Configuration: Sendable {
        /// β₁.
        public var beta1 = 0.9
        /// β₂.
        public var beta2 = 0.999
        /// Learning rate η.
        public var learningRate = 1e-3
        /// The (mean) gradient g.
        public var gradient = 0.5
        /// Standard deviation of the noise added to g in the noisy case.
        public var noiseStandardDeviation = 1.0
        /// Independent parameters driven by noisy gradients (their average estimates E[m_t]).
        public var noisyParameterCount = 2000
        /// Adam steps.
        public var steps = 50

        /// The defaults: PyTorch's β = (0.9, 0.999), η = 1e-3, g = 0.5, noise σ = 1, 2000 parameters, 50 steps.
        public init() {}
    }

    /// The moments and steps at one time t.
    public struct Step: Sendable {
        /// t = 1, 2, ….
        public var t: Int
        /// 1 − β₁ᵗ.
        public var correction: Double
        /// m_t for the constant gradient, read from the optimiser.
        public var constantMoment: Double
        /// m̂_t = m_t / (1 − β₁ᵗ) for the constant gradient.
        public var constantCorrected: Double
        /// Mean of m_t over the noisy parameters.
        public var noisyMomentMean: Double
        /// Standard error of that mean.
        public var noisyMomentStandardError: Double
        /// Mean of m̂_t over the noisy parameters.
        public var noisyCorrectedMean: Double
        /// Standard error of that mean.
        public var noisyCorrectedStandardError: Double
        /// The parameter's change at step t, bias correction on (constant gradient).
        public var stepWithCorrection: Double
        /// The same with bias correction off.
        public var stepWithoutCorrection: Double
    }

    /// Everything the demo measured.
    public struct Result: Sendable {
        /// The configuration it ran with.
        public var configuration: Configuration
        /// One entry per step.
        public var steps: [Step]
    }

    /// Runs the optimiser for `configuration.steps` steps with noise drawn from `seed`.
    public static func run(_ configuration: Configuration = Configuration(), seed: UInt64) throws -> Result {
        var generator = SeededGenerator(seed: seed)
        let c = configuration
        func adam(_ correction: Bool) -> Adam<Double> {
            Adam(learningRate: c.learningRate, beta1: c.beta1, beta2: c.beta2, biasCorrection: correction)
        }
        // A 1→1 network holds two parameters (weight, bias); both get the gradient g.
        var corrected = try Network<Double>(sizes: [1, 1], activation: .identity, using: &generator)
        var uncorrected = corrected
        var correctedAdam = adam(true), uncorrectedAdam = adam(false)
        // A 1→n network holds 2n independent parameters for the noisy gradients.
        var noisy = try Network<Double>(sizes: [1, c.noisyParameterCount / 2], activation: .identity, using: &generator)
        var noisyAdam = adam(true)
        let constant = [c.gradient, c.gradient]

        var steps: [Step] = []
        for t in 1...c.steps {
            let before = (corrected.parameters[0], uncorrected.parameters[0])
            correctedAdam.update(&corrected, gradients: constant)
            uncorrectedAdam.update(&uncorrected, gradients: constant)
            let gradients = (0..<noisy.parameterCount).map { _ in
                c.gradient + c.noiseStandardDeviation * generator.nextStandardNormal()
            }
            noisyAdam.update(&noisy, gradients: gradients)

            let correction = 1 - pow(c.beta1, Double(t))
            let moments = noisyAdam.firstMoment
            let correctedMoments = moments.map { $0 / correction }
            let count = Double(moments.count)
            steps.append(Step(
                t: t, correction: correction, constantMoment: correctedAdam.firstMoment[0],
                constantCorrected: correctedAdam.firstMoment[0] / correction,
                noisyMomentMean: Statistics.mean(moments),
                noisyMomentStandardError: (Statistics.sampleVariance(moments) / count).squareRoot(),
                noisyCorrectedMean: Statistics.mean(correctedMoments),
                noisyCorrectedStandardError: (Statistics.sampleVariance(correctedMoments) / count).squareRoot(),
                stepWithCorrection: corrected.parameters[0] - before.0,
                stepWithoutCorrection: uncorrected.parameters[0] - before.1))
        }
        return Result(configuration: c, steps: steps)
    }

    /// The table, findings and figure of a run.
    public static func report(_ result: Result) throws -> DemonstrationReport {
        let c = result.configuration
        var table = TextTable(
            caption: "Adam (HW1NeuralNetwork), β₁ = \(c.beta1), β₂ = \(c.beta2): first moment for g = \(c.gradient), constant and with N(0, \(c.noiseStandardDeviation)²) noise (mean over \(c.noisyParameterCount) parameters)",
            header: ["t", "1 − β₁ᵗ", "m_t const", "m̂_t const", "mean m_t noisy", "mean m̂_t noisy", "± SE", "Δθ corrected", "Δθ uncorrected"])
        let shown: Set<Int> = [1, 2, 3, 5, 10, 20, 30, 50]
        for step in result.steps where shown.contains(step.t) || step.t == result.steps.count {
            table.addRow([
                "\(step.t)", TableNumber.fixed(step.correction), TableNumber.fixed(step.constantMoment),
                TableNumber.fixed(step.constantCorrected, decimals: 12), TableNumber.fixed(step.noisyMomentMean),
                TableNumber.fixed(step.noisyCorrectedMean), TableNumber.fixed(step.noisyCorrectedStandardError),
                TableNumber.scientific(step.stepWithCorrection, digits: 3), TableNumber.scientific(step.stepWithoutCorrection, digits: 3),
            ])
        }
        let worstConstant = result.steps.map { abs($0.constantCorrected - c.gradient) }.max() ?? 0
        let first = result.steps[0]
        let worstNoisy = result.steps.map { abs($0.noisyCorrectedMean - c.gradient) / $0.noisyCorrectedStandardError }.max() ?? 0

        var chart = LineChart(
            title: "Adam's first moment: m_t is biased towards 0, m̂_t is not", xLabel: "step t", yLabel: "first moment / g")
        let g = c.gradient
        chart.add(ChartSeries(name: "m_t, constant g", y: result.steps.map { $0.constantMoment / g }))
        chart.add(ChartSeries(name: "m̂_t, constant g", y: result.steps.map { $0.constantCorrected / g }, style: .dashed))
        chart.add(ChartSeries(name: "mean m_t, noisy g", y: result.steps.map { $0.noisyMomentMean / g }, style: .markers))
        chart.add(ChartSeries(name: "mean m̂_t, noisy g", y: result.steps.map { $0.noisyCorrectedMean / g }, style: .markers))
        return DemonstrationReport(
            name: "adam-bias", question: "3(d)",
            title: "Adam's first moment m_t and its bias-corrected m̂_t over the first steps",
            tables: [table],
            findings: [
                "Constant g: m_1 = \(TableNumber.fixed(first.constantMoment)) = (1 − β₁)·g, \(TableNumber.fixed(1 / first.correction, decimals: 0))× too small; m_t = (1 − β₁ᵗ)·g, and m̂_t = g to within \(TableNumber.scientific(worstConstant)).",
                "Noisy g: mean m_1 = \(TableNumber.fixed(first.noisyMomentMean)) ≈ (1 − β₁)·g, while mean m̂_t stays within \(TableNumber.fixed(worstNoisy, decimals: 2)) standard errors of g at every t.",
                "Parameter step at t = 1: \(TableNumber.scientific(first.stepWithCorrection, digits: 3)) with correction (= −η·sign g), \(TableNumber.scientific(first.stepWithoutCorrection, digits: 3)) without — the uncorrected second moment is biased even more, so early uncorrected steps are mis-scaled.",
            ],
            figures: [DemonstrationFigure(fileName: "adam-bias-first-moment.svg", svg: chart.svg())],
            values: quotedValues(result))
    }

    /// The figures answer 3(d) quotes: the uncorrected step's largest size and when it occurs,
    /// and its size at the last step.
    static func quotedValues(_ result: Result) -> [String: Double] {
        let peak = result.steps.max { abs($0.stepWithoutCorrection) < abs($1.stepWithoutCorrection) }!
        let last = result.steps[result.steps.count - 1]
        return [
            "uncorrected-step-peak": abs(peak.stepWithoutCorrection), "uncorrected-step-peak-t": Double(peak.t),
            "uncorrected-step-last": abs(last.stepWithoutCorrection), "last-t": Double(last.t),
            "uncorrected-step-first": abs(result.steps[0].stepWithoutCorrection),
        ]
    }
}
