import ArgumentParser
import Testing
@testable import hw1

/// Bad flags stop in `validate()`, before any data is read, with a message naming the flag.
struct TrainFlagValidationTests {
    /// The message ArgumentParser would print for `arguments`, or nil if they parse.
    func failure(_ arguments: [String]) -> String? {
        do {
            _ = try TrainCommand.parseAsRoot(arguments)
            return nil
        } catch {
            return TrainCommand.message(for: error)
        }
    }

    @Test(arguments: [
        (["--learning-rate", "-0.1"], "--learning-rate"),
        (["--learning-rate", "0"], "--learning-rate"),
        (["--learning-rate", "nan"], "--learning-rate"),
        (["--learning-rate", "inf"], "--learning-rate"),
        (["--batch-size", "0"], "--batch-size"),
        (["--epochs", "0"], "--epochs"),
        (["--activation", "tanh"], "--activation"),
        (["--activation", "identity"], "--activation"),
        (["--optimizer", "rmsprop"], "--optimizer"),
        (["--hidden", "12a"], "--hidden"),
        (["--hidden", "128,,64"], "--hidden"),
        (["--hidden", "128,0"], "--hidden"),
        (["--hidden", ""], "--hidden"),
        (["--part", "z"], "--part"),
        (["--part", "d", "--momentum", "1"], "--momentum"),
        (["--part", "d", "--momentum", "-0.5"], "--momentum"),
        (["--momentum", "0.9"], "--momentum"),
        (["--nesterov"], "--nesterov"),
        (["--weight-decay", "-1"], "--weight-decay"),
        (["--validation", "-1"], "--validation"),
        (["--validation", "60000"], "--validation"),
        (["--workers", "0"], "--workers"),
        (["--schedule", "linear"], "--schedule"),
        (["--schedule", "step:0"], "--schedule"),
    ])
    func badFlagIsRejectedNamingIt(arguments: [String], flag: String) {
        let message = failure(arguments)
        #expect(message != nil, "\(arguments) should be rejected")
        #expect(message?.contains(flag) == true, "message for \(arguments): \(message ?? "nil")")
    }

    @Test func hiddenMessageQuotesTheBadListAndAnExample() {
        #expect(failure(["--hidden", "12a"])?.contains("--hidden expects comma-separated positive integers like 128,64; got '12a'") == true)
    }

    @Test func unknownChoicesListTheValidOnes() {
        #expect(failure(["--optimizer", "rmsprop"])?.contains("sgd, momentum, adam") == true)
        #expect(failure(["--activation", "tanh"])?.contains("sigmoid, relu") == true)
    }

    @Test func validFlagsParse() {
        #expect(failure(["--part", "b"]) == nil)
        #expect(failure(["--part", "d", "--momentum", "0", "--nesterov"]) != nil)
        #expect(failure(["--part", "d", "--momentum", "0.5", "--nesterov", "--schedule", "cosine:0.001"]) == nil)
        #expect(failure(["--optimizer", "adam", "--weight-decay", "1e-4", "--schedule", "step:3:0.5"]) == nil)
    }
}
