import BLASKit

/// Routes the generic solvers to the Float and Double specialisations of the row kernels.
///
/// The public API is generic over `BLASScalar`, which does not promise SIMD lanes; the two
/// types that conform do, so each entry point checks the concrete type once per call (not per
/// element) and runs code specialised inside this module. Any other conforming type takes a
/// plain scalar loop.
enum ScalarKernels {
    @inline(__always)
    static func rebound<From, To>(_ p: UnsafePointer<From>, _: To.Type) -> UnsafePointer<To> {
        UnsafeRawPointer(p).assumingMemoryBound(to: To.self)
    }

    @inline(__always)
    static func rebound<From, To>(_ p: UnsafeMutablePointer<From>, _: To.Type) -> UnsafeMutablePointer<To> {
        UnsafeMutableRawPointer(p).assumingMemoryBound(to: To.self)
    }

    /// See `fusedResidualGradient(x:columns:rows:targets:weights:offset:gradient:)`.
    static func fusedPass<Scalar: BLASScalar>(
        x: UnsafePointer<Scalar>, columns d: Int, rows: Range<Int>, targets y: UnsafePointer<Scalar>?,
        weights w: UnsafePointer<Scalar>, offset: Scalar, gradient g: UnsafeMutablePointer<Scalar>
    ) -> (sumOfSquares: Scalar, sum: Scalar) {
        if Scalar.self == Double.self {
            let r = fusedResidualGradient(
                x: rebound(x, Double.self), columns: d, rows: rows, targets: y.map { rebound($0, Double.self) },
                weights: rebound(w, Double.self), offset: unsafeBitCast(offset, to: Double.self),
                gradient: rebound(g, Double.self))
            return (unsafeBitCast(r.sumOfSquares, to: Scalar.self), unsafeBitCast(r.sum, to: Scalar.self))
        }
        if Scalar.self == Float.self {
            let r = fusedResidualGradient(
                x: rebound(x, Float.self), columns: d, rows: rows, targets: y.map { rebound($0, Float.self) },
                weights: rebound(w, Float.self), offset: unsafeBitCast(offset, to: Float.self),
                gradient: rebound(g, Float.self))
            return (unsafeBitCast(r.sumOfSquares, to: Scalar.self), unsafeBitCast(r.sum, to: Scalar.self))
        }
        var sumOfSquares: Scalar = 0, sum: Scalar = 0
        for i in rows {
            let p = x + i * d
            var r = offset - (y?[i] ?? 0)
            for j in 0..<d { r += p[j] * w[j] }
            for j in 0..<d { g[j] += p[j] * r }
            sumOfSquares += r * r
            sum += r
        }
        return (sumOfSquares, sum)
    }

    /// The fused pass over the rows listed in `indices` (a mini-batch).
    static func fusedPass<Scalar: BLASScalar>(
        x: UnsafePointer<Scalar>, columns d: Int, indices: UnsafeBufferPointer<Int>, targets y: UnsafePointer<Scalar>,
        weights w: UnsafePointer<Scalar>, offset: Scalar, gradient g: UnsafeMutablePointer<Scalar>
    ) -> (sumOfSquares: Scalar, sum: Scalar) {
        if Scalar.self == Double.self {
            let r = fusedResidualGradient(
                x: rebound(x, Double.self), columns: d, indices: indices, targets: rebound(y, Double.self),
                weights: rebound(w, Double.self), offset: unsafeBitCast(offset, to: Double.self),
                gradient: rebound(g, Double.self))
            return (unsafeBitCast(r.sumOfSquares, to: Scalar.self), unsafeBitCast(r.sum, to: Scalar.self))
        }
        if Scalar.self == Float.self {
            let r = fusedResidualGradient(
                x: rebound(x, Float.self), columns: d, indices: indices, targets: rebound(y, Float.self),
                weights: rebound(w, Float.self), offset: unsafeBitCast(offset, to: Float.self),
                gradient: rebound(g, Float.self))
            return (unsafeBitCast(r.sumOfSquares, to: Scalar.self), unsafeBitCast(r.sum, to: Scalar.self))
        }
        var sumOfSquares: Scalar = 0, sum: Scalar = 0
        for i in indices {
            let p = x + i * d
            var r = offset - y[i]
            for j in 0..<d { r += p[j] * w[j] }
            for j in 0..<d { g[j] += p[j] * r }
            sumOfSquares += r * r
            sum += r
        }
        return (sumOfSquares, sum)
    }

    /// Adds rows `rows` of `x` into `sums`.
    static func columnSums<Scalar: BLASScalar>(
        x: UnsafePointer<Scalar>, columns d: Int, rows: Range<Int>, into sums: UnsafeMutablePointer<Scalar>
    ) {
        if Scalar.self == Double.self {
            accumulateColumnSums(x: rebound(x, Double.self), columns: d, rows: rows, into: rebound(sums, Double.self))
        } else if Scalar.self == Float.self {
            accumulateColumnSums(x: rebound(x, Float.self), columns: d, rows: rows, into: rebound(sums, Float.self))
        } else {
            for i in rows {
                for j in 0..<d { sums[j] += x[i * d + j] }
            }
        }
    }
}
