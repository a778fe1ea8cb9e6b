import Foundation

/// Accumulates SVG elements and renders them as one standalone document
/// (`xmlns`, pixel `width`/`height`, matching `viewBox`, sans-serif text).
struct SVGDocument {
    let width: Double
    let height: Double
    /// The root's `font-family` list.
    var fontFamily = ChartLanguage.english.fontFamily
    private var definitions: [String] = []
    private var elements: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// Appends raw markup (already escaped) to the body.
    mutating func add(_ markup: String) { elements.append(markup) }

    /// Appends raw markup to `<defs>`.
    mutating func define(_ markup: String) { definitions.append(markup) }

    /// The whole document, ending with a newline.
    func rendered() -> String {
        let w = Self.number(width)
        let h = Self.number(height)
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                + "width=\"\(w)\" height=\"\(h)\" viewBox=\"0 0 \(w) \(h)\" "
                + "font-family=\"\(fontFamily)\">",
        ]
        if !definitions.isEmpty {
            lines.append("<defs>")
            lines += definitions
            lines.append("</defs>")
        }
        lines += elements
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Escapes the five XML special characters for text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// A coordinate with at most two decimals and no trailing zeros ("12", "3.5", "-0.25").
    static func number(_ value: Double) -> String {
        // Extreme data can push a coordinate to ±∞ or NaN; SVG has no spelling for either.
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() && abs(rounded) < 1e15 {
            return String(Int(rounded))
        }
        var text = String(format: "%.2f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }

    /// A `<text>` element; `anchor` is start, middle or end; `rotation` in degrees about (x, y).
    static func text(
        _ content: String, x: Double, y: Double, size: Double, anchor: String = "start",
        fill: String = "#222222", weight: String? = nil, rotation: Double? = nil, rightToLeft: Bool = false
    ) -> String {
        var attributes = "x=\"\(number(x))\" y=\"\(number(y))\" font-size=\"\(number(size))\""
        // Right to left: the bidi base direction of the text is RTL (Persian words read right
        // to left, numbers and Latin words inside keep their order), and `start`/`end` of
        // text-anchor refer to its right/left end.
        if rightToLeft { attributes += " direction=\"rtl\" unicode-bidi=\"embed\"" }
        if anchor != "start" { attributes += " text-anchor=\"\(anchor)\"" }
        attributes += " fill=\"\(fill)\""
        if let weight { attributes += " font-weight=\"\(weight)\"" }
        if let rotation {
            attributes += " transform=\"rotate(\(number(rotation)) \(number(x)) \(number(y)))\""
        }
        return "<text \(attributes)>\(escape(content))</text>"
    }

    /// Rough rendered width of `text` in a sans-serif font of `size` px, for layout only.
    static func estimatedWidth(of text: String, size: Double) -> Double {
        Double(text.count) * size * 0.6
    }
}
