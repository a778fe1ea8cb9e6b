import Foundation
import HW1Data
import BLASKit
import Testing

@testable import HW1Regression

/// scikit-learn's diabetes data set (raw units) and its `LinearRegression` coefficients,
/// exported by Scripts/make_regression_fixture.py.
@Suite("Real data against scikit-learn")
struct RealDataTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    struct Reference: Decodable {
        let weights: [Double]
        let bias: Double
    }

    static func load() throws -> (Matrix<Double>, [Double], Reference) {
        let table = try NumericCSV(contentsOf: fixtures.appendingPathComponent("diabetes.csv"))
        let split = try table.splittingTarget(named: "target")
        let x = Matrix(rows: split.rowCount, columns: split.columnCount, elements: split.features)
        let data = try Data(contentsOf: fixtures.appendingPathComponent("diabetes-sklearn.json"))
        return (x, split.target, try JSONDecoder().decode(Reference.self, from: data))
    }

    @Test("coefficients match scikit-learn's LinearRegression to a relative 1e-8", arguments: ClosedFormMethod.allCases)
    func matchesScikitLearn(method: ClosedFormMethod) throws {
        let (x, y, reference) = try Self.load()
        #expect(x.rows == 442 && x.columns == 10)
        let fit = try LinearRegression.fitClosedForm(x, y, method: method)
        #expect(relativeError(fit.model.weights, reference.weights) < 1e-8)
        for (w, r) in zip(fit.model.weights, reference.weights) { #expect(abs(w - r) <= 1e-8 * abs(r)) }
        #expect(abs(fit.model.bias - reference.bias) <= 1e-8 * abs(reference.bias))
    }
}

/// The CSV problems the `hw1 regress` command stops on, each located by line and column.
@Suite("CSV input for regression")
struct RegressionCSVTests {
    func message(_ text: String, target: String = "y") -> String {
        do {
            let split = try NumericCSV(parsing: text, source: "data.csv").splittingTarget(named: target)
            let x = Matrix(rows: split.rowCount, columns: split.columnCount, elements: split.features)
            _ = try LinearRegression.fitClosedForm(x, split.target, method: .qr)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test("a row with the wrong number of fields names its line")
    func malformedRow() {
        #expect(message("a,b,y\n1,2,3\n4,5\n").contains("line 3: malformed row: expected 3 fields"))
    }

    @Test("a value that is not a number names its line and column")
    func notANumber() {
        #expect(message("a,b,y\n1,2,3\n4,five,6\n7,8,9\n").contains("line 3, column 2"))
    }

    @Test("a missing target column lists the columns there are")
    func missingTarget() {
        let text = message("a,b,c\n1,2,3\n", target: "price")
        #expect(text.contains("price") && text.contains("\"a\", \"b\", \"c\""))
    }

    @Test("NaN and infinite values name their line and column", arguments: ["nan", "inf", "-inf", "NaN"])
    func nonFinite(value: String) {
        #expect(message("a,b,y\n1,2,3\n4,5,6\n7,\(value),9\n").contains("line 4, column 2 (\"b\"): value \"\(value)\" is not finite"))
    }

    @Test("fewer rows than columns is refused with the counts and the fix")
    func fewerRowsThanColumns() {
        let text = message("a,b,c,y\n1,2,3,4\n5,6,7,8\n")
        #expect(text.contains("fewer rows than columns: 2 data rows for 3 feature columns"))
    }

    @Test("a well-formed file fits")
    func wellFormed() {
        #expect(message("a,b,y\n1,0,1\n0,1,2\n1,1,3.5\n2,1,4\n") == "no error")
    }
}
