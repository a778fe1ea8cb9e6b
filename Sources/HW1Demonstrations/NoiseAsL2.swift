import BLASKit

/// Problem 3(b): least squares on inputs corrupted by N(0, σ²I) noise is, in expectation,
/// least squares plus the L2 penalty (σ²/2)‖w‖², i.e. ridge regression with λ = σ².
///
/// For L(w) = 1/(2n) Σᵢ (yᵢ − xᵢᵀw)² and x̃ᵢ = xᵢ + εᵢ:
/// E[L̃(w)] = L(w) + (1/2n) Σᵢ E[(εᵢᵀw)²] = L(w) + (σ²/2)‖w‖².
/// The demo checks this twice: a Monte Carlo mean of L̃(w) against the formula, and the
/// least-squares fit on many noisy copies of the data against the ridge solution
/// (XᵀX/n + σ²I)⁻¹ Xᵀy/n.
public enum NoiseAsL2Demonstration {
    /// Sizes of the synthetic problem.
    public struct Configuration: Sendable {
        /// Number of data points n.
        public var sampleCount = 40
        /// Number of features d.
        public var featureCount = 5
        /// Input-noise standard deviations σ to try.
        public var noiseLevels: [Double] = [0.25, 0.5, 1.0, 1.5, 2.0]
        /// Noise draws in the Monte Carlo estimate of E[L̃(w)].
        public var monteCarloDraws = 2000
        /// Noisy copies of the data set the noisy-input fit is trained on.
        public var noisyCopies = 1000

        /// The defaults: n = 40, d = 5, σ ∈ {0.25, 0.5, 1, 1.5, 2}, 2000 draws, 1000 copies.
        public init() {}
    }

    /// The measurements at one noise level σ.
    public struct Level: Sendable {
        /// Input-noise standard deviation σ.
        public var sigma: Double
        /// L(w) on clean inputs, at the evaluated w.
        public var cleanLoss: Double
        /// The predicted penalty (σ²/2)‖w‖².
        public var predictedPenalty: Double
        /// Monte Carlo mean of L̃(w) over the noise draws.
        public var monteCarloMean: Double
        /// Standard error of that mean.
        public var monteCarloStandardError: Double
        /// The least-squares weights fitted on the noisy copies, `[d]`.
        public var noisyFitWeights: [Double]
        /// The ridge weights for λ = σ², `[d]`.
        public var ridgeWeights: [Double]
        /// ‖w_noisy − w_ridge‖ / ‖w_ridge‖.
        public var noisyToRidgeError: Double
        /// ‖w_ols − w_ridge‖ / ‖w_ridge‖: how far plain least squares is from ridge.
        public var ordinaryToRidgeGap: Double

        /// L(w) + (σ²/2)‖w‖².
        public var predictedExpectedLoss: Double { cleanLoss + predictedPenalty }
        /// (Monte Carlo mean − prediction) in standard errors.
        public var deviationInStandardErrors: Double {
            (monteCarloMean - predictedExpectedLoss) / monteCarloStandardError
        }
    }

    /// Everything the demo measured.
    public struct Result: Sendable {
        /// The configuration it ran with.
        public var configuration: Configuration
        /// The weights the expected loss is evaluated at (plain least squares on clean data), `[d]`.
        public var evaluatedWeights: [Double]
        /// One entry per σ.
        public var levels: [Level]
    }

    /// Runs the demonstration on synthetic data drawn from `seed`.
    public static func run(_ configuration: Configuration = Configuration(), seed: UInt64) throws -> Result {
        var generator = SeededGenerator(seed: seed)
        let n = configuration.sampleCount, d = configuration.featureCount
        let x = Matrix<Double>.randomNormal(rows: n, columns: d, using: &generator)
        let trueWeights = (0..<d).map { _ in generator.nextStandardNormal() }
        let targets = x.matvec(trueWeights).map { $0 + 0.1 * generator.nextStandardNormal() }
        let ordinary = try ridge(x, targets, lambda: 0)

        var levels: [Level] = []
        for sigma in configuration.noiseLevels {
            // Monte Carlo estimate of E[L̃(w)] at w = w_ols.
            var losses: [Double] = []
            losses.reserveCapacity(configuration.monteCarloDraws)
            for _ in 0..<configuration.monteCarloDraws {
                let noisy = x + Matrix<Double>.randomNormal(rows: n, columns: d, standardDeviation: sigma, using: &generator)
                losses.append(loss(noisy, targets, ordinary))
            }
            let mean = losses.reduce(0, +) / Double(losses.count)
            let variance = losses.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(losses.count - 1)

            // Least squares on `noisyCopies` stacked noisy copies of the data set.
            let copies = configuration.noisyCopies
            let stackedClean = Matrix<Double>(rows: n * copies, columns: d) { r, c in x[unchecked: r % n, c] }
            let stacked = stackedClean
                + Matrix<Double>.randomNormal(rows: n * copies, columns: d, standardDeviation: sigma, using: &generator)
            let stackedTargets = (0..<(n * copies)).map { targets[$0 % n] }
            let noisyFit = try ridge(stacked, stackedTargets, lambda: 0)
            let ridgeFit = try ridge(x, targets, lambda: sigma * sigma)

            levels.append(Level(
                sigma: sigma, cleanLoss: loss(x, targets, ordinary),
                predictedPenalty: sigma * sigma / 2 * ordinary.reduce(0) { $0 + $1 * $1 },
                monteCarloMean: mean, monteCarloStandardError: (variance / Double(losses.count)).squareRoot(),
                noisyFitWeights: noisyFit, ridgeWeights: ridgeFit,
                noisyToRidgeError: FiniteDifference.relativeError(noisyFit, ridgeFit),
                ordinaryToRidgeGap: FiniteDifference.relativeError(ordinary, ridgeFit)))
        }
        return Result(configuration: configuration, evaluatedWeights: ordinary, levels: levels)
    }

    /// L(w) = 1/(2n) Σᵢ (yᵢ − xᵢᵀw)² for `x [n, d]`, `y [n]`, `w [d]`.
    public static func loss(_ x: Matrix<Double>, _ y: [Double], _ w: [Double]) -> Double {
        let residuals = zip(y, x.matvec(w)).map { $0 - $1 }
        return residuals.reduce(0) { $0 + $1 * $1 } / (2 * Double(x.rows))
    }

    /// The minimiser of L(w) + (λ/2)‖w‖²: (XᵀX/n + λI)⁻¹ Xᵀy/n, by Cholesky.
    public static func ridge(_ x: Matrix<Double>, _ y: [Double], lambda: Double) throws -> [Double] {
        let n = Double(x.rows)
        var normal = x.gram() / n
        for i in 0..<x.columns { normal[i, i] += lambda }
        let rhs = Matrix(column: x.matvec(y, transposeSelf: true).map { $0 / n })
        return try LAPACK.solvePositiveDefinite(normal, rhs).elements
    }
}
