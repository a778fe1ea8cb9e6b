/// Where each tile of an image grid goes: a grid shape, cell sizes and the canvas size, in pixels.
///
/// A cell is a title band (text centred above the image) over the scaled image; cells are
/// separated by `gap` and the canvas has `margin` on every side.
public struct ImageGridLayout: Sendable, Equatable {
    /// Number of tile rows.
    public let rows: Int
    /// Number of tile columns.
    public let columns: Int
    /// Width of one cell: the wider of the scaled image and the longest title (plus padding).
    public let cellWidth: Int
    /// Height of the title band above each image.
    public let titleBandHeight: Int
    /// Width of each scaled image.
    public let imageWidth: Int
    /// Height of each scaled image.
    public let imageHeight: Int
    /// Space between neighbouring cells.
    public let gap: Int
    /// Space around the whole grid.
    public let margin: Int

    /// Height of one cell (title band and image).
    public var cellHeight: Int { titleBandHeight + imageHeight }
    /// Width of the whole canvas.
    public var canvasWidth: Int { 2 * margin + columns * cellWidth + (columns - 1) * gap }
    /// Height of the whole canvas.
    public var canvasHeight: Int { 2 * margin + rows * cellHeight + (rows - 1) * gap }

    /// The grid shape for `count` tiles: one row up to 3, otherwise ⌈√count⌉ columns
    /// (4 → 2×2, 6 → 2 rows × 3 columns, 9 → 3×3).
    public static func shape(forCount count: Int) -> (rows: Int, columns: Int) {
        guard count > 3 else { return (1, max(count, 1)) }
        var columns = Int(Double(count).squareRoot().rounded(.down))
        if columns * columns < count { columns += 1 }
        return ((count + columns - 1) / columns, columns)
    }

    /// Top-left corner of tile `index`'s cell (row-major order).
    public func cellOrigin(ofTile index: Int) -> (x: Int, y: Int) {
        let row = index / columns
        let column = index % columns
        return (margin + column * (cellWidth + gap), margin + row * (cellHeight + gap))
    }

    /// Top-left corner of tile `index`'s image, centred horizontally in its cell.
    public func imageOrigin(ofTile index: Int) -> (x: Int, y: Int) {
        let cell = cellOrigin(ofTile: index)
        return (cell.x + (cellWidth - imageWidth) / 2, cell.y + titleBandHeight)
    }
}
