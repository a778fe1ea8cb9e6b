import Foundation
import HW1NeuralNetwork

/// The training progress on the terminal: one line rewritten in place (`\r`) while an epoch
/// runs when stdout is a terminal, and one plain line per finished epoch in every case.
final class ProgressLine: @unchecked Sendable {
    private let epochs: Int
    private let interactive: Bool
    private var pending = false

    init(epochs: Int, interactive: Bool = isatty(STDOUT_FILENO) != 0) {
        self.epochs = epochs
        self.interactive = interactive
    }

    /// Shows one report of the trainer.
    func report(_ progress: TrainingProgress) {
        let width = String(epochs).count
        let epochText = "epoch \(pad(progress.epoch, width))/\(epochs)"
        if let metrics = progress.finishedEpoch {
            var line = epochText + String(
                format: "  train loss %.4f acc %.2f%%  test loss %.4f acc %.2f%%",
                metrics.trainLoss, metrics.trainAccuracy * 100, metrics.testLoss, metrics.testAccuracy * 100)
            if let loss = metrics.validationLoss, let accuracy = metrics.validationAccuracy {
                line += String(format: "  val loss %.4f acc %.2f%%", loss, accuracy * 100)
            }
            line += String(format: "  lr %g  %.2f s", metrics.learningRate, metrics.seconds)
            emit((interactive ? "\r\u{1B}[K" : "") + line + "\n")
            pending = false
        } else if interactive {
            let line = epochText + "  batch \(pad(progress.batch, String(progress.batchCount).count))/\(progress.batchCount)"
                + String(format: "  running loss %.4f acc %.2f%%  %.1f s", progress.runningLoss,
                         progress.runningAccuracy * 100, progress.seconds)
            emit("\r\u{1B}[K" + line)
            pending = true
        }
    }

    /// Ends a line left open by an interrupted epoch.
    func finish() {
        if pending { emit("\n") }
        pending = false
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }

    private func emit(_ text: String) {
        print(text, terminator: "")
        fflush(nil)  // flushes stdout without touching the C global (not concurrency-safe in Swift 6)
    }
}
