import Foundation
import Testing

@testable import HW1Plotting

/// Diagrams: well-formed SVG, words right to left in Persian, formulas left to right.
@Suite struct DiagramTests {
    func drawing(_ language: ChartLanguage) -> Diagram {
        var diagram = Diagram(width: 200, height: 100, language: language)
        diagram.line(from: DiagramPoint(0, 0), to: DiagramPoint(50, 50), arrow: true)
        diagram.path([DiagramPoint(0, 0), DiagramPoint(10, 0), DiagramPoint(10, 10)], closed: true, fill: ChartColor(hex: "#1f77b4"), fillOpacity: 0.2)
        diagram.rectangle(origin: DiagramPoint(5, 5), width: 20, height: 10, fill: .diverging(0.5), cornerRadius: 3)
        diagram.dot(at: DiagramPoint(30, 30))
        diagram.text(language == .persian ? "هزینه" : "loss", at: DiagramPoint(100, 20), alignment: .left)
        diagram.text("a < b & c", at: DiagramPoint(100, 40), alignment: .right, words: false)
        return diagram
    }

    @Test func theDocumentIsWellFormedWithItsArrowMarker() throws {
        let svg = drawing(.english).svg()
        let tree = try #require(SVGTree(svg))
        #expect(tree.all("marker").count == 1)
        #expect(tree.all("line").first?.attributes["marker-end"] == "url(#arrow-333333)")
        #expect(tree.all("path").contains { $0.attributes["d"] == "M0,0L10,0L10,10Z" })
        #expect(tree.texts.contains("a < b & c"))
        #expect(drawing(.english).count == 6)
    }

    @Test func persianWordsAreRightToLeftAndFormulasLeftToRight() throws {
        let tree = try #require(SVGTree(drawing(.persian).svg()))
        #expect(tree.root?.attributes["font-family"]?.hasPrefix("Noto Sans Arabic") == true)
        let texts = tree.all("text")
        // Left alignment of right-to-left text is its end; a formula keeps its own direction.
        #expect(texts[0].attributes["direction"] == "rtl" && texts[0].attributes["text-anchor"] == "end")
        #expect(texts[1].attributes["direction"] == "ltr" && texts[1].attributes["text-anchor"] == "end")
        let english = try #require(SVGTree(drawing(.english).svg())).all("text")
        #expect(english[0].attributes["direction"] == nil && english[0].attributes["text-anchor"] == nil)
    }

    @Test func divergingColoursRunFromBlueThroughWhiteToRed() {
        #expect(ChartColor.diverging(0).hex == "#ffffff")
        #expect(ChartColor.diverging(-1).hex == "#2166ac")
        #expect(ChartColor.diverging(1).hex == "#b2182b")
        #expect(ChartColor.diverging(7).hex == "#b2182b")
        #expect(ChartColor.diverging(.nan).hex == "#ffffff")
    }
}
