import Foundation
import BLASKit
import HW1NeuralNetwork
import Testing
@testable import hw1

/// The core of `hw1 train` on in-memory data: the files it writes and their contract.
struct TrainingRunTests {
    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hw1-cli-tests-\(UUID().uuidString)")
    }

    @Test func writesTheFourFilesAndMetricsFollowTheContract() throws {
        let settings = SyntheticData.settings(epochs: 3)
        let result = try TrainingJob(settings: settings).run(on: SyntheticData.blobs())
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TrainingOutput(result: result, settings: settings, extraConfig: ["data_dir": .string("in-memory")]).write(to: folder)
        for name in ["metrics.json", "model.safetensors", "loss.svg", "accuracy.svg"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name) missing")
        }
        // The raw JSON, as another tool (the report, Python) would read it.
        let data = try Data(contentsOf: folder.appendingPathComponent("metrics.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(object.keys) == ["config", "epochs", "final"])
        let epochs = try #require(object["epochs"] as? [[String: Any]])
        #expect(epochs.count == 3)
        for (index, epoch) in epochs.enumerated() {
            #expect(Set(epoch.keys) == ["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "seconds"])
            #expect(epoch["epoch"] as? Int == index + 1)
            let accuracy = try #require(epoch["test_accuracy"] as? Double)
            #expect(accuracy >= 0 && accuracy <= 1)
        }
        let config = try #require(object["config"] as? [String: Any])
        for key in ["part", "hidden", "activation", "optimizer", "learning_rate", "momentum", "batch_size", "epochs",
                    "seed", "validation", "schedule", "workers", "weight_decay", "outcome", "interrupted", "data_dir"] {
            #expect(config[key] != nil, "config lacks \(key)")
        }
        #expect(config["hidden"] as? [Int] == [8])
        #expect(config["interrupted"] as? Bool == false)
        // The Codable contract round-trips, and final is the last epoch.
        let metrics = try RunMetrics.load(from: folder.appendingPathComponent("metrics.json"))
        #expect(metrics.epochs == TrainingOutput(result: result, settings: settings).metrics.epochs)
        #expect(metrics.final == metrics.epochs.last)
        #expect(metrics.epochs.last!.test_accuracy == result.history.final!.testAccuracy)
        // Separable blobs: training works at all.
        #expect(metrics.final!.train_accuracy > 0.9)
    }

    @Test func plotsHaveTrainAndTestCurvesAndValidationWhenHeldOut() throws {
        let settings = SyntheticData.settings(epochs: 2, validation: 30)
        let result = try TrainingJob(settings: settings).run(on: SyntheticData.blobs())
        #expect(result.history.epochs.allSatisfy { $0.validationAccuracy != nil })
        let (loss, accuracy) = try TrainingOutput(result: result, settings: settings).charts()
        #expect(loss.series.map(\.name) == ["train", "test", "validation"])
        #expect(accuracy.series.map(\.name) == ["train", "test", "validation"])
        let svg = loss.svg()
        #expect(svg.contains("epoch") && svg.contains("train") && svg.contains("validation"))
        let metrics = TrainingOutput(result: result, settings: settings).metrics
        #expect(metrics.epochs.allSatisfy { $0.validation_loss != nil })
    }

    @Test func sameSeedGivesIdenticalMetrics() throws {
        func run(seed: UInt64, workers: Int) throws -> [EpochRecord] {
            let settings = SyntheticData.settings(epochs: 3, seed: seed, optimizer: .momentum, learningRate: 0.05, workers: workers)
            let result = try TrainingJob(settings: settings).run(on: SyntheticData.blobs())
            return TrainingOutput(result: result, settings: settings).metrics.epochs.map { var r = $0; r.seconds = 0; return r }
        }
        #expect(try run(seed: 4, workers: 2) == (try run(seed: 4, workers: 2)))
        #expect(try run(seed: 4, workers: 1) == (try run(seed: 4, workers: 1)))
        #expect(try run(seed: 4, workers: 1) != (try run(seed: 5, workers: 1)))
    }

    @Test func everyOptimiserTrains() throws {
        for (optimizer, rate) in [(OptimizerKind.sgd, 0.5), (.momentum, 0.05), (.adam, 0.01)] {
            let settings = SyntheticData.settings(epochs: 5, optimizer: optimizer, learningRate: rate)
            let result = try TrainingJob(settings: settings).run(on: SyntheticData.blobs())
            #expect(result.history.final!.trainAccuracy > 0.9, "\(optimizer)")
        }
    }

    @Test func interruptionKeepsTheFinishedEpochsAndStillWritesFiles() throws {
        let settings = SyntheticData.settings(epochs: 5)
        let data = SyntheticData.blobs()
        let batchesPerEpoch = (data.trainInputs.rows + settings.batchSize - 1) / settings.batchSize
        var polls = 0
        // Stop in the middle of epoch 3, as Ctrl-C would.
        let result = try TrainingJob(settings: settings).run(on: data, shouldStop: {
            polls += 1
            return polls > 2 * batchesPerEpoch + 1
        })
        #expect(result.history.outcome == .interrupted(epoch: 3, batch: 2))
        #expect(result.history.epochs.count == 2)
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TrainingOutput(result: result, settings: settings).write(to: folder)
        let metrics = try RunMetrics.load(from: folder.appendingPathComponent("metrics.json"))
        #expect(metrics.epochs.count == 2)
        #expect(metrics.config["interrupted"] == .bool(true))
        #expect(metrics.config["outcome"] == .string("interrupted"))
        #expect(metrics.config["epochs_completed"] == .number(2))
        let model = try ModelFile.read(from: folder.appendingPathComponent("model.safetensors"))
        #expect(model == result.network)
    }

    @Test func divergenceStopsWithFiniteWeightsAndStillWritesFiles() throws {
        var settings = SyntheticData.settings(epochs: 4, learningRate: 1e30)
        settings.activation = .relu
        let result = try TrainingJob(settings: settings).run(on: SyntheticData.blobs())
        guard case .diverged = result.history.outcome else {
            Issue.record("expected divergence, got \(result.history.outcome)")
            return
        }
        #expect(result.network.parameters.allSatisfy { $0.isFinite })
        #expect(result.history.outcome.message.contains("learning rate"))
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try TrainingOutput(result: result, settings: settings).write(to: folder)
        let metrics = try RunMetrics.load(from: folder.appendingPathComponent("metrics.json"))
        #expect(metrics.config["outcome"] == .string("diverged"))
        #expect(metrics.epochs.count == result.history.epochs.count)
    }
}
