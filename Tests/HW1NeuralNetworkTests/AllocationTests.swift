#if canImport(Glibc)
import Glibc
#endif
import BLASKit
import HW1NeuralNetwork
import Testing

/// The malloc call counter of an optional `LD_PRELOAD` shim exporting `long hw1_malloc_count(void)`
/// (counting malloc, realloc, posix_memalign, aligned_alloc); nil when the shim is not loaded.
/// Run e.g. `LD_PRELOAD=/path/libcount.so swift test --filter AllocationTests` to enable the count.
func mallocCounter() -> (() -> Int)? {
    #if canImport(Glibc)
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "hw1_malloc_count") else { return nil }
    let function = unsafeBitCast(symbol, to: (@convention(c) () -> Int).self)
    return { function() }
    #else
    return nil
    #endif
}

@Suite(.serialized) struct AllocationTests {
    /// Trains with a progress report after every batch and returns the malloc calls made
    /// between consecutive reports inside each epoch (batch boundaries), or nil without the shim.
    func allocationsBetweenBatches(workers: Int) throws -> [Int]? {
        guard let count = mallocCounter() else { return nil }
        let (x, y) = clusteredData(count: 1000, seed: 141)   // 15 batches of 64 + one of 40
        var generator = SeededGenerator(seed: 142)
        var network = try Network<Float>(sizes: [8, 16, 12, 3], activation: .sigmoid, using: &generator)
        let trainer = try Trainer(trainInputs: x, trainLabels: y, testInputs: x, testLabels: y,
                                  configuration: TrainingConfiguration(epochs: 2, batchSize: 64, workers: workers, progressInterval: 1))
        var adam = Adam<Float>()
        var previous: (epoch: Int, batch: Int, count: Int)? = nil
        var deltas: [Int] = []
        deltas.reserveCapacity(100)
        _ = try trainer.train(&network, optimizer: &adam, progress: { report in
            let now = count()
            if let previous, previous.epoch == report.epoch, report.finishedEpoch == nil {
                deltas.append(now - previous.count)
            }
            previous = (report.epoch, report.batch, count())
        })
        return deltas
    }

    @Test(arguments: [1, 2])
    func trainingBatchesCallMallocZeroTimes(workers: Int) throws {
        guard let deltas = try allocationsBetweenBatches(workers: workers) else {
            // Without the LD_PRELOAD counter only the buffer-address check below applies.
            return
        }
        #expect(!deltas.isEmpty)
        #expect(deltas.allSatisfy { $0 == 0 }, "malloc calls between batches: \(deltas)")
    }

    @Test func stepsKeepEveryBufferInPlace() throws {
        let (x, y) = clusteredData(count: 64, seed: 101)
        var generator = SeededGenerator(seed: 102)
        var network = try Network<Float>(sizes: [8, 16, 12, 3], activation: .sigmoid, using: &generator)
        let workspace = try TrainingWorkspace(network: network, batchSize: 64, workers: 2)
        var adam = Adam<Float>()
        _ = try workspace.step(&network, inputs: x, labels: y, optimizer: &adam)
        func addresses() -> [UInt] {
            workspace.bufferAddresses
                + [network.parameters.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) },
                   adam.firstMoment.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) },
                   adam.secondMoment.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }]
        }
        let before = addresses()
        for _ in 0..<10 { _ = try workspace.step(&network, inputs: x, labels: y, optimizer: &adam) }
        #expect(addresses() == before)
    }
}
