import HW1Data
import BLASKit
import HW1NeuralNetwork

/// A labelled training set and test set in memory: inputs `[n, features]`, labels `[n]`.
struct TrainingData: Sendable {
    /// Rows in Fashion-MNIST's training set (the bound of `--validation`).
    static let fashionMNISTTrainingRows = 60_000

    var trainInputs: Matrix<Float>
    var trainLabels: [Int]
    var testInputs: Matrix<Float>
    var testLabels: [Int]
    /// Number of classes (the output layer's width).
    var classCount: Int

    init(trainInputs: Matrix<Float>, trainLabels: [Int], testInputs: Matrix<Float>, testLabels: [Int], classCount: Int) {
        self.trainInputs = trainInputs
        self.trainLabels = trainLabels
        self.testInputs = testInputs
        self.testLabels = testLabels
        self.classCount = classCount
    }

    /// Fashion-MNIST as `x / 255` rows of 784 pixels.
    init(fashionMNIST data: FashionMNIST) {
        self.init(
            trainInputs: data.train.inputs, trainLabels: data.train.labels,
            testInputs: data.test.inputs, testLabels: data.test.labels, classCount: FashionMNIST.classNames.count)
    }
}

extension FashionMNISTSplit {
    /// The images as network inputs: `[count, pixelsPerImage]`, pixels as `x / 255`.
    var inputs: Matrix<Float> { Matrix(rows: count, columns: pixelsPerImage, elements: images) }
}

/// What a training run produced: the trained (or last finite) network and its history.
struct TrainingResult: Sendable {
    var network: Network<Float>
    var history: TrainingHistory
}

/// The core of `hw1 train`, independent of files and the terminal: builds the network from
/// the seed, trains it with the chosen optimiser, and returns the outcome.
struct TrainingJob: Sendable {
    let settings: TrainingSettings

    /// Trains on `data`; `shouldStop` is polled before every batch (wired to Ctrl-C).
    func run(
        on data: TrainingData, progress: (TrainingProgress) -> Void = { _ in }, shouldStop: () -> Bool = { false }
    ) throws -> TrainingResult {
        let trainer = try Trainer(
            trainInputs: data.trainInputs, trainLabels: data.trainLabels,
            testInputs: data.testInputs, testLabels: data.testLabels,
            configuration: settings.trainingConfiguration)
        var generator = SeededGenerator(seed: settings.seed)
        var network = try Network<Float>(
            sizes: settings.layerSizes(inputSize: data.trainInputs.columns, classCount: data.classCount),
            activation: settings.activation, using: &generator)
        let rate = Float(settings.learningRate), decay = Float(settings.weightDecay)
        let history: TrainingHistory
        switch settings.optimizer {
        case .sgd:
            var optimizer = SGD<Float>(learningRate: rate, weightDecay: decay)
            history = try trainer.train(&network, optimizer: &optimizer, progress: progress, shouldStop: shouldStop)
        case .momentum:
            var optimizer = SGD<Float>(learningRate: rate, momentum: Float(settings.momentum),
                                       nesterov: settings.nesterov, weightDecay: decay)
            history = try trainer.train(&network, optimizer: &optimizer, progress: progress, shouldStop: shouldStop)
        case .adam:
            var optimizer = Adam<Float>(learningRate: rate, weightDecay: decay)
            history = try trainer.train(&network, optimizer: &optimizer, progress: progress, shouldStop: shouldStop)
        }
        return TrainingResult(network: network, history: history)
    }
}
