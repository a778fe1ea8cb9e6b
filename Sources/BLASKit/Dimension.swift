/// Converts a Swift `Int` dimension to the `Int32` that CBLAS and LAPACKE take.
///
/// A value that does not fit stops the program with a message naming the routine and the
/// value, instead of passing a wrapped-around size into OpenBLAS.
@inlinable @inline(__always)
func blasInt(_ value: Int, _ what: StaticString, in routine: StaticString) -> Int32 {
    guard let converted = Int32(exactly: value) else {
        fatalError(
            "\(routine): \(what) = \(value) does not fit the 32-bit integers of CBLAS/LAPACKE (max \(Int32.max)); split the work into smaller blocks"
        )
    }
    return converted
}

/// Converts a dimension for LAPACK, throwing ``LinearAlgebraError/dimensionTooLarge(routine:value:)``.
@inlinable
func lapackInt(_ value: Int, in routine: String) throws(LinearAlgebraError) -> Int32 {
    guard let converted = Int32(exactly: value) else {
        throw .dimensionTooLarge(routine: routine, value: value)
    }
    return converted
}

/// Stops the program with `message` unless `condition` holds.
///
/// Unlike `precondition`, the message survives optimised (`-O`) builds, so a shape mismatch
/// in a release binary still says which operation and which shapes.
@inlinable @inline(__always)
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if _slowPath(!condition) { stop(message()) }
}

@usableFromInline @inline(never)
func stop(_ message: String) -> Never {
    fatalError(message)
}
