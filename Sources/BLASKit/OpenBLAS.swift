internal import BLASKitCBLAS

/// The OpenBLAS runtime: its thread count and its build configuration.
public enum OpenBLAS {
    /// The number of threads OpenBLAS uses for one call. Setting it affects every later call
    /// in the process (`openblas_set_num_threads`).
    public static var threadCount: Int {
        get { Int(openblas_get_num_threads()) }
        set {
            require(newValue >= 1, "OpenBLAS.threadCount: needs at least 1 thread, got \(newValue)")
            openblas_set_num_threads(Int32(clamping: newValue))
        }
    }

    /// The configuration string OpenBLAS was built with (version, kernel, thread limit),
    /// e.g. `OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64`.
    public static var configuration: String {
        guard let cString = openblas_get_config() else { return "unknown" }
        return String(cString: cString).trimmingCharacters(in: " ")
    }

    /// The name of the CPU kernel OpenBLAS selected at start-up (e.g. `Haswell`).
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
