import ArgumentParser
import BLASKit

/// `hw1 info`: the OpenBLAS build and thread count this binary runs with.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info", abstract: "Print the OpenBLAS configuration and thread count.")

    @Option(name: .long, help: "Set the OpenBLAS thread count before printing it.")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 {
            throw ValidationError("--threads must be at least 1, got \(threads)")
        }
    }

    func run() throws {
        if let threads { OpenBLAS.threadCount = threads }
        print("OpenBLAS: \(OpenBLAS.configuration)")
        print("core:     \(OpenBLAS.coreName)")
        print("threads:  \(OpenBLAS.threadCount)")
    }
}
