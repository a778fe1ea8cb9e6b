/// One named set of (x, y) points in a `LineChart`, drawn as a line or as markers.
public struct ChartSeries: Sendable, Equatable {
    /// How the points are drawn.
    public enum Style: Sendable, Equatable {
        /// A solid line through consecutive points.
        case solid
        /// A dashed line through consecutive points.
        case dashed
        /// A dot at each point and no line (a scatter plot).
        case markers
    }

    /// Name shown in the legend.
    public var name: String
    /// x values, one per point.
    public let x: [Double]
    /// y values, one per point; NaN, ±∞ (and non-positive values on a log axis) break the line.
    public let y: [Double]
    /// Line or marker style.
    public var style: Style
    /// Colour; nil takes the next palette colour by the series' position in the chart.
    public var color: ChartColor?

    /// A series from parallel x and y arrays; throws if their lengths differ.
    public init(
        name: String, x: [Double], y: [Double], style: Style = .solid, color: ChartColor? = nil
    ) throws(PlottingError) {
        guard x.count == y.count else {
            throw .seriesLengthMismatch(series: name, xCount: x.count, yCount: y.count)
        }
        self.name = name
        self.x = x
        self.y = y
        self.style = style
        self.color = color
    }

    /// A series from parallel arrays of any floating-point type (e.g. `Float` losses).
    public init<T: BinaryFloatingPoint>(
        name: String, x: [T], y: [T], style: Style = .solid, color: ChartColor? = nil
    ) throws(PlottingError) {
        try self.init(name: name, x: x.map { Double($0) }, y: y.map { Double($0) }, style: style, color: color)
    }

    /// A series whose x values count up from `firstX` in steps of 1 (epochs 1, 2, 3, …).
    public init(
        name: String, y: [Double], firstX: Double = 1, style: Style = .solid, color: ChartColor? = nil
    ) {
        self.name = name
        self.x = y.indices.map { firstX + Double($0) }
        self.y = y
        self.style = style
        self.color = color
    }

    /// A series of any floating-point type whose x values count up from `firstX` in steps of 1.
    public init<T: BinaryFloatingPoint>(
        name: String, y: [T], firstX: Double = 1, style: Style = .solid, color: ChartColor? = nil
    ) {
        self.init(name: name, y: y.map { Double($0) }, firstX: firstX, style: style, color: color)
    }

    /// A series from (x, y) pairs.
    public init(
        name: String, points: [(x: Double, y: Double)], style: Style = .solid, color: ChartColor? = nil
    ) {
        self.name = name
        self.x = points.map(\.x)
        self.y = points.map(\.y)
        self.style = style
        self.color = color
    }
}
