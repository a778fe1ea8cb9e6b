import Foundation

/// One chart axis: its scale, visible data range, labelled ticks and unlabelled minor grid values.
struct Axis {
    let scale: AxisScale
    let lower: Double
    let upper: Double
    let ticks: [AxisTick]
    var minorValues: [Double] = []
    var drawsGrid = true

    /// Where `value` falls along the axis, 0 at `lower` and 1 at `upper`; nil for values the
    /// scale cannot place (non-finite, or non-positive on a log axis).
    func fraction(_ value: Double) -> Double? {
        guard scale.canPlace(value) else { return nil }
        switch scale {
        case .linear:
            return (value - lower) / (upper - lower)
        case .log10:
            return (Foundation.log10(value) - Foundation.log10(lower))
                / (Foundation.log10(upper) - Foundation.log10(lower))
        }
    }

    /// An axis covering `values` (those the scale can place) with a small margin.
    ///
    /// Linear axes pad the data range by `padding` of its span on each side (optionally
    /// stretched to include zero); log axes pad by the same fraction of decades and widen to
    /// whole decades when fewer than two powers of ten would be visible.
    static func fitted(
        to values: [Double], scale: AxisScale, includeZero: Bool = false, padding: Double = 0.04
    ) -> Axis {
        let usable = values.filter(scale.canPlace)
        switch scale {
        case .linear:
            var low = usable.min() ?? 0
            var high = usable.max() ?? 1
            if includeZero {
                low = min(low, 0)
                high = max(high, 0)
            }
            if low == high {
                let halfWidth = low == 0 ? 1 : abs(low) * 0.1
                low -= halfWidth
                high += halfWidth
            }
            let margin = (high - low) * padding
            // Zero stays the edge when the data start there, so bars and counts sit on the axis.
            let paddedLow = includeZero && low == 0 ? 0 : low - margin
            let paddedHigh = includeZero && high == 0 ? 0 : high + margin
            return Axis(
                scale: .linear, lower: paddedLow, upper: paddedHigh,
                ticks: AxisTicks.linear(lower: paddedLow, upper: paddedHigh))
        case .log10:
            var lowExponent = Foundation.log10(usable.min() ?? 1)
            var highExponent = Foundation.log10(usable.max() ?? 10)
            if lowExponent == highExponent {
                lowExponent -= 0.5
                highExponent += 0.5
            }
            let margin = (highExponent - lowExponent) * padding
            lowExponent -= margin
            highExponent += margin
            var low = pow(10, lowExponent)
            var high = pow(10, highExponent)
            if AxisTicks.powersOfTen(lower: low, upper: high).count < 2 {
                low = pow(10, lowExponent.rounded(.down))
                high = pow(10, highExponent.rounded(.up))
                if low == high { high *= 10 }
            }
            var axis = Axis(
                scale: .log10, lower: low, upper: high,
                ticks: AxisTicks.powersOfTen(lower: low, upper: high))
            axis.minorValues = AxisTicks.logMinorValues(lower: low, upper: high)
            return axis
        }
    }
}

extension AxisScale {
    /// Whether the scale can place `value` at all: finite, and positive on a log axis.
    func canPlace(_ value: Double) -> Bool {
        value.isFinite && (self == .linear || value > 0)
    }
}
