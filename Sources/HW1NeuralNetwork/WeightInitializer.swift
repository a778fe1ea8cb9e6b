import BLASKit

/// How a ``Dense`` layer's weights are drawn (biases always start at zero).
///
/// Samples are drawn in `Double` and rounded to the scalar type, so a `Float` and a `Double`
/// network built from the same seed hold the same values up to rounding.
public enum WeightInitializer: Sendable, Equatable {
    /// Glorot & Bengio: U(−a, a) with a = √(6 / (fan_in + fan_out)).
    case xavierUniform
    /// Glorot & Bengio: N(0, 2 / (fan_in + fan_out)).
    case xavierNormal
    /// He et al. (Kaiming normal): N(0, 2 / fan_in), suited to ReLU.
    case he
    /// All zeros (Problem 4(a): every hidden unit of a layer stays identical).
    case zeros
    /// N(0, σ²) with the given standard deviation σ.
    case normal(standardDeviation: Double)

    /// The default for an activation: Xavier (uniform) for sigmoid and identity, He for ReLU.
    public static func `default`(for activation: Activation) -> WeightInitializer {
        activation == .relu ? .he : .xavierUniform
    }

    /// A weight matrix `[outputs, inputs]` (fan_in = inputs, fan_out = outputs), row-major.
    public func weights<Scalar: BLASScalar, Generator: RandomNumberGenerator>(
        outputs: Int, inputs: Int, using generator: inout Generator
    ) -> [Scalar] {
        let count = outputs * inputs
        let fanIn = Double(inputs), fanOut = Double(outputs)
        switch self {
        case .zeros:
            return [Scalar](repeating: 0, count: count)
        case .xavierUniform:
            let limit = (6 / (fanIn + fanOut)).squareRoot()
            return (0..<count).map { _ in Scalar(Double.random(in: -limit...limit, using: &generator)) }
        case .xavierNormal:
            return Self.normalSamples(count, standardDeviation: (2 / (fanIn + fanOut)).squareRoot(), using: &generator)
        case .he:
            return Self.normalSamples(count, standardDeviation: (2 / fanIn).squareRoot(), using: &generator)
        case .normal(let sigma):
            return Self.normalSamples(count, standardDeviation: sigma, using: &generator)
        }
    }

    private static func normalSamples<Scalar: BLASScalar, Generator: RandomNumberGenerator>(
        _ count: Int, standardDeviation: Double, using generator: inout Generator
    ) -> [Scalar] {
        (0..<count).map { _ in Scalar(standardDeviation * generator.nextStandardNormal()) }
    }
}
