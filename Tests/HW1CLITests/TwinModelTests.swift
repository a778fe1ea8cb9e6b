import Foundation
import HW1Data
import HW1TestSupport
import Testing

/// A model trained and saved by the PyTorch twin (Problem 5f, `Scripts/part_f_pytorch.py`)
/// loads in `hw1 evaluate` and gives the test accuracy and loss PyTorch reported for it.
///
/// The twin trains one epoch (seed 3, one thread), writes `model.safetensors` and
/// `metrics.json`; the built `hw1` executable then runs `evaluate --model … --json` on the same
/// 10 000 test images. Accuracy must match exactly (same count of correct images); the mean
/// loss to 1e-5 relative (both sides compute in Float, PyTorch with its own kernels).
@Suite(
    .enabled(if: TwinEnvironment.python != nil,
             "needs .venv/bin/python able to import torch (make venv); `make test` creates it, so CI runs this"),
    .enabled(if: TwinEnvironment.fashionMNISTIsInstalled,
             "needs the Fashion-MNIST files (make deps installs dataset-fashion-mnist)"))
struct TwinModelTests {
    @Test func twinModelEvaluatesInHW1AsPyTorchReported() throws {
        let hw1 = try #require(TwinEnvironment.hw1Executable, "the hw1 executable was not built beside the tests")
        let python = try #require(TwinEnvironment.python)
        let root = try #require(TwinEnvironment.packageRoot)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hw1-twin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }

        _ = try TwinEnvironment.run(python, [
            "Scripts/part_f_pytorch.py", "--epochs", "1", "--seed", "3", "--threads", "1", "--out", folder.path,
        ], in: root)
        let metrics = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("metrics.json")))
        let final = try #require((metrics as? [String: Any])?["final"] as? [String: Any])
        let torchAccuracy = try #require(final["test_accuracy"] as? Double)
        let torchLoss = try #require(final["test_loss"] as? Double)

        let output = try TwinEnvironment.run(hw1, [
            "evaluate", "--model", folder.appendingPathComponent("model.safetensors").path, "--json",
        ], in: root)
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
            "hw1 evaluate --json printed: \(output)")
        let accuracy = try #require(report["test_accuracy"] as? Double)
        let loss = try #require(report["test_loss"] as? Double)

        let testCount = 10_000.0
        #expect((accuracy * testCount).rounded() == (torchAccuracy * testCount).rounded(),
                "hw1 evaluate: \(accuracy), PyTorch: \(torchAccuracy)")
        let lossDeviation = abs(loss - torchLoss) / abs(torchLoss)
        #expect(lossDeviation < 1e-5, "hw1 evaluate loss \(loss), PyTorch \(torchLoss)")
        print("parity twin model: accuracy hw1 \(accuracy) PyTorch \(torchAccuracy); loss hw1 \(loss) PyTorch \(torchLoss) "
            + "(relative \(String(format: "%.2e", lossDeviation)))")
    }
}

/// The tools the twin test runs: the project's venv Python and the built `hw1` executable.
enum TwinEnvironment {
    /// The folder holding `Package.swift`.
    static var packageRoot: URL? { ProjectTools.packageRoot }

    /// `.venv/bin/python` when it exists and can import torch (checked once).
    static var python: URL? { ProjectTools.python }

    /// `hw1` beside the test runner (SwiftPM builds every product before testing), else in `.build/debug`.
    static let hw1Executable: URL? = {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
            + (packageRoot.map { [$0.appendingPathComponent(".build/debug")] } ?? [])
        return candidates.map { $0.appendingPathComponent("hw1") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    /// Whether the folder the loader would use holds the test images (the full check is `hw1`'s).
    static var fashionMNISTIsInstalled: Bool {
        FashionMNIST.searchDirectories().contains { folder in
            ["t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte.gz"].contains {
                FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
            }
        }
    }

    /// Runs `executable` in `folder`; returns its standard output, or throws with its
    /// standard error when it exits non-zero.
    static func run(_ executable: URL, _ arguments: [String], in folder: URL) throws -> String {
        try ProjectTools.run(executable, arguments, in: folder).successfulOutput()
    }
}
