import BLASKit
import Testing

/// The triangle of `a` (the other one zero); with `unit`, ones on the diagonal.
func triangularPart<S: BLASScalar>(_ a: Matrix<S>, _ triangle: Triangle, unit: Bool = false) -> Matrix<S> {
    Matrix(rows: a.rows, columns: a.columns) { r, c in
        if unit && r == c { return 1 }
        return (triangle == .lower ? c <= r : c >= r) ? a[r, c] : 0
    }
}

/// `a` with the triangle opposite to `triangle` (and, with `diagonal`, the diagonal) set to
/// NaN: a routine that reads what it must not gives NaN in its result.
func poisoned<S: BLASScalar>(_ a: Matrix<S>, keeping triangle: Triangle, diagonal: Bool = true) -> Matrix<S> {
    Matrix(rows: a.rows, columns: a.columns) { r, c in
        if r == c { return diagonal ? a[r, c] : .nan }
        return (triangle == .lower ? c < r : c > r) ? a[r, c] : .nan
    }
}

/// A well-conditioned triangular-friendly square matrix: random plus n on the diagonal.
func diagonallyDominant<S: BLASScalar>(_ n: Int, using generator: inout SeededGenerator) -> Matrix<S> {
    Matrix<S>.random(rows: n, columns: n, in: -1...1, using: &generator) + Matrix<S>.identity(n) * S(n)
}

@Suite("BLAS level 1–3 routines added for coverage, against naive references")
struct BLASRoutineTests {
    func checkTriangular<S: BLASScalar>(_: S.Type) {
        var generator = SeededGenerator(seed: 21)
        let tol = tolerance(S.self) * 10
        for (n, other) in [(6, 4), (1, 3), (9, 1)] {
            let a: Matrix<S> = diagonallyDominant(n, using: &generator)
            for triangle in [Triangle.lower, .upper] {
                for transpose in [Transpose.noTranspose, .transposed] {
                    for diagonal in [Diagonal.nonUnit, .unit] {
                        let t = triangularPart(a, triangle, unit: diagonal == .unit)
                        let opT = transpose == .transposed ? t.transposed() : t
                        let input = poisoned(a, keeping: triangle, diagonal: diagonal == .nonUnit)
                        // Left side: B = op(T) · X, solve for X; trmm reproduces B from X.
                        let x = Matrix<S>.random(rows: n, columns: other, in: -1...1, using: &generator)
                        var b = Reference.product(opT, false, x, false)
                        BLAS.trsm(input, triangle: triangle, transpose: transpose, diagonal: diagonal, alpha: 2, &b)
                        expectClose(b, x * 2, relative: tol, absolute: tol)
                        var product = x
                        BLAS.trmm(input, triangle: triangle, transpose: transpose, diagonal: diagonal, &product)
                        expectClose(product, Reference.product(opT, false, x, false), relative: tol, absolute: tol)
                        // Right side: B = X · op(T).
                        let y = Matrix<S>.random(rows: other, columns: n, in: -1...1, using: &generator)
                        var c = Reference.product(y, false, opT, false)
                        BLAS.trsm(input, triangle: triangle, transpose: transpose, diagonal: diagonal, side: .right, &c)
                        expectClose(c, y, relative: tol, absolute: tol)
                        var rightProduct = y
                        BLAS.trmm(input, triangle: triangle, transpose: transpose, diagonal: diagonal, side: .right, &rightProduct)
                        expectClose(rightProduct, Reference.product(y, false, opT, false), relative: tol, absolute: tol)
                        // trsv: one right-hand side.
                        var v = Reference.product(opT, false, Matrix(column: x.column(0)), false).elements
                        BLAS.trsv(input, triangle: triangle, transpose: transpose, diagonal: diagonal, &v)
                        expectClose(v, x.column(0), relative: tol, absolute: tol)
                    }
                }
            }
        }
    }

    @Test("trsm, trmm (both sides) and trsv recover X from op(T)·X, reading only the named triangle")
    func triangular() {
        checkTriangular(Float.self)
        checkTriangular(Double.self)
    }

    func checkSymmetric<S: BLASScalar>(_: S.Type) {
        var generator = SeededGenerator(seed: 22)
        let tol = tolerance(S.self)
        for (n, other) in [(5, 3), (1, 2), (8, 1)] {
            var a = Matrix<S>.random(rows: n, columns: n, in: -1...1, using: &generator)
            a = a + a.transposed()
            let b = Matrix<S>.random(rows: n, columns: other, in: -1...1, using: &generator)
            let bRight = Matrix<S>.random(rows: other, columns: n, in: -1...1, using: &generator)
            let c0 = Matrix<S>.random(rows: n, columns: other, in: -1...1, using: &generator)
            let x = (0..<n).map { _ in S.random(in: -1...1, using: &generator) }
            let y0 = (0..<n).map { _ in S.random(in: -1...1, using: &generator) }
            for triangle in [Triangle.lower, .upper] {
                let input = poisoned(a, keeping: triangle)
                var c = c0
                BLAS.symm(input, triangle: triangle, b, alpha: 0.5, beta: 2, into: &c)
                expectClose(c, Reference.product(a, false, b, false) * 0.5 + c0 * 2, relative: tol, absolute: tol)
                var cRight = Matrix<S>(rows: other, columns: n, repeating: .nan)
                BLAS.symm(input, triangle: triangle, bRight, side: .right, into: &cRight)
                expectClose(cRight, Reference.product(bRight, false, a, false), relative: tol, absolute: tol)
                var y = y0
                BLAS.symv(input, triangle: triangle, x, alpha: -1, beta: 0.5, into: &y)
                let ax = Reference.product(a, false, Matrix(column: x), false).elements
                expectClose(y, zip(ax, y0).map { -$0 + 0.5 * $1 }, relative: tol, absolute: tol)
            }
        }
    }

    @Test("symm (both sides) and symv match the full symmetric product, reading only one triangle")
    func symmetric() {
        checkSymmetric(Float.self)
        checkSymmetric(Double.self)
    }

    func checkLevel12<S: BLASScalar>(_: S.Type) {
        var generator = SeededGenerator(seed: 23)
        let x = (0..<7).map { _ in S.random(in: -1...1, using: &generator) }
        let y = (0..<4).map { _ in S.random(in: -1...1, using: &generator) }
        let a0 = Matrix<S>.random(rows: 7, columns: 4, in: -1...1, using: &generator)
        var a = a0
        BLAS.ger(x, y, alpha: 3, into: &a)
        expectClose(a, a0 + Matrix(rows: 7, columns: 4) { r, c in 3 * x[r] * y[c] }, relative: tolerance(S.self), absolute: tolerance(S.self))

        #expect(abs(BLAS.asum(x) - x.reduce(0) { $0 + abs($1) }) <= tolerance(S.self))
        #expect(BLAS.asum([S]()) == 0)
        let spiky: [S] = [1, -7, 3, 7, -2]
        #expect(BLAS.iamax(spiky) == 1)  // the first of the two largest magnitudes
        #expect(BLAS.iamax([S]()) == nil)
        #expect(BLAS.iamax(x) == x.indices.max { abs(x[$0]) < abs(x[$1]) || (abs(x[$0]) == abs(x[$1]) && $0 > $1) })

        var target = [S](repeating: .nan, count: 7)
        BLAS.copy(x, into: &target)
        #expect(target == x)
        var p: [S] = [1, 2, 3], q: [S] = [4, 5, 6]
        BLAS.swap(&p, &q)
        #expect(p == [4, 5, 6] && q == [1, 2, 3])
    }

    @Test("ger, asum, iamax, copy and swap against direct loops")
    func levelOneAndTwo() {
        checkLevel12(Float.self)
        checkLevel12(Double.self)
    }
}

/// Largest |element|.
func maxAbs<S: BLASScalar>(_ a: Matrix<S>) -> S { a.elements.reduce(0) { max($0, abs($1)) } }

/// ‖A‖₁ computed directly: the largest column sum of magnitudes.
func normOne<S: BLASScalar>(_ a: Matrix<S>) -> S {
    (0..<a.columns).map { c in (0..<a.rows).reduce(S(0)) { $0 + abs(a[$1, c]) } }.max() ?? 0
}

/// `Q₁ · diag(σ) · Q₂` with random orthogonal Q₁, Q₂ (Householder reflections built here, not
/// by the library): a matrix whose singular values and condition number are known exactly.
func withSingularValues<S: BLASScalar>(_ sigma: [S], using generator: inout SeededGenerator) -> Matrix<S> {
    let n = sigma.count
    func reflection() -> Matrix<S> {
        let v = (0..<n).map { _ in S.random(in: -1...1, using: &generator) }
        let vv = v.reduce(0) { $0 + $1 * $1 }
        return Matrix(rows: n, columns: n) { r, c in (r == c ? 1 : 0) - 2 * v[r] * v[c] / vv }
    }
    let q1 = Reference.product(reflection(), false, reflection(), false)
    let q2 = Reference.product(reflection(), false, reflection(), false)
    let d = Matrix(rows: n, columns: n) { r, c in r == c ? sigma[r] : 0 }
    return Reference.product(Reference.product(q1, false, d, false), false, q2, false)
}

@Suite("LAPACK factorisations against their defining properties")
struct LAPACKFactorizationTests {
    func checkLU<S: BLASScalar>(_: S.Type) throws {
        var generator = SeededGenerator(seed: 31)
        let eps = S.ulpOfOne
        for n in [1, 5, 40] {
            for kappa in [S(10), S.self == Float.self ? 1e3 : 1e8] {
                let sigma = (0..<n).map { i in n == 1 ? 1 : S.pow(kappa, -S(i) / S(n - 1)) }
                let a = withSingularValues(sigma, using: &generator)
                let lu = try LAPACK.luFactor(a)
                // Backward stable: ‖L·U·P − A‖ ≤ c·n·ε·‖A‖ (a growth factor of 10 allowed).
                let rebuilt = Reference.product(Reference.product(lu.lower, false, lu.upper, false), false, lu.permutation, false)
                #expect(maxAbs(rebuilt - a) <= 10 * S(n) * eps * maxAbs(a) + eps)
                #expect(triangularPart(lu.lower, .lower) == lu.lower)
                #expect(triangularPart(lu.upper, .upper, unit: true) == lu.upper)
                // The permutation is one: PᵀP = I exactly.
                #expect(Reference.product(lu.permutation, true, lu.permutation, false) == .identity(n))
                // Solves: forward error ≤ c·κ·ε, two right-hand sides and a vector from one factor.
                let x = Matrix<S>.random(rows: n, columns: 2, in: -1...1, using: &generator)
                let b = Reference.product(a, false, x, false)
                let bound = 20 * S(n) * kappa * eps
                expectClose(lu.solve(b), x, relative: bound, absolute: bound)
                expectClose(lu.solve(b.column(1)), x.column(1), relative: bound, absolute: bound)
                // gesv agrees with the reused factor.
                expectClose(try LAPACK.solve(a, b), x, relative: bound, absolute: bound)
                // The inverse: A·A⁻¹ = I to κ·ε.
                let inverse = lu.inverse()
                expectClose(Reference.product(a, false, inverse, false), .identity(n), relative: 0, absolute: bound)
                // gecon's estimate against κ₁ = ‖A‖₁‖A⁻¹‖₁ from the explicit inverse: LAPACK's
                // estimator is a lower bound on κ, rarely low by more than a factor 3.
                let exactKappa = normOne(a) * normOne(inverse)
                let estimate = 1 / lu.reciprocalCondition(.one)
                #expect(estimate <= exactKappa * (1 + bound) && estimate >= exactKappa / 10, "κ₁ \(exactKappa), estimate \(estimate)")
                let estimateInf = 1 / lu.reciprocalCondition(.infinity)
                let exactInf = normOne(a.transposed()) * normOne(inverse.transposed())
                #expect(estimateInf <= exactInf * (1 + bound) && estimateInf >= exactInf / 10)
            }
        }
    }

    @Test("getrf: L·U·P = A; getrs two right-hand sides from one factor; getri A·A⁻¹ = I; gecon within 10× of κ")
    func lu() throws {
        try checkLU(Float.self)
        try checkLU(Double.self)
    }

    func checkDeterminant<S: BLASScalar>(_: S.Type) throws {
        // Leibniz on 3×3 against LU's determinant; row swaps forced by a zero leading entry.
        let a = Matrix<S>([[0, 2, 1], [3, -1, 4], [5, 6, -2]])
        let leibniz = a[0, 0] * (a[1, 1] * a[2, 2] - a[1, 2] * a[2, 1])
            - a[0, 1] * (a[1, 0] * a[2, 2] - a[1, 2] * a[2, 0])
            + a[0, 2] * (a[1, 0] * a[2, 1] - a[1, 1] * a[2, 0])
        #expect(abs(try LAPACK.determinant(a) - leibniz) <= 100 * S.ulpOfOne * abs(leibniz))
        #expect(try LAPACK.determinant(Matrix<S>([[1, 2], [2, 4]])) == 0)
        #expect(try LAPACK.determinant(Matrix<S>(rows: 0, columns: 0)) == 1)
        #expect(throws: LinearAlgebraError.singular(routine: "getrf", index: 2)) {
            try LAPACK.luFactor(Matrix<S>([[1, 2], [2, 4]]))
        }
        #expect(throws: LinearAlgebraError.singular(routine: "getrf", index: 2)) {
            try LAPACK.inverse(Matrix<S>([[1, 2], [2, 4]]))
        }
    }

    @Test("determinant: agrees with the Leibniz formula, 0 for a singular matrix; getrf/getri throw singular")
    func determinant() throws {
        try checkDeterminant(Float.self)
        try checkDeterminant(Double.self)
    }

    func checkQR<S: BLASScalar>(_: S.Type) throws {
        var generator = SeededGenerator(seed: 32)
        let eps = S.ulpOfOne
        for (m, n) in [(9, 4), (4, 9), (6, 6), (1, 3), (3, 1)] {
            let a = Matrix<S>.random(rows: m, columns: n, in: -1...1, using: &generator)
            let (q, r) = try LAPACK.qr(a)
            let k = min(m, n)
            #expect(q.shape == Shape(m, k) && r.shape == Shape(k, n))
            let bound = 20 * S(max(m, n)) * eps
            expectClose(Reference.product(q, true, q, false), .identity(k), relative: 0, absolute: bound)
            expectClose(Reference.product(q, false, r, false), a, relative: 0, absolute: bound)
            for row in 0..<k { for c in 0..<min(row, n) { #expect(r[row, c] == 0) } }
        }
    }

    @Test("QR (gelqf/orglq on the transpose): QᵀQ = I, Q·R = A, R upper trapezoidal, tall and wide")
    func qr() throws {
        try checkQR(Float.self)
        try checkQR(Double.self)
    }

    func checkSVD<S: BLASScalar>(_: S.Type) throws {
        var generator = SeededGenerator(seed: 33)
        let eps = S.ulpOfOne
        for (m, n) in [(8, 5), (5, 8), (6, 6), (1, 4)] {
            let a = Matrix<S>.random(rows: m, columns: n, in: -1...1, using: &generator)
            let k = min(m, n)
            let bound = 30 * S(max(m, n)) * eps * max(maxAbs(a), 1)
            for vectors in [SingularVectors.thin, .full] {
                let svd = try LAPACK.svd(a, vectors: vectors)
                let (ur, vr) = vectors == .thin ? (k, k) : (m, n)
                #expect(svd.u.shape == Shape(m, ur) && svd.vt.shape == Shape(vr, n))
                expectClose(svd.reconstructed(), a, relative: 0, absolute: bound)
                expectClose(Reference.product(svd.u, true, svd.u, false), .identity(ur), relative: 0, absolute: bound)
                expectClose(Reference.product(svd.vt, false, svd.vt, true), .identity(vr), relative: 0, absolute: bound)
                #expect(zip(svd.singularValues, svd.singularValues.dropFirst()).allSatisfy { $0 >= $1 })
                #expect(svd.singularValues.allSatisfy { $0 >= 0 })
            }
            // Independent reference: σ² are the eigenvalues of AᵀA or AAᵀ (syevd).
            let gram = m >= n ? Reference.product(a, true, a, false) : Reference.product(a, false, a, true)
            let squares = try LAPACK.symmetricEigen(gram).values.reversed().map { $0 }
            expectClose(try LAPACK.svd(a).singularValues.map { $0 * $0 }, squares, relative: bound, absolute: bound)
        }
        // Known singular values and condition number.
        let sigma: [S] = [5, 2, 0.5, 0.125]
        expectClose(try LAPACK.svd(withSingularValues(sigma, using: &generator)).singularValues, sigma, relative: 50 * eps, absolute: 50 * eps)
    }

    @Test("SVD (gesdd, thin and full): U·S·Vᵀ = A, orthonormal U and V, σ² = eig(AᵀA), known σ recovered")
    func svd() throws {
        try checkSVD(Float.self)
        try checkSVD(Double.self)
    }

    func checkEigen<S: BLASScalar>(_: S.Type) throws {
        var generator = SeededGenerator(seed: 34)
        let eps = S.ulpOfOne
        let rotation = try LAPACK.eigen(Matrix<S>([[0, -1], [1, 0]]))
        expectClose(rotation.real, [0, 0], relative: 0, absolute: 10 * eps)
        expectClose(rotation.imaginary, [1, -1], relative: 0, absolute: 10 * eps)
        for n in [1, 6, 20] {
            let a = Matrix<S>.random(rows: n, columns: n, in: -1...1, using: &generator)
            let e = try LAPACK.eigen(a)
            let bound = 100 * S(n) * eps * max(maxAbs(a), 1)
            var complexCount = 0
            for j in 0..<n {
                let (vr, vi) = e.vector(j)
                let (lr, li) = (e.real[j], e.imaginary[j])
                if li != 0 { complexCount += 1 }
                // A·(vr + i·vi) = (lr + i·li)(vr + i·vi): real and imaginary parts.
                let avr = Reference.product(a, false, Matrix(column: vr), false).elements
                let avi = Reference.product(a, false, Matrix(column: vi), false).elements
                expectClose(avr, (0..<n).map { lr * vr[$0] - li * vi[$0] }, relative: 0, absolute: bound)
                expectClose(avi, (0..<n).map { lr * vi[$0] + li * vr[$0] }, relative: 0, absolute: bound)
                let norm = (vr + vi).indices.reduce(S(0)) { $0 + (($1 < n ? vr[$1] : vi[$1 - n]) * ($1 < n ? vr[$1] : vi[$1 - n])) }
                #expect(abs(norm - 1) <= bound)
            }
            // Trace = Σλ (independent of the vectors).
            let trace = (0..<n).reduce(S(0)) { $0 + a[$1, $1] }
            #expect(abs(e.real.reduce(0, +) - trace) <= bound)
            #expect(abs(e.imaginary.reduce(0, +)) <= bound)
            if n == 20 { #expect(complexCount > 0, "a random 20×20 matrix has complex eigenvalues; the test should cover them") }
        }
    }

    @Test("geev: A·v = λ·v for real and complex-pair eigenvectors; Σλ = trace; a rotation gives ±i")
    func eigen() throws {
        try checkEigen(Float.self)
        try checkEigen(Double.self)
    }

    func checkConditionAndTriangular<S: BLASScalar>(_: S.Type) throws {
        var generator = SeededGenerator(seed: 35)
        // pocon against the exact κ₁ of diagonal and of general SPD matrices (from the inverse).
        let diagonal = Matrix<S>([[4, 0, 0], [0, 1, 0], [0, 0, 0.5]])
        for triangle in [Triangle.lower, .upper] {
            let rcond = try LAPACK.reciprocalConditionPositiveDefinite(diagonal, triangle: triangle)
            #expect(abs(rcond - 0.125) <= 10 * S.ulpOfOne)
        }
        let spd: Matrix<S> = positiveDefinite(12, using: &generator)
        let inverse = try LAPACK.inverse(spd)
        let exact = normOne(spd) * normOne(inverse)
        let estimate = 1 / (try LAPACK.reciprocalConditionPositiveDefinite(poisoned(spd, keeping: .upper), triangle: .upper))
        #expect(estimate <= exact * 1.001 && estimate >= exact / 10, "κ₁ \(exact), estimate \(estimate)")
        #expect(throws: LinearAlgebraError.notPositiveDefinite(routine: "potrf", order: 2)) {
            try LAPACK.reciprocalConditionPositiveDefinite(Matrix<S>([[1, 2], [2, 1]]))
        }

        // trtrs: solves against a product built by hand, throws singular on a zero diagonal.
        let a: Matrix<S> = diagonallyDominant(7, using: &generator)
        let x = Matrix<S>.random(rows: 7, columns: 3, in: -1...1, using: &generator)
        for triangle in [Triangle.lower, .upper] {
            for transpose in [Transpose.noTranspose, .transposed] {
                let t = triangularPart(a, triangle)
                let b = Reference.product(t, transpose == .transposed, x, false)
                let solved = try LAPACK.solveTriangular(poisoned(a, keeping: triangle), b, triangle: triangle, transpose: transpose)
                expectClose(solved, x, relative: tolerance(S.self) * 10, absolute: tolerance(S.self) * 10)
            }
        }
        var singular = triangularPart(a, .upper)
        singular[3, 3] = 0
        #expect(throws: LinearAlgebraError.singular(routine: "trtrs", index: 4)) {
            try LAPACK.solveTriangular(singular, x, triangle: .upper)
        }
        // A unit diagonal is never read, so a zero there is no singularity.
        #expect(throws: Never.self) { try LAPACK.solveTriangular(singular, x, triangle: .upper, diagonal: .unit) }
    }

    @Test("pocon against exact κ₁; trtrs solves and reports a zero pivot as singular")
    func conditionAndTriangular() throws {
        try checkConditionAndTriangular(Float.self)
        try checkConditionAndTriangular(Double.self)
    }
}
