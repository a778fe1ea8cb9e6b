/// A colour for chart marks, as an sRGB hex string such as `#1f77b4`.
public struct ChartColor: Sendable, Hashable {
    /// The `#rrggbb` form written into SVG.
    public let hex: String

    /// A colour from its `#rrggbb` hex form.
    public init(hex: String) { self.hex = hex }

    /// Ten distinct, print-friendly hues (the Tableau 10 set), used in order for series
    /// and bar groups that do not choose their own colour.
    public static let palette: [ChartColor] = [
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    ].map(ChartColor.init(hex:))

    /// The palette colour for the `index`-th series, cycling past the end.
    public static func automatic(_ index: Int) -> ChartColor { palette[index % palette.count] }
}
