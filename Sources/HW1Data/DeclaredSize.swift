/// Turns sizes that a file declares about itself (dimensions, element counts, lengths) into byte
/// counts, checking every step: the products may not overflow `Int`, and the result may not
/// exceed what the file really holds. Every reader calls it before it allocates or slices, so a
/// hostile header gets a named error instead of a trap or a multi-gigabyte allocation.
public enum DeclaredSize {
    /// Why declared sizes cannot be honoured; `description` reads as the end of a sentence
    /// ("… declares 2 × 3 bytes: <description>").
    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        /// The product of the factors does not fit in a 64-bit signed integer.
        case overflow(factors: [Int])
        /// A factor is negative.
        case negative(factors: [Int])
        /// The product fits but is larger than the bytes available.
        case exceedsAvailable(needed: Int, available: Int)

        public var description: String {
            switch self {
            case .overflow(let factors):
                "\(factors.map(String.init).joined(separator: " × ")) overflows a 64-bit byte count"
            case .negative(let factors):
                "\(factors.map(String.init).joined(separator: " × ")) has a negative factor"
            case .exceedsAvailable(let needed, let available):
                "needs \(needed) bytes but only \(available) are available"
            }
        }
    }

    /// The product of `factors` (1 for none), or a problem if one is negative or it overflows.
    ///
    /// Multiplied left to right, exactly as `factors.reduce(1, *)` would be, so a product this
    /// accepts can be recomputed that way without trapping (`[2⁶², 2⁶², 0]` is refused).
    public static func product(_ factors: [Int]) -> Result<Int, Problem> {
        guard factors.allSatisfy({ $0 >= 0 }) else { return .failure(.negative(factors: factors)) }
        var result = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: factor)
            guard !overflow else { return .failure(.overflow(factors: factors)) }
            result = next
        }
        return .success(result)
    }

    /// `header + product(factors)` bytes, refused unless it is at most `available`.
    ///
    /// - Parameters:
    ///   - factors: the declared dimensions and the element size, e.g. `[count, rows, columns, 1]`.
    ///   - header: bytes that precede the payload (added with an overflow check).
    ///   - available: how many bytes the file (or the region being described) really holds.
    /// - Throws: `Problem` naming the overflow or the shortfall.
    public static func byteCount(_ factors: [Int], header: Int = 0, available: Int) throws(Problem) -> Int {
        let payload = try product(factors).get()
        let (total, overflow) = payload.addingReportingOverflow(header)
        guard !overflow else { throw .overflow(factors: factors) }
        guard total <= available else { throw .exceedsAvailable(needed: total, available: available) }
        return total
    }

    /// `a + b`, or nil when the sum overflows `Int` (for offsets read from a file).
    public static func sum(_ a: Int, _ b: Int) -> Int? {
        let (total, overflow) = a.addingReportingOverflow(b)
        return overflow ? nil : total
    }
}
