import Foundation
import Testing
@testable import HW1Data

/// Replays, without a fuzzer, the inputs that once trapped or allocated gigabytes
/// (`Fixtures/fuzz-regressions/<target>/`) and the fuzzers' seeds (`Fuzz/corpus/<target>/`) through
/// the same readers as the targets in `Fuzz/`: every regression input must give the reader's named
/// error (naming the file) or a result, every seed a result. A trap would stop the test process.
@Suite struct FuzzRegressionTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz-regressions")
    static let seeds = packageRoot.appendingPathComponent("Fuzz/corpus")

    /// The files of `folder/target`, in name order.
    static func files(_ folder: URL, _ target: String) throws -> [URL] {
        let directory = folder.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
            .filter { !$0.lastPathComponent.hasPrefix(".") }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    /// What a reader made of one input: a result, or the description of its named error.
    enum Outcome: Equatable {
        case result
        case namedError(String)
    }

    /// Runs `body`; an error must be `Named` and its description must name `source`.
    static func outcome<Named: Error>(_ named: Named.Type, source: String, _ body: () throws -> Void) -> Outcome {
        do {
            try body()
            return .result
        } catch let error as Named {
            let message = "\(error)"
            #expect(message.contains(source), "the error does not name the file: \(message)")
            return .namedError(message)
        } catch {
            Issue.record("\(source): \(type(of: error)) is not the reader's named error: \(error)")
            return .namedError("\(error)")
        }
    }

    static func idx(_ bytes: [UInt8], source: String) -> [Outcome] {
        [outcome(DataError.self, source: source) { _ = try IDX.parseImages(bytes, path: source) },
         outcome(DataError.self, source: source) { _ = try IDX.parseLabels(bytes, path: source, validRange: 0...9) }]
    }

    static func gzip(_ bytes: [UInt8], source: String) -> [Outcome] {
        [1 << 22, 97].map { limit in
            outcome(DataError.self, source: source) {
                let output = try Gzip.decompress(bytes, source: source, maximumSize: limit)
                #expect(output.count <= limit)
            }
        }
    }

    static func csv(_ bytes: [UInt8], source: String) -> [Outcome] {
        [outcome(NumericCSVError.self, source: source) {
            _ = try NumericCSV(parsing: String(decoding: bytes, as: UTF8.self), source: source)
        }]
    }

    static func safeTensors(_ bytes: [UInt8], source: String) -> [Outcome] {
        [outcome(SafeTensorsError.self, source: source) { _ = try SafeTensors.decode(bytes, source: source) }]
    }

    static let targets = ["idx", "gzip", "csv", "safetensors"]

    /// The reader that the fuzz target `target` exercises.
    static func reader(_ target: String) -> ([UInt8], String) -> [Outcome] {
        switch target {
        case "idx": idx
        case "gzip": gzip
        case "csv": csv
        default: safeTensors
        }
    }

    @Test(arguments: targets)
    func regressionInputsGiveNamedErrorsOrResults(target: String) throws {
        let read = Self.reader(target)
        let inputs = try Self.files(Self.regressions, target)
        #expect(!inputs.isEmpty)
        for url in inputs {
            let bytes = try FileBytes.read(url)
            _ = read(bytes, url.lastPathComponent)
        }
    }

    @Test(arguments: targets)
    func seedsAreValidFiles(target: String) throws {
        let read = Self.reader(target)
        let seeds = try Self.files(Self.seeds, target)
        #expect(!seeds.isEmpty)
        for url in seeds {
            let outcomes = read(try FileBytes.read(url), url.lastPathComponent)
            // An IDX seed is an image file or a label file, so one of the two readers refuses it.
            #expect(outcomes.contains(.result), "seed \(url.lastPathComponent) is refused: \(outcomes)")
        }
    }

    /// The four faults of issue #17 stay named errors with the words that say what is wrong.
    @Test func theFourFaultsOfIssue17AreNamed() throws {
        func message(_ target: String, _ name: String) throws -> String {
            let read = Self.reader(target)
            let bytes = try FileBytes.read(Self.regressions.appendingPathComponent("\(target)/\(name)"))
            guard case .namedError(let text) = read(bytes, name).first else { return "" }
            return text
        }
        #expect(try message("idx", "rows-times-columns-overflow").contains("overflows a 64-bit byte count"))
        #expect(try message("gzip", "trailer-size-2to32-minus-1").contains("corrupt gzip data"))
        #expect(try message("gzip", "trailer-size-2to32-minus-2").contains("corrupt gzip data"))
        #expect(try message("safetensors", "shape-2to62-f32").contains("is too large"))
        #expect(try message("csv", "duplicate-header").contains("both named \"a\""))
    }
}
