import Foundation
import Glibc
import HW1Data
import Testing
@testable import hw1

/// `hw1 evaluate` and `hw1 regress` fail fast and in plain words (issue #17): a model that cannot
/// fit Fashion-MNIST is refused from the file alone, before the data set is loaded, and a path that
/// is a directory, is missing or may not be read is said so, with the path.
struct PlainWordsTests {
    /// A folder under the temporary directory, removed by the caller.
    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hw1-plain-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A sigmoid model file of the given layer sizes (all weights 0.01).
    func writeModel(sizes: [Int], in folder: URL) throws -> URL {
        var tensors: [String: FloatTensor] = [:]
        for (index, (inputs, outputs)) in zip(sizes, sizes.dropFirst()).enumerated() {
            tensors["layers.\(index).weight"] = FloatTensor(shape: [outputs, inputs], values: Array(repeating: 0.01, count: inputs * outputs))
            tensors["layers.\(index).bias"] = FloatTensor(shape: [outputs], values: Array(repeating: 0, count: outputs))
        }
        let url = folder.appendingPathComponent("model-\(sizes.map(String.init).joined(separator: "-")).safetensors")
        try SafeTensors.write(tensors, metadata: ["activation": "sigmoid", "layer_sizes": sizes.map(String.init).joined(separator: ",")], to: url)
        return url
    }

    /// The message `body` fails with, or nil if it does not fail.
    func failure(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch { return "\(error)" }
    }

    func evaluate(_ arguments: [String]) -> String? {
        failure { try EvaluateCommand.parse(arguments).run() }
    }

    func regress(_ arguments: [String]) -> String? {
        // run() prints the message and exits 1; loadData is where it is raised.
        failure { _ = try RegressCommand.parse(arguments).loadData() }
    }

    @Test func modelOfTheWrongWidthsIsRefusedBeforeTheDataIsRead() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The data folder does not exist: a message about the model shows that it came first.
        let noData = folder.appendingPathComponent("no-data").path
        let narrow = try writeModel(sizes: [6, 8, 3], in: folder)
        let message = try #require(evaluate(["--model", narrow.path, "--data-dir", noData]))
        #expect(message.contains(narrow.path))
        #expect(message.contains("takes 6 inputs, but a Fashion-MNIST image has 784 pixels"))
        #expect(message.contains("gives 3 outputs, but Fashion-MNIST has 10 classes"))
        #expect(!message.contains("no-data"))

        let wrongOutputs = try writeModel(sizes: [784, 4, 7], in: folder)
        let outputs = try #require(evaluate(["--model", wrongOutputs.path, "--data-dir", noData]))
        #expect(outputs.contains("gives 7 outputs") && !outputs.contains("inputs"))
        #expect(throws: Never.self) { try EvaluateCommand.checkFitsFashionMNIST([784, 4, 10], path: "m") }
    }

    @Test func modelPathThatIsADirectoryOrMissingIsSaidInPlainWords() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = try #require(evaluate(["--model", folder.path]))
        #expect(directory.contains(folder.path) && directory.contains("is a directory"))
        #expect(!directory.contains("NSCocoaErrorDomain"))
        let absent = folder.appendingPathComponent("absent.safetensors").path
        let missing = try #require(evaluate(["--model", absent]))
        #expect(missing.contains(absent) && missing.contains("no such file"))
    }

    @Test func dataDirThatIsAFileOrMissingIsSaidInPlainWords() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let model = try writeModel(sizes: [784, 2, 10], in: folder)
        let absent = folder.appendingPathComponent("absent").path
        let missing = try #require(evaluate(["--model", model.path, "--data-dir", absent]))
        #expect(missing.contains(absent + " (no such file or directory)"))
        let file = try #require(evaluate(["--model", model.path, "--data-dir", model.path]))
        #expect(file.contains(model.path + " (is a file, not a directory)"))
    }

    @Test func csvPathThatIsADirectoryOrMissingIsSaidInPlainWords() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = try #require(regress(["--csv", folder.path, "--target", "y"]))
        #expect(directory == "\(folder.path): cannot read the file (is a directory, not a file)")
        let absent = folder.appendingPathComponent("absent.csv").path
        let missing = try #require(regress(["--csv", absent, "--target", "y"]))
        #expect(missing == "\(absent): cannot read the file (no such file)")
    }

    /// Root reads anything, so the real check runs only for another user; the words are checked always.
    @Test func unreadableFileAndFolderSayPermissionDenied() throws {
        guard getuid() != 0 else { return }
        let folder = try temporaryFolder()
        defer {
            chmod(folder.path, 0o700)
            try? FileManager.default.removeItem(at: folder)
        }
        let csv = folder.appendingPathComponent("locked.csv")
        try Data("x,y\n1,2\n2,3\n3,5\n".utf8).write(to: csv)
        chmod(csv.path, 0)
        #expect(regress(["--csv", csv.path, "--target", "y"]) == "\(csv.path): cannot read the file (permission denied)")
        let model = try writeModel(sizes: [784, 2, 10], in: folder)
        chmod(model.path, 0)
        #expect(evaluate(["--model", model.path])?.contains("permission denied") == true)
        chmod(model.path, 0o600)
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        chmod(data.path, 0)
        defer { chmod(data.path, 0o700) }
        let message = evaluate(["--model", model.path, "--data-dir", data.path])
        #expect(message?.contains("permission denied") == true)
    }
}
