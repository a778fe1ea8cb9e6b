/// Finds the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
enum UTF8Check {
    /// The offset of the first byte of the first invalid sequence in `bytes`, or nil if all of it
    /// is valid UTF-8. ASCII runs are skipped eight bytes at a time.
    static func firstInvalidOffset(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let count = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        var i = 0
        while i < count {
            // ASCII fast path: eight bytes with no high bit.
            while i + 8 <= count {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < count else { return nil }
            let lead = base[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= count else { return i }
            guard (low...high).contains(base[i + 1]) else { return i }
            for k in 2..<max(2, length) where !(0x80...0xBF).contains(base[i + k]) { return i }
            i += length
        }
        return nil
    }

    /// The 1-based line (counting `\n`, `\r\n` and lone `\r` as line ends) that holds `offset`.
    static func lineNumber(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var line = 1
        var i = 0
        while i < offset {
            if bytes[i] == 0x0A {
                line += 1
            } else if bytes[i] == 0x0D {
                line += 1
                if i + 1 < offset, bytes[i + 1] == 0x0A { i += 1 }
            }
            i += 1
        }
        return line
    }
}
