import BLASKit
import HW1NeuralNetwork
import RealModule
import Testing

@Suite struct StabilityTests {
    @Test func sigmoidIsFiniteAndCorrectAtExtremeInputs() {
        #expect(Activation.sigmoid(Float(1e4)) == 1)
        #expect(Activation.sigmoid(Float(-1e4)) == 0)
        #expect(Activation.sigmoid(Double(1e4)) == 1)
        #expect(Activation.sigmoid(Double(-1e4)) == 0)
        #expect(Activation.sigmoid(Double(0)) == 0.5)
        // Symmetry σ(−z) = 1 − σ(z) and a known value.
        #expect(abs(Activation.sigmoid(-2.0) - (1 - Activation.sigmoid(2.0))) < 1e-15)
        #expect(abs(Activation.sigmoid(1.0) - 0.7310585786300049) < 1e-15)
        #expect(Activation.sigmoid(Float(-100)).isFinite && Activation.sigmoid(Float(-100)) >= 0)
    }

    @Test func sigmoidLayerStaysFiniteAtExtremeInputs() {
        let layer = Dense<Float>(weight: Matrix([[1], [-1]]), bias: [0, 0], activation: .sigmoid)
        let y = layer.forward(Matrix([[1e4], [-1e4]]))
        #expect(y.elements == [1, 0, 0, 1])
    }

    @Test func logSoftmaxIsFiniteAndCorrectAtExtremeLogits() {
        let logits = Matrix<Float>([[1e4, 0, -1e4], [-1e4, -1e4, -1e4]])
        let log = SoftmaxCrossEntropy.logSoftmax(logits)
        #expect(log.elements.allSatisfy { $0.isFinite })
        #expect(log[0, 0] == 0)
        #expect(log[0, 1] == -1e4)
        #expect(abs(log[1, 0] - -Float.log(3)) < 1e-6)
        let loss = SoftmaxCrossEntropy.loss(logits: logits, labels: [0, 2])
        #expect(abs(loss - Float.log(3) / 2) < 1e-6)
        let wrong = SoftmaxCrossEntropy.loss(logits: logits, labels: [2, 1])
        #expect(wrong.isFinite && abs(wrong - (2e4 + Float.log(3)) / 2) < 1)
        let (_, gradient) = SoftmaxCrossEntropy.lossAndGradient(logits: logits, labels: [2, 1])
        #expect(gradient.elements.allSatisfy { $0.isFinite })
        #expect(abs(gradient[0, 0] - 0.5) < 1e-6 && abs(gradient[0, 2] + 0.5) < 1e-6)
    }
}

@Suite struct FloatSigmoidLayerTests {
    @Test func floatSigmoidLayerMatchesTheDoubleSigmoidToAFewUlp() {
        // A 1→1 identity-weight layer: y = σ(x) on a dense grid of x over −100...100.
        let xs = stride(from: -100.0, through: 100.0, by: 0.0137).map { Float($0) }
        let layer = Dense<Float>(weight: Matrix([[1]]), bias: [0], activation: .sigmoid)
        let y = layer.forward(Matrix(column: xs))
        var worst: Double = 0
        var worstAt: Float = 0
        for (x, value) in zip(xs, y.elements) {
            let exact = Activation.sigmoid(Double(x))
            let tolerance = max(exact * 6e-7, 2e-38)   // ~5 ulp relative; below z = −87 flushed to 0
            let error = abs(Double(value) - exact) / tolerance
            if error > worst { worst = error; worstAt = x }
        }
        #expect(worst <= 1, "worst at x = \(worstAt)")
    }
}
