import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Persistent helper threads that run `body(w)` for workers `1..<count` while the calling
/// thread runs `body(0)`, then wait for all of them.
///
/// Used instead of `DispatchQueue.concurrentPerform` for the per-batch split because that
/// calls malloc on every dispatch. A batch is handed over through atomic counters: helpers
/// spin briefly for the next batch (a batch arrives every few hundred microseconds, far sooner
/// than a sleeping thread wakes on a busy machine) and only then block on a semaphore; the
/// caller runs any share no helper has claimed yet and otherwise spins, yielding the core,
/// until the helpers report completion. The body is fixed at
/// creation, so nothing is captured or allocated per batch.
final class WorkerThreads: @unchecked Sendable {
    private let body: @Sendable (Int) -> Void
    private let helpers: [HelperState]
    private let generation = Atomic<Int>(0)
    private let stopping = Atomic<Bool>(false)
    private var threads: [pthread_t] = []
    /// Spins before a helper blocks (each is one atomic load).
    private let spinLimit = 200_000

    /// Starts `count − 1` helper threads; `body` must be safe to call concurrently for distinct `w`.
    init(count: Int, body: @escaping @Sendable (Int) -> Void) {
        precondition(count >= 1, "WorkerThreads: needs at least one worker")
        self.body = body
        helpers = (1..<max(count, 1)).map { _ in HelperState() }
        for w in 1..<max(count, 1) {
            let context = Unmanaged.passRetained(HelperContext(pool: self, worker: w)).toOpaque()
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, { raw in
                let context = Unmanaged<HelperContext>.fromOpaque(raw!).takeRetainedValue()
                context.pool.helperLoop(context.worker)
                return nil
            }, context)
            precondition(status == 0, "WorkerThreads: pthread_create failed with status \(status)")
            threads.append(thread)
        }
    }

    /// Runs `body(0)` here and `body(w)` for every helper `w`, returning when all are done.
    ///
    /// Each helper's share is claimed by whoever gets there first: the helper, or this thread
    /// once its own share is done. On a loaded machine a descheduled helper therefore never
    /// stalls the step; the results are identical either way (each share writes only its own buffers).
    func run() {
        let current = generation.add(1, ordering: .sequentiallyConsistent).newValue
        for helper in helpers where helper.sleeping.load(ordering: .sequentiallyConsistent) { helper.wake.signal() }
        body(0)
        for (index, helper) in helpers.enumerated() {
            if helper.claimed.compareExchange(expected: current - 1, desired: current, ordering: .acquiringAndReleasing).exchanged {
                body(index + 1)
                continue
            }
            var spins = 0
            while helper.completed.load(ordering: .acquiring) != current {
                spins += 1
                if spins > 1000 { sched_yield() }
            }
        }
    }

    /// Stops and joins the helper threads; call once before releasing the owner.
    func shutdown() {
        stopping.store(true, ordering: .sequentiallyConsistent)
        for helper in helpers { helper.wake.signal() }
        for thread in threads { pthread_join(thread, nil) }
        threads.removeAll()
    }

    private func helperLoop(_ worker: Int) {
        let state = helpers[worker - 1]
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen && spins < spinLimit
                && !stopping.load(ordering: .relaxed) { spins += 1 }
            if stopping.load(ordering: .acquiring) { return }
            if generation.load(ordering: .acquiring) == seen {
                // Dekker-style handshake: announce sleep, then re-check before blocking, so a
                // batch published in between is seen either here or by `run`'s signal.
                state.sleeping.store(true, ordering: .sequentiallyConsistent)
                if generation.load(ordering: .sequentiallyConsistent) == seen && !stopping.load(ordering: .sequentiallyConsistent) {
                    state.wake.wait()
                }
                state.sleeping.store(false, ordering: .sequentiallyConsistent)
                continue
            }
            let current = generation.load(ordering: .acquiring)
            seen = current
            // A stale generation fails the exchange: that share was already claimed by `run`.
            if state.claimed.compareExchange(expected: current - 1, desired: current, ordering: .acquiringAndReleasing).exchanged {
                body(worker)
                state.completed.store(current, ordering: .releasing)
            }
        }
    }

    /// One helper's handshake: whether it is blocked, the last batch it finished, its wake-up semaphore.
    private final class HelperState: Sendable {
        let sleeping = Atomic<Bool>(false)
        let completed = Atomic<Int>(0)
        let claimed = Atomic<Int>(0)
        let wake = DispatchSemaphore(value: 0)
    }

    private final class HelperContext {
        // Unowned: the pool outlives its threads (shutdown joins them).
        unowned let pool: WorkerThreads
        let worker: Int
        init(pool: WorkerThreads, worker: Int) {
            self.pool = pool
            self.worker = worker
        }
    }
}
