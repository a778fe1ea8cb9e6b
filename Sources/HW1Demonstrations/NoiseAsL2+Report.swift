import HW1Plotting

extension NoiseAsL2Demonstration {
    /// The table, findings and figure of a run.
    public static func report(_ result: Result) throws -> DemonstrationReport {
        var expected = TextTable(
            caption: "E[L̃(w)] at w = w_ols: Monte Carlo over \(result.configuration.monteCarloDraws) noise draws vs L(w) + (σ²/2)‖w‖²",
            header: ["σ", "L(w)", "(σ²/2)‖w‖²", "predicted", "Monte Carlo", "std. error", "deviation (SE)"])
        var fitted = TextTable(
            caption: "weights fitted on \(result.configuration.noisyCopies) noisy copies vs ridge with λ = σ²",
            header: ["σ", "‖w_noisy − w_ridge‖/‖w_ridge‖", "‖w_ols − w_ridge‖/‖w_ridge‖", "w_noisy[0]", "w_ridge[0]"])
        for level in result.levels {
            expected.addRow([
                TableNumber.fixed(level.sigma, decimals: 2), TableNumber.fixed(level.cleanLoss),
                TableNumber.fixed(level.predictedPenalty), TableNumber.fixed(level.predictedExpectedLoss),
                TableNumber.fixed(level.monteCarloMean), TableNumber.fixed(level.monteCarloStandardError),
                TableNumber.fixed(level.deviationInStandardErrors, decimals: 2),
            ])
            fitted.addRow([
                TableNumber.fixed(level.sigma, decimals: 2), TableNumber.scientific(level.noisyToRidgeError),
                TableNumber.scientific(level.ordinaryToRidgeGap), TableNumber.fixed(level.noisyFitWeights[0]),
                TableNumber.fixed(level.ridgeWeights[0]),
            ])
        }
        let worstDeviation = result.levels.map { abs($0.deviationInStandardErrors) }.max() ?? 0
        let worstFit = result.levels.map(\.noisyToRidgeError).max() ?? 0
        let smallestGap = result.levels.map(\.ordinaryToRidgeGap).min() ?? 0
        let findings = [
            "Monte Carlo E[L̃(w)] matches L(w) + (σ²/2)‖w‖² at every σ: largest deviation \(TableNumber.fixed(worstDeviation, decimals: 2)) standard errors.",
            "Fitting on noisy inputs reproduces ridge with λ = σ²: relative distance ≤ \(TableNumber.scientific(worstFit)), while plain least squares is ≥ \(TableNumber.scientific(smallestGap)) away.",
        ]

        var chart = LineChart(
            title: "Input noise acts as an L2 penalty (σ²/2)‖w‖²", xLabel: "input noise σ",
            yLabel: "expected training loss at w_ols")
        let maxSigma = (result.levels.map(\.sigma).max() ?? 1) * 1.05
        let grid = (0...40).map { maxSigma * Double($0) / 40 }
        let clean = result.levels.first?.cleanLoss ?? 0
        let normSquared = result.evaluatedWeights.reduce(0) { $0 + $1 * $1 }
        chart.add(try ChartSeries(name: "L(w) + (σ²/2)‖w‖²", x: grid, y: grid.map { clean + $0 * $0 / 2 * normSquared }))
        chart.add(try ChartSeries(name: "L(w), no noise", x: grid, y: grid.map { _ in clean }, style: .dashed))
        chart.add(try ChartSeries(
            name: "Monte Carlo mean", x: result.levels.map(\.sigma), y: result.levels.map(\.monteCarloMean), style: .markers))

        return DemonstrationReport(
            name: "noise-l2", question: "3(b)",
            title: "input noise N(0, σ²I) in least squares equals the L2 penalty (σ²/2)‖w‖²",
            tables: [expected, fitted], findings: findings,
            figures: [DemonstrationFigure(fileName: "noise-l2-expected-loss.svg", svg: chart.svg())])
    }
}
