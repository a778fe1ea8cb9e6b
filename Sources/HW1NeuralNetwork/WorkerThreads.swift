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
/// caller spins, yielding the core, until the helpers report completion. The body is fixed at
/// creation, so nothing is captured or allocated per batch.
final class WorkerThreads: @unchecked Sendable {
    let count: Int
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
        self.count = count
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

    /// Runs `body(0)` here and `body(w)` on every helper, returning when all are done.
    /// Helpers whose share is empty return at once from `body`.
    func run() {
        let current = generation.add(1, ordering: .sequentiallyConsistent).newValue
        for helper in helpers where helper.sleeping.load(ordering: .sequentiallyConsistent) { helper.wake.signal() }
        body(0)
        for helper in helpers {
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
        generation.add(1, ordering: .sequentiallyConsistent)
        for helper in helpers { helper.wake.signal() }
        for thread in threads { pthread_join(thread, nil) }
        threads.removeAll()
    }

    private func helperLoop(_ worker: Int) {
        let state = helpers[worker - 1]
        var seen = 0
        while true {
            var spins = 0
            while generation.load(ordering: .acquiring) == seen && spins < spinLimit { spins += 1 }
            if generation.load(ordering: .acquiring) == seen {
                // Dekker-style handshake: announce sleep, then re-check before blocking, so a
                // batch published in between is seen either here or by `run`'s signal.
                state.sleeping.store(true, ordering: .sequentiallyConsistent)
                if generation.load(ordering: .sequentiallyConsistent) == seen { state.wake.wait() }
                state.sleeping.store(false, ordering: .sequentiallyConsistent)
                continue
            }
            seen = generation.load(ordering: .acquiring)
            if stopping.load(ordering: .acquiring) { return }
            body(worker)
            state.completed.store(seen, ordering: .releasing)
        }
    }

    /// One helper's handshake: whether it is blocked, the last batch it finished, its wake-up semaphore.
    private final class HelperState: Sendable {
        let sleeping = Atomic<Bool>(false)
        let completed = Atomic<Int>(0)
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
