/// Counts of values in equal-width bins spanning their finite range (for weight histograms).
public struct Histogram: Sendable, Equatable {
    /// One bin: the half-open interval `lower..<upper` (the last bin also holds `upper`) and its count.
    public struct Bin: Sendable, Equatable {
        /// Left edge.
        public let lower: Double
        /// Right edge.
        public let upper: Double
        /// Number of values in the bin.
        public let count: Int
    }

    /// The bins, left to right.
    public let bins: [Bin]
    /// Values left out because they were NaN or ±∞.
    public let skippedCount: Int

    /// Bins the finite `values` into `binCount` equal-width bins from their minimum to their
    /// maximum; if all values are equal, one unit-wide range centred on them is used.
    public init(values: [Double], binCount: Int) throws(PlottingError) {
        guard binCount >= 1 else { throw .invalidBinCount(binCount) }
        let finite = values.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else {
            throw .emptyInput("a histogram needs at least one finite value (got \(values.count) values)")
        }
        if low == high {
            low -= 0.5
            high += 0.5
        }
        let width = (high - low) / Double(binCount)
        var counts = [Int](repeating: 0, count: binCount)
        for value in finite {
            // The maximum lands exactly on the last edge; keep it in the last bin.
            let index = min(binCount - 1, Int((value - low) / width))
            counts[index] += 1
        }
        bins = counts.indices.map { index in
            Bin(
                lower: low + Double(index) * width,
                upper: index == binCount - 1 ? high : low + Double(index + 1) * width,
                count: counts[index])
        }
        skippedCount = values.count - finite.count
    }

    /// Bins values of any floating-point type (e.g. `Float` weights).
    public init<T: BinaryFloatingPoint>(values: [T], binCount: Int) throws(PlottingError) {
        try self.init(values: values.map { Double($0) }, binCount: binCount)
    }
}
