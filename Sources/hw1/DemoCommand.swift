import ArgumentParser
import Foundation
import HW1Demonstrations

/// `hw1 demo NAME`: runs one of the demonstrations behind the written answers (or `all`),
/// prints its tables and writes its SVG figures.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a demonstration of a theory answer (Problems 2–4); --list names them.",
        discussion: "Each demo prints a short table of what it measured and writes its SVG figures to --out.")

    @Argument(help: "The demonstration to run, or 'all'. See --list.")
    var name: String?

    @Flag(name: .long, help: "List every demonstration with its question and exit.")
    var list = false

    @Option(name: .long, help: "Directory for the SVG figures.")
    var out = "results/demos"

    @Option(name: .long, help: "Seed of every random draw (same seed, same numbers).")
    var seed: UInt64 = 1

    @Flag(name: .long, help: "Print the tables as Markdown under their tie markers, and every value the answers may quote (key = value); writes no figures.")
    var markdown = false

    func validate() throws {
        if list { return }
        guard let name else {
            throw ValidationError("name a demonstration or 'all' (hw1 demo --list shows the names)")
        }
        if name != "all" && DemonstrationCatalog.entry(named: name) == nil {
            let names = DemonstrationCatalog.all.map(\.name).joined(separator: ", ")
            throw ValidationError("no demonstration named '\(name)'; choose one of: \(names), or all")
        }
    }

    func run() throws {
        if list {
            let width = DemonstrationCatalog.all.map(\.name.count).max() ?? 0
            for entry in DemonstrationCatalog.all {
                let pad = String(repeating: " ", count: width - entry.name.count)
                print("\(entry.name)\(pad)  \(entry.question.padding(toLength: 5, withPad: " ", startingAt: 0))  \(entry.summary)")
            }
            return
        }
        let entries = name == "all" ? DemonstrationCatalog.all : [DemonstrationCatalog.entry(named: name!)!]
        let directory = URL(fileURLWithPath: out, isDirectory: true)
        for entry in entries {
            let start = Date()
            let report = try entry.run(seed)
            if markdown {
                print("## \(report.name) — \(report.question)\n\n" + report.markdown + "\n")
                continue
            }
            print(report.text)
            for url in try report.writeFigures(to: directory) { print("  figure: \(url.path)") }
            print("  (\(String(format: "%.2f", Date().timeIntervalSince(start))) s)\n")
        }
    }
}
