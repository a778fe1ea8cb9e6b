import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Persistent helper threads that run `body(w)` for workers `1..<count` while the calling
/// thread runs `body(0)`, then wait for all of them.
///
/// Used instead of `DispatchQueue.concurrentPerform` for the per-batch split because that
/// calls malloc on every dispatch; here a batch costs two semaphore operations per helper and
/// no allocation. The body is fixed at creation, so nothing is captured per batch.
final class WorkerThreads: @unchecked Sendable {
    let count: Int
    private let body: @Sendable (Int) -> Void
    private let start: [DispatchSemaphore]
    private let finished = DispatchSemaphore(value: 0)
    private var threads: [pthread_t] = []
    /// Written before the start signals and read after them (the semaphores order the accesses).
    private var stopping = false

    /// Starts `count − 1` helper threads; `body` must be safe to call concurrently for distinct `w`.
    init(count: Int, body: @escaping @Sendable (Int) -> Void) {
        precondition(count >= 1, "WorkerThreads: needs at least one worker")
        self.count = count
        self.body = body
        self.start = (1..<max(count, 1)).map { _ in DispatchSemaphore(value: 0) }
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

    /// Runs `body(0)` here and `body(w)` on helper `w` for `w < active`, returning when all are done.
    func run(active: Int) {
        let helpers = min(active, count) - 1
        for w in 0..<max(helpers, 0) { start[w].signal() }
        body(0)
        for _ in 0..<max(helpers, 0) { finished.wait() }
    }

    /// Stops and joins the helper threads; call once before releasing the owner.
    func shutdown() {
        stopping = true
        for semaphore in start { semaphore.signal() }
        for thread in threads { pthread_join(thread, nil) }
        threads.removeAll()
    }

    private func helperLoop(_ worker: Int) {
        while true {
            start[worker - 1].wait()
            if stopping { return }
            body(worker)
            finished.signal()
        }
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
