import Foundation

/// Grayscale images drawn in a grid, each scaled up (nearest neighbour) under its own title,
/// on a white background; rendered as a PNG (titles in the built-in bitmap font) or as an SVG
/// (images embedded as PNG data URIs, titles as real text).
public struct ImageGrid: Sendable {
    /// One image of the grid and the title shown above it.
    public struct Tile: Sendable, Equatable {
        /// The image, at its original size.
        public var image: GrayscaleImage
        /// Text shown above the image.
        public var title: String

        /// A tile showing `image` under `title`.
        public init(image: GrayscaleImage, title: String) {
            self.image = image
            self.title = title
        }
    }

    /// The tiles, laid out row by row.
    public let tiles: [Tile]
    /// Nearest-neighbour enlargement factor of every image (28 px × 6 = 168 px).
    public let scale: Int
    /// Enlargement of the bitmap font in the PNG output (font pixels → image pixels).
    public let fontScale: Int
    /// Pixel sizes and positions of every tile.
    public let layout: ImageGridLayout

    /// Lays out `tiles` (all the same size) in the grid shape `ImageGridLayout.shape(forCount:)` picks.
    public init(tiles: [Tile], scale: Int = 6, fontScale: Int = 2) throws(PlottingError) {
        guard let first = tiles.first else { throw .emptyInput("an image grid needs at least one tile") }
        for (index, tile) in tiles.enumerated()
        where tile.image.width != first.image.width || tile.image.height != first.image.height {
            throw .tileSizeMismatch(
                index: index, width: tile.image.width, height: tile.image.height,
                expectedWidth: first.image.width, expectedHeight: first.image.height)
        }
        guard scale >= 1 else { throw .invalidScale(name: "image scale", value: scale) }
        guard fontScale >= 1 else { throw .invalidScale(name: "font scale", value: fontScale) }
        self.tiles = tiles
        self.scale = scale
        self.fontScale = fontScale

        let shape = ImageGridLayout.shape(forCount: tiles.count)
        let font = BitmapFont.standard
        let widestTitle = tiles.map { font.width(of: $0.title, scale: fontScale) }.max() ?? 0
        let imageWidth = first.image.width * scale
        layout = ImageGridLayout(
            rows: shape.rows, columns: shape.columns,
            // Padding keeps long titles of neighbouring cells from running together.
            cellWidth: max(imageWidth, widestTitle + 4 * fontScale),
            titleBandHeight: font.lineHeight(scale: fontScale) + 3 * fontScale,
            imageWidth: imageWidth, imageHeight: first.image.height * scale,
            gap: 8 * fontScale, margin: 6 * fontScale)
    }

    /// The grid as one grayscale raster: white background, scaled images, black bitmap-font titles.
    public func raster() -> GrayscaleImage {
        let width = layout.canvasWidth
        let height = layout.canvasHeight
        var canvas = [UInt8](repeating: 255, count: width * height)
        let font = BitmapFont.standard
        for (index, tile) in tiles.enumerated() {
            let cell = layout.cellOrigin(ofTile: index)
            let textWidth = font.width(of: tile.title, scale: fontScale)
            font.draw(
                tile.title, into: &canvas, width: width, height: height,
                x: cell.x + (layout.cellWidth - textWidth) / 2, y: cell.y, scale: fontScale)

            let scaled = tile.image.scaled(by: scale)
            let origin = layout.imageOrigin(ofTile: index)
            for row in 0..<scaled.height {
                let target = (origin.y + row) * width + origin.x
                canvas.replaceSubrange(
                    target..<(target + scaled.width),
                    with: scaled.pixels[(row * scaled.width)..<((row + 1) * scaled.width)])
            }
        }
        return try! GrayscaleImage(width: width, height: height, pixels: canvas)
    }

    /// The grid as a grayscale PNG file.
    public func pngData() throws(PlottingError) -> Data {
        try raster().pngData()
    }

    /// The grid as a standalone SVG document: each image is a pixelated base64 PNG `<image>`
    /// at its scaled size, each title a `<text>` centred above it.
    public func svg() throws(PlottingError) -> String {
        var document = SVGDocument(width: Double(layout.canvasWidth), height: Double(layout.canvasHeight))
        document.add(
            "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
        let fontSize = Double(BitmapFont.glyphHeight * fontScale) * 0.95
        for (index, tile) in tiles.enumerated() {
            let cell = layout.cellOrigin(ofTile: index)
            let origin = layout.imageOrigin(ofTile: index)
            let baseline = Double(origin.y) - Double(2 * fontScale) - Double(fontScale)
            document.add(
                SVGDocument.text(
                    tile.title, x: Double(cell.x) + Double(layout.cellWidth) / 2, y: baseline,
                    size: fontSize, anchor: "middle", fill: "#111111"))
            let png = try tile.image.pngData().base64EncodedString()
            document.add(
                "<image x=\"\(origin.x)\" y=\"\(origin.y)\" width=\"\(layout.imageWidth)\" "
                    + "height=\"\(layout.imageHeight)\" preserveAspectRatio=\"none\" "
                    + "style=\"image-rendering: crisp-edges; image-rendering: pixelated\" "
                    + "xlink:href=\"data:image/png;base64,\(png)\"/>")
        }
        return document.rendered()
    }

    /// Writes the grid as PNG to `url`.
    public func writePNG(to url: URL) throws(PlottingError) {
        try writeFile(try pngData(), to: url)
    }

    /// Writes the grid as SVG to `url`.
    public func writeSVG(to url: URL) throws(PlottingError) {
        try writeFile(Data(try svg().utf8), to: url)
    }
}
