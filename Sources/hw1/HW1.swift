import ArgumentParser

/// `hw1`: the command-line face of the toolkit. Each subcommand lives in its own file.
@main
struct HW1: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hw1",
        abstract: "Deep-learning homework 1, answered with an OpenBLAS-accelerated Swift toolkit.",
        subcommands: [
            InfoCommand.self,
            TrainCommand.self,
            EvaluateCommand.self,
            SamplesCommand.self,
            ReportCommand.self,
            RegressCommand.self,
            DemoCommand.self,
        ])
}
