import Foundation

/// What a legend row shows before its name.
struct LegendEntry {
    enum Mark {
        case line(dashed: Bool)
        case marker, swatch
    }
    let name: String
    let color: ChartColor
    let mark: Mark
}

/// The parts every chart shares: layout of the plot area, title, axes with ticks, labels and
/// grid, and a legend outside the plot area on the right so it never covers data.
///
/// Charts draw `background` first, then their data clipped to `clipID`, then `foreground`.
struct ChartFrame {
    let width: Double
    let height: Double
    let title: String
    let xLabel: String
    let yLabel: String
    let xAxis: Axis
    let yAxis: Axis
    let legend: [LegendEntry]
    /// Direction of the words and digits of the tick labels.
    let language: ChartLanguage

    static let clipID = "plot-area"
    private static let tickFontSize = 11.0
    private static let labelFontSize = 13.0
    private static let titleFontSize = 16.0
    private static let legendFontSize = 12.0
    private static let tickLength = 5.0
    private static let legendRowHeight = 20.0
    private static let legendMarkWidth = 24.0

    /// Plot area: left, top, width and height in SVG pixels.
    let plotLeft: Double
    let plotTop: Double
    let plotWidth: Double
    let plotHeight: Double

    init(
        width: Double, height: Double, title: String, xLabel: String, yLabel: String,
        xAxis: Axis, yAxis: Axis, legend: [LegendEntry], language: ChartLanguage = .english
    ) {
        self.width = width
        self.height = height
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.legend = legend
        self.language = language

        let tickLabelWidth = yAxis.ticks.map { Self.tickLabelWidth($0) }.max() ?? 0
        let left = 12 + (yLabel.isEmpty ? 0 : Self.labelFontSize + 8) + tickLabelWidth + 6 + Self.tickLength
        let top = title.isEmpty ? 16 : 20 + Self.titleFontSize + 14
        let bottom = Self.tickLength + 6 + Self.tickFontSize + (xLabel.isEmpty ? 0 : 10 + Self.labelFontSize) + 14
        let widestName = legend.map { SVGDocument.estimatedWidth(of: $0.name, size: Self.legendFontSize) }.max()
        let right = widestName.map { 18 + Self.legendMarkWidth + 8 + $0 + 12 } ?? 24
        // A last x tick label may hang past the plot edge by half its width.
        let lastXLabelHalf = (xAxis.ticks.last.map { Self.tickLabelWidth($0) } ?? 0) / 2
        plotLeft = left
        plotTop = top
        plotWidth = max(40, width - left - max(right, lastXLabelHalf + 8))
        plotHeight = max(40, height - top - bottom)
    }

    /// SVG x coordinate of a data value, nil if the x axis cannot place it.
    func x(_ value: Double) -> Double? {
        xAxis.fraction(value).map { plotLeft + $0 * plotWidth }
    }

    /// SVG y coordinate of a data value, nil if the y axis cannot place it.
    func y(_ value: Double) -> Double? {
        yAxis.fraction(value).map { plotTop + (1 - $0) * plotHeight }
    }

    var plotBottom: Double { plotTop + plotHeight }
    var plotRight: Double { plotLeft + plotWidth }

    /// White page, plot-area clip path and grid lines (drawn under the data).
    func drawBackground(into document: inout SVGDocument) {
        let n = SVGDocument.number
        document.define(
            "<clipPath id=\"\(Self.clipID)\"><rect x=\"\(n(plotLeft))\" y=\"\(n(plotTop))\" "
                + "width=\"\(n(plotWidth))\" height=\"\(n(plotHeight))\"/></clipPath>")
        document.add("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>")

        var grid: [String] = []
        var minorGrid: [String] = []
        if xAxis.drawsGrid {
            for value in xAxis.minorValues { if let x = x(value) { minorGrid.append(verticalLine(x)) } }
            for tick in xAxis.ticks { if let x = x(tick.value) { grid.append(verticalLine(x)) } }
        }
        if yAxis.drawsGrid {
            for value in yAxis.minorValues { if let y = y(value) { minorGrid.append(horizontalLine(y)) } }
            for tick in yAxis.ticks { if let y = y(tick.value) { grid.append(horizontalLine(y)) } }
        }
        if !minorGrid.isEmpty {
            document.add("<g stroke=\"#f3f3f3\" stroke-width=\"1\">\(minorGrid.joined())</g>")
        }
        if !grid.isEmpty {
            document.add("<g stroke=\"#e0e0e0\" stroke-width=\"1\">\(grid.joined())</g>")
        }
    }

    /// Plot border, ticks, tick labels, axis labels, title and legend (drawn over the data).
    func drawForeground(into document: inout SVGDocument) {
        let n = SVGDocument.number
        document.add(
            "<rect x=\"\(n(plotLeft))\" y=\"\(n(plotTop))\" width=\"\(n(plotWidth))\" "
                + "height=\"\(n(plotHeight))\" fill=\"none\" stroke=\"#6b6b6b\" stroke-width=\"1\"/>")

        var tickMarks: [String] = []
        var labels: [String] = []
        for tick in xAxis.ticks {
            guard let x = x(tick.value) else { continue }
            tickMarks.append(
                "<line x1=\"\(n(x))\" y1=\"\(n(plotBottom))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom + Self.tickLength))\"/>"
            )
            labels.append(
                tickLabel(tick, x: x, y: plotBottom + Self.tickLength + 4 + Self.tickFontSize, anchor: "middle"))
        }
        for tick in yAxis.ticks {
            guard let y = y(tick.value) else { continue }
            tickMarks.append(
                "<line x1=\"\(n(plotLeft - Self.tickLength))\" y1=\"\(n(y))\" x2=\"\(n(plotLeft))\" y2=\"\(n(y))\"/>")
            labels.append(
                tickLabel(tick, x: plotLeft - Self.tickLength - 4, y: y + Self.tickFontSize * 0.35, anchor: "end"))
        }
        document.add("<g class=\"ticks\" stroke=\"#6b6b6b\" stroke-width=\"1\">\(tickMarks.joined())</g>")
        document.add("<g class=\"tick-labels\">\(labels.joined())</g>")

        let centreX = plotLeft + plotWidth / 2
        if !title.isEmpty {
            document.add(
                SVGDocument.text(
                    title, x: centreX, y: 20 + Self.titleFontSize * 0.8, size: Self.titleFontSize,
                    anchor: "middle", fill: "#111111", weight: "bold", rightToLeft: language.isRightToLeft))
        }
        if !xLabel.isEmpty {
            document.add(
                SVGDocument.text(
                    xLabel, x: centreX,
                    y: plotBottom + Self.tickLength + 6 + Self.tickFontSize + 10 + Self.labelFontSize,
                    size: Self.labelFontSize, anchor: "middle", rightToLeft: language.isRightToLeft))
        }
        if !yLabel.isEmpty {
            let x = 12 + Self.labelFontSize * 0.8
            document.add(
                SVGDocument.text(
                    yLabel, x: x, y: plotTop + plotHeight / 2, size: Self.labelFontSize,
                    anchor: "middle", rotation: -90, rightToLeft: language.isRightToLeft))
        }
        drawLegend(into: &document)
    }

    private func drawLegend(into document: inout SVGDocument) {
        guard !legend.isEmpty else { return }
        let n = SVGDocument.number
        let left = plotRight + 18
        var rows: [String] = []
        for (index, entry) in legend.enumerated() {
            let y = plotTop + 10 + Double(index) * Self.legendRowHeight
            let color = entry.color.hex
            switch entry.mark {
            case .line(let dashed):
                rows.append(
                    "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(left + Self.legendMarkWidth))\" y2=\"\(n(y))\" "
                        + "stroke=\"\(color)\" stroke-width=\"2.5\""
                        + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>")
            case .marker:
                rows.append(
                    "<circle cx=\"\(n(left + Self.legendMarkWidth / 2))\" cy=\"\(n(y))\" r=\"3.5\" fill=\"\(color)\"/>")
            case .swatch:
                rows.append(
                    "<rect x=\"\(n(left + 4))\" y=\"\(n(y - 6))\" width=\"\(n(Self.legendMarkWidth - 8))\" "
                        + "height=\"12\" fill=\"\(color)\"/>")
            }
            // Right to left, the anchor `end` is the text's left end: the name still starts
            // beside its mark and runs to the right.
            rows.append(
                SVGDocument.text(
                    entry.name, x: left + Self.legendMarkWidth + 8, y: y + Self.legendFontSize * 0.35,
                    size: Self.legendFontSize, anchor: language.isRightToLeft ? "end" : "start",
                    rightToLeft: language.isRightToLeft))
        }
        document.add("<g class=\"legend\">\(rows.joined())</g>")
    }

    private func verticalLine(_ x: Double) -> String {
        let n = SVGDocument.number
        return "<line x1=\"\(n(x))\" y1=\"\(n(plotTop))\" x2=\"\(n(x))\" y2=\"\(n(plotBottom))\"/>"
    }

    private func horizontalLine(_ y: Double) -> String {
        let n = SVGDocument.number
        return "<line x1=\"\(n(plotLeft))\" y1=\"\(n(y))\" x2=\"\(n(plotRight))\" y2=\"\(n(y))\"/>"
    }

    /// A tick label; powers of ten are set as 10 with a raised, smaller exponent.
    private func tickLabel(_ tick: AxisTick, x: Double, y: Double, anchor: String) -> String {
        let n = SVGDocument.number
        let position =
            "x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(Self.tickFontSize))\" "
            + "text-anchor=\"\(anchor)\" fill=\"#333333\""
        if let exponent = tick.exponent {
            let sign = exponent < 0 ? "\u{2212}" : ""
            return
                "<text \(position)>\(language.digits("10"))<tspan dy=\"-0.45em\" font-size=\"0.75em\">"
                + "\(sign)\(language.digits(String(abs(exponent))))</tspan></text>"
        }
        let label = tick.label.hasPrefix("-") ? "\u{2212}" + tick.label.dropFirst() : tick.label
        return "<text \(position)>\(SVGDocument.escape(language.digits(label)))</text>"
    }

    private static func tickLabelWidth(_ tick: AxisTick) -> Double {
        if let exponent = tick.exponent {
            return SVGDocument.estimatedWidth(of: "10", size: tickFontSize)
                + SVGDocument.estimatedWidth(of: String(exponent), size: tickFontSize * 0.75)
        }
        return SVGDocument.estimatedWidth(of: tick.label, size: tickFontSize)
    }
}
