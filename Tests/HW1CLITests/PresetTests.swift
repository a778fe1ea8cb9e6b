import ArgumentParser
import Testing
@testable import hw1

/// `--part` gives the homework's networks; explicit flags win over the preset.
struct PresetTests {
    func settings(_ arguments: [String]) throws -> TrainingSettings {
        try TrainCommand.parseAsRoot(arguments).settingsForTest()
    }

    @Test func partsMatchTheHomework() throws {
        let b = try settings(["--part", "b"]), c = try settings(["--part", "c"])
        let d = try settings(["--part", "d"]), e = try settings(["--part", "e"])
        #expect(b.layerSizes() == [784, 128, 64, 10] && b.activation == .sigmoid && b.optimizer == .sgd)
        #expect(c.layerSizes() == [784, 128, 64, 10] && c.activation == .relu && c.optimizer == .sgd)
        #expect(d.layerSizes() == [784, 128, 64, 10] && d.activation == .sigmoid && d.optimizer == .momentum)
        #expect(d.momentum > 0 && d.momentum < 1)
        #expect(e.layerSizes() == [784, 128, 64, 64, 10] && e.activation == .sigmoid && e.optimizer == .sgd)
        for s in [b, c, d, e] {
            #expect(s.batchSize == 64)
            #expect(s.learningRate == PartPreset.all[s.part]!.learningRate)
            #expect(s.epochs == PartPreset.all[s.part]!.epochs)
        }
    }

    @Test func explicitFlagsOverrideThePreset() throws {
        let s = try settings([
            "--part", "e", "--hidden", "32, 16", "--activation", "relu", "--learning-rate", "0.05",
            "--batch-size", "32", "--epochs", "2", "--seed", "9", "--validation", "1000", "--workers", "1",
        ])
        #expect(s.part == "e")
        #expect(s.hidden == [32, 16])
        #expect(s.activation == .relu)
        #expect(s.learningRate == 0.05)
        #expect(s.batchSize == 32 && s.epochs == 2 && s.seed == 9 && s.validation == 1000 && s.workers == 1)
    }

    @Test func anotherOptimiserStartsFromItsOwnRate() throws {
        let adam = try settings(["--part", "b", "--optimizer", "adam"])
        #expect(adam.optimizer == .adam && adam.learningRate == OptimizerKind.adam.defaultLearningRate)
        #expect(try settings(["--part", "d"]).nesterov == PartPreset.all["d"]!.nesterov)
        #expect(try settings(["--part", "d", "--no-nesterov"]).nesterov == false)
        #expect(try settings(["--part", "d", "--momentum", "0"]).nesterov == false)
        #expect(try settings(["--part", "d", "--optimizer", "sgd"]).nesterov == false)
        let momentum = try settings(["--part", "d", "--momentum", "0.5", "--nesterov"])
        #expect(momentum.momentum == 0.5 && momentum.nesterov && momentum.learningRate == PartPreset.all["d"]!.learningRate)
    }

    @Test func presetScheduleAppliesAndItsCosineFloorFollowsAnOverriddenRate() throws {
        for part in ["b", "c", "d", "e"] {
            let preset = PartPreset.all[part]!
            #expect(try settings(["--part", part]).schedule == preset.schedule)
            let halved = try settings(["--part", part, "--learning-rate", String(preset.learningRate / 2)])
            if case .cosine(let floor) = preset.schedule {
                guard case .cosine(let scaled) = halved.schedule else {
                    Issue.record("part \(part): expected a cosine schedule, got \(halved.schedule)")
                    continue
                }
                #expect(abs(scaled - floor / 2) <= 1e-12 * floor)
            } else {
                #expect(halved.schedule == preset.schedule)
            }
        }
        #expect(try settings(["--part", "b", "--schedule", "constant"]).schedule == .constant)
        #expect(try settings([]).schedule == .constant)
    }

    @Test func defaultOutputFolderFollowsPartAndSeed() throws {
        let command = try TrainCommand.parseAsRoot(["--part", "c", "--seed", "3"]) as! TrainCommand
        #expect(command.outputFolder(for: try command.settings()).relativePath == "results/runs/c/seed-3")
        let custom = try TrainCommand.parseAsRoot(["--seed", "2"]) as! TrainCommand
        #expect(custom.outputFolder(for: try custom.settings()).relativePath == "results/runs/custom/seed-2")
    }

    @Test func scheduleTextRoundTrips() throws {
        #expect(try ScheduleText.parse("constant") == .constant)
        #expect(try ScheduleText.parse("step") == .stepDecay(every: 5, factor: 0.5))
        #expect(try ScheduleText.parse("step:3:0.1") == .stepDecay(every: 3, factor: 0.1))
        #expect(try ScheduleText.parse("cosine:0.001") == .cosine(minimum: 0.001))
        for text in ["constant", "step:3:0.1", "cosine:0.001"] {
            #expect(ScheduleText.format(try ScheduleText.parse(text)) == text)
        }
    }
}

extension ParsableCommand {
    /// The resolved settings of a parsed `hw1 train`.
    func settingsForTest() throws -> TrainingSettings {
        guard let train = self as? TrainCommand else { throw CLIError("not a train command: \(self)") }
        return try train.settings()
    }
}
