import Foundation
import HW1TestSupport

/// The project's Python virtual environment, as the parity tests need it: `.venv/bin/python`
/// at the package root (found by walking up from this file), able to `import torch`.
///
/// `make test` creates the venv first (and CI runs `make test`), so the parity tests run there;
/// a plain `swift test` on a machine without it skips them instead of failing.
enum PyTorchParityEnvironment {
    /// The folder holding `Package.swift`.
    static var packageRoot: URL? { ProjectTools.packageRoot }

    /// `.venv/bin/python` when it exists and can import torch and safetensors (checked once).
    static var python: URL? { ProjectTools.python }

    /// Whether the PyTorch side can run at all.
    static var isAvailable: Bool { python != nil }

    /// Runs `Scripts/<script>` with the venv's Python from the package root; returns its
    /// standard output, or throws with its standard error when it exits non-zero.
    static func runScript(_ script: String, _ arguments: [String]) throws -> String {
        guard let python, let root = packageRoot else { throw PyTorchParityFailure.noEnvironment }
        let result = try ProjectTools.run(python, ["Scripts/\(script)"] + arguments, in: root)
        guard result.status == 0 else {
            throw PyTorchParityFailure.scriptFailed(script: script, status: result.status, standardError: result.standardError)
        }
        return result.standardOutput
    }

    /// A fresh empty folder under the system's temporary directory.
    static func makeTemporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("hw1-parity-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Why the PyTorch side of a parity test could not deliver its reference.
enum PyTorchParityFailure: Error, CustomStringConvertible {
    case noEnvironment
    case scriptFailed(script: String, status: Int32, standardError: String)
    case malformedReference(path: String, detail: String)
    case missingTensor(path: String, name: String)

    var description: String {
        switch self {
        case .noEnvironment:
            "no .venv/bin/python with torch at the package root; run `make venv`"
        case .scriptFailed(let script, let status, let standardError):
            "Scripts/\(script) exited with status \(status):\n\(standardError)"
        case .malformedReference(let path, let detail):
            "\(path): not a readable float64 safetensors file: \(detail)"
        case .missingTensor(let path, let name):
            "\(path): the reference holds no tensor \"\(name)\""
        }
    }
}

/// Tensors of a safetensors file read at full float64 precision.
///
/// HW1Data's reader turns everything into `Float`, which would cap the Double comparison at
/// Float's rounding (~6e-8); the reference written with `--out-dtype F64` is read here instead.
struct PyTorchParityReference {
    /// Shape and values (row-major) by tensor name.
    let tensors: [String: (shape: [Int], values: [Double])]
    let path: String

    init(contentsOf url: URL) throws {
        path = url.path
        let bytes = [UInt8](try Data(contentsOf: url))
        func fail(_ detail: String) -> PyTorchParityFailure { .malformedReference(path: url.path, detail: detail) }
        guard bytes.count >= 8 else { throw fail("only \(bytes.count) bytes") }
        let headerLength = Int((0..<8).reduce(UInt64(0)) { $0 | UInt64(bytes[$1]) << (8 * UInt64($1)) })
        guard headerLength <= bytes.count - 8 else { throw fail("header length \(headerLength) exceeds the file") }
        let dataStart = 8 + headerLength
        guard let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart])) as? [String: Any] else {
            throw fail("the header is not a JSON object")
        }
        var tensors: [String: (shape: [Int], values: [Double])] = [:]
        for (name, raw) in header where name != "__metadata__" {
            guard let entry = raw as? [String: Any], entry["dtype"] as? String == "F64",
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2
            else { throw fail("tensor \"\(name)\" is not an F64 entry with shape and data_offsets") }
            let count = shape.reduce(1, *)
            guard offsets[1] - offsets[0] == 8 * count, dataStart + offsets[1] <= bytes.count else {
                throw fail("tensor \"\(name)\" data_offsets \(offsets) do not fit shape \(shape)")
            }
            let values = bytes.withUnsafeBytes { raw in
                (0..<count).map { index in
                    Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(
                        fromByteOffset: dataStart + offsets[0] + 8 * index, as: UInt64.self)))
                }
            }
            tensors[name] = (shape, values)
        }
        self.tensors = tensors
    }

    /// The values of tensor `name`, or a thrown error naming the file and the tensor.
    func values(_ name: String) throws -> [Double] {
        guard let tensor = tensors[name] else { throw PyTorchParityFailure.missingTensor(path: path, name: name) }
        return tensor.values
    }
}

/// How far a Swift tensor `a` lies from the PyTorch reference `b` (same length), three ways.
struct PyTorchParityDeviation: CustomStringConvertible {
    /// ‖a − b‖₂ / ‖b‖₂: the tensor's error as a whole (asserted).
    var normRelative: Double
    /// max |a − b| / (|b| + max|b|): each entry against its own size, with the tensor's largest
    /// magnitude as an absolute floor, so near-zero entries are judged on the tensor's scale
    /// (NumPy's `allclose` with rtol = atol/max|b|; asserted).
    var elementwise: Double
    /// max |a − b| / (|b| + 10⁻³·max|b|): the same with a floor a thousand times lower, a strict
    /// view of the worst single entry (reported, not asserted: rounding on near-zero entries
    /// dominates it).
    var entryRelative: Double

    init(_ a: [Double], _ b: [Double]) {
        precondition(a.count == b.count, "PyTorchParityDeviation: \(a.count) values against \(b.count)")
        var differenceSquares = 0.0, referenceSquares = 0.0, largestReference = 0.0
        for (x, y) in zip(a, b) {
            differenceSquares += (x - y) * (x - y)
            referenceSquares += y * y
            largestReference = max(largestReference, abs(y))
        }
        let tiny = Double.leastNormalMagnitude
        normRelative = differenceSquares.squareRoot() / max(referenceSquares.squareRoot(), tiny)
        let floor = max(largestReference, tiny), strictFloor = max(1e-3 * largestReference, tiny)
        var elementwise = 0.0, entryRelative = 0.0
        for (x, y) in zip(a, b) {
            elementwise = max(elementwise, abs(x - y) / (abs(y) + floor))
            entryRelative = max(entryRelative, abs(x - y) / (abs(y) + strictFloor))
        }
        self.elementwise = elementwise
        self.entryRelative = entryRelative
    }

    /// The largest of each measure over several tensors.
    static func largest(_ deviations: [PyTorchParityDeviation]) -> PyTorchParityDeviation {
        var result = PyTorchParityDeviation([], [])
        for deviation in deviations {
            result.normRelative = max(result.normRelative, deviation.normRelative)
            result.elementwise = max(result.elementwise, deviation.elementwise)
            result.entryRelative = max(result.entryRelative, deviation.entryRelative)
        }
        return result
    }

    var description: String {
        "norm \(Self.format(normRelative)), elementwise \(Self.format(elementwise)), entry \(Self.format(entryRelative))"
    }

    private static func format(_ value: Double) -> String { String(format: "%.2e", value) }
}
