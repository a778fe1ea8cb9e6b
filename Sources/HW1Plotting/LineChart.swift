import Foundation

/// A line (or scatter) chart of named series, rendered as a standalone SVG document.
///
/// Axes get "nice" 1-2-5 ticks (or powers of ten on a log scale) with grid lines; the legend
/// sits outside the plot area on the right; points the axes cannot place (NaN, ±∞,
/// non-positive on a log axis) are skipped and break the line.
public struct LineChart: Sendable {
    /// Heading above the plot.
    public var title: String
    /// Label under the x axis.
    public var xLabel: String
    /// Label beside the y axis.
    public var yLabel: String
    /// Scale of the x axis.
    public var xScale: AxisScale
    /// Scale of the y axis.
    public var yScale: AxisScale
    /// Document width in pixels.
    public var width: Int
    /// Document height in pixels.
    public var height: Int
    /// The series, drawn in order (later ones on top).
    public var series: [ChartSeries]
    /// The language of the words: `.persian` sets them right to left in a Persian font, with
    /// Persian digits on the axes. The data and the layout do not depend on it.
    public var language: ChartLanguage = .english

    /// A chart with the given labels and scales; add series through `series` or `add(_:)`.
    public init(
        title: String, xLabel: String, yLabel: String,
        xScale: AxisScale = .linear, yScale: AxisScale = .linear,
        width: Int = 760, height: Int = 440, series: [ChartSeries] = []
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.width = width
        self.height = height
        self.series = series
    }

    /// Appends a series.
    public mutating func add(_ newSeries: ChartSeries) { series.append(newSeries) }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        // Only points both axes can place decide the ranges, so a NaN x never widens the y axis.
        var xs: [Double] = []
        var ys: [Double] = []
        for item in series {
            for (x, y) in zip(item.x, item.y) where xScale.canPlace(x) && yScale.canPlace(y) {
                xs.append(x)
                ys.append(y)
            }
        }
        let colors = series.indices.map { series[$0].color ?? ChartColor.automatic($0) }
        let legend = series.indices.map { index in
            let mark: LegendEntry.Mark =
                switch series[index].style {
                case .solid: .line(dashed: false)
                case .dashed: .line(dashed: true)
                case .markers: .marker
                }
            return LegendEntry(name: series[index].name, color: colors[index], mark: mark)
        }
        let frame = ChartFrame(
            width: Double(width), height: Double(height), title: title, xLabel: xLabel, yLabel: yLabel,
            xAxis: Axis.fitted(to: xs, scale: xScale), yAxis: Axis.fitted(to: ys, scale: yScale),
            legend: legend, language: language)

        var document = SVGDocument(width: Double(width), height: Double(height))
        document.fontFamily = language.fontFamily
        frame.drawBackground(into: &document)
        var marks: [String] = []
        for (index, item) in series.enumerated() {
            marks.append(Self.markup(for: item, color: colors[index], in: frame))
        }
        document.add("<g clip-path=\"url(#\(ChartFrame.clipID))\">\(marks.joined(separator: "\n"))</g>")
        frame.drawForeground(into: &document)
        return document.rendered()
    }

    /// Writes the SVG document to `url`.
    public func write(to url: URL) throws(PlottingError) {
        try writeFile(Data(svg().utf8), to: url)
    }

    /// One series as a path of unbroken runs (plus a dot for any run of a single point),
    /// or as dots for a marker series.
    private static func markup(for item: ChartSeries, color: ChartColor, in frame: ChartFrame) -> String {
        let n = SVGDocument.number
        var runs: [[(Double, Double)]] = [[]]
        for (x, y) in zip(item.x, item.y) {
            if let px = frame.x(x), let py = frame.y(y) {
                runs[runs.count - 1].append((px, py))
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        runs.removeAll { $0.isEmpty }

        let name = SVGDocument.escape(item.name)
        if item.style == .markers {
            let dots = runs.joined().map { "<circle cx=\"\(n($0.0))\" cy=\"\(n($0.1))\" r=\"3\"/>" }
            return "<g class=\"series\" data-name=\"\(name)\" fill=\"\(color.hex)\" fill-opacity=\"0.85\">"
                + dots.joined() + "</g>"
        }
        let pathData = runs.filter { $0.count > 1 }.map { run in
            "M" + run.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: "L")
        }.joined()
        let lonePoints = runs.filter { $0.count == 1 }.map {
            "<circle cx=\"\(n($0[0].0))\" cy=\"\(n($0[0].1))\" r=\"2.5\" fill=\"\(color.hex)\"/>"
        }
        var markup = "<g class=\"series\" data-name=\"\(name)\">"
        if !pathData.isEmpty {
            markup +=
                "<path d=\"\(pathData)\" fill=\"none\" stroke=\"\(color.hex)\" stroke-width=\"2\" "
                + "stroke-linejoin=\"round\" stroke-linecap=\"round\""
                + (item.style == .dashed ? " stroke-dasharray=\"7 4\"" : "") + "/>"
        }
        return markup + lonePoints.joined() + "</g>"
    }
}
