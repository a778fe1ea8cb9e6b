/// A vectorisable logistic function for `Float` buffers: the forward pass's hottest
/// elementwise loop (one exp per hidden unit per sample), which calling libm's `expf` once per
/// element would make several times slower than the loop around it.
///
/// exp uses Cephes' `expf` scheme: n = round(x·log₂e), r = x − n·ln 2 in two parts, a degree-6
/// polynomial for eʳ on [−ln2/2, ln2/2], and 2ⁿ built from its bit pattern; wrapping integer
/// arithmetic only, so the loop compiles to SIMD. σ(z) = 1/(1 + e^(−|z|)) for z ≥ 0 and
/// e^(−|z|)/(1 + e^(−|z|)) otherwise, so exp never overflows. Below z = −87 the result is
/// flushed to 0 (the true value is under 2e-38). Accuracy: a few ulp (tested against `Double`).
enum FloatSigmoid {
    /// `values[i] ← σ(values[i] + bias[i mod width])` over `rows × width` elements.
    @inline(__always)
    static func applyWithBias(_ values: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, rows: Int, width: Int) {
        for r in 0..<rows {
            let row = values + r &* width
            for j in 0..<width { row[j] = sigmoid(row[j] + bias[j]) }
        }
    }

    @inline(__always)
    static func sigmoid(_ z: Float) -> Float {
        let e = exp(Swift.max(-Swift.abs(z), -87))
        let s = 1 / (1 + e)
        let negative = z < 0 ? e * s : s
        return z < -87 ? 0 : negative
    }

    /// eˣ for x in [−87, 0] (the only range `sigmoid` uses).
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        // n = round(x·log₂e) without a libm call: adding 1.5·2²³ rounds to an integer in the
        // low mantissa bits (kept there for 2ⁿ below), subtracting it back gives n as a Float.
        let shifted = x * 1.442_695_04 + 12_582_912
        let n = shifted - 12_582_912
        var r = x - n * 0.693_359_375
        r = r - n * -2.121_944_4e-4
        var p: Float = 1.987_569_15e-4
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let er = p * r * r + r + 1
        // 2ⁿ: move n from the low mantissa bits of `shifted` to the exponent field.
        let twoToN = Float(bitPattern: ((shifted.bitPattern &- 0x4B40_0000) &+ 127) << 23)
        return er * twoToN
    }
}
