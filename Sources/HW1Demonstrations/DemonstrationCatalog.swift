/// One runnable demonstration as the command line lists and runs it.
public struct DemonstrationEntry: Sendable {
    /// Command-line name, e.g. `vanishing`.
    public let name: String
    /// Homework sub-question, e.g. `2(a)`.
    public let question: String
    /// One line of what it shows.
    public let summary: String
    /// Runs the demo with a seed and renders its report.
    public let run: @Sendable (_ seed: UInt64) throws -> DemonstrationReport
}

/// Every demonstration, in the order of the homework's questions.
public enum DemonstrationCatalog {
    /// The demonstrations, ordered by question.
    public static let all: [DemonstrationEntry] = [
        DemonstrationEntry(
            name: "vanishing", question: "2(a)",
            summary: "gradient norm per layer in a 10-layer network, sigmoid against ReLU",
            run: { try VanishingGradientDemonstration.report(VanishingGradientDemonstration.run(seed: $0)) }),
        DemonstrationEntry(
            name: "init", question: "2(b)",
            summary: "activation and gradient variance per layer under Xavier, naive N(0,1) and tiny initialisation",
            run: { try InitializationDemonstration.report(InitializationDemonstration.run(seed: $0)) }),
        DemonstrationEntry(
            name: "large-init", question: "2(c)",
            summary: "training curves of a sigmoid network started with large weights against Xavier, and the share of saturated units",
            run: { try LargeInitializationDemonstration.report(LargeInitializationDemonstration.run(seed: $0)) }),
        DemonstrationEntry(
            name: "l1-l2", question: "3(a)",
            summary: "weights after training with L1 against L2: exact zeros under L1 with the proximal step, and their histogram",
            run: { try L1L2SparsityDemonstration.report(L1L2SparsityDemonstration.run(seed: $0)) }),
        DemonstrationEntry(
            name: "noise-l2", question: "3(b)",
            summary: "inputs with N(0,σ²I) noise against the L2 penalty (σ²/2)‖w‖²: Monte Carlo loss and fitted weights agree",
            run: { try NoiseAsL2Demonstration.report(NoiseAsL2Demonstration.run(seed: $0)) }),
        DemonstrationEntry(
            name: "batchnorm", question: "3(c)",
            summary: "a hand-written, gradient-checked BatchNorm layer; training with and without it; batch-statistic noise at B = 2, 8, 64",
            run: { try BatchNormalizationDemonstration.report(BatchNormalizationDemonstration.run(seed: $0)) }),
        DemonstrationEntry(
            name: "adam-bias", question: "3(d)",
            summary: "Adam's m_t and bias-corrected m̂_t over the first steps, for a constant and for a noisy gradient",
            run: { try AdamBiasCorrectionDemonstration.report(AdamBiasCorrectionDemonstration.run(seed: $0)) }),
        DemonstrationEntry(
            name: "zero-init", question: "4(a)",
            summary: "the 4-3-1 sigmoid network started at zero: outputs 0.5, one SGD step moves only the output layer, units stay identical",
            run: { ZeroInitializationDemonstration.report(ZeroInitializationDemonstration.run(seed: $0)) }),
        DemonstrationEntry(
            name: "softmax-grad", question: "4(b)",
            summary: "the network h = Wᵀx, u = W′ᵀh, softmax cross-entropy: derived gradients against finite differences",
            run: { SoftmaxGradientDemonstration.report(SoftmaxGradientDemonstration.run(seed: $0)) }),
    ]

    /// The entry called `name`, or nil.
    public static func entry(named name: String) -> DemonstrationEntry? {
        all.first { $0.name == name }
    }
}
