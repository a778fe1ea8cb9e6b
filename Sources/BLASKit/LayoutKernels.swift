// Copies between layouts for the LAPACK entry points: each is one pass over the memory, on raw
// pointers, specialised for Float and Double so no generic per-element code runs.

/// Copies the row-major `triangle` of the `n × n` matrix at `source` (leading dimension
/// `sourceStride`) to `target` (dense, leading dimension `n`) and writes zeros in the other
/// triangle, in one pass: the same number of writes as a plain copy. `target` may be
/// uninitialised.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func copyTriangle<Scalar: BLASScalar>(
    _ source: UnsafePointer<Scalar>, sourceStride: Int, to target: UnsafeMutablePointer<Scalar>, order n: Int,
    keeping triangle: Triangle
) {
    for r in 0..<n {
        let from = source + r * sourceStride, to = target + r * n
        if triangle == .lower {
            to.initialize(from: from, count: r + 1)
            (to + r + 1).initialize(repeating: 0, count: n - r - 1)
        } else {
            to.initialize(repeating: 0, count: r)
            (to + r).initialize(from: from + r, count: n - r)
        }
    }
}

/// Writes the transpose of the `rows × columns` row-major matrix at `source` (leading dimension
/// `sourceStride`) into `target` (`columns × rows`, leading dimension `targetStride`), in
/// cache-sized blocks. `target` may be uninitialised.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func transposeCopy<Scalar: BLASScalar>(
    _ source: UnsafePointer<Scalar>, rows: Int, columns: Int, sourceStride: Int,
    to target: UnsafeMutablePointer<Scalar>, targetStride: Int
) {
    let block = 32
    var r0 = 0
    while r0 < rows {
        let r1 = min(r0 + block, rows)
        var c0 = 0
        while c0 < columns {
            let c1 = min(c0 + block, columns)
            for r in r0..<r1 {
                for c in c0..<c1 { (target + c * targetStride + r).initialize(to: source[r * sourceStride + c]) }
            }
            c0 = c1
        }
        r0 = r1
    }
}

/// Copies a `rows × columns` block between leading dimensions (row-major), one row at a time.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func copyBlock<Scalar: BLASScalar>(
    _ source: UnsafePointer<Scalar>, sourceStride: Int, to target: UnsafeMutablePointer<Scalar>, targetStride: Int,
    rows: Int, columns: Int
) {
    if sourceStride == columns && targetStride == columns {
        target.initialize(from: source, count: rows * columns)
        return
    }
    for r in 0..<rows { (target + r * targetStride).initialize(from: source + r * sourceStride, count: columns) }
}

/// A new array of `count` elements written by `body` (which must initialise all of them).
@inline(__always)
func makeArray<Scalar>(count: Int, _ body: (UnsafeMutablePointer<Scalar>) -> Void) -> [Scalar] {
    [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
        if count > 0 { body(buffer.baseAddress!) }
        initialized = count
    }
}

/// `true` when no element of `p` is NaN or ±∞: one branch-free pass over the exponent bits
/// (a vectorised maximum), then a second pass only if something was found.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func allFinite<Scalar: BLASScalar>(_ p: UnsafeBufferPointer<Scalar>) -> Bool {
    if Scalar.isDouble {
        return p.withMemoryRebound(to: UInt64.self) { q in
            let mask: UInt64 = 0x7FF0_0000_0000_0000
            var acc: UInt64 = 0
            for v in q { acc = max(acc, v & mask) }
            return acc != mask
        }
    }
    return p.withMemoryRebound(to: UInt32.self) { q in
        let mask: UInt32 = 0x7F80_0000
        var acc: UInt32 = 0
        for v in q { acc = max(acc, v & mask) }
        return acc != mask
    }
}

/// The 0-based row and column and the value of the first NaN or infinity of `m` in row-major
/// order, looking only at `triangle` when one is given; `nil` when all are finite.
@_specialize(where Scalar == Float)
@_specialize(where Scalar == Double)
func firstNonFinite<Scalar: BLASScalar>(_ m: Matrix<Scalar>, triangle: Triangle?) -> (Int, Int, Scalar)? {
    let rows = m.rows, columns = m.columns
    return m.withUnsafeBufferPointer { p -> (Int, Int, Scalar)? in
        guard let base = p.baseAddress else { return nil }
        if triangle == nil {
            if allFinite(p) { return nil }
        } else {
            var finite = true
            for r in 0..<rows {
                let range = triangle == .lower ? 0..<min(r + 1, columns) : min(r, columns)..<columns
                if !allFinite(UnsafeBufferPointer(start: base + r * columns + range.lowerBound, count: range.count)) {
                    finite = false
                    break
                }
            }
            if finite { return nil }
        }
        for r in 0..<rows {
            let range = triangle == nil ? 0..<columns : triangle == .lower ? 0..<min(r + 1, columns) : min(r, columns)..<columns
            for c in range where !base[r * columns + c].isFinite { return (r, c, base[r * columns + c]) }
        }
        return nil
    }
}
