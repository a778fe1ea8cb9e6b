import Dispatch
import Foundation
import BLASKitCBLAS
import BLASKit
import HW1NeuralNetwork

/// `hw1-bench mlp`: one part-(b) epoch (60000 synthetic samples, batch 64, 784-128-64-10
/// sigmoid, SGD, Float) through the real ``Trainer``, against the same epoch's 8 sgemm calls
/// per batch alone, and (when `.venv/bin/python` exists) against NumPy and PyTorch eager
/// doing the same epoch in this run.
enum MLPBenchmark {
    static let sizes = [784, 128, 64, 10]
    static let samples = 60_000
    static let batchSize = 64

    static func run(_ arguments: [String]) throws {
        print("\n## mlp: one part-(b) epoch (\(samples) samples, batch \(batchSize), \(sizes.map(String.init).joined(separator: "-")) sigmoid, SGD, Float)")
        print("median of 3 epochs after 1 warm-up epoch; OpenBLAS \(OpenBLAS.configuration)")
        var generator = SeededGenerator(seed: 2024)
        let inputs = Matrix<Float>.random(rows: samples, columns: sizes[0], in: 0...1, using: &generator)
        let labels = (0..<samples).map { _ in Int.random(in: 0..<10, using: &generator) }
        let testInputs = Matrix<Float>.random(rows: 1000, columns: sizes[0], in: 0...1, using: &generator)
        let testLabels = (0..<1000).map { _ in Int.random(in: 0..<10, using: &generator) }
        let originalThreads = OpenBLAS.threadCount

        // (label, trainer workers, OpenBLAS threads, products mode)
        let setups: [(String, Int, Int, ProductsMode)] = [
            ("1 worker, OpenBLAS 1 thread", 1, 1, .single),
            ("1 worker, OpenBLAS 2 threads", 1, 2, .single),
            ("2 workers × OpenBLAS 1 thread", 2, 1, .split),
        ]
        print(pad("setup", 32) + pad("epoch s", 10) + pad("products s", 12) + "epoch/products (target ≤ 1.25)")
        var bestEpoch = Double.infinity
        var products2 = Double.nan
        for (label, workers, threads, mode) in setups {
            OpenBLAS.threadCount = threads
            let epoch = try epochSeconds(inputs, labels, testInputs, testLabels, workers: workers)
            OpenBLAS.threadCount = threads
            let products = Timing.median(repeats: 3) { productsEpoch(mode: mode) }
            if threads == 2 || workers == 2 { products2 = min(products2.isNaN ? .infinity : products2, products) }
            bestEpoch = min(bestEpoch, epoch)
            print(pad(label, 32) + pad(String(format: "%.3f", epoch), 10) + pad(String(format: "%.3f", products), 12)
                  + String(format: "%.2f", epoch / products))
        }
        OpenBLAS.threadCount = 1
        let (epochCPU, productsCPU) = try cpuTimes(inputs, labels, testInputs, testLabels)
        print(String(format: "CPU time, 1 worker, 1 thread (insensitive to other load): epoch %.3f s, products %.3f s, ratio %.2f",
                     epochCPU, productsCPU, epochCPU / productsCPU))
        OpenBLAS.threadCount = originalThreads
        print(String(format: "best Swift epoch: %.3f s; fastest products-only with both cores: %.3f s", bestEpoch, products2))
        comparePeers(swiftEpoch: bestEpoch)
    }

    /// Median `seconds` of epochs 2–4 of a real training run (epoch 1 is the warm-up).
    static func epochSeconds(
        _ inputs: Matrix<Float>, _ labels: [Int], _ testInputs: Matrix<Float>, _ testLabels: [Int], workers: Int
    ) throws -> Double {
        var generator = SeededGenerator(seed: 1)
        var network = try Network<Float>(sizes: sizes, activation: .sigmoid, using: &generator)
        let trainer = try Trainer(
            trainInputs: inputs, trainLabels: labels, testInputs: testInputs, testLabels: testLabels,
            configuration: TrainingConfiguration(epochs: 4, batchSize: batchSize, seed: 1, workers: workers))
        var sgd = SGD<Float>(learningRate: 0.1)
        let history = try trainer.train(&network, optimizer: &sgd)
        let timed = history.epochs.dropFirst().map(\.seconds).sorted()
        return timed[timed.count / 2]
    }

    /// Process CPU seconds of one training epoch (a 1-epoch run less its two evaluation passes,
    /// timed alone) and of the products alone, single-threaded: on a shared machine this shows
    /// the trainer's own overhead without the noise of other processes.
    static func cpuTimes(
        _ inputs: Matrix<Float>, _ labels: [Int], _ testInputs: Matrix<Float>, _ testLabels: [Int]
    ) throws -> (epoch: Double, products: Double) {
        var generator = SeededGenerator(seed: 1)
        var network = try Network<Float>(sizes: sizes, activation: .sigmoid, using: &generator)
        let trainer = try Trainer(
            trainInputs: inputs, trainLabels: labels, testInputs: testInputs, testLabels: testLabels,
            configuration: TrainingConfiguration(epochs: 1, batchSize: batchSize, seed: 1, workers: 1))
        var samples: [(Double, Double)] = []
        for _ in 0..<3 {
            var sgd = SGD<Float>(learningRate: 0.1)
            let whole = try cpuSeconds { _ = try trainer.train(&network, optimizer: &sgd) }
            let evaluation = try cpuSeconds {
                _ = try network.evaluate(inputs, labels: labels)
                _ = try network.evaluate(testInputs, labels: testLabels)
            }
            let products = cpuSeconds { productsEpoch(mode: .single) }
            samples.append((whole - evaluation, products))
        }
        let epochs = samples.map(\.0).sorted(), products = samples.map(\.1).sorted()
        return (epochs[1], products[1])
    }

    static func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
        var start = timespec(), end = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &start)
        try body()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &end)
        return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
    }

    enum ProductsMode { case single, split }

    /// The epoch's matrix products alone: per batch 3 forward, 3 weight-gradient and 2
    /// input-gradient sgemm calls on the trainer's shapes, on one caller thread or split into
    /// two halves on two threads.
    static func productsEpoch(mode: ProductsMode) {
        let shares = mode == .single ? 1 : 2
        let buffers = (0..<shares).map { _ in ProductBuffers(rows: (batchSize + shares - 1) / shares) }
        let fullBatches = samples / batchSize, remainder = samples % batchSize
        let batchRows = Array(repeating: batchSize, count: fullBatches) + (remainder > 0 ? [remainder] : [])
        let shared = UncheckedBox(buffers)
        for rows in batchRows {
            if shares == 1 {
                buffers[0].products(rows: rows)
            } else {
                DispatchQueue.concurrentPerform(iterations: 2) { w in
                    shared.value[w].products(rows: w == 0 ? (rows + 1) / 2 : rows / 2)
                }
            }
        }
        blackHole(buffers)
    }

    /// Runs `Scripts/bench_mlp_epoch.py --threads 2` with the project's virtual environment and
    /// prints the Swift/PyTorch and Swift/NumPy ratios.
    static func comparePeers(swiftEpoch: Double) {
        let python = FileManager.default.currentDirectoryPath + "/.venv/bin/python"
        guard FileManager.default.isExecutableFile(atPath: python) else {
            print("peers: .venv/bin/python not found in the current directory; NumPy/PyTorch comparison skipped (make bench creates it)")
            return
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["Scripts/bench_mlp_epoch.py", "--threads", "2"]
        let output = Pipe()
        process.standardOutput = output
        do {
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                  let json = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                print("peers: Scripts/bench_mlp_epoch.py failed (status \(process.terminationStatus)); comparison skipped")
                return
            }
            let numpy = (json["numpy_epoch_seconds"] as? NSNumber)?.doubleValue
            let torch = (json["torch_epoch_seconds"] as? NSNumber)?.doubleValue
            let numpyProducts = (json["numpy_gemm_only_seconds"] as? NSNumber)?.doubleValue
            if let torch {
                print(String(format: "PyTorch eager epoch %.3f s; Swift/PyTorch = %.2f (target ≤ 0.55)", torch, swiftEpoch / torch))
            }
            if let numpy {
                print(String(format: "NumPy epoch %.3f s; Swift/NumPy = %.2f (target ≤ 1.0)", numpy, swiftEpoch / numpy))
            }
            if let numpyProducts { print(String(format: "NumPy products only %.3f s", numpyProducts)) }
        } catch {
            print("peers: could not run \(python): \(error); comparison skipped")
        }
    }
}

/// One thread's operands for the products-only measurement, shaped like a training step's.
final class ProductBuffers: @unchecked Sendable {
    let sizes = MLPBenchmark.sizes
    let activations: [UnsafeMutablePointer<Float>]
    let deltas: [UnsafeMutablePointer<Float>]
    let weights: [UnsafeMutablePointer<Float>]
    let weightGradients: [UnsafeMutablePointer<Float>]

    init(rows: Int) {
        func filled(_ count: Int) -> UnsafeMutablePointer<Float> {
            let p = UnsafeMutablePointer<Float>.allocate(capacity: count)
            for i in 0..<count { p[i] = Float(i % 17) / 17 - 0.5 }
            return p
        }
        let sizes = MLPBenchmark.sizes
        activations = sizes.map { filled(rows * $0) }
        deltas = sizes.map { filled(rows * $0) }
        weights = (0..<3).map { filled(sizes[$0] * sizes[$0 + 1]) }
        weightGradients = (0..<3).map { filled(sizes[$0] * sizes[$0 + 1]) }
    }

    deinit {
        (activations + deltas + weights + weightGradients).forEach { $0.deallocate() }
    }

    /// The 8 sgemm calls of one step on `rows` rows.
    func products(rows: Int) {
        let m = Int32(rows)
        for l in 0..<3 {
            let i = Int32(sizes[l]), o = Int32(sizes[l + 1])
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, m, o, i, 1, activations[l], i, weights[l], i, 0, activations[l + 1], o)
        }
        for l in stride(from: 2, through: 0, by: -1) {
            let i = Int32(sizes[l]), o = Int32(sizes[l + 1])
            cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, o, i, m, 1, deltas[l + 1], o, activations[l], i, 0, weightGradients[l], i)
            if l > 0 {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, i, o, 1, deltas[l + 1], o, weights[l], i, 0, deltas[l], i)
            }
        }
    }
}

/// Carries the per-thread buffers into `concurrentPerform`; each iteration uses its own.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
