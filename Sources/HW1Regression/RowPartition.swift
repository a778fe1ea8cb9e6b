import Dispatch
import Foundation

/// A fixed split of `rows` rows into contiguous ranges, one per worker thread.
///
/// The split depends only on the row count and the thread count, and partial results are
/// always combined in range order, so a computation gives bit-identical results for a given
/// thread count.
struct RowPartition: Sendable {
    let ranges: [Range<Int>]

    /// Splits `rows` into `threads` nearly equal ranges (fewer when there are fewer rows).
    init(rows: Int, threads: Int) {
        let count = max(1, min(threads, rows))
        ranges = (0..<count).map { t in (rows * t / count)..<(rows * (t + 1) / count) }
    }

    var count: Int { ranges.count }

    /// Runs `body(t, ranges[t])` for every range, concurrently when there is more than one.
    /// Allocates nothing itself; the closure is not escaping.
    func forEach(_ body: (Int, Range<Int>) -> Void) {
        if ranges.count == 1 {
            body(0, ranges[0])
            return
        }
        let ranges = self.ranges
        withoutActuallyEscaping(body) { body in
            let box = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: ranges.count) { t in box.value(t, ranges[t]) }
        }
    }

    /// The most worker threads ``defaultThreads(elements:)`` chooses.
    static let defaultThreadLimit = 8

    /// The default worker count: the active processor count, capped at ``defaultThreadLimit``,
    /// and one thread when the work (`elements` values of X) is too small to pay for a thread
    /// hand-off.
    static func defaultThreads(elements: Int) -> Int {
        if elements < 1 << 16 { return 1 }
        return max(1, min(defaultThreadLimit, ProcessInfo.processInfo.activeProcessorCount))
    }
}

/// Carries a value across a concurrency boundary that the caller has made safe by hand
/// (each worker touches its own slice of the buffers).
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
