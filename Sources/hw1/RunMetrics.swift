import Foundation
import HW1Data

/// The `metrics.json` contract of `hw1 train --out DIR` (and of the PyTorch twin):
/// `config` holds every hyperparameter and the seed, `epochs` one record per epoch,
/// `final` the last epoch's figures. Accuracies are fractions; `seconds` is the training time
/// of the epoch alone, evaluation excluded.
struct RunMetrics: Codable, Sendable {
    /// Hyperparameters as JSON values (numbers, strings, lists), keyed by name.
    var config: [String: JSONValue]
    var epochs: [EpochRecord]
    var final: EpochRecord?
}

/// One epoch's figures.
struct EpochRecord: Codable, Sendable, Equatable {
    var epoch: Int
    var train_loss: Double
    var train_accuracy: Double
    var test_loss: Double
    var test_accuracy: Double
    var seconds: Double
    var validation_loss: Double?
    var validation_accuracy: Double?
}

/// A JSON value, for the free-form `config` map.
enum JSONValue: Codable, Sendable, Equatable, CustomStringConvertible {
    case number(Double)
    case string(String)
    case bool(Bool)
    case array([JSONValue])
    case null

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let n = try? container.decode(Double.self) { self = .number(n) }
        else if let s = try? container.decode(String.self) { self = .string(s) }
        else if let a = try? container.decode([JSONValue].self) { self = .array(a) }
        else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "config values must be numbers, strings, booleans, lists or null")
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let n): try container.encode(n)
        case .string(let s): try container.encode(s)
        case .bool(let b): try container.encode(b)
        case .array(let a): try container.encode(a)
        case .null: try container.encodeNil()
        }
    }

    var description: String {
        switch self {
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int(n)) : String(n)
        case .string(let s): return s
        case .bool(let b): return String(b)
        case .array(let a): return a.map(\.description).joined(separator: ",")
        case .null: return "null"
        }
    }
}

extension RunMetrics {
    /// The mean training seconds per epoch.
    var meanEpochSeconds: Double {
        epochs.map(\.seconds).reduce(0, +) / Double(max(epochs.count, 1))
    }

    /// Reads and decodes `metrics.json`, with an error that names the file.
    static func load(from url: URL) throws -> RunMetrics {
        let data: Data
        do { data = Data(try FileBytes.read(url)) } catch {
            throw CLIError("cannot read \(error)")
        }
        return try decode(data, path: url.path)
    }

    /// Decodes `metrics.json` bytes; `path` names them in the error.
    static func decode(_ data: Data, path: String) throws -> RunMetrics {
        do { return try JSONDecoder().decode(RunMetrics.self, from: data) } catch {
            throw CLIError("\(path) is not a valid metrics.json (\(error)); re-run the training that wrote it")
        }
    }

    /// Writes pretty-printed, key-sorted JSON.
    func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(self).write(to: url, options: .atomic)
    }
}

/// A user-facing error of the CLI: the message says what is wrong and how to fix it.
struct CLIError: Error, CustomStringConvertible, LocalizedError {
    let description: String
    init(_ message: String) { description = message }
    var errorDescription: String? { description }
}
