import BLASKit
import Testing

@testable import HW1Regression

@Suite("Closed-form least squares")
struct ClosedFormTests {
    @Test("each method recovers the generating weights and bias from noisy data", arguments: ClosedFormMethod.allCases)
    func recoversKnownWeights(method: ClosedFormMethod) throws {
        let problem = SyntheticRegression<Double>(rows: 4000, columns: 6, condition: 4, noise: 0.01, seed: 3)
        let fit = try LinearRegression.fitClosedForm(problem.features, problem.targets, method: method)
        for (estimate, truth) in zip(fit.model.weights, problem.trueWeights) {
            #expect(abs(estimate - truth) < 0.01, "weight \(estimate) vs generating \(truth)")
        }
        #expect(abs(fit.model.bias - problem.trueBias) < 0.01)
        #expect(fit.rank == 6)
    }

    @Test("Cholesky, QR and SVD agree on an ill-conditioned design with offset columns")
    func methodsAgree() throws {
        let problem = SyntheticRegression<Double>(rows: 600, columns: 12, condition: 1e3, noise: 0.1, seed: 5)
        let svd = try LinearRegression.fitClosedForm(problem.features, problem.targets, method: .svd)
        for method in [ClosedFormMethod.cholesky, .qr] {
            let fit = try LinearRegression.fitClosedForm(problem.features, problem.targets, method: method)
            #expect(relativeError(fit.model.weights, svd.model.weights) < 1e-8, "\(method)")
            #expect(abs(fit.model.bias - svd.model.bias) < 1e-8 * max(1, abs(svd.model.bias)), "\(method)")
        }
    }

    @Test("the closed form is a stationary point of J: the centred gradient vanishes")
    func closedFormHasZeroGradient() throws {
        let problem = SyntheticRegression<Double>(rows: 300, columns: 7, condition: 10, seed: 8)
        let fit = try LinearRegression.fitClosedForm(problem.features, problem.targets, method: .qr)
        let (_, gradient) = naiveCentredGradient(problem.features, problem.targets, fit.model.weights)
        #expect(gradient.allSatisfy { abs($0) < 1e-10 })
        // ∂J/∂b = mean residual = 0 at the fitted bias.
        let residualMean = zip(fit.model.predict(problem.features), problem.targets).reduce(0.0) { $0 + $1.0 - $1.1 } / 300
        #expect(abs(residualMean) < 1e-12)
    }

    @Test("Float fits agree with Double fits", arguments: ClosedFormMethod.allCases)
    func floatMatchesDouble(method: ClosedFormMethod) throws {
        let double = SyntheticRegression<Double>(rows: 500, columns: 5, condition: 3, seed: 9)
        let x = Matrix<Float>(rows: 500, columns: 5, elements: double.features.elements.map { Float($0) })
        let y = double.targets.map { Float($0) }
        let floatFit = try LinearRegression.fitClosedForm(x, y, method: method)
        let doubleFit = try LinearRegression.fitClosedForm(double.features, double.targets, method: method)
        #expect(relativeError(floatFit.model.weights.map { Double($0) }, doubleFit.model.weights) < 1e-4)
    }

    @Test("SVD reports the rank of a design with a repeated column and returns the minimum-norm weights")
    func svdHandlesRankDeficiency() throws {
        let (x, y) = rankDeficientDesign(rows: 200, columns: 5)
        let fit = try LinearRegression.fitClosedForm(x, y, method: .svd)
        #expect(fit.rank == 4)
        // The minimum-norm solution splits the shared weight equally between the twin columns.
        #expect(abs(fit.model.weights[0] - fit.model.weights[4]) < 1e-9)
        // It fits as well as the full-rank fit on the design without the repeated column.
        let reduced = Matrix<Double>(rows: 200, columns: 4) { r, c in x[r, c] }
        let reference = try LinearRegression.fitClosedForm(reduced, y, method: .qr)
        #expect(abs(fit.model.loss(x, y) - reference.model.loss(reduced, y)) < 1e-10)
        #expect(abs(fit.model.weights[0] + fit.model.weights[4] - reference.model.weights[0]) < 1e-9)
    }

    @Test("Cholesky and QR refuse a rank-deficient design and point to qr or svd", arguments: [ClosedFormMethod.cholesky, .qr])
    func fullRankMethodsRefuseRankDeficiency(method: ClosedFormMethod) {
        let (x, y) = rankDeficientDesign(rows: 200, columns: 5)
        do {
            _ = try LinearRegression.fitClosedForm(x, y, method: method)
            Issue.record("expected a rank-deficiency error")
        } catch {
            guard case .rankDeficient(let name, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(name == method.rawValue)
            #expect(error.description.contains("--method svd"))
        }
    }

    @Test("fewer rows than columns is refused by Cholesky and QR; SVD gives the minimum-norm fit")
    func tooFewRows() throws {
        let problem = SyntheticRegression<Double>(rows: 4, columns: 6, seed: 2)
        #expect(throws: RegressionError.tooFewRows(rows: 4, columns: 6)) {
            try LinearRegression.fitClosedForm(problem.features, problem.targets, method: .cholesky)
        }
        #expect(throws: RegressionError.tooFewRows(rows: 4, columns: 6)) {
            try LinearRegression.fitClosedForm(problem.features, problem.targets, method: .qr)
        }
        let fit = try LinearRegression.fitClosedForm(problem.features, problem.targets, method: .svd)
        #expect(fit.rank == 3)  // centring removes one dimension from 4 rows
        #expect(fit.model.loss(problem.features, problem.targets) < 1e-20)
    }

    @Test("a target count that does not match the rows is refused")
    func targetCountMismatch() {
        let x = Matrix<Double>(rows: 3, columns: 1, elements: [1, 2, 3])
        #expect(throws: RegressionError.targetCountMismatch(rows: 3, targets: 2)) {
            try LinearRegression.fitClosedForm(x, [1, 2], method: .qr)
        }
    }
}
