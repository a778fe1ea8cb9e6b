import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// An SVG document parsed with Foundation's XMLParser: its elements in document order, and the
/// text of each `<text>` element (tspans included), so tests can check structure, not strings.
struct SVGTree {
    struct Element {
        let name: String
        let attributes: [String: String]
        /// Names of the enclosing elements, outermost first.
        let ancestors: [String]
        /// `class` attributes of enclosing `<g>` elements.
        let groupClasses: [String]
    }

    let elements: [Element]
    let texts: [String]

    /// Parses `svg`, recording an issue (and returning nil) if it is not well-formed XML.
    init?(_ svg: String) {
        let collector = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = collector
        guard parser.parse() else {
            Issue.record(
                "SVG is not well-formed XML: \(parser.parserError.map(String.init(describing:)) ?? "unknown error")")
            return nil
        }
        elements = collector.elements
        texts = collector.texts
    }

    var root: Element? { elements.first }

    func all(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    /// Texts inside a `<g class="…">` group, in order.
    func texts(inGroup groupClass: String) -> [String] {
        zip(textElements, texts).filter { $0.0.groupClasses.contains(groupClass) }.map(\.1)
    }

    private var textElements: [Element] { all("text") }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var texts: [String] = []
        private var stack: [(name: String, groupClass: String?)] = []
        private var currentText: String?
        private var textDepth = 0

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            elements.append(
                Element(
                    name: elementName, attributes: attributes, ancestors: stack.map(\.name),
                    groupClasses: stack.compactMap(\.groupClass)))
            stack.append((elementName, elementName == "g" ? attributes["class"] : nil))
            if elementName == "text" { currentText = "" }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            currentText? += string
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?
        ) {
            stack.removeLast()
            if elementName == "text", let text = currentText {
                texts.append(text)
                currentText = nil
            }
        }
    }
}
