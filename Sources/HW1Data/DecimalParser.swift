/// Parses a decimal number from ASCII bytes, correctly rounded, without making a `String`.
///
/// The fast path is Clinger's: when the decimal significand has at most 19 digits and is at most
/// 2⁵³, and the decimal exponent e satisfies |e| ≤ 22, both the significand and 10^|e| are exact
/// Doubles, so one IEEE multiplication or division gives the correctly rounded result. Numbers
/// written with `%.10g` to `%.15g` (and most hand-made tables) take this path. Everything else that
/// is still a plain decimal (17-digit round-trip output, exponents beyond ±22) goes to Swift's own
/// `Double(_:)`, which is glibc `strtod_l` in the C locale: correct, and about ten times slower.
enum DecimalParser {
    /// 10⁰ … 10²², each exactly representable.
    nonisolated(unsafe) static let powersOfTen: UnsafeMutablePointer<Double> = {
        let table = UnsafeMutablePointer<Double>.allocate(capacity: 23)
        var power = 1.0
        for exponent in 0...22 {
            table[exponent] = power
            power *= 10
        }
        return table
    }()

    /// Parses `[+-]?digits[.digits]([eE][+-]?digits)?` (at least one significand digit) starting
    /// at `start` and stopping at the first byte that cannot continue it (or `end`).
    ///
    /// - Returns: the value and the offset just past the number, or nil if no number starts there
    ///   or the number overflows to ±∞ (the caller reports it with the exact rules).
    @inline(__always)
    static func parse(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int, powers: UnsafePointer<Double>) -> (value: Double, end: Int)? {
        var i = start
        var negative = false
        if i < end, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i &+= 1
        }
        var significand: UInt64 = 0
        let integerStart = i
        eightDigits(bytes, &i, end, &significand)
        while i < end {
            let digit = bytes[i] &- UInt8(ascii: "0")
            guard digit < 10 else { break }
            significand = significand &* 10 &+ UInt64(digit)
            i &+= 1
        }
        var digitCount = i &- integerStart
        var fractionDigits = 0
        if i < end, bytes[i] == UInt8(ascii: ".") {
            i &+= 1
            let fractionStart = i
            eightDigits(bytes, &i, end, &significand)
            eightDigits(bytes, &i, end, &significand)
            while i < end {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                significand = significand &* 10 &+ UInt64(digit)
                i &+= 1
            }
            fractionDigits = i &- fractionStart
            digitCount &+= fractionDigits
        }
        guard digitCount > 0 else { return nil }
        var exponent = 0
        if i < end, bytes[i] | 0x20 == UInt8(ascii: "e") {
            var j = i &+ 1
            var exponentNegative = false
            if j < end, bytes[j] == UInt8(ascii: "-") || bytes[j] == UInt8(ascii: "+") {
                exponentNegative = bytes[j] == UInt8(ascii: "-")
                j &+= 1
            }
            let exponentStart = j
            while j < end {
                let digit = bytes[j] &- UInt8(ascii: "0")
                guard digit < 10 else { break }
                if exponent < 100_000 { exponent = exponent &* 10 &+ Int(digit) }  // saturates
                j &+= 1
            }
            // "1e" or "1e+" is not a number with an exponent; strtod would stop before the 'e',
            // and the caller then sees the 'e' as trailing text.
            if j > exponentStart {
                i = j
                if exponentNegative { exponent = -exponent }
            } else {
                exponent = 0
            }
        }
        let decimalExponent = exponent &- fractionDigits
        if digitCount <= 19 && significand <= 1 << 53 {
            var value = Double(significand)
            if significand == 0 {
                // Zero with any exponent.
            } else if decimalExponent >= 0 && decimalExponent <= 22 {
                value *= powers[decimalExponent]
            } else if decimalExponent < 0 && decimalExponent >= -22 {
                value /= powers[-decimalExponent]
            } else {
                return slowPath(bytes, from: start, to: i)
            }
            return (negative ? -value : value, i)
        }
        return slowPath(bytes, from: start, to: i)
    }

    /// Consumes eight digits at once if the next eight bytes are all digits (SWAR, as in
    /// fast_float: three multiplications instead of a chain of eight).
    @inline(__always)
    static func eightDigits(_ bytes: UnsafePointer<UInt8>, _ i: inout Int, _ end: Int, _ significand: inout UInt64) {
        guard end &- i >= 8 else { return }
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes + i).loadUnaligned(as: UInt64.self))
        guard (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
            == 0x3333_3333_3333_3333 else { return }
        var value = word &- 0x3030_3030_3030_3030
        value = (value &* 10) &+ (value >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        value = (((value & mask) &* 0x000F_4240_0000_0064) &+ (((value >> 16) & mask) &* 0x0000_2710_0000_0001)) >> 32
        significand = significand &* 100_000_000 &+ value
        i &+= 8
    }

    /// `Double(_:)` on the bytes (glibc strtod_l, correctly rounded); nil if it overflows to ±∞.
    @inline(never)
    static func slowPath(_ bytes: UnsafePointer<UInt8>, from start: Int, to end: Int) -> (value: Double, end: Int)? {
        let text = String(decoding: UnsafeBufferPointer(start: bytes + start, count: end - start), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return (value, end)
    }
}
