import Foundation
import Testing

@testable import HW1Plotting

@Suite("Image grid")
struct ImageGridTests {
    /// A 28×28 image that is black except for one bright pixel at (`x`, `y`).
    func digitLikeImage(brightAt x: Int, _ y: Int, value: UInt8 = 200) throws -> GrayscaleImage {
        var pixels = [UInt8](repeating: 0, count: 28 * 28)
        pixels[y * 28 + x] = value
        return try GrayscaleImage(width: 28, height: 28, pixels: pixels)
    }

    func grid(count: Int) throws -> ImageGrid {
        try ImageGrid(
            tiles: (0..<count).map { index in
                ImageGrid.Tile(image: try digitLikeImage(brightAt: index, index), title: "\(index)")
            })
    }

    @Test(arguments: [(1, 1, 1), (2, 1, 2), (3, 1, 3), (4, 2, 2), (5, 2, 3), (6, 2, 3), (9, 3, 3), (10, 3, 4)])
    func gridShapeFollowsTheCount(count: Int, rows: Int, columns: Int) {
        let shape = ImageGridLayout.shape(forCount: count)
        #expect(shape.rows == rows && shape.columns == columns)
    }

    @Test func fourTilesMakeATwoByTwoCanvas() throws {
        let layout = try grid(count: 4).layout
        #expect(layout.rows == 2 && layout.columns == 2)
        #expect(layout.imageWidth == 168 && layout.imageHeight == 168)
        // Short titles leave the cell as wide as the ×6 image; band = 8 font rows ×2 + 6.
        #expect(layout.cellWidth == 168)
        #expect(layout.titleBandHeight == 22)
        #expect(layout.canvasWidth == 2 * 12 + 2 * 168 + 16)
        #expect(layout.canvasHeight == 2 * 12 + 2 * (22 + 168) + 16)
        let raster = try grid(count: 4).raster()
        #expect(raster.width == layout.canvasWidth && raster.height == layout.canvasHeight)
    }

    @Test func sixTilesMakeTwoRowsOfThree() throws {
        let layout = try grid(count: 6).layout
        #expect(layout.rows == 2 && layout.columns == 3)
        #expect(layout.canvasWidth == 2 * 12 + 3 * 168 + 2 * 16)
        #expect(layout.canvasHeight == 2 * 12 + 2 * (22 + 168) + 16)
        #expect(layout.imageOrigin(ofTile: 4) == (12 + 168 + 16, 12 + 22 + 168 + 16 + 22))
    }

    @Test func longTitlesWidenTheCells() throws {
        let title = "label 7 / predicted 1 (wrong)"
        let grid = try ImageGrid(tiles: [ImageGrid.Tile(image: try digitLikeImage(brightAt: 0, 0), title: title)])
        #expect(grid.layout.cellWidth == BitmapFont.standard.width(of: title, scale: 2) + 8)
        #expect(grid.layout.cellWidth > 168)
        // The image is centred under the title.
        let origin = grid.layout.imageOrigin(ofTile: 0)
        #expect(origin.x == 12 + (grid.layout.cellWidth - 168) / 2)
    }

    @Test func everyImagePixelBecomesAScaledBlock() throws {
        let grid = try grid(count: 4)
        let raster = grid.raster()
        for index in 0..<4 {
            let origin = grid.layout.imageOrigin(ofTile: index)
            // Tile `index` is bright at (index, index): a 6×6 block of 200 surrounded by black.
            for dy in 0..<6 {
                for dx in 0..<6 {
                    let x = origin.x + index * 6 + dx
                    let y = origin.y + index * 6 + dy
                    #expect(raster.pixels[y * raster.width + x] == 200)
                }
            }
            let besideBlock = (origin.y + index * 6) * raster.width + origin.x + index * 6 + 6
            #expect(raster.pixels[besideBlock] == 0)
        }
    }

    @Test func titlesAreInkedInTheBandAboveEachImage() throws {
        let grid = try grid(count: 4)
        let raster = grid.raster()
        let layout = grid.layout
        for index in 0..<4 {
            let cell = layout.cellOrigin(ofTile: index)
            var ink = 0
            for y in cell.y..<(cell.y + layout.titleBandHeight) {
                for x in cell.x..<(cell.x + layout.cellWidth) where raster.pixels[y * raster.width + x] == 0 {
                    ink += 1
                }
            }
            #expect(ink > 0, "title of tile \(index) is missing")
        }
        // The margin stays white.
        #expect(raster.pixels[0..<raster.width].allSatisfy { $0 == 255 })
    }

    @Test func pngOutputIsAGrayscalePNGOfTheRaster() throws {
        let grid = try grid(count: 4)
        let file = [UInt8](try grid.pngData())
        let chunks = pngChunks(file)
        #expect(bigEndian32(chunks[0].data, at: 0) == UInt32(grid.layout.canvasWidth))
        #expect(bigEndian32(chunks[0].data, at: 4) == UInt32(grid.layout.canvasHeight))
        #expect(chunks[0].data[9] == 0)
        let raster = grid.raster()
        let scanlines = inflate(chunks[1].data, expectedCount: raster.height * (raster.width + 1))
        let rowLength = raster.width + 1
        var stripped: [UInt8] = []
        for row in 0..<raster.height {
            #expect(scanlines[row * rowLength] == 0)
            stripped += scanlines[(row * rowLength + 1)..<((row + 1) * rowLength)]
        }
        #expect(stripped == raster.pixels)
    }

    @Test func svgEmbedsEachImageAsAPixelatedPNGUnderRealTextTitles() throws {
        let grid = try ImageGrid(
            tiles: (0..<4).map {
                ImageGrid.Tile(image: try digitLikeImage(brightAt: $0, 0), title: "label \($0) & <x>")
            })
        let tree = try #require(SVGTree(try grid.svg()))
        #expect(tree.root?.attributes["width"] == String(grid.layout.canvasWidth))
        #expect(tree.texts == (0..<4).map { "label \($0) & <x>" })
        let images = tree.all("image")
        #expect(images.count == 4)
        for (index, image) in images.enumerated() {
            #expect(image.attributes["style"]?.contains("image-rendering: pixelated") == true)
            #expect(image.attributes["width"] == "168")
            let href = try #require(image.attributes["xlink:href"])
            #expect(href.hasPrefix("data:image/png;base64,"))
            let png = try #require(Data(base64Encoded: String(href.dropFirst("data:image/png;base64,".count))))
            let chunks = pngChunks([UInt8](png))
            #expect(bigEndian32(chunks[0].data, at: 0) == 28)
            let scanlines = inflate(chunks[1].data, expectedCount: 28 * 29)
            #expect(scanlines[1 + index] == 200)
        }
    }

    @Test func tilesOfDifferentSizesAreRejected() throws {
        let small = try GrayscaleImage(width: 8, height: 8, filledWith: 0)
        #expect(
            throws: PlottingError.tileSizeMismatch(index: 1, width: 8, height: 8, expectedWidth: 28, expectedHeight: 28)
        ) {
            try ImageGrid(tiles: [
                .init(image: try digitLikeImage(brightAt: 0, 0), title: "a"), .init(image: small, title: "b"),
            ])
        }
        #expect(throws: PlottingError.invalidScale(name: "image scale", value: 0)) {
            try ImageGrid(tiles: [.init(image: small, title: "a")], scale: 0)
        }
        #expect(throws: PlottingError.emptyInput("an image grid needs at least one tile")) {
            try ImageGrid(tiles: [])
        }
    }

    @Test func intensitiesInZeroToOneBecomeBytes() throws {
        let image = try GrayscaleImage(width: 2, height: 2, intensities: [Float(0), 0.5, 1, 2])
        #expect(image.pixels == [0, 128, 255, 255])
    }

    @Test func writesBothFormats() throws {
        let directory = FileManager.default.temporaryDirectory
        let png = directory.appendingPathComponent("hw1-grid-\(UUID().uuidString).png")
        let svg = directory.appendingPathComponent("hw1-grid-\(UUID().uuidString).svg")
        defer {
            try? FileManager.default.removeItem(at: png)
            try? FileManager.default.removeItem(at: svg)
        }
        let grid = try grid(count: 4)
        try grid.writePNG(to: png)
        try grid.writeSVG(to: svg)
        #expect(try Data(contentsOf: png) == grid.pngData())
        #expect(try String(contentsOf: svg, encoding: .utf8) == grid.svg())
    }
}
