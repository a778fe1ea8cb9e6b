import Testing

@testable import HW1Plotting

@Suite("Bitmap font")
struct BitmapFontTests {
    /// Renders `text` on a white buffer just big enough for it and returns the rows as '#'/'.'.
    func rendered(_ text: String, scale: Int) -> [String] {
        let font = BitmapFont.standard
        let width = font.width(of: text, scale: scale)
        let height = font.lineHeight(scale: scale)
        var pixels = [UInt8](repeating: 255, count: width * height)
        font.draw(text, into: &pixels, width: width, height: height, x: 0, y: 0, scale: scale)
        return (0..<height).map { row in
            String(pixels[(row * width)..<((row + 1) * width)].map { $0 == 0 ? "#" : "." })
        }
    }

    @Test func capitalLIsAStemWithAFoot() {
        #expect(
            rendered("L", scale: 1) == [
                "#....", "#....", "#....", "#....", "#....", "#....", "#####", ".....",
            ])
    }

    @Test func digitOneHasAFlagAndABase() {
        #expect(
            rendered("1", scale: 1) == [
                "..#..", ".##..", "..#..", "..#..", "..#..", "..#..", ".###.", ".....",
            ])
    }

    @Test func scaleTwoDoublesEveryFontPixel() {
        let rows = rendered("T", scale: 2)
        #expect(rows.count == 16)
        #expect(rows[0] == "##########" && rows[1] == "##########")
        #expect(rows[2] == "....##....")
        #expect(rows[15] == "..........")
    }

    @Test func glyphsAreSeparatedByOneBlankColumn() {
        let rows = rendered("II", scale: 1)
        #expect(rows[0] == ".###...###.")
        #expect(rows.allSatisfy { $0[$0.index($0.startIndex, offsetBy: 5)] == "." })
    }

    @Test func descenderUsesTheBottomRow() {
        #expect(rendered("y", scale: 1)[7] == ".###.")
        #expect(rendered("a", scale: 1)[7] == ".....")
    }

    @Test func coversLettersDigitsSpaceAndTitlePunctuation() {
        let required = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 /-()"
        for character in required { #expect(BitmapFont.standard.covers(character), "no glyph for \(character)") }
        // Every covered glyph except space leaves some ink.
        for character in required where character != " " {
            #expect(rendered(String(character), scale: 1).joined().contains("#"), "\(character) is blank")
        }
    }

    @Test func unknownCharactersAreDrawnAsQuestionMarks() {
        #expect(!BitmapFont.standard.covers("é"))
        #expect(rendered("é", scale: 1) == rendered("?", scale: 1))
    }

    @Test func textWidthCountsGlyphsAndGaps() {
        #expect(BitmapFont.standard.width(of: "", scale: 2) == 0)
        #expect(BitmapFont.standard.width(of: "abc", scale: 1) == 17)
        #expect(BitmapFont.standard.width(of: "abc", scale: 2) == 34)
    }

    @Test func drawingPastTheBufferEdgeIsClipped() {
        var pixels = [UInt8](repeating: 255, count: 4 * 4)
        BitmapFont.standard.draw("W", into: &pixels, width: 4, height: 4, x: 2, y: -2, scale: 1)
        BitmapFont.standard.draw("W", into: &pixels, width: 4, height: 4, x: 10, y: 10, scale: 1)
        // Buffer rows show W's rows 2–5 and buffer columns 2–3 its columns 0–1: ink, then blank.
        #expect(pixels == Array([[UInt8]](repeating: [255, 255, 0, 255], count: 4).joined()))
    }
}
