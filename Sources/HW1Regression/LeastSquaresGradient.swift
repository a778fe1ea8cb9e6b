internal import BLASKitCBLAS
import BLASKit

/// How the fused pass walks X.
public enum FusedPassKernel: String, Sendable, CaseIterable {
    /// Four rows at a time in Swift SIMD code: the residuals, then `g += rᵢ·xᵢ` from L1, with
    /// X prefetched into L2 48 KB ahead of the rows being read, so the memory stream never
    /// waits on the arithmetic. The default: X is read once, at close to the machine's streaming bandwidth.
    case rows
    /// Row blocks small enough for a single-threaded OpenBLAS gemv (`m·d < 9216`, OpenBLAS's
    /// threading threshold): `r = X_blk·w + b − y_blk`, then `g += X_blkᵀ·r` from L2. Kept for
    /// comparison (`hw1-bench regression --gd-kernel blasBlocks`): 2.2× slower at d = 100.
    case blasBlocks
}

/// The loss `J(w) = 1/(2n)·‖X·w + b(w) − y‖²` and its gradient `∇J = 1/n · X_cᵀ·r`, evaluated
/// by one fused pass that reads X once, with the bias held at its exact optimum
/// `b(w) = ȳ − x̄ᵀw` (centring; `X_c = X − 1·x̄ᵀ`).
///
/// Each worker thread walks its own contiguous rows, forming the residual of a few rows and
/// adding `rᵢ·xᵢ` to its partial gradient while those rows are still in L1; the partials are
/// summed in thread order. All buffers are allocated in `init`, so ``evaluate(at:)``
/// allocates nothing.
public struct LeastSquaresGradient<Scalar: BLASScalar>: Sendable {
    /// The `n × d` design (shared with the caller's matrix, not copied).
    public let features: Matrix<Scalar>
    /// The `n` targets.
    public let targets: [Scalar]
    /// The column and target means used for the bias.
    public let moments: DesignMoments<Scalar>
    /// The output of the last pass (length `d`): `∇_w J` at the weights of the last
    /// ``evaluate(at:)``; after ``largestEigenvalue(iterations:relativeTolerance:)`` it holds
    /// `H·v` for the last power-iteration vector `v`, not a gradient.
    public private(set) var gradient: [Scalar]
    let partition: RowPartition
    /// The kernel of the pass.
    public let kernel: FusedPassKernel
    let blockRows: Int
    var residualBlocks: [Scalar]
    var partialGradients: [Scalar]
    var partialSums: [Scalar]

    /// Prepares the pass for `x` (`n × d`) and `y` (`n`), on `threads` workers (default: the
    /// processor count, capped at 8, one for small problems).
    public init(
        features x: Matrix<Scalar>, targets y: [Scalar], threads: Int? = nil, kernel: FusedPassKernel = .rows
    ) throws(RegressionError) {
        if y.count != x.rows { throw .targetCountMismatch(rows: x.rows, targets: y.count) }
        if x.columns == 0 { throw .noFeatures }
        if x.rows == 0 { throw .tooFewRows(rows: 0, columns: x.columns) }
        let threadCount = threads ?? RowPartition.defaultThreads(elements: x.rows * x.columns)
        if threadCount < 1 { throw .invalidOption(name: "threads", value: "\(threadCount)", expected: "at least 1") }
        features = x
        targets = y
        partition = RowPartition(rows: x.rows, threads: threadCount)
        moments = DesignMoments(x, y, threads: threadCount)
        gradient = [Scalar](repeating: 0, count: x.columns)
        partialGradients = [Scalar](repeating: 0, count: partition.count * x.columns)
        partialSums = [Scalar](repeating: 0, count: partition.count * 2)
        self.kernel = kernel
        blockRows = max(1, 9215 / x.columns)
        residualBlocks = [Scalar](repeating: 0, count: kernel == .blasBlocks ? partition.count * blockRows : 0)
    }

    /// Number of worker threads of the pass.
    public var threadCount: Int { partition.count }

    /// Evaluates `J(w, b(w))` and stores `∇_w J` in ``gradient``. Reads X once.
    /// - Parameter weights: `d` values.
    /// - Returns: the loss.
    @discardableResult
    public mutating func evaluate(at weights: [Scalar]) -> Scalar {
        precondition(weights.count == features.columns, "evaluate: \(weights.count) weights for \(features.columns) columns")
        let n = Scalar(features.rows)
        let sumOfSquares = pass(weights: weights, offset: moments.bias(for: weights), useTargets: true)
        return sumOfSquares / (2 * n)
    }

    /// Writes `X_cᵀ·X_c·v / n` into ``gradient`` (the Hessian of J applied to `v`), by the same
    /// fused pass with a zero target. Returns `‖X_c·v‖² / n`.
    @discardableResult
    mutating func applyHessian(to v: [Scalar]) -> Scalar {
        var offset: Scalar = 0
        for j in 0..<v.count { offset -= moments.featureMeans[j] * v[j] }
        let sumOfSquares = pass(weights: v, offset: offset, useTargets: false)
        return sumOfSquares * (1 / Scalar(features.rows))
    }

    /// The largest eigenvalue `L` of the centred `XᵀX/n` (the Lipschitz constant of ∇J) by
    /// power iteration on ``applyHessian(to:)``: at most `iterations` fused passes, stopping
    /// when the Rayleigh quotient changes by less than `relativeTolerance`. The quotient never
    /// exceeds `L`; gradient descent is stable for any step below `2/L`, so a quotient within a
    /// few percent of `L` gives a safe `1/L` step.
    public mutating func largestEigenvalue(iterations: Int = 50, relativeTolerance: Scalar = 1e-4) -> Scalar {
        let d = features.columns
        var generator = SeededGenerator(seed: 0x5EED)
        var v = (0..<d).map { _ in Scalar(generator.nextStandardNormal()) }
        var quotient: Scalar = 0
        for _ in 0..<max(1, iterations) {
            let norm = BLAS.nrm2(v)
            if norm == 0 { return 0 }
            BLAS.scal(1 / norm, &v)
            let next = applyHessian(to: v)  // ‖X_c v‖²/n = vᵀHv for unit v
            let converged = abs(next - quotient) <= relativeTolerance * next
            quotient = next
            v = gradient
            if converged { break }
        }
        return quotient
    }

    /// One fused pass: `gradient ← (Σ_threads Σ_rows rᵢ·xᵢ − x̄·Σrᵢ) · (1/n)`; returns `Σrᵢ²`
    /// (unscaled).
    mutating func pass(weights: [Scalar], offset: Scalar, useTargets: Bool) -> Scalar {
        let d = features.columns
        let partition = self.partition
        let useBlocks = kernel == .blasBlocks
        let blockRows = self.blockRows
        features.withUnsafeBufferPointer { px in
            targets.withUnsafeBufferPointer { py in
                weights.withUnsafeBufferPointer { pw in
                    partialGradients.withUnsafeMutableBufferPointer { pg in
                        partialSums.withUnsafeMutableBufferPointer { ps in
                          residualBlocks.withUnsafeMutableBufferPointer { pr in
                            let shared = UncheckedSendable(
                                (px.baseAddress!, useTargets ? py.baseAddress : nil, pw.baseAddress!, pg.baseAddress!, ps.baseAddress!,
                                 useBlocks ? pr.baseAddress : nil))
                            partition.forEach { t, rows in
                                let (x, y, w, g, s, _) = shared.value
                                let gt = g + t * d
                                gt.update(repeating: 0, count: d)
                                let r: (sumOfSquares: Scalar, sum: Scalar)
                                if let residual = shared.value.5 {
                                    r = Self.blockedPass(
                                        x: x, columns: d, rows: rows, blockRows: blockRows, targets: y, weights: w,
                                        offset: offset, gradient: gt, residual: residual + t * blockRows)
                                } else {
                                    r = ScalarKernels.fusedPass(
                                        x: x, columns: d, rows: rows, targets: y, weights: w, offset: offset, gradient: gt)
                                }
                                s[2 * t] = r.sumOfSquares
                                s[2 * t + 1] = r.sum
                            }
                          }
                        }
                    }
                }
            }
        }
        var sumOfSquares: Scalar = 0, sum: Scalar = 0
        for t in 0..<partition.count {
            sumOfSquares += partialSums[2 * t]
            sum += partialSums[2 * t + 1]
        }
        let means = moments.featureMeans
        let scale = 1 / Scalar(features.rows)
        partialGradients.withUnsafeBufferPointer { pg in
            gradient.withUnsafeMutableBufferPointer { g in
                // Σ rᵢ is zero in exact arithmetic for the full data; subtracting x̄·Σr keeps the
                // gradient that of the centred problem under rounding too.
                for j in 0..<d { g[j] = -means[j] * sum }
                for t in 0..<partition.count {
                    for j in 0..<d { g[j] += pg[t * d + j] }
                }
                // 1/n is applied once, after the full sum.
                for j in 0..<d { g[j] *= scale }
            }
        }
        return sumOfSquares
    }

    /// The pass over `rows` in blocks of `blockRows`: two single-threaded gemv calls per block,
    /// the second reading the block from cache.
    static func blockedPass(
        x: UnsafePointer<Scalar>, columns d: Int, rows: Range<Int>, blockRows: Int, targets y: UnsafePointer<Scalar>?,
        weights w: UnsafePointer<Scalar>, offset: Scalar, gradient g: UnsafeMutablePointer<Scalar>,
        residual r: UnsafeMutablePointer<Scalar>
    ) -> (sumOfSquares: Scalar, sum: Scalar) {
        var sumOfSquares: Scalar = 0, sum: Scalar = 0
        var start = rows.lowerBound
        let d32 = Int32(d)
        while start < rows.upperBound {
            let m = min(blockRows, rows.upperBound - start)
            if let y {
                for i in 0..<m { r[i] = offset - y[start + i] }
            } else {
                for i in 0..<m { r[i] = offset }
            }
            let block = x + start * d
            Scalar.rawGemv(CblasNoTrans, Int32(m), d32, 1, block, d32, w, 1, 1, r, 1)
            for i in 0..<m {
                sumOfSquares += r[i] * r[i]
                sum += r[i]
            }
            Scalar.rawGemv(CblasTrans, Int32(m), d32, 1, block, d32, UnsafePointer(r), 1, 1, g, 1)
            start += m
        }
        return (sumOfSquares, sum)
    }
}
