import BLASKit
import HW1NeuralNetwork

/// cs231n's relative error |a − b| / max(|a|, |b|) (0 when both are 0), the largest over all entries.
func maxRelativeError(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let scale = max(abs(x), abs(y))
        if scale > 0 { worst = max(worst, abs(x - y) / scale) }
    }
    return worst
}

/// Centred finite differences (f(x + h) − f(x − h)) / 2h of a scalar function of `values`.
func numericalGradient(of values: [Double], step h: Double = 1e-5, _ f: ([Double]) -> Double) -> [Double] {
    var x = values
    return values.indices.map { i in
        let original = x[i]
        x[i] = original + h
        let plus = f(x)
        x[i] = original - h
        let minus = f(x)
        x[i] = original
        return (plus - minus) / (2 * h)
    }
}

/// A matrix of uniform values in −1...1 from a fixed seed.
func randomMatrix(_ rows: Int, _ columns: Int, seed: UInt64, scale: Double = 1) -> Matrix<Double> {
    var generator = SeededGenerator(seed: seed)
    return Matrix<Double>.random(rows: rows, columns: columns, in: -scale...scale, using: &generator)
}

/// Labels `0..<classes`, one per row, from a fixed seed.
func randomLabels(_ count: Int, classes: Int, seed: UInt64) -> [Int] {
    var generator = SeededGenerator(seed: seed)
    return (0..<count).map { _ in Int.random(in: 0..<classes, using: &generator) }
}
