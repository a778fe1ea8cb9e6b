import ArgumentParser
import Foundation
import HW1Data
import BLASKit
import HW1Plotting

/// `hw1 samples`: Problem 5(a), random training images in a grid (2×2 for four), each titled
/// with its class name; different images on every run unless `--seed` is given.
struct SamplesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "samples",
        abstract: "Draw random Fashion-MNIST training images in a grid (Problem 5a), as PNG or SVG.")

    @Option(help: "How many images (4 gives a 2×2 grid).")
    var count: Int = 4

    @Option(help: "Seed of the choice; without it a fresh seed is drawn and printed.")
    var seed: UInt64?

    @Option(help: "Output file; .png or .svg.")
    var out: String = "results/samples.png"

    @Option(help: "Folder with the Fashion-MNIST files.")
    var dataDir: String?

    func validate() throws {
        guard (1...100).contains(count) else { throw ValidationError("--count must lie in 1...100; got \(count)") }
        guard SampleGrid.Format(path: out) != nil else {
            throw ValidationError("--out must end in .png or .svg; got '\(out)'")
        }
    }

    func run() throws {
        let seed = seed ?? UInt64.random(in: 0...UInt64(UInt32.max))
        let data = try FashionMNIST.load(dataDirectory: dataDir.map { URL(fileURLWithPath: $0) })
        let split = data.train
        let indices = SampleGrid.pick(count: count, from: split.count, seed: seed)
        let grid = try SampleGrid.make(
            indices: indices, width: split.imageColumns, height: split.imageRows,
            pixels: { split.pixels(ofImage: $0) }, title: { FashionMNIST.classNames[split.labels[$0]] })
        let url = URL(fileURLWithPath: out)
        try SampleGrid.write(grid, to: url)
        print("wrote \(out): training images \(indices.map(String.init).joined(separator: ", ")) (seed \(seed); repeat with --seed \(seed))")
    }
}

/// Choosing and drawing the sample images (shared by `hw1 samples` and tests).
enum SampleGrid {
    /// Output formats by file extension.
    enum Format {
        case png, svg
        init?(path: String) {
            switch URL(fileURLWithPath: path).pathExtension.lowercased() {
            case "png": self = .png
            case "svg": self = .svg
            default: return nil
            }
        }
    }

    /// `count` distinct indices in `0..<total`, fixed by `seed`.
    static func pick(count: Int, from total: Int, seed: UInt64) -> [Int] {
        var generator = SeededGenerator(seed: seed)
        var chosen: [Int] = []
        var seen = Set<Int>()
        while chosen.count < min(count, total) {
            let index = Int(generator.next() % UInt64(total))
            if seen.insert(index).inserted { chosen.append(index) }
        }
        return chosen
    }

    /// A grid of the images at `indices`, each under its title.
    static func make(
        indices: [Int], width: Int, height: Int, pixels: (Int) -> [UInt8], title: (Int) -> String
    ) throws -> ImageGrid {
        let tiles = try indices.map { index in
            ImageGrid.Tile(image: try GrayscaleImage(width: width, height: height, pixels: pixels(index)), title: title(index))
        }
        return try ImageGrid(tiles: tiles)
    }

    /// Writes PNG or SVG by the file extension, creating the folder.
    static func write(_ grid: ImageGrid, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        switch Format(path: url.path) {
        case .png: try grid.writePNG(to: url)
        case .svg: try grid.writeSVG(to: url)
        case nil: throw CLIError("\(url.path): the sample grid is written as .png or .svg")
        }
    }
}
