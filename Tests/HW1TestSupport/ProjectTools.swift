import Foundation

/// What the tests that run the project's own tools share: the checkout's root, its Python
/// virtual environment and a child-process runner. Used by the PyTorch parity tests
/// (HW1NeuralNetworkTests) and the twin-model test (HW1CLITests).
///
/// `make test` creates the venv first (and CI runs `make test`), so tests that need it run
/// there; a plain `swift test` on a machine without it skips them instead of failing.
public enum ProjectTools {
    /// The folder holding `Package.swift`, found by walking up from this source file.
    public static let packageRoot: URL? = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            folder.deleteLastPathComponent()
        }
        return nil
    }()

    /// `.venv/bin/python` at the package root when it exists and can import torch and
    /// safetensors (checked once).
    public static let python: URL? = {
        guard let root = packageRoot else { return nil }
        let python = root.appendingPathComponent(".venv/bin/python")
        guard FileManager.default.isExecutableFile(atPath: python.path) else { return nil }
        let probe = try? run(python, ["-c", "import torch, safetensors"], in: root)
        return probe?.status == 0 ? python : nil
    }()

    /// Runs `executable` with `arguments` in `folder` and waits for it. PyTorch gets one
    /// intra-op thread (`OMP_NUM_THREADS=1`): several tests run at once on a small machine, and
    /// the references do not depend on the thread count.
    public static func run(_ executable: URL, _ arguments: [String], in folder: URL) throws -> ProcessOutcome {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["OMP_NUM_THREADS"] = "1"
        process.environment = environment
        // Files rather than pipes: a chatty child can never block on a full pipe buffer.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("hw1-tool-\(UUID().uuidString)")
        let outputURL = scratch.appendingPathExtension("out"), errorURL = scratch.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outputURL)
            try? FileManager.default.removeItem(at: errorURL)
        }
        let output = try FileHandle(forWritingTo: outputURL), error = try FileHandle(forWritingTo: errorURL)
        process.standardOutput = output
        process.standardError = error
        try process.run()
        process.waitUntilExit()
        try output.close()
        try error.close()
        return ProcessOutcome(
            command: ([executable.lastPathComponent] + arguments).joined(separator: " "),
            status: process.terminationStatus,
            standardOutput: String(decoding: try Data(contentsOf: outputURL), as: UTF8.self),
            standardError: String(decoding: try Data(contentsOf: errorURL), as: UTF8.self))
    }
}

/// How a child process ended and what it printed.
public struct ProcessOutcome: Sendable {
    /// The command line, for messages.
    public var command: String
    /// The exit status.
    public var status: Int32
    public var standardOutput: String
    public var standardError: String

    /// The standard output, or a ``ProcessFailure`` when the exit status is not zero.
    public func successfulOutput() throws(ProcessFailure) -> String {
        guard status == 0 else { throw ProcessFailure(command: command, status: status, standardError: standardError) }
        return standardOutput
    }
}

/// A child process exited with a failure.
public struct ProcessFailure: Error, CustomStringConvertible {
    public var command: String
    public var status: Int32
    public var standardError: String
    public var description: String { "`\(command)` exited with status \(status):\n\(standardError)" }
}
