import Foundation

/// Timing helpers shared by the benchmarks.
enum Timing {
    /// Wall-clock seconds of one call of `body`.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// The median of `repeats` timings of `body`, after `warmup` untimed calls.
    static func median(repeats: Int, warmup: Int = 1, _ body: () throws -> Void) rethrows -> Double {
        for _ in 0..<warmup { try body() }
        var samples: [Double] = []
        for _ in 0..<repeats { samples.append(try seconds(body)) }
        samples.sort()
        return samples[samples.count / 2]
    }
}

/// Keeps a value alive so the optimiser cannot delete the work that produced it.
@inline(never)
func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}
