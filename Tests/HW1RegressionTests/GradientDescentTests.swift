import BLASKit
import Testing

@testable import HW1Regression

@Suite("Gradient descent")
struct GradientDescentTests {
    @Test(
        "the fused pass gives the loss and centred gradient of the naive formula",
        arguments: [1, 2, 3], FusedPassKernel.allCases)
    func fusedPassMatchesNaiveGradient(threads: Int, kernel: FusedPassKernel) throws {
        // 37 rows and 13 columns exercise the four-row blocks, the SIMD width and both tails;
        // 800 columns make the BLAS blocks 11 rows, so 37 rows end in a partial block.
        for columns in [13, 800] {
            try checkFusedPass(rows: 37, columns: columns, threads: threads, kernel: kernel)
        }
    }

    func checkFusedPass(rows: Int, columns: Int, threads: Int, kernel: FusedPassKernel) throws {
        let problem = SyntheticRegression<Double>(rows: rows, columns: columns, condition: 5, seed: 4)
        var objective = try LeastSquaresGradient(
            features: problem.features, targets: problem.targets, threads: threads, kernel: kernel)
        let w = (0..<columns).map { Double($0 % 13) / 7 - 0.8 }
        let loss = objective.evaluate(at: w)
        let reference = naiveCentredGradient(problem.features, problem.targets, w)
        #expect(abs(loss - reference.loss) < 1e-12 * max(1, reference.loss))
        #expect(relativeError(objective.gradient, reference.gradient) < 1e-12)
        let model = LinearModel(weights: w, bias: objective.moments.bias(for: w))
        #expect(abs(model.loss(problem.features, problem.targets) - loss) < 1e-12 * max(1, loss))
    }

    @Test("power iteration finds the largest eigenvalue of the centred XᵀX/n")
    func largestEigenvalueMatchesSyevd() throws {
        let problem = SyntheticRegression<Double>(rows: 400, columns: 9, condition: 20, seed: 6)
        var objective = try LeastSquaresGradient(features: problem.features, targets: problem.targets)
        let estimate = objective.largestEigenvalue(iterations: 500, relativeTolerance: 1e-12)
        let means = objective.moments.featureMeans
        let centred = Matrix<Double>(rows: 400, columns: 9) { r, c in problem.features[r, c] - means[c] }
        let exact = try LAPACK.symmetricEigen(centred.gram() / 400).values.last!
        #expect(abs(estimate - exact) < 1e-6 * exact)
        #expect(estimate <= exact * (1 + 1e-12))
    }

    @Test("GD with step 1/L converges to the closed-form solution with a non-increasing loss")
    func convergesToClosedForm() throws {
        let problem = SyntheticRegression<Double>(rows: 800, columns: 10, condition: 5, seed: 7)
        let exact = try LinearRegression.fitClosedForm(problem.features, problem.targets, method: .qr)
        let fit = try LinearRegression.fitGradientDescent(
            problem.features, problem.targets, options: .init(maxIterations: 20_000, gradientTolerance: 1e-12))
        #expect(fit.stop == .gradientTolerance)
        #expect(relativeError(fit.model.weights, exact.model.weights) < 1e-8)
        #expect(abs(fit.model.bias - exact.model.bias) < 1e-8)
        #expect(fit.losses.count == fit.iterations + 1)
        for k in 1..<fit.losses.count { #expect(fit.losses[k] <= fit.losses[k - 1] * (1 + 1e-14)) }
        #expect(abs(fit.losses.last! - exact.model.loss(problem.features, problem.targets)) < 1e-12)
    }

    @Test("GD stops at the iteration limit and reports it")
    func stopsAtIterationLimit() throws {
        let problem = SyntheticRegression<Double>(rows: 100, columns: 4, condition: 30, seed: 1)
        let fit = try LinearRegression.fitGradientDescent(
            problem.features, problem.targets, options: .init(learningRate: 0.01, maxIterations: 5))
        #expect(fit.iterations == 5)
        #expect(fit.stop == .maxIterations)
        #expect(fit.learningRate == 0.01)
        #expect(fit.losses.count == 6)
    }

    @Test("a huge iteration limit used as 'until the tolerance' reserves no memory for it")
    func hugeIterationLimitIsNotReserved() throws {
        // Reserving the loss history for Int.max / 2 iterations up front would trap; the fit must
        // stop at the tolerance after a few dozen iterations instead.
        let problem = SyntheticRegression<Double>(rows: 200, columns: 5, condition: 2, seed: 5)
        let fit = try LinearRegression.fitGradientDescent(
            problem.features, problem.targets, options: .init(maxIterations: Int.max / 2, gradientTolerance: 1e-10))
        #expect(fit.stop == .gradientTolerance)
        #expect(fit.losses.count == fit.iterations + 1)
        #expect(fit.losses.capacity < 1 << 20)
    }

    @Test("GD stops once it is within the requested distance of a reference solution")
    func stopsAtReference() throws {
        let problem = SyntheticRegression<Double>(rows: 300, columns: 6, condition: 3, seed: 12)
        let exact = try LinearRegression.fitClosedForm(problem.features, problem.targets, method: .cholesky)
        let fit = try LinearRegression.fitGradientDescent(
            problem.features, problem.targets,
            options: .init(maxIterations: 10_000, gradientTolerance: 0, reference: (exact.model.weights, 1e-6)))
        #expect(fit.stop == .reachedReference)
        #expect(relativeError(fit.model.weights, exact.model.weights) <= 1e-6)
        #expect(fit.iterations > 1)
    }

    @Test("GD with a too-large step reports divergence instead of looping")
    func reportsDivergence() throws {
        let problem = SyntheticRegression<Double>(rows: 100, columns: 3, seed: 2)
        let fit = try LinearRegression.fitGradientDescent(
            problem.features, problem.targets, options: .init(learningRate: 1e3, maxIterations: 100_000))
        #expect(fit.stop == .diverged)
    }

    @Test("the same thread count gives bit-identical weights; other counts agree closely")
    func reproducibleAcrossRuns() throws {
        let problem = SyntheticRegression<Double>(rows: 5000, columns: 20, condition: 4, seed: 13)
        func run(_ threads: Int) throws -> [Double] {
            try LinearRegression.fitGradientDescent(
                problem.features, problem.targets, options: .init(maxIterations: 50, threads: threads)
            ).model.weights
        }
        #expect(try run(2) == run(2))
        #expect(relativeError(try run(1), try run(2)) < 1e-12)
    }

    @Test("Float gradient descent converges close to the Double closed form")
    func floatGradientDescent() throws {
        let problem = SyntheticRegression<Double>(rows: 1000, columns: 5, condition: 2, seed: 14)
        let exact = try LinearRegression.fitClosedForm(problem.features, problem.targets, method: .qr)
        let x = Matrix<Float>(rows: 1000, columns: 5, elements: problem.features.elements.map { Float($0) })
        let fit = try LinearRegression.fitGradientDescent(
            x, problem.targets.map { Float($0) }, options: .init(maxIterations: 2000, gradientTolerance: 1e-6))
        #expect(relativeError(fit.model.weights.map { Double($0) }, exact.model.weights) < 1e-4)
    }

    @Test("invalid options are refused with the option's name")
    func invalidOptions() {
        let problem = SyntheticRegression<Double>(rows: 10, columns: 2, seed: 1)
        #expect(throws: RegressionError.self) {
            try LinearRegression.fitGradientDescent(problem.features, problem.targets, options: .init(learningRate: -1))
        }
        #expect(throws: RegressionError.self) {
            try LinearRegression.fitGradientDescent(problem.features, problem.targets, options: .init(maxIterations: -1))
        }
    }
}

@Suite("Mini-batch SGD")
struct StochasticGradientDescentTests {
    @Test("the same seed gives the same fit; a different seed a different path")
    func seeded() throws {
        let problem = SyntheticRegression<Double>(rows: 500, columns: 4, seed: 3)
        func run(_ seed: UInt64) throws -> [Double] {
            var generator = SeededGenerator(seed: seed)
            return try LinearRegression.fitStochasticGradientDescent(
                problem.features, problem.targets, options: .init(batchSize: 16, epochs: 3), using: &generator
            ).model.weights
        }
        #expect(try run(1) == run(1))
        #expect(try run(1) != run(2))
    }

    @Test("SGD drives the loss down to near the closed-form optimum")
    func approachesOptimum() throws {
        let problem = SyntheticRegression<Double>(rows: 2000, columns: 5, condition: 2, noise: 0.05, seed: 4)
        let exact = try LinearRegression.fitClosedForm(problem.features, problem.targets, method: .qr)
        var generator = SeededGenerator(seed: 9)
        let fit = try LinearRegression.fitStochasticGradientDescent(
            problem.features, problem.targets, options: .init(batchSize: 32, epochs: 30), using: &generator)
        let optimum = exact.model.loss(problem.features, problem.targets)
        #expect(fit.losses.count == fit.epochs + 1)
        #expect(fit.losses.last! < fit.losses.first! / 100)
        // A constant step leaves SGD hovering near, not at, the optimum.
        #expect(fit.losses.last! < optimum * 1.1)
        #expect(relativeError(fit.model.weights, exact.model.weights) < 0.02)
        #expect(fit.updates == 30 * 63)
    }
}
