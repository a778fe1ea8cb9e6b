import Foundation

/// One labelled tick: its data value and its label (for log axes, the power of ten).
struct AxisTick: Equatable {
    let value: Double
    /// Plain-text label ("0.2", "1000"); for powers of ten the exponent is also kept apart
    /// so SVG can set it as a superscript.
    let label: String
    let exponent: Int?
}

/// Tick placement: "nice" 1-2-5 steps on linear axes and powers of ten on log axes.
enum AxisTicks {
    /// The 1, 2 or 5 × 10ᵏ step that splits `span` into about `targetCount` intervals.
    static func niceStep(span: Double, targetCount: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(targetCount, 1))
        let magnitude = pow(10, (Foundation.log10(raw)).rounded(.down))
        let fraction = raw / magnitude
        let nice: Double = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        return nice * magnitude
    }

    /// Multiples of a nice step lying inside `lower…upper` (e.g. 0…0.87 → 0, 0.2, 0.4, 0.6, 0.8).
    static func linear(lower: Double, upper: Double, targetCount: Int = 5) -> [AxisTick] {
        let step = niceStep(span: upper - lower, targetCount: targetCount)
        // A tolerance of a millionth of a step keeps ticks that sit on the bounds up to rounding.
        let first = (lower / step - 1e-6).rounded(.up)
        let last = (upper / step + 1e-6).rounded(.down)
        // Spans too wide for a Double step (e.g. ±1e308) would otherwise loop for ever.
        guard first <= last, last - first <= 1000 else { return [] }
        let decimals = max(0, -Int((Foundation.log10(step) + 1e-9).rounded(.down)))
        return stride(from: first, through: last, by: 1).map { multiple in
            // Adding 0 turns -0 (from -0 × step) into +0, so no label reads "-0".
            let value = multiple * step + 0
            return AxisTick(value: value, label: format(value, decimals: decimals), exponent: nil)
        }
    }

    /// Powers of ten inside `lower…upper` (both positive), thinned to every n-th decade when
    /// there would be more than `maximumCount`.
    static func powersOfTen(lower: Double, upper: Double, maximumCount: Int = 8) -> [AxisTick] {
        let low = Int((Foundation.log10(lower) - 1e-9).rounded(.up))
        let high = Int((Foundation.log10(upper) + 1e-9).rounded(.down))
        guard low <= high else { return [] }
        let stride = max(1, (high - low + maximumCount) / maximumCount)
        return Swift.stride(from: low, through: high, by: stride).map { exponent in
            AxisTick(value: pow(10, Double(exponent)), label: "10^\(exponent)", exponent: exponent)
        }
    }

    /// 2×…9× each power of ten inside `lower…upper`, for unlabelled minor grid lines.
    static func logMinorValues(lower: Double, upper: Double) -> [Double] {
        let low = Int(Foundation.log10(lower).rounded(.down))
        let high = Int(Foundation.log10(upper).rounded(.up))
        guard high - low <= 6 else { return [] }
        var values: [Double] = []
        for exponent in low...high {
            for multiple in 2...9 {
                let value = Double(multiple) * pow(10, Double(exponent))
                if value >= lower && value <= upper { values.append(value) }
            }
        }
        return values
    }

    /// A tick label with a fixed number of decimals, or in exponent form when very large or small.
    static func format(_ value: Double, decimals: Int) -> String {
        if abs(value) >= 1e6 || decimals > 5 {
            // %g writes 1e+07; tick labels read better as 1e7.
            let parts = String(format: "%g", value).split(separator: "e")
            guard parts.count == 2, let exponent = Int(parts[1]) else { return String(parts[0]) }
            return "\(parts[0])e\(exponent)"
        }
        return String(format: "%.\(decimals)f", value)
    }
}
