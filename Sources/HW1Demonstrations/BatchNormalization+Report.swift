import HW1Plotting

extension BatchNormalizationDemonstration {
    /// The tables, findings and figures of a run.
    public static func report(_ result: Result) throws -> DemonstrationReport {
        let c = result.configuration
        var check = TextTable(
            caption: "BatchNorm backward (hand-written) against centred finite differences, batch \(c.checkShape.rows)×\(c.checkShape.features), Double",
            header: ["gradient", "relative error"])
        check.addRow(["∂L/∂x", TableNumber.scientific(result.gradientCheck.input)])
        check.addRow(["∂L/∂γ", TableNumber.scientific(result.gradientCheck.gamma)])
        check.addRow(["∂L/∂β", TableNumber.scientific(result.gradientCheck.beta)])

        let sizes = ([c.inputSize] + c.hiddenSizes + [2]).map(String.init).joined(separator: "-")
        var training = TextTable(
            caption: "training-set loss, sigmoid network \(sizes), SGD η = \(c.learningRate), batch \(c.batchSize), same initial weights and batches",
            header: ["step", "without BN", "with BN"], key: "training")
        for index in result.recordedSteps.indices where index % 3 == 0 || index == result.recordedSteps.count - 1 {
            training.addRow([
                "\(result.recordedSteps[index])", TableNumber.fixed(result.plainLoss[index]),
                TableNumber.fixed(result.batchNormLoss[index]),
            ])
        }

        var batchSizes = TextTable(
            caption: "the BatchNorm network trained at each batch size (same start, η = \(c.learningRate)) on equal examples (\(c.examplesPerBatchSizeRun), equal epochs) and for equal steps (\(c.stepsPerBatchSizeRun)); loss on the training set with its full-set statistics",
            header: ["batch size", "steps", "training loss", "examples", "training loss "], key: "batch-sizes")
        for (index, b) in c.trainingBatchSizes.enumerated() {
            batchSizes.addRow([
                "\(b)", "\(c.examplesPerBatchSizeRun / b)", TableNumber.fixed(result.lossByTrainingBatchSize[index]),
                "\(c.stepsPerBatchSizeRun * b)", TableNumber.fixed(result.lossByTrainingBatchSizeEqualSteps[index]),
            ])
        }

        var noise = TextTable(
            caption: "noise of the batch statistics, feature ~ N(\(c.population.mean), \(c.population.standardDeviation)²), \(c.noiseDraws) batches per size; probe example x = μ + s (x̂ = 1 with exact statistics)",
            header: ["batch size B", "Var(μ_B)", "s²/B", "Var(μ_B)·B/s²", "mean x̂ of probe", "std x̂ of probe"])
        let s2 = c.population.standardDeviation * c.population.standardDeviation
        for level in result.noise {
            noise.addRow([
                "\(level.batchSize)", TableNumber.scientific(level.meanVariance, digits: 3),
                TableNumber.scientific(level.predictedMeanVariance, digits: 3),
                TableNumber.fixed(level.meanVariance * Double(level.batchSize) / s2, decimals: 3),
                TableNumber.fixed(level.probeNormalizedMean, decimals: 3),
                TableNumber.fixed(level.probeNormalizedStandardDeviation, decimals: 3),
            ])
        }

        var lossChart = LineChart(
            title: "Training a deep sigmoid network with and without BatchNorm", xLabel: "SGD step",
            yLabel: "training loss", yScale: .log10)
        lossChart.add(try ChartSeries(name: "without BN", x: result.recordedSteps.map(Double.init), y: result.plainLoss))
        lossChart.add(try ChartSeries(name: "with BN", x: result.recordedSteps.map(Double.init), y: result.batchNormLoss))
        var noiseChart = LineChart(
            title: "Variance of the batch mean falls as 1/B", xLabel: "batch size B", yLabel: "Var(μ_B)",
            xScale: .log10, yScale: .log10)
        let noiseBatchSizes = result.noise.map { Double($0.batchSize) }
        noiseChart.add(try ChartSeries(name: "s²/B", x: noiseBatchSizes, y: result.noise.map(\.predictedMeanVariance)))
        noiseChart.add(try ChartSeries(name: "measured", x: noiseBatchSizes, y: result.noise.map(\.meanVariance), style: .markers))

        let worst = max(result.gradientCheck.input, result.gradientCheck.gamma, result.gradientCheck.beta)
        let last = result.recordedSteps.count - 1
        let smallest = result.noise.first, largest = result.noise.last
        var batchSizeValues: [String: Double] = [:]
        for (index, b) in c.trainingBatchSizes.enumerated() {
            batchSizeValues["loss-equal-examples-b\(b)"] = result.lossByTrainingBatchSize[index]
            batchSizeValues["loss-equal-steps-b\(b)"] = result.lossByTrainingBatchSizeEqualSteps[index]
        }
        return DemonstrationReport(
            name: "batchnorm", question: "3(c)",
            title: "BatchNorm: gradient-checked layer, faster training, noisy statistics at small batch sizes",
            tables: [check, training, batchSizes, noise],
            findings: [
                "The hand-written BatchNorm backward pass matches finite differences: largest relative error \(TableNumber.scientific(worst)).",
                "After \(result.recordedSteps[last]) identical SGD steps the loss is \(TableNumber.fixed(result.batchNormLoss[last])) with BatchNorm against \(TableNumber.fixed(result.plainLoss[last])) without.",
                "Var(μ_B)·B/s² stays ≈ 1 (the batch mean's variance falls as 1/B); the probe's x̂ has standard deviation \(TableNumber.fixed(smallest?.probeNormalizedStandardDeviation ?? 0, decimals: 3)) at B = \(smallest?.batchSize ?? 0) against \(TableNumber.fixed(largest?.probeNormalizedStandardDeviation ?? 0, decimals: 3)) at B = \(largest?.batchSize ?? 0): small batches make every normalised value noisy.",
                "Trained at batch size \(c.trainingBatchSizes.first ?? 0) the BatchNorm network ends at loss \(TableNumber.fixed(result.lossByTrainingBatchSize.first ?? 0)) against \(TableNumber.fixed(result.lossByTrainingBatchSize.last ?? 0)) at \(c.trainingBatchSizes.last ?? 0) on the same examples, and at \(TableNumber.fixed(result.lossByTrainingBatchSizeEqualSteps.first ?? 0)) against \(TableNumber.fixed(result.lossByTrainingBatchSizeEqualSteps.last ?? 0)) after the same \(c.stepsPerBatchSizeRun) steps (start: \(TableNumber.fixed(result.batchNormLoss[0]))): the smallest batch is worst whether steps or examples are equal.",
            ],
            figures: [
                DemonstrationFigure(fileName: "batchnorm-training-loss.svg", svg: lossChart.svg()),
                DemonstrationFigure(fileName: "batchnorm-batch-mean-variance.svg", svg: noiseChart.svg()),
            ],
            values: [
                "plain-loss-first": result.plainLoss[0], "plain-loss-last": result.plainLoss[last],
                "plain-loss-min": result.plainLoss.min() ?? .nan,
                // The plateau: the highest loss from step 30 on (after the first fall to ≈ ln 2).
                "plain-loss-max-from-30": zip(result.recordedSteps, result.plainLoss).filter { $0.0 >= 30 }.map(\.1).max() ?? .nan,
                "bn-loss-first": result.batchNormLoss[0], "bn-loss-last": result.batchNormLoss[last],
                "bn-loss-30": zip(result.recordedSteps, result.batchNormLoss).first { $0.0 == 30 }?.1 ?? .nan,
            ].merging(batchSizeValues) { $1 })
    }
}
