internal import BLASKitCBLAS

/// The OpenBLAS runtime: its thread count and its build configuration.
///
/// ```swift
/// print(OpenBLAS.configuration, OpenBLAS.coreName)
/// OpenBLAS.threadCount = 1   // at start-up, before any BLAS work
/// ```
///
/// **Thread safety.** These are the only global state BLASKit exposes. ``configuration`` and
/// ``coreName`` are read-only and safe from any thread. ``threadCount`` is process-wide state
/// inside OpenBLAS: reading it is safe at any time, but set it only while no BLAS or LAPACK call
/// is running on any thread (at start-up, or between phases), because OpenBLAS resizes its
/// thread pool without synchronising with calls already in flight. Every other BLASKit entry
/// point is reentrant: concurrent calls on different matrices are safe (OpenBLAS built with
/// threads, as Debian's is, serialises its own pool), and ``Matrix`` is a `Sendable` value.
public enum OpenBLAS {
    /// The number of threads OpenBLAS uses for one call. Setting it affects every later call
    /// in the process (`openblas_set_num_threads`); set it only while no BLAS/LAPACK call is
    /// running (see the type's thread-safety note). Stops for a value below 1.
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set {
            require(newValue >= 1, "OpenBLAS.threadCount: needs at least 1 thread, got \(newValue)")
            openblas_set_num_threads(Int32(clamping: newValue))
        }
    }

    /// The configuration string OpenBLAS was built with (version, kernel, thread limit),
    /// e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`. Read-only.
    public static var configuration: String {
        guard let cString = openblas_get_config() else { return "unknown" }
        return String(cString: cString).trimmingCharacters(in: " ")
    }

    /// The name of the CPU kernel OpenBLAS selected at start-up (e.g. `Haswell`). Read-only.
    public static var coreName: String {
        guard let cString = openblas_get_corename() else { return "unknown" }
        return String(cString: cString)
    }
}

extension String {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s.removeFirst() }
        while s.last == character { s.removeLast() }
        return String(s)
    }
}
