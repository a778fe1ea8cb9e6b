import Foundation

/// A point of a ``Diagram`` in SVG pixels (x to the right, y down).
public struct DiagramPoint: Sendable, Equatable {
    /// Pixels from the left edge.
    public var x: Double
    /// Pixels from the top edge.
    public var y: Double

    /// The point (x, y).
    public init(_ x: Double, _ y: Double) {
        self.x = x
        self.y = y
    }
}

/// Where a ``Diagram`` text sits relative to its point, as seen on the page (whatever the
/// text's direction).
public enum DiagramAlignment: Sendable {
    /// The text's left end is at the point.
    case left
    /// The text is centred on the point.
    case centre
    /// The text's right end is at the point.
    case right
}

/// A drawing of lines, arrows, shapes and words placed at pixel coordinates — for the pictures
/// a chart cannot draw: geometric illustrations, computational graphs, small heat maps.
///
/// Words are set in the ``language``'s font; a text marked as words is set right to left in
/// Persian, a text marked as a formula stays left to right in either language. Numbers are the
/// caller's strings (``ChartLanguage/digits(_:)`` writes them in Persian digits).
public struct Diagram: Sendable {
    /// Document width in pixels.
    public var width: Int
    /// Document height in pixels.
    public var height: Int
    /// The language of the words: font and direction.
    public var language: ChartLanguage
    private var elements: [String] = []
    private var arrowColors: [String] = []

    /// An empty white drawing.
    public init(width: Int, height: Int, language: ChartLanguage = .english) {
        self.width = width
        self.height = height
        self.language = language
    }

    /// How many shapes and texts have been added.
    public var count: Int { elements.count }

    /// A straight line; `arrow` puts an arrowhead at `to`.
    public mutating func line(
        from: DiagramPoint, to: DiagramPoint, color: ChartColor = ChartColor(hex: "#333333"), width: Double = 1.5,
        dashed: Bool = false, arrow: Bool = false
    ) {
        let n = SVGDocument.number
        var markup =
            "<line x1=\"\(n(from.x))\" y1=\"\(n(from.y))\" x2=\"\(n(to.x))\" y2=\"\(n(to.y))\" "
            + "stroke=\"\(color.hex)\" stroke-width=\"\(n(width))\""
        if dashed { markup += " stroke-dasharray=\"6 4\"" }
        if arrow { markup += " marker-end=\"url(#\(arrowID(color)))\"" }
        elements.append(markup + "/>")
    }

    /// A polyline through `points` (a polygon when `closed`), stroked and/or filled.
    public mutating func path(
        _ points: [DiagramPoint], closed: Bool = false, stroke: ChartColor? = ChartColor(hex: "#333333"),
        fill: ChartColor? = nil, fillOpacity: Double = 1, width: Double = 1.5, dashed: Bool = false
    ) {
        guard let first = points.first else { return }
        let n = SVGDocument.number
        var d = "M\(n(first.x)),\(n(first.y))"
        for point in points.dropFirst() { d += "L\(n(point.x)),\(n(point.y))" }
        if closed { d += "Z" }
        var markup = "<path d=\"\(d)\" fill=\"\(fill?.hex ?? "none")\""
        if fill != nil && fillOpacity < 1 { markup += " fill-opacity=\"\(n(fillOpacity))\"" }
        if let stroke {
            markup += " stroke=\"\(stroke.hex)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\""
            if dashed { markup += " stroke-dasharray=\"6 4\"" }
        }
        elements.append(markup + "/>")
    }

    /// An axis-aligned rectangle with its top-left corner at `origin`.
    public mutating func rectangle(
        origin: DiagramPoint, width: Double, height: Double, fill: ChartColor? = nil,
        stroke: ChartColor? = nil, strokeWidth: Double = 1, cornerRadius: Double = 0
    ) {
        let n = SVGDocument.number
        var markup =
            "<rect x=\"\(n(origin.x))\" y=\"\(n(origin.y))\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "fill=\"\(fill?.hex ?? "none")\""
        if cornerRadius > 0 { markup += " rx=\"\(n(cornerRadius))\"" }
        if let stroke { markup += " stroke=\"\(stroke.hex)\" stroke-width=\"\(n(strokeWidth))\"" }
        elements.append(markup + "/>")
    }

    /// A filled dot.
    public mutating func dot(at centre: DiagramPoint, radius: Double = 4, color: ChartColor = ChartColor(hex: "#222222")) {
        let n = SVGDocument.number
        elements.append("<circle cx=\"\(n(centre.x))\" cy=\"\(n(centre.y))\" r=\"\(n(radius))\" fill=\"\(color.hex)\"/>")
    }

    /// A text; `words` sets it in the language's direction (right to left in Persian),
    /// otherwise it is a formula or a number and stays left to right.
    public mutating func text(
        _ content: String, at point: DiagramPoint, size: Double = 13, alignment: DiagramAlignment = .left,
        color: ChartColor = ChartColor(hex: "#222222"), bold: Bool = false, italic: Bool = false, words: Bool = true
    ) {
        let rightToLeft = words && language.isRightToLeft
        // text-anchor `start`/`end` follow the text's direction: right to left, start is the right end.
        let anchor: String =
            switch alignment {
            case .centre: "middle"
            case .left: rightToLeft ? "end" : "start"
            case .right: rightToLeft ? "start" : "end"
            }
        var markup = SVGDocument.text(
            content, x: point.x, y: point.y, size: size, anchor: anchor, fill: color.hex,
            weight: bold ? "bold" : nil, rightToLeft: rightToLeft)
        if !rightToLeft && language.isRightToLeft {
            markup = markup.replacingOccurrences(of: "<text ", with: "<text direction=\"ltr\" ")
        }
        if italic { markup = markup.replacingOccurrences(of: "<text ", with: "<text font-style=\"italic\" ") }
        elements.append(markup)
    }

    /// The drawing as a standalone SVG document on a white page.
    public func svg() -> String {
        var document = SVGDocument(width: Double(width), height: Double(height))
        document.fontFamily = language.fontFamily
        for hex in arrowColors {
            document.define(
                "<marker id=\"arrow-\(hex.dropFirst())\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
                    + "markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\">"
                    + "<path d=\"M0,0L10,5L0,10Z\" fill=\"\(hex)\"/></marker>")
        }
        document.add("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")
        for element in elements { document.add(element) }
        return document.rendered()
    }

    /// Writes the SVG document to `url`.
    public func write(to url: URL) throws(PlottingError) {
        try writeFile(Data(svg().utf8), to: url)
    }

    private mutating func arrowID(_ color: ChartColor) -> String {
        if !arrowColors.contains(color.hex) { arrowColors.append(color.hex) }
        return "arrow-\(color.hex.dropFirst())"
    }
}

extension ChartColor {
    /// A diverging colour for `value` in [−1, 1]: blue for negative, white at 0, red for
    /// positive (values outside are clamped), for heat maps of signed numbers.
    public static func diverging(_ value: Double) -> ChartColor {
        let t = value.isFinite ? min(1, max(-1, value)) : 0
        // Ends: #2166ac (blue) and #b2182b (red), as in ColorBrewer's RdBu.
        let end: (Double, Double, Double) = t < 0 ? (0x21, 0x66, 0xac) : (0xb2, 0x18, 0x2b)
        let a = abs(t)
        func channel(_ to: Double) -> Int { Int((255 + (to - 255) * a).rounded()) }
        return ChartColor(hex: String(format: "#%02x%02x%02x", channel(end.0), channel(end.1), channel(end.2)))
    }
}
