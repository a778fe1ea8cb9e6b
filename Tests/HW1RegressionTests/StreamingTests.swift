import Foundation
import HW1Data
import BLASKit
import Testing

@testable import HW1Regression

/// The streamed closed form (`NormalEquationSums`) against the in-memory solve, and the same sums
/// reduced over partitions in a different order, as a data-parallel engine would.
@Suite("Streaming normal equations")
struct StreamingTests {
    /// ‖a − b‖ / ‖b‖ over the weights with the bias appended.
    private func relative(_ a: LinearModel<Double>, _ b: LinearModel<Double>) -> Double {
        relativeError(a.weights + [a.bias], b.weights + [b.bias])
    }

    /// Sums of rows `range` of `x`, `y`, added in blocks of `block` rows.
    private func sums(_ x: Matrix<Double>, _ y: [Double], rows range: Range<Int>, block: Int) -> NormalEquationSums {
        var sums = NormalEquationSums(featureCount: x.columns)
        for start in stride(from: range.lowerBound, to: range.upperBound, by: block) {
            let end = min(start + block, range.upperBound)
            let part = Matrix<Double>(rows: end - start, columns: x.columns) { r, c in x[unchecked: start + r, c] }
            sums.add(part, Array(y[start..<end]))
        }
        return sums
    }

    @Test("diabetes CSV streamed in 2 KiB chunks equals the in-memory QR solve to 1e-10")
    func diabetesStreamedEqualsInMemory() throws {
        let url = RealDataTests.fixtures.appendingPathComponent("diabetes.csv")
        let reader = try NumericCSVReader(contentsOf: url, chunkBytes: 2048)
        let target = reader.columnNames.firstIndex(of: "target")!
        var sums = NormalEquationSums(featureCount: reader.columnNames.count - 1)
        var blocks = 0
        try reader.forEachBlock { block in
            sums.add(block: block.values, rows: block.rowCount, columns: reader.columnNames.count, targetColumn: target)
            blocks += 1
        }
        #expect(blocks > 10 && sums.count == 442)
        let (x, y, _) = try RealDataTests.load()
        let streamed = try sums.solve()
        for method in [ClosedFormMethod.qr, .cholesky] {
            let inMemory = try LinearRegression.fitClosedForm(x, y, method: method)
            #expect(relative(streamed.model, inMemory.model) < 1e-10, "\(method)")
        }
        let loss = LinearModel(weights: streamed.model.weights, bias: streamed.model.bias).loss(x, y)
        #expect(abs(streamed.loss - loss) <= 1e-10 * loss)
    }

    @Test("10⁶ rows streamed in blocks of 10⁴ equal the in-memory QR solve to 1e-10")
    func millionRowsStreamedEqualsInMemory() throws {
        let problem = SyntheticRegression<Double>(rows: 1_000_000, columns: 10, condition: 100, seed: 3)
        let x = problem.features, y = problem.targets
        let streamed = try sums(x, y, rows: 0..<x.rows, block: 10_000).solve()
        let inMemory = try LinearRegression.fitClosedForm(x, y, method: .qr)
        #expect(relative(streamed.model, inMemory.model) < 1e-10)
    }

    @Test("k partitions summed separately and reduced in another order give the same fit to 1e-12")
    func partitionsReducedInAnyOrderAgree() throws {
        let problem = SyntheticRegression<Double>(rows: 20_000, columns: 8, condition: 10, seed: 5)
        let x = problem.features, y = problem.targets
        // Seven partitions of unequal sizes, each accumulated on its own in blocks of 700 rows.
        let cuts = [0, 1_000, 4_500, 6_000, 11_111, 15_000, 17_500, 20_000]
        let partitions = (0..<7).map { sums(x, y, rows: cuts[$0]..<cuts[$0 + 1], block: 700) }
        let sequential = try sums(x, y, rows: 0..<x.rows, block: 700).solve().model

        var reversed = NormalEquationSums(featureCount: 8)
        for partition in partitions.reversed() { reversed.merge(partition) }
        // A tree reduction, as treeAggregate or an allreduce would do it: ((6+2)+(0+4)) + ((5+3)+1).
        func merged(_ a: NormalEquationSums, _ b: NormalEquationSums) -> NormalEquationSums {
            var sum = a
            sum.merge(b)
            return sum
        }
        let p = partitions
        let tree = merged(merged(merged(p[6], p[2]), merged(p[0], p[4])), merged(merged(p[5], p[3]), p[1]))

        #expect(reversed.count == 20_000 && tree.count == 20_000)
        #expect(relative(try reversed.solve().model, sequential) < 1e-12)
        #expect(relative(try tree.solve().model, sequential) < 1e-12)
        #expect(relative(try tree.solve().model, try LinearRegression.fitClosedForm(x, y, method: .qr).model) < 1e-10)
    }

    @Test("features far from zero (mean 10⁶, spread 1) still match QR: blocks are centred on their own means")
    func largeOffsetsDoNotCancel() throws {
        let problem = SyntheticRegression<Double>(rows: 50_000, columns: 5, condition: 1, seed: 9)
        let base = problem.features
        let x = Matrix<Double>(rows: base.rows, columns: base.columns) { r, c in base[unchecked: r, c] + 1e6 }
        let streamed = try sums(x, problem.targets, rows: 0..<x.rows, block: 4096).solve().model
        let qr = try LinearRegression.fitClosedForm(x, problem.targets, method: .qr).model
        #expect(relativeError(streamed.weights, qr.weights) < 1e-8)
    }

    @Test("too few rows and no features are refused like the in-memory solve")
    func tooFewRowsIsRefused() {
        var sums = NormalEquationSums(featureCount: 3)
        sums.add(Matrix([[1, 2, 3], [4, 5, 6]]), [1, 2])
        #expect(throws: RegressionError.tooFewRows(rows: 2, columns: 3)) { try sums.solve() }
        #expect(throws: RegressionError.noFeatures) { try NormalEquationSums(featureCount: 0).solve() }
    }
}
