import Foundation
import Testing
@testable import hw1

/// Problem 5(a): the choice of images and the grid file.
struct SamplesTests {
    @Test func pickIsDistinctAndFixedBySeed() {
        let a = SampleGrid.pick(count: 4, from: 60_000, seed: 11)
        #expect(a.count == 4 && Set(a).count == 4 && a.allSatisfy { (0..<60_000).contains($0) })
        #expect(a == SampleGrid.pick(count: 4, from: 60_000, seed: 11))
        #expect(a != SampleGrid.pick(count: 4, from: 60_000, seed: 12))
        #expect(Set(SampleGrid.pick(count: 10, from: 5, seed: 1)) == Set(0..<5))
    }

    @Test func gridOfFourIsTwoByTwoWithTitles() throws {
        let grid = try SampleGrid.make(
            indices: [0, 1, 2, 3], width: 28, height: 28,
            pixels: { [UInt8](repeating: UInt8($0 * 60), count: 28 * 28) }, title: { "class \($0)" })
        #expect(grid.layout.rows == 2 && grid.layout.columns == 2)
        #expect(grid.tiles.map(\.title) == ["class 0", "class 1", "class 2", "class 3"])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hw1-samples-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try SampleGrid.write(grid, to: folder.appendingPathComponent("s.png"))
        try SampleGrid.write(grid, to: folder.appendingPathComponent("s.svg"))
        let png = try Data(contentsOf: folder.appendingPathComponent("s.png"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        let svg = try String(contentsOf: folder.appendingPathComponent("s.svg"), encoding: .utf8)
        #expect(svg.contains("class 3"))
    }

    @Test func outputMustBePNGOrSVG() {
        #expect(throws: (any Error).self) { try SamplesCommand.parseAsRoot(["--out", "x.jpg"]) }
        #expect(throws: (any Error).self) { try SamplesCommand.parseAsRoot(["--count", "0"]) }
    }
}
