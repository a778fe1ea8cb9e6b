/// Centred finite differences and the relative error used by the gradient checks (cs231n's
/// `gradient_check` idea), in `Double`.
public enum FiniteDifference {
    /// The centred-difference gradient `(f(x + h·eᵢ) − f(x − h·eᵢ)) / 2h` of `f` at `x`,
    /// one entry per coordinate of `x`.
    public static func gradient(of f: ([Double]) -> Double, at x: [Double], step h: Double = 1e-5) -> [Double] {
        var probe = x
        return x.indices.map { i in
            probe[i] = x[i] + h
            let up = f(probe)
            probe[i] = x[i] - h
            let down = f(probe)
            probe[i] = x[i]
            return (up - down) / (2 * h)
        }
    }

    /// The norm-wise relative error `‖a − b‖ / max(‖a‖, ‖b‖)` (0 when both are zero).
    /// - Precondition: `a.count == b.count`.
    public static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "relativeError: \(a.count) against \(b.count) entries")
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let scale = max(norm(a), norm(b))
        return scale == 0 ? 0 : norm(zip(a, b).map { $0 - $1 }) / scale
    }
}
