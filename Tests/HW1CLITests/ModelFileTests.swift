import Foundation
import HW1Data
import BLASKit
import HW1NeuralNetwork
import Testing
@testable import hw1

/// model.safetensors: the schema shared with the PyTorch twin, and `hw1 evaluate` on it.
struct ModelFileTests {
    func temporaryFile() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hw1-model-\(UUID().uuidString).safetensors")
    }

    func trainedNetwork() throws -> (Network<Float>, TrainingData) {
        let data = SyntheticData.blobs()
        let result = try TrainingJob(settings: SyntheticData.settings(epochs: 3)).run(on: data)
        return (result.network, data)
    }

    @Test func roundTripKeepsWeightsAndEvaluation() throws {
        let (network, data) = try trainedNetwork()
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        try ModelFile.write(network, to: url)
        let (tensors, metadata) = try SafeTensors.read(from: url)
        #expect(metadata["activation"] == "sigmoid")
        #expect(metadata["layer_sizes"] == "6,8,3")
        #expect(metadata["input_scaling"] == "x/255")
        #expect(tensors["layers.0.weight"]?.shape == [8, 6])
        #expect(tensors["layers.0.bias"]?.shape == [8])
        #expect(tensors["layers.1.weight"]?.shape == [3, 8])
        let loaded = try ModelFile.read(from: url)
        #expect(loaded == network)
        let before = try ModelEvaluation(network: network, inputs: data.testInputs, labels: data.testLabels)
        let after = try ModelEvaluation(network: loaded, inputs: data.testInputs, labels: data.testLabels)
        #expect(before == after)
        #expect(after.confusion.count == 3 && after.confusion.joined().reduce(0, +) == data.testLabels.count)
        #expect(after.confusion.indices.map { after.confusion[$0][$0] }.reduce(0, +) == Int((after.test_accuracy * Double(data.testLabels.count)).rounded()))
        let json = try JSONSerialization.jsonObject(with: Data(after.json().utf8)) as? [String: Any]
        #expect(Set(json?.keys ?? [:].keys) == ["test_loss", "test_accuracy", "confusion"])
    }

    @Test func sizesAreInferredFromShapesWhenMetadataIsAbsent() throws {
        let (network, _) = try trainedNetwork()
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        var tensors: [String: FloatTensor] = [:]
        for p in network.namedParameters { tensors[p.name] = FloatTensor(shape: p.shape, values: p.values) }
        try SafeTensors.write(tensors, to: url)
        #expect(throws: CLIError.self) { try ModelFile.read(from: url) }  // activation unknown
        #expect(try ModelFile.read(from: url, activation: .sigmoid) == network)
    }

    @Test func missingTensorWrongShapeAndUnknownActivationAreNamed() throws {
        let (network, _) = try trainedNetwork()
        let url = temporaryFile()
        defer { try? FileManager.default.removeItem(at: url) }
        var tensors: [String: FloatTensor] = [:]
        for p in network.namedParameters { tensors[p.name] = FloatTensor(shape: p.shape, values: p.values) }
        let metadata = ["activation": "sigmoid", "layer_sizes": "6,8,3"]

        var missing = tensors
        missing["layers.1.bias"] = nil
        try SafeTensors.write(missing, metadata: metadata, to: url)
        #expect(message { try ModelFile.read(from: url) }?.contains("layers.1.bias") == true)

        var wrong = tensors
        wrong["layers.0.weight"] = FloatTensor(shape: [6, 8], values: tensors["layers.0.weight"]!.values)
        try SafeTensors.write(wrong, metadata: metadata, to: url)
        let shapeMessage = message { try ModelFile.read(from: url) }
        #expect(shapeMessage?.contains("layers.0.weight") == true && shapeMessage?.contains("[8, 6]") == true)

        try SafeTensors.write(tensors, metadata: ["activation": "tanh", "layer_sizes": "6,8,3"], to: url)
        #expect(message { try ModelFile.read(from: url) }?.contains("tanh") == true)
        #expect(try ModelFile.read(from: url, activation: .sigmoid) == network)

        #expect(message { try ModelFile.read(from: URL(fileURLWithPath: "/nonexistent/model.safetensors")) }?.contains("/nonexistent/model.safetensors") == true)
    }

    func message(_ body: () throws -> Network<Float>) -> String? {
        do { _ = try body(); return nil } catch { return "\(error)" }
    }
}
