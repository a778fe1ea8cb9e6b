import BLASKit
import Testing

/// A well-conditioned symmetric positive-definite matrix: Bᵀ·B + n·I.
func positiveDefinite<S: BLASScalar>(_ n: Int, using generator: inout SeededGenerator) -> Matrix<S> {
    let b = Matrix<S>.random(rows: n, columns: n, in: -1...1, using: &generator)
    return b.gram() + Matrix<S>.identity(n) * S(n)
}

@Suite("LAPACK solvers on systems with known solutions")
struct LAPACKTests {
    func checkSquareSolvers<S: BLASScalar>(_: S.Type) throws {
        var generator = SeededGenerator(seed: 11)
        for n in [1, 4, 25] {
            let a: Matrix<S> = positiveDefinite(n, using: &generator)
            let x = Matrix<S>.random(rows: n, columns: 3, in: -1...1, using: &generator)
            let b = a.matmul(x)
            let tol = S.self == Float.self ? S(2e-4) : S(1e-10)
            expectClose(try LAPACK.solvePositiveDefinite(a, b), x, relative: tol, absolute: tol)
            expectClose(try LAPACK.solve(a, b), x, relative: tol, absolute: tol)
            for triangle in [Triangle.lower, .upper] {
                let factor = try LAPACK.choleskyFactor(a, triangle: triangle)
                // The factor reproduces A: L·Lᵀ or Uᵀ·U.
                let rebuilt = triangle == .lower
                    ? factor.matmul(factor, transposeOther: true) : factor.matmul(factor, transposeSelf: true)
                expectClose(rebuilt, a, relative: tol, absolute: tol)
                expectClose(try LAPACK.choleskySolve(factor: factor, triangle: triangle, b), x, relative: tol, absolute: tol)
            }
        }
    }

    @Test("posv, gesv, potrf and potrs recover a known solution")
    func squareSolvers() throws {
        try checkSquareSolvers(Float.self)
        try checkSquareSolvers(Double.self)
    }

    func checkLeastSquares<S: BLASScalar>(_: S.Type) throws {
        var generator = SeededGenerator(seed: 12)
        let tol = S.self == Float.self ? S(1e-3) : S(1e-10)
        // Overdetermined and consistent: the exact solution is recovered.
        let a = Matrix<S>.random(rows: 40, columns: 6, in: -1...1, using: &generator)
        let x = Matrix<S>.random(rows: 6, columns: 2, in: -1...1, using: &generator)
        let b = a.matmul(x)
        expectClose(try LAPACK.leastSquaresQR(a, b), x, relative: tol, absolute: tol)
        let svd = try LAPACK.leastSquaresSVD(a, b)
        expectClose(svd.solution, x, relative: tol, absolute: tol)
        #expect(svd.rank == 6)
        #expect(svd.singularValues.count == 6)
        #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })

        // Inconsistent: the residual is orthogonal to the columns (normal equations hold).
        let noisy = b + Matrix<S>.random(rows: 40, columns: 2, in: -0.1...0.1, using: &generator)
        let fit = try LAPACK.leastSquaresQR(a, noisy)
        let normalResidual = a.matmul(a.matmul(fit) - noisy, transposeSelf: true)
        expectClose(normalResidual, Matrix(rows: 6, columns: 2), relative: 0, absolute: tol)

        // Underdetermined: gels returns the minimum-norm solution, which lies in the row space.
        let wide = Matrix<S>.random(rows: 3, columns: 7, in: -1...1, using: &generator)
        let rhs = Matrix<S>.random(rows: 3, columns: 1, in: -1...1, using: &generator)
        let minimumNorm = try LAPACK.leastSquaresQR(wide, rhs)
        #expect(minimumNorm.shape == Shape(7, 1))
        expectClose(wide.matmul(minimumNorm), rhs, relative: tol, absolute: tol)
        expectClose(minimumNorm, try LAPACK.leastSquaresSVD(wide, rhs).solution, relative: tol, absolute: tol)
    }

    @Test("gels and gelsd solve over- and underdetermined least squares")
    func leastSquares() throws {
        try checkLeastSquares(Float.self)
        try checkLeastSquares(Double.self)
    }

    @Test("gelsd reports the rank of a rank-deficient design and returns the minimum-norm solution")
    func rankDeficient() throws {
        // Column 2 = column 0 + column 1, so the rank is 2.
        let a = Matrix<Double>([[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, 1, 3]])
        let b = Matrix<Double>(column: [1, 2, 3, 4])
        let result = try LAPACK.leastSquaresSVD(a, b)
        #expect(result.rank == 2)
        // The minimum-norm solution is orthogonal to the null space (1, 1, −1).
        let x = result.solution.elements
        #expect(abs(x[0] + x[1] - x[2]) < 1e-12)
        // And it satisfies the normal equations.
        let normal = a.matmul(a.matmul(result.solution) - b, transposeSelf: true)
        expectClose(normal, Matrix(rows: 3, columns: 1), relative: 0, absolute: 1e-12)
    }

    @Test("syevd returns ascending eigenvalues and orthonormal eigenvectors")
    func symmetricEigen() throws {
        var generator = SeededGenerator(seed: 13)
        let a: Matrix<Double> = positiveDefinite(8, using: &generator)
        let (values, vectors) = try LAPACK.symmetricEigen(a)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 <= $1 })
        expectClose(vectors.matmul(vectors, transposeSelf: true), .identity(8), relative: 0, absolute: 1e-12)
        // A·V = V·diag(λ)
        let scaled = Matrix<Double>(rows: 8, columns: 8) { r, c in vectors[r, c] * values[c] }
        expectClose(a.matmul(vectors), scaled, relative: 1e-12, absolute: 1e-12)
        let diagonal = try LAPACK.symmetricEigen(Matrix<Double>([[2, 0], [0, -3]])).values
        #expect(diagonal == [-3, 2])
    }

    @Test("Cholesky on an indefinite matrix throws notPositiveDefinite naming the minor")
    func notPositiveDefinite() {
        let indefinite = Matrix<Double>([[1, 2], [2, 1]])
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "posv", order: 2)) {
            try LAPACK.solvePositiveDefinite(indefinite, Matrix(column: [1, 1]))
        }
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "potrf", order: 2)) {
            try LAPACK.choleskyFactor(indefinite)
        }
        let message = LinearAlgebraError.notPositiveDefinite(routine: "posv", order: 2).description
        #expect(message.contains("not positive definite") && message.contains("gelsd"))
    }

    @Test("LU on a singular matrix throws singular naming the zero pivot")
    func singular() {
        let singular = Matrix<Float>([[1, 2], [2, 4]])
        #expect(throws: LinearAlgebraError.singular(routine: "gesv", index: 2)) {
            try LAPACK.solve(singular, Matrix(column: [1, 1]))
        }
    }

    @Test("QR on an exactly rank-deficient design throws rankDeficient")
    func gelsRankDeficient() {
        let a = Matrix<Double>([[1, 0, 0], [0, 1, 0], [0, 0, 0], [0, 0, 0]])
        #expect(throws: LinearAlgebraError.rankDeficient(routine: "gels", index: 3)) {
            try LAPACK.leastSquaresQR(a, Matrix(column: [1, 1, 1, 1]))
        }
    }

    // Traps cannot be caught in-process; Swift Testing's exit tests run each body in a child
    // process and check that it stops, and what it printed.
    @Test("a LAPACK shape mismatch stops like a BLAS one, with a message naming both shapes")
    func shapeMismatchStops() async {
        var result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try LAPACK.solve(Matrix<Double>(rows: 3, columns: 3), Matrix<Double>(rows: 2, columns: 1))
        }
        var message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("gesv") && message.contains("3×3") && message.contains("2×1"))
        result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try LAPACK.choleskyFactor(Matrix<Double>(rows: 3, columns: 2))
        }
        message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("potrf") && message.contains("3×2") && message.contains("square"))
        result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try LAPACK.leastSquaresQR(Matrix<Double>(rows: 3, columns: 2), Matrix<Double>(rows: 4, columns: 1))
        }
        message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("gels") && message.contains("3×2") && message.contains("4×1"))
    }

    @Test("a NaN or infinity in the input throws nonFinite naming the routine, operand and position")
    func nonFiniteInput() {
        var a = Matrix<Double>([[4, 1, 0], [1, 3, 1], [0, 1, 2]])
        let b = Matrix<Double>(column: [1, 2, 3])
        a[1, 2] = .nan
        #expect(throws: LinearAlgebraError.nonFinite(routine: "gesv", operand: "A", row: 1, column: 2, value: "nan")) {
            try LAPACK.solve(a, b)
        }
        // Only the triangle a symmetric routine reads is checked: (1, 2) is in the upper one.
        #expect(throws: Never.self) { try LAPACK.choleskyFactor(a, triangle: .lower) }
        #expect(throws: LinearAlgebraError.nonFinite(routine: "potrf", operand: "A", row: 1, column: 2, value: "nan")) {
            try LAPACK.choleskyFactor(a, triangle: .upper)
        }
        var c = Matrix<Float>.identity(3)
        c[2, 0] = -.infinity
        #expect(throws: LinearAlgebraError.nonFinite(routine: "posv", operand: "B", row: 2, column: 0, value: "-inf")) {
            try LAPACK.solvePositiveDefinite(Matrix<Float>.identity(3), c)
        }
        #expect(throws: LinearAlgebraError.nonFinite(routine: "getrf", operand: "A", row: 2, column: 0, value: "-inf")) {
            try LAPACK.luFactor(c)
        }
        #expect(throws: LinearAlgebraError.nonFinite(routine: "gesdd", operand: "A", row: 2, column: 0, value: "-inf")) {
            try LAPACK.svd(c)
        }
        #expect(throws: LinearAlgebraError.nonFinite(routine: "gels", operand: "A", row: 2, column: 0, value: "-inf")) {
            try LAPACK.leastSquaresQR(c, Matrix(column: [1, 1, 1]))
        }
        let message = LinearAlgebraError.nonFinite(routine: "gesv", operand: "A", row: 1, column: 2, value: "nan").description
        #expect(message.contains("gesv") && message.contains("A[1, 2]") && message.contains("nan") && !message.contains("illegal"))
    }

    @Test("QR on a numerically (not exactly) rank-deficient design throws numericallyRankDeficient")
    func numericallyRankDeficient() {
        // Column 2 = column 0 + column 1 except 0.3 ≠ 0.1 + 0.2 by 5.6e-17: R₂₂ is tiny, not 0.
        let a = Matrix<Double>([[0.1, 0.2, 0.3], [1, 0, 1], [0, 1, 1], [2, 3, 5]])
        #expect {
            try LAPACK.leastSquaresQR(a, Matrix(column: [1, 1, 1, 1]))
        } throws: { error in
            guard case LinearAlgebraError.numericallyRankDeficient(routine: "gels", _, _) = error else { return false }
            return "\(error)".contains("numerically rank deficient")
        }
    }

    @Test("the error messages for each LAPACK info case name the case")
    func messages() {
        #expect(LinearAlgebraError.illegalArgument(routine: "gesv", index: 4).description.contains("argument 4"))
        #expect(LinearAlgebraError.singular(routine: "gesv", index: 2).description.contains("singular"))
        #expect(LinearAlgebraError.noConvergence(routine: "gelsd", count: 3).description.contains("converge"))
        #expect(LinearAlgebraError.dimensionTooLarge(routine: "gels", value: 1 << 40).description.contains("32-bit"))
    }
}
