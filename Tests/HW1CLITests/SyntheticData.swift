import BLASKit
@testable import hw1

/// Small separable blobs, so training tests run in milliseconds without Fashion-MNIST.
enum SyntheticData {
    /// `classes` Gaussian clusters in `features` dimensions, `perClass` rows each, train and test.
    static func blobs(classes: Int = 3, features: Int = 6, perClass: Int = 40, seed: UInt64 = 7) -> TrainingData {
        var generator = SeededGenerator(seed: seed)
        let centres = (0..<classes).map { _ in (0..<features).map { _ in 2 * generator.nextStandardNormal() } }
        func sample(_ rows: Int) -> (Matrix<Float>, [Int]) {
            var values: [Float] = []
            var labels: [Int] = []
            for row in 0..<rows {
                let label = row % classes
                labels.append(label)
                values += centres[label].map { Float($0 + 0.5 * generator.nextStandardNormal()) }
            }
            return (Matrix(rows: rows, columns: features, elements: values), labels)
        }
        let (trainInputs, trainLabels) = sample(classes * perClass)
        let (testInputs, testLabels) = sample(classes * perClass / 2)
        return TrainingData(trainInputs: trainInputs, trainLabels: trainLabels, testInputs: testInputs,
                            testLabels: testLabels, classCount: classes)
    }

    /// Settings for a tiny, quick run (hidden 8, batch 16).
    static func settings(
        epochs: Int = 3, seed: UInt64 = 1, optimizer: OptimizerKind = .sgd, learningRate: Double = 0.1,
        validation: Int = 0, workers: Int = 1
    ) -> TrainingSettings {
        TrainingSettings(part: "custom", hidden: [8], activation: .sigmoid, optimizer: optimizer,
                         learningRate: learningRate, momentum: optimizer == .momentum ? 0.9 : 0, nesterov: false,
                         weightDecay: 0, batchSize: 16, epochs: epochs, seed: seed, validation: validation,
                         schedule: .constant, workers: workers)
    }
}
