import HW1CPrefetch

// The inner loops of the regression solvers, written once over SIMD lanes (four wide: with the
// baseline x86-64 target, four rows of four-lane accumulators still fit the 16 vector registers) and specialised for
// Float and Double inside this module (see `ScalarKernels`), so callers in other modules get
// optimised code without the generic API being @inlinable.

/// How far ahead of the rows being read the fused pass prefetches X, in bytes. Without the
/// prefetch the pass ran at about half the streaming bandwidth (the arithmetic stalls the
/// loads); with it, at n = 10⁵, d = 100 an iteration went from 9.1 ms to 3.3 ms. Distances of
/// 8–96 KB measured within noise of one another.
let prefetchDistance = 48 << 10

@inline(__always)
func load4<T: SIMDScalar>(_ p: UnsafePointer<T>) -> SIMD4<T> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD4<T>.self)
}

@inline(__always)
func store4<T: SIMDScalar>(_ v: SIMD4<T>, _ p: UnsafeMutablePointer<T>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<T>.self)
}

/// The fused least-squares pass over the rows `rows` of a row-major `x` with `d` columns:
/// for each row, `r_i = x_iᵀw + offset − y_i`, then `g += r_i · x_i` while the row is still in
/// L1. Rows are taken four at a time so each load of `w` and `g` serves four rows.
/// `y == nil` means a zero target. `g` is accumulated into, not overwritten.
/// Returns `Σ r_i²` and `Σ r_i` over the rows.
@inline(__always)
func fusedResidualGradient<T: BinaryFloatingPoint & SIMDScalar>(
    x: UnsafePointer<T>, columns d: Int, rows: Range<Int>, targets y: UnsafePointer<T>?,
    weights w: UnsafePointer<T>, offset: T, gradient g: UnsafeMutablePointer<T>
) -> (sumOfSquares: T, sum: T) {
    let vectorEnd = d & ~3
    var sumOfSquares: T = 0
    var sum: T = 0
    var i = rows.lowerBound
    let groupBytes = 4 &* d &* MemoryLayout<T>.stride
    while i &+ 4 <= rows.upperBound {
        let p0 = x + i &* d, p1 = p0 + d, p2 = p1 + d, p3 = p2 + d
        var ahead = UnsafeRawPointer(p0) + prefetchDistance
        let aheadEnd = ahead + groupBytes
        while ahead < aheadEnd {
            hw1_prefetch_to_l2(ahead)
            ahead += 64
        }
        var a0 = SIMD4<T>(), a1 = SIMD4<T>(), a2 = SIMD4<T>(), a3 = SIMD4<T>()
        var j = 0
        while j < vectorEnd {
            let wv = load4(w + j)
            a0 += load4(p0 + j) * wv
            a1 += load4(p1 + j) * wv
            a2 += load4(p2 + j) * wv
            a3 += load4(p3 + j) * wv
            j &+= 4
        }
        var d0 = a0.sum(), d1 = a1.sum(), d2 = a2.sum(), d3 = a3.sum()
        while j < d {
            d0 += p0[j] * w[j]
            d1 += p1[j] * w[j]
            d2 += p2[j] * w[j]
            d3 += p3[j] * w[j]
            j &+= 1
        }
        var r0 = d0 + offset, r1 = d1 + offset, r2 = d2 + offset, r3 = d3 + offset
        if let y {
            r0 -= y[i]
            r1 -= y[i &+ 1]
            r2 -= y[i &+ 2]
            r3 -= y[i &+ 3]
        }
        let squares01: T = r0 * r0 + r1 * r1
        let squares23: T = r2 * r2 + r3 * r3
        sumOfSquares += squares01 + squares23
        let sum01: T = r0 + r1
        let sum23: T = r2 + r3
        sum += sum01 + sum23
        let s0 = SIMD4<T>(repeating: r0), s1 = SIMD4<T>(repeating: r1)
        let s2 = SIMD4<T>(repeating: r2), s3 = SIMD4<T>(repeating: r3)
        j = 0
        while j < vectorEnd {
            let g01: SIMD4<T> = load4(p0 + j) * s0 + load4(p1 + j) * s1
            let g23: SIMD4<T> = load4(p2 + j) * s2 + load4(p3 + j) * s3
            let gv: SIMD4<T> = load4(UnsafePointer(g + j)) + (g01 + g23)
            store4(gv, g + j)
            j &+= 4
        }
        while j < d {
            let t01: T = p0[j] * r0 + p1[j] * r1
            let t23: T = p2[j] * r2 + p3[j] * r3
            g[j] += t01 + t23
            j &+= 1
        }
        i &+= 4
    }
    while i < rows.upperBound {
        let r = accumulateRow(x + i &* d, columns: d, target: y?[i] ?? 0, weights: w, offset: offset, gradient: g)
        sumOfSquares += r * r
        sum += r
        i &+= 1
    }
    return (sumOfSquares, sum)
}

/// One row of the fused pass: `r = pᵀw + offset − target`, `g += r · p`. Returns the
/// residual `r`.
@inline(__always)
func accumulateRow<T: BinaryFloatingPoint & SIMDScalar>(
    _ p: UnsafePointer<T>, columns d: Int, target: T, weights w: UnsafePointer<T>, offset: T,
    gradient g: UnsafeMutablePointer<T>
) -> T {
    let vectorEnd = d & ~3
    var a = SIMD4<T>()
    var j = 0
    while j < vectorEnd {
        a += load4(p + j) * load4(w + j)
        j &+= 4
    }
    var dot = a.sum()
    while j < d {
        dot += p[j] * w[j]
        j &+= 1
    }
    let r = dot + offset - target
    let s = SIMD4<T>(repeating: r)
    j = 0
    while j < vectorEnd {
        store4(load4(UnsafePointer(g + j)) + load4(p + j) * s, g + j)
        j &+= 4
    }
    while j < d {
        g[j] += p[j] * r
        j &+= 1
    }
    return r
}

/// The fused pass over the rows listed in `indices` (a mini-batch): same contract as
/// ``fusedResidualGradient(x:columns:rows:targets:weights:offset:gradient:)``.
@inline(__always)
func fusedResidualGradient<T: BinaryFloatingPoint & SIMDScalar>(
    x: UnsafePointer<T>, columns d: Int, indices: UnsafeBufferPointer<Int>, targets y: UnsafePointer<T>,
    weights w: UnsafePointer<T>, offset: T, gradient g: UnsafeMutablePointer<T>
) -> (sumOfSquares: T, sum: T) {
    var sumOfSquares: T = 0
    var sum: T = 0
    for i in indices {
        let r = accumulateRow(x + i &* d, columns: d, target: y[i], weights: w, offset: offset, gradient: g)
        sumOfSquares += r * r
        sum += r
    }
    return (sumOfSquares, sum)
}

/// Adds the rows `rows` of a row-major `x` (`d` columns) into `sums` (length `d`).
@inline(__always)
func accumulateColumnSums<T: BinaryFloatingPoint & SIMDScalar>(
    x: UnsafePointer<T>, columns d: Int, rows: Range<Int>, into sums: UnsafeMutablePointer<T>
) {
    let vectorEnd = d & ~3
    for i in rows {
        let p = x + i &* d
        var j = 0
        while j < vectorEnd {
            store4(load4(UnsafePointer(sums + j)) + load4(p + j), sums + j)
            j &+= 4
        }
        while j < d {
            sums[j] += p[j]
            j &+= 1
        }
    }
}
