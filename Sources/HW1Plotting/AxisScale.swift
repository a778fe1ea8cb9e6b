/// How data values map to positions along a chart axis.
public enum AxisScale: Sendable, Equatable {
    /// Equal distances for equal differences.
    case linear
    /// Equal distances for equal ratios; ticks sit at powers of ten and non-positive values are skipped.
    case log10
}
