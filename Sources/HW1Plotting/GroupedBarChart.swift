import Foundation

/// Bars grouped by category (e.g. train and test accuracy for each model), rendered as a
/// standalone SVG document with a legend of the groups on the right.
public struct GroupedBarChart: Sendable {
    /// One coloured set of bars: a value per category.
    public struct Group: Sendable, Equatable {
        /// Name shown in the legend.
        public var name: String
        /// One value per category; NaN and ±∞ leave a gap.
        public var values: [Double]
        /// Colour; nil takes the palette colour of the group's position.
        public var color: ChartColor?

        /// A group of bars.
        public init(name: String, values: [Double], color: ChartColor? = nil) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    /// Heading above the plot.
    public var title: String
    /// Label under the category axis.
    public var xLabel: String
    /// Label beside the value axis.
    public var yLabel: String
    /// Category names along the x axis.
    public let categories: [String]
    /// The groups, drawn side by side within each category.
    public let groups: [Group]
    /// Decimals of the value printed above each bar; nil prints none.
    public var valueLabelDecimals: Int?
    /// Document width in pixels.
    public var width: Int
    /// Document height in pixels.
    public var height: Int

    /// A chart of `groups` over `categories`; throws if a group does not have one value per category.
    public init(
        title: String, xLabel: String, yLabel: String, categories: [String], groups: [Group],
        valueLabelDecimals: Int? = nil, width: Int = 760, height: Int = 440
    ) throws(PlottingError) {
        guard !categories.isEmpty else { throw .emptyInput("a grouped bar chart needs at least one category") }
        for group in groups where group.values.count != categories.count {
            throw .groupLengthMismatch(
                group: group.name, valueCount: group.values.count, categoryCount: categories.count)
        }
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.categories = categories
        self.groups = groups
        self.valueLabelDecimals = valueLabelDecimals
        self.width = width
        self.height = height
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let colors = groups.indices.map { groups[$0].color ?? ChartColor.automatic($0) }
        // Categories sit at the centres of unit-wide bands 0…1, 1…2, …; no vertical grid lines.
        var xAxis = Axis(
            scale: .linear, lower: 0, upper: Double(categories.count),
            ticks: categories.indices.map { AxisTick(value: Double($0) + 0.5, label: categories[$0], exponent: nil) })
        xAxis.drawsGrid = false
        let yAxis = Axis.fitted(to: groups.flatMap(\.values) + [0], scale: .linear, includeZero: true)
        let frame = ChartFrame(
            width: Double(width), height: Double(height), title: title, xLabel: xLabel, yLabel: yLabel,
            xAxis: xAxis, yAxis: yAxis,
            legend: groups.indices.map { LegendEntry(name: groups[$0].name, color: colors[$0], mark: .swatch) })

        var document = SVGDocument(width: Double(width), height: Double(height))
        frame.drawBackground(into: &document)
        let n = SVGDocument.number
        let barWidth = 0.8 / Double(max(groups.count, 1))
        var bars: [String] = []
        var labels: [String] = []
        for (groupIndex, group) in groups.enumerated() {
            for (category, value) in group.values.enumerated() where value.isFinite {
                let start = Double(category) + 0.1 + Double(groupIndex) * barWidth
                guard let left = frame.x(start), let right = frame.x(start + barWidth),
                    let top = frame.y(max(value, 0)), let bottom = frame.y(min(value, 0))
                else { continue }
                bars.append(
                    "<rect x=\"\(n(left + 1))\" y=\"\(n(top))\" width=\"\(n(max(right - left - 2, 1)))\" "
                        + "height=\"\(n(bottom - top))\" fill=\"\(colors[groupIndex].hex)\"/>")
                if let decimals = valueLabelDecimals {
                    labels.append(
                        SVGDocument.text(
                            String(format: "%.\(decimals)f", value), x: (left + right) / 2,
                            y: value >= 0 ? top - 4 : bottom + 12, size: 10, anchor: "middle", fill: "#333333"))
                }
            }
        }
        document.add("<g clip-path=\"url(#\(ChartFrame.clipID))\">\(bars.joined())</g>")
        frame.drawForeground(into: &document)
        if !labels.isEmpty { document.add("<g class=\"value-labels\">\(labels.joined())</g>") }
        return document.rendered()
    }

    /// Writes the SVG document to `url`.
    public func write(to url: URL) throws(PlottingError) {
        try writeFile(Data(svg().utf8), to: url)
    }
}
