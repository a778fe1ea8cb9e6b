import Foundation
import Synchronization

/// Set by the SIGINT handler; training loops poll it between batches.
private let interruptRequested = Atomic<Bool>(false)

/// Ctrl-C handling: the first Ctrl-C asks the running job to stop at the next safe point and
/// keep what it computed; a second one exits at once.
enum Interruption {
    /// Installs the SIGINT handler. Call once, before a long job starts.
    static func install() {
        signal(SIGINT) { _ in
            if interruptRequested.exchange(true, ordering: .relaxed) {
                // Second Ctrl-C: the user insists.
                _exit(130)
            }
            let message = "\nhw1: interrupted; finishing the current batch and saving what was computed (Ctrl-C again to quit now)\n"
            message.withCString { _ = write(STDERR_FILENO, $0, strlen($0)) }
        }
    }

    /// Whether Ctrl-C has been pressed since ``install()``.
    static var isRequested: Bool { interruptRequested.load(ordering: .relaxed) }
}
