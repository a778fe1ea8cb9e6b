import BLASKit

/// Settings of full-batch gradient descent on `J(w, b) = 1/(2n)·‖y − X·w − b‖²`.
public struct GradientDescentOptions<Scalar: BLASScalar>: Sendable {
    /// The step size η; `nil` chooses `1/L`, with `L` the largest eigenvalue of the centred
    /// `XᵀX/n` (found by power iteration, see ``LeastSquaresGradient/largestEigenvalue(iterations:relativeTolerance:)``).
    public var learningRate: Scalar?
    /// Stop after this many updates.
    public var maxIterations: Int
    /// Stop when `‖∇_w J‖₂` falls to this value or below.
    public var gradientTolerance: Scalar
    /// Also stop when `‖w − reference‖ / ‖reference‖ ≤ relativeError` (used to count the
    /// iterations GD needs to reach a closed-form solution).
    public var reference: (weights: [Scalar], relativeError: Scalar)?
    /// Worker threads of the fused pass; `nil` for the default.
    public var threads: Int?

    /// Options with the given limits; by default step `1/L`, 1000 iterations, tolerance 1e-8.
    public init(
        learningRate: Scalar? = nil, maxIterations: Int = 1000, gradientTolerance: Scalar = 1e-8,
        reference: (weights: [Scalar], relativeError: Scalar)? = nil, threads: Int? = nil
    ) {
        self.learningRate = learningRate
        self.maxIterations = maxIterations
        self.gradientTolerance = gradientTolerance
        self.reference = reference
        self.threads = threads
    }
}

/// Why gradient descent stopped.
public enum GradientDescentStop: String, Sendable {
    /// `‖∇J‖` reached the tolerance.
    case gradientTolerance
    /// The weights came within the requested relative error of the reference.
    case reachedReference
    /// The iteration limit was hit first.
    case maxIterations
    /// The loss became NaN or infinite (the step is too large).
    case diverged
}

/// The result of gradient descent.
public struct GradientDescentFit<Scalar: BLASScalar>: Sendable {
    /// The fitted model (bias `ȳ − x̄ᵀw`).
    public var model: LinearModel<Scalar>
    /// `losses[k]` is `J` after `k` updates, `k = 0…iterations` (so `iterations + 1` values).
    public var losses: [Scalar]
    /// Number of updates made.
    public var iterations: Int
    /// `‖∇_w J‖₂` at the returned weights.
    public var gradientNorm: Scalar
    /// The step size used.
    public var learningRate: Scalar
    /// The largest eigenvalue of the centred `XᵀX/n` when the step was chosen as `1/L`.
    public var lipschitzConstant: Scalar?
    /// Why the loop stopped.
    public var stop: GradientDescentStop
}

extension LinearRegression {
    /// Fits `ŷ = X·w + b` by full-batch gradient descent with the homework's update rule
    /// `w ← w − η/n · Xᵀ(X·w + b − y)`, the bias held at its exact optimum `b = ȳ − x̄ᵀw`
    /// (gradient descent on the centred problem). Starts from `w = 0`.
    ///
    /// Each iteration is one fused pass over X (see ``LeastSquaresGradient``) plus O(d) work;
    /// nothing is allocated inside the loop (past 65 536 iterations, the loss history's
    /// occasional doubling aside).
    /// - Parameters: `x` is `n × d`, `y` has `n` values.
    public static func fitGradientDescent<Scalar: BLASScalar>(
        _ x: Matrix<Scalar>, _ y: [Scalar], options: GradientDescentOptions<Scalar> = .init()
    ) throws(RegressionError) -> GradientDescentFit<Scalar> {
        if options.maxIterations < 0 {
            throw .invalidOption(name: "iterations", value: "\(options.maxIterations)", expected: "0 or more")
        }
        if let rate = options.learningRate, !(rate > 0 && rate.isFinite) {
            throw .invalidOption(name: "learning rate", value: "\(rate)", expected: "a positive finite number")
        }
        var objective = try LeastSquaresGradient(features: x, targets: y, threads: options.threads)
        var lipschitz: Scalar? = nil
        let rate: Scalar
        if let given = options.learningRate {
            rate = given
        } else {
            let l = objective.largestEigenvalue()
            lipschitz = l
            // A constant design has L = 0: every w gives the same loss, any step is fine.
            rate = l > 0 ? 1 / l : 1
        }
        return descend(&objective, rate: rate, lipschitz: lipschitz, options: options)
    }

    /// The descent loop on a prepared objective; split out so benchmarks can time it alone.
    ///
    /// Starts from `w = 0` and steps by `rate`. Of `options` it reads only the stopping fields
    /// (`maxIterations`, `gradientTolerance`, `reference`): `options.learningRate` and
    /// `options.threads` are ignored here (the step is `rate`, the threads are the
    /// objective's). `lipschitz` is only recorded in the result.
    public static func descend<Scalar: BLASScalar>(
        _ objective: inout LeastSquaresGradient<Scalar>, rate: Scalar, lipschitz: Scalar? = nil,
        options: GradientDescentOptions<Scalar>
    ) -> GradientDescentFit<Scalar> {
        let d = objective.features.columns
        var weights = [Scalar](repeating: 0, count: d)
        var losses = [Scalar]()
        // Room for the first 65 536 iterations up front, so a huge `maxIterations` used as "until
        // the tolerance" does not reserve gigabytes; past that the history grows by doubling.
        losses.reserveCapacity(min(options.maxIterations, 1 << 16) + 1)
        let referenceNorm = options.reference.map { BLAS.nrm2($0.weights) }
        losses.append(objective.evaluate(at: weights))
        var iterations = 0
        var stop = GradientDescentStop.maxIterations
        var gradientNorm = BLAS.nrm2(objective.gradient)
        while true {
            if !losses[iterations].isFinite { stop = .diverged; break }
            if gradientNorm <= options.gradientTolerance { stop = .gradientTolerance; break }
            if let (target, tolerance) = options.reference, let referenceNorm,
                distance(weights, target) <= tolerance * referenceNorm
            {
                stop = .reachedReference
                break
            }
            if iterations == options.maxIterations { break }
            BLAS.axpy(-rate, objective.gradient, &weights)
            losses.append(objective.evaluate(at: weights))
            gradientNorm = BLAS.nrm2(objective.gradient)
            iterations += 1
        }
        let model = LinearModel(weights: weights, bias: objective.moments.bias(for: weights))
        return GradientDescentFit(
            model: model, losses: losses, iterations: iterations, gradientNorm: gradientNorm,
            learningRate: rate, lipschitzConstant: lipschitz, stop: stop)
    }

    /// `‖a − b‖₂` without allocating.
    static func distance<Scalar: BLASScalar>(_ a: [Scalar], _ b: [Scalar]) -> Scalar {
        var scale: Scalar = 0
        for i in 0..<a.count { scale = max(scale, abs(a[i] - b[i])) }
        if scale == 0 { return 0 }
        var sum: Scalar = 0
        for i in 0..<a.count {
            let t = (a[i] - b[i]) / scale
            sum += t * t
        }
        return scale * sum.squareRoot()
    }
}
