/// A tiny fixed-width bitmap font (5×8 cells: capitals and digits 7 rows high, one descender row)
/// for writing titles into raster images without any font library.
///
/// Covers A–Z, a–z, 0–9, space and `/-().,:=+_%'?`; any other character is drawn as `?`.
public struct BitmapFont: Sendable {
    /// Width of a glyph in font pixels.
    public static let glyphWidth = 5
    /// Height of a glyph cell in font pixels, descender row included.
    public static let glyphHeight = 8
    /// Blank font pixels between neighbouring glyphs.
    public static let letterSpacing = 1

    /// The built-in font.
    public static let standard = BitmapFont()

    /// Per character, one bitmask per row (bit 4 = leftmost column).
    private let rowMasks: [Character: [UInt8]]

    private init() {
        var masks: [Character: [UInt8]] = [:]
        for (character, rows) in Self.glyphRows {
            var glyph = [UInt8](repeating: 0, count: Self.glyphHeight)
            for (rowIndex, row) in rows.enumerated() {
                precondition(row.count == Self.glyphWidth, "glyph \(character) row \(rowIndex) is not 5 wide")
                for (column, mark) in row.enumerated() where mark == "#" {
                    glyph[rowIndex] |= UInt8(1 << (Self.glyphWidth - 1 - column))
                }
            }
            masks[character] = glyph
        }
        rowMasks = masks
    }

    /// Whether the font has its own glyph for `character` (otherwise it draws `?`).
    public func covers(_ character: Character) -> Bool { rowMasks[character] != nil }

    /// Whether the font pixel at (`column`, `row`) of `character`'s cell is ink.
    public func isInk(_ character: Character, column: Int, row: Int) -> Bool {
        guard (0..<Self.glyphWidth).contains(column), (0..<Self.glyphHeight).contains(row) else { return false }
        let mask = rowMasks[character] ?? rowMasks["?"]!
        return mask[row] & UInt8(1 << (Self.glyphWidth - 1 - column)) != 0
    }

    /// Width in image pixels of `text` drawn at `scale` (no trailing letter space).
    public func width(of text: String, scale: Int) -> Int {
        let count = text.count
        guard count > 0 else { return 0 }
        return (count * (Self.glyphWidth + Self.letterSpacing) - Self.letterSpacing) * scale
    }

    /// Height in image pixels of one line of text drawn at `scale`.
    public func lineHeight(scale: Int) -> Int { Self.glyphHeight * scale }

    /// Draws `text` into a row-major grayscale buffer with its top-left corner at (`x`, `y`),
    /// each font pixel becoming a `scale × scale` block of value `ink`; pixels falling outside
    /// the buffer are dropped.
    public func draw(
        _ text: String, into pixels: inout [UInt8], width: Int, height: Int,
        x: Int, y: Int, scale: Int, ink: UInt8 = 0
    ) {
        var originX = x
        for character in text {
            for row in 0..<Self.glyphHeight {
                for column in 0..<Self.glyphWidth where isInk(character, column: column, row: row) {
                    fillBlock(
                        &pixels, width: width, height: height,
                        x: originX + column * scale, y: y + row * scale, size: scale, value: ink)
                }
            }
            originX += (Self.glyphWidth + Self.letterSpacing) * scale
        }
    }

    private func fillBlock(
        _ pixels: inout [UInt8], width: Int, height: Int, x: Int, y: Int, size: Int, value: UInt8
    ) {
        let rows = max(0, y)..<max(max(0, y), min(height, y + size))
        let columns = max(0, x)..<max(max(0, x), min(width, x + size))
        for py in rows {
            for px in columns {
                pixels[py * width + px] = value
            }
        }
    }
}
