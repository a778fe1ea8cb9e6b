extension Matrix: CustomStringConvertible {
    /// A readable grid; large matrices show their first and last rows and columns around `…`.
    public var description: String {
        let maxShown = 6
        func indices(_ count: Int) -> [Int?] {
            count <= maxShown
                ? Array(0..<count)
                : Array(0..<(maxShown / 2)) + [nil] + Array((count - maxShown / 2)..<count)
        }
        let rowIndices = indices(rows), columnIndices = indices(columns)
        let cells: [[String]] = rowIndices.map { r in
            columnIndices.map { c in
                guard let r, let c else { return r == nil && c == nil ? "⋱" : (r == nil ? "⋮" : "…") }
                return format(storage[r * columns + c])
            }
        }
        let width = cells.flatMap { $0 }.map(\.count).max() ?? 0
        let body = cells.map { row in
            "  [" + row.map { String(repeating: " ", count: width - $0.count) + $0 }.joined(separator: " ") + "]"
        }
        return "Matrix<\(Scalar.self)> \(shape)" + (body.isEmpty ? "" : "\n" + body.joined(separator: "\n"))
    }

    private func format(_ value: Scalar) -> String {
        let d = Double(value)
        if d == d.rounded() && abs(d) < 1e6 { return String(Int(d)) }
        // Four significant decimals keeps the grid readable.
        var text = String(Double((d * 1e4).rounded() / 1e4))
        if abs(d) >= 1e6 || (abs(d) < 1e-4 && d != 0) { text = String(describing: value) }
        return text
    }
}
