/// Bad input to the neural-network module, each case naming what is wrong and how to fix it.
public enum NeuralNetworkError: Error, Equatable, CustomStringConvertible {
    /// Layer sizes that cannot form a network.
    case invalidSizes([Int])
    /// A training option outside its valid range (name, value, what is expected).
    case invalidOption(name: String, value: String, expected: String)
    /// A data set whose inputs, labels or columns do not fit the network.
    case dataShape(String)
    /// A label outside `0..<classes`.
    case labelOutOfRange(set: String, row: Int, label: Int, classes: Int)
    /// A parameter name that this network does not have.
    case unknownParameter(name: String, known: [String])
    /// A parameter with the wrong shape or element count.
    case parameterShape(name: String, expected: [Int], got: [Int])
    /// A required parameter that was not supplied.
    case missingParameter(name: String)

    public var description: String {
        switch self {
        case .invalidSizes(let sizes):
            return "invalid layer sizes \(sizes): need at least an input and an output size, all positive, with a parameter count that fits a 64-bit integer (e.g. [784, 128, 64, 10])"
        case .invalidOption(let name, let value, let expected):
            return "invalid \(name) \(value): expected \(expected)"
        case .dataShape(let message):
            return message
        case .labelOutOfRange(let set, let row, let label, let classes):
            return "\(set) label \(label) at row \(row) is outside 0..<\(classes); the labels must be class indices of the output layer"
        case .unknownParameter(let name, let known):
            return "unknown parameter '\(name)'; this network has \(known.joined(separator: ", "))"
        case .parameterShape(let name, let expected, let got):
            return "parameter '\(name)' has shape \(got), the network needs \(expected)"
        case .missingParameter(let name):
            return "parameter '\(name)' is missing; a saved model must hold every layers.{i}.weight and layers.{i}.bias"
        }
    }
}
