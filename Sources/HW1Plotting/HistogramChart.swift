import Foundation

/// A histogram drawn as adjoining bars, rendered as a standalone SVG document.
///
/// With a log y axis, empty bins are left out and bars rise from half a count, so a bin
/// holding a single value still shows.
public struct HistogramChart: Sendable {
    /// Heading above the plot.
    public var title: String
    /// Label under the x axis (what was binned).
    public var xLabel: String
    /// Label beside the y axis.
    public var yLabel: String
    /// The binned data.
    public var histogram: Histogram
    /// Scale of the count axis.
    public var yScale: AxisScale
    /// Bar colour.
    public var color: ChartColor
    /// Document width in pixels.
    public var width: Int
    /// Document height in pixels.
    public var height: Int

    /// A chart of an existing histogram.
    public init(
        title: String, xLabel: String, yLabel: String = "count", histogram: Histogram,
        yScale: AxisScale = .linear, color: ChartColor = ChartColor.palette[0],
        width: Int = 640, height: Int = 400
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.histogram = histogram
        self.yScale = yScale
        self.color = color
        self.width = width
        self.height = height
    }

    /// A chart that bins `values` itself; throws for an invalid bin count or no finite values.
    public init<T: BinaryFloatingPoint>(
        title: String, xLabel: String, values: [T], binCount: Int = 40,
        yScale: AxisScale = .linear, color: ChartColor = ChartColor.palette[0]
    ) throws(PlottingError) {
        self.init(
            title: title, xLabel: xLabel, histogram: try Histogram(values: values, binCount: binCount),
            yScale: yScale, color: color)
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let bins = histogram.bins
        let counts = bins.map { Double($0.count) }
        let edges = bins.map(\.lower) + [bins.last?.upper ?? 1]
        let yAxis: Axis
        let baseline: Double
        switch yScale {
        case .linear:
            yAxis = Axis.fitted(to: counts + [0], scale: .linear, includeZero: true)
            baseline = 0
        case .log10:
            baseline = 0.5
            yAxis = Axis.fitted(to: counts.filter { $0 > 0 } + [baseline], scale: .log10, padding: 0)
        }
        let frame = ChartFrame(
            width: Double(width), height: Double(height), title: title, xLabel: xLabel, yLabel: yLabel,
            xAxis: Axis.fitted(to: edges, scale: .linear, padding: 0.02), yAxis: yAxis, legend: [])

        var document = SVGDocument(width: Double(width), height: Double(height))
        frame.drawBackground(into: &document)
        let n = SVGDocument.number
        var bars: [String] = []
        for bin in bins where bin.count > 0 {
            guard let left = frame.x(bin.lower), let right = frame.x(bin.upper),
                let top = frame.y(Double(bin.count)), let bottom = frame.y(baseline)
            else { continue }
            bars.append(
                "<rect x=\"\(n(left))\" y=\"\(n(top))\" width=\"\(n(max(right - left, 0.5)))\" "
                    + "height=\"\(n(max(bottom - top, 0)))\"/>")
        }
        document.add(
            "<g clip-path=\"url(#\(ChartFrame.clipID))\" fill=\"\(color.hex)\" fill-opacity=\"0.85\" "
                + "stroke=\"#ffffff\" stroke-width=\"0.5\">\(bars.joined())</g>")
        frame.drawForeground(into: &document)
        return document.rendered()
    }

    /// Writes the SVG document to `url`.
    public func write(to url: URL) throws(PlottingError) {
        try writeFile(Data(svg().utf8), to: url)
    }
}
