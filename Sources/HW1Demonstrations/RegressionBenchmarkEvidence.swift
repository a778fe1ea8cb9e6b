import Foundation

/// The measured evidence of answer 1(c), read from what `hw1-bench regression` wrote
/// (`results/regression/benchmark.csv` and `benchmark.md`): the timing table as printed, the
/// fitted exponents with their standard errors, local exponents between neighbouring sizes and
/// the arithmetic and memory rates those timings imply.
///
/// The answers quote these numbers with `<!-- tie bench:KEY -->` markers; see ``values`` for
/// the keys.
public struct RegressionBenchmarkEvidence: Sendable {
    /// One measured cell of the benchmark (one row of benchmark.csv).
    public struct Cell: Sendable {
        /// Rows n, columns d and the design's condition number.
        public var n: Int, d: Int, condition: Double
        /// Seconds of the three closed forms and of one GD iteration; GD iterations, GD total, break-even m*.
        public var cholesky: Double, qr: Double, svd: Double, gdIteration: Double
        /// GD's iteration count to tolerance (estimated when `gdIterationsMeasured` is false), its total seconds, m*.
        public var gdIterations: Double, gdIterationsMeasured: Bool, gdTotal: Double, breakEven: Double

        /// A cell from its measured figures (as benchmark.csv holds them).
        public init(
            n: Int, d: Int, condition: Double, cholesky: Double, qr: Double, svd: Double, gdIteration: Double,
            gdIterations: Double, gdIterationsMeasured: Bool, gdTotal: Double, breakEven: Double
        ) {
            self.n = n
            self.d = d
            self.condition = condition
            self.cholesky = cholesky
            self.qr = qr
            self.svd = svd
            self.gdIteration = gdIteration
            self.gdIterations = gdIterations
            self.gdIterationsMeasured = gdIterationsMeasured
            self.gdTotal = gdTotal
            self.breakEven = breakEven
        }
    }

    /// The cells that ran (skipped ones are left out).
    public var cells: [Cell]
    /// benchmark.md's timing table, as printed.
    public var timings: TextTable
    /// benchmark.md's fitted-exponent table, as printed.
    public var exponents: TextTable

    /// Reads `benchmark.csv` and `benchmark.md` from `directory`.
    /// - Throws: ``EvidenceError`` naming the file and line that cannot be read.
    public init(directory: URL) throws {
        let csvURL = directory.appendingPathComponent("benchmark.csv")
        let mdURL = directory.appendingPathComponent("benchmark.md")
        guard let csv = try? String(contentsOf: csvURL, encoding: .utf8) else {
            throw EvidenceError("\(csvURL.path): cannot be read; run `make bench` (or `hw1-bench regression`) to write it")
        }
        guard let md = try? String(contentsOf: mdURL, encoding: .utf8) else {
            throw EvidenceError("\(mdURL.path): cannot be read; run `make bench` (or `hw1-bench regression`) to write it")
        }
        cells = try Self.parseCSV(csv, file: csvURL.path)
        let tables = Self.markdownTables(md)
        guard tables.count >= 2 else { throw EvidenceError("\(mdURL.path): expected the timing table and the exponent table") }
        timings = tables[0]
        timings.key = "timings"
        exponents = tables[1]
        exponents.key = "exponents"
    }

    /// The measured cells of `directory/benchmark.csv` alone (no benchmark.md needed).
    public static func cells(in directory: URL) throws -> [Cell] {
        let csvURL = directory.appendingPathComponent("benchmark.csv")
        guard let csv = try? String(contentsOf: csvURL, encoding: .utf8) else {
            throw EvidenceError("\(csvURL.path): cannot be read; run `make bench` (or `hw1-bench regression`) to write it")
        }
        return try parseCSV(csv, file: csvURL.path)
    }

    /// An unreadable benchmark file.
    public struct EvidenceError: Error, CustomStringConvertible {
        /// File, line and what is wrong.
        public var description: String
        init(_ description: String) { self.description = description }
    }

    static func parseCSV(_ text: String, file: String) throws -> [Cell] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        guard let header = lines.first?.split(separator: ",").map(String.init) else { throw EvidenceError("\(file): empty") }
        func column(_ name: String) throws -> Int {
            guard let i = header.firstIndex(of: name) else { throw EvidenceError("\(file):1: no column '\(name)'") }
            return i
        }
        let names = ["n", "d", "condition", "skipped", "cholesky_seconds", "qr_seconds", "svd_seconds", "gd_iteration_seconds",
            "gd_iterations", "gd_iterations_measured", "gd_total_seconds", "break_even_iterations"]
        let at = try Dictionary(uniqueKeysWithValues: names.map { ($0, try column($0)) })
        var cells: [Cell] = []
        for (offset, line) in lines.dropFirst().enumerated() {
            var fields: [String] = [], current = "", quoted = false
            for ch in line {
                if ch == "\"" { quoted.toggle() } else if ch == "," && !quoted { fields.append(current); current = "" } else { current.append(ch) }
            }
            fields.append(current)
            guard fields.count == header.count else {
                throw EvidenceError("\(file):\(offset + 2): \(fields.count) fields under \(header.count) headings")
            }
            if !fields[at["skipped"]!].isEmpty { continue }
            func number(_ name: String) throws -> Double {
                guard let v = Double(fields[at[name]!]) else {
                    throw EvidenceError("\(file):\(offset + 2): '\(fields[at[name]!])' in column \(name) is not a number")
                }
                return v
            }
            cells.append(Cell(
                n: Int(try number("n")), d: Int(try number("d")), condition: try number("condition"),
                cholesky: try number("cholesky_seconds"), qr: try number("qr_seconds"), svd: try number("svd_seconds"),
                gdIteration: try number("gd_iteration_seconds"), gdIterations: try number("gd_iterations"),
                gdIterationsMeasured: fields[at["gd_iterations_measured"]!] == "true", gdTotal: try number("gd_total_seconds"),
                breakEven: try number("break_even_iterations")))
        }
        return cells
    }

    /// The Markdown tables of `text`, in order.
    static func markdownTables(_ text: String) -> [TextTable] {
        var tables: [TextTable] = []
        let lines = text.components(separatedBy: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        var i = 0
        while i + 1 < lines.count {
            if AnswerTies.isTableRow(lines[i]), AnswerTies.isRule(lines[i + 1]) {
                var table = TextTable(caption: "", header: AnswerTies.cells(lines[i]))
                i += 2
                while i < lines.count, AnswerTies.isTableRow(lines[i]) {
                    var row = AnswerTies.cells(lines[i])
                    row = Array((row + Array(repeating: "", count: max(0, table.header.count - row.count))).prefix(table.header.count))
                    table.addRow(row)
                    i += 1
                }
                tables.append(table)
            } else {
                i += 1
            }
        }
        return tables
    }

    /// The series the exponents are fitted for, as benchmark.md names them.
    public static let series: [(name: String, seconds: @Sendable (Cell) -> Double)] = [
        ("cholesky", { $0.cholesky }), ("qr", { $0.qr }), ("svd", { $0.svd }), ("gd-iteration", { $0.gdIteration }),
    ]

    /// The least-squares fit log t = a + α·log n + β·log d over the well-conditioned cells (as
    /// the benchmark fits it), with the standard errors of α and β.
    public func fit(_ seconds: (Cell) -> Double) -> (alpha: Double, beta: Double, alphaError: Double, betaError: Double) {
        let points = cells.filter { $0.condition == 1 && seconds($0) > 0 }
        let rows = points.map { [1, log(Double($0.n)), log(Double($0.d))] }
        let y = points.map { log(seconds($0)) }
        var gram = [[Double]](repeating: [0, 0, 0], count: 3)
        var moment = [0.0, 0, 0]
        for (row, t) in zip(rows, y) {
            for a in 0..<3 {
                moment[a] += row[a] * t
                for b in 0..<3 { gram[a][b] += row[a] * row[b] }
            }
        }
        let inverse = Self.inverse3(gram)
        let coefficients = (0..<3).map { a in (0..<3).reduce(0.0) { $0 + inverse[a][$1] * moment[$1] } }
        let residual = zip(rows, y).reduce(0.0) { sum, pair in
            let r = pair.1 - (0..<3).reduce(0.0) { $0 + coefficients[$1] * pair.0[$1] }
            return sum + r * r
        }
        let variance = residual / Double(max(1, points.count - 3))
        return (coefficients[1], coefficients[2], (variance * inverse[1][1]).squareRoot(), (variance * inverse[2][2]).squareRoot())
    }

    static func inverse3(_ m: [[Double]]) -> [[Double]] {
        let c00 = m[1][1] * m[2][2] - m[1][2] * m[2][1], c01 = m[1][2] * m[2][0] - m[1][0] * m[2][2]
        let c02 = m[1][0] * m[2][1] - m[1][1] * m[2][0]
        let det = m[0][0] * c00 + m[0][1] * c01 + m[0][2] * c02
        let adj: [[Double]] = [
            [c00, m[0][2] * m[2][1] - m[0][1] * m[2][2], m[0][1] * m[1][2] - m[0][2] * m[1][1]],
            [c01, m[0][0] * m[2][2] - m[0][2] * m[2][0], m[0][2] * m[1][0] - m[0][0] * m[1][2]],
            [c02, m[0][1] * m[2][0] - m[0][0] * m[2][1], m[0][0] * m[1][1] - m[0][1] * m[1][0]],
        ]
        return adj.map { $0.map { $0 / det } }
    }

    /// The cell of the well-conditioned (`condition` 1) or ill-conditioned run.
    public func cell(n: Int, d: Int, condition: Double = 1) -> Cell? {
        cells.first { $0.n == n && $0.d == d && $0.condition == condition }
    }

    /// Every quotable number by key:
    /// - `fit/SERIES/alpha`, `…/beta`, `…/alpha-se`, `…/beta-se` (SERIES: cholesky, qr, svd, gd-iteration);
    /// - `NxD/FIELD` and `NxD/cond1000/FIELD` (FIELD: cholesky, qr, svd, gd-iteration seconds;
    ///   gd-iterations; gd-total; m-star; cholesky-gflops = (n·p² + p³/3)/t; gd-gflops = 4·n·p/t;
    ///   gd-gbytes = 8·n·p/t, one read of the Double design; p = d + 1);
    /// - `local/SERIES/n=N/d=D1-D2` (β between two widths) and `local/SERIES/d=D/n=N1-N2` (α).
    public var values: [String: Double] {
        var v: [String: Double] = [:]
        for (name, seconds) in Self.series {
            let f = fit(seconds)
            v["fit/\(name)/alpha"] = f.alpha
            v["fit/\(name)/beta"] = f.beta
            v["fit/\(name)/alpha-se"] = f.alphaError
            v["fit/\(name)/beta-se"] = f.betaError
            for a in cells where a.condition == 1 {
                for b in cells where b.condition == 1 {
                    if a.n == b.n && a.d < b.d {
                        v["local/\(name)/n=\(a.n)/d=\(a.d)-\(b.d)"] = log(seconds(b) / seconds(a)) / log(Double(b.d) / Double(a.d))
                    }
                    if a.d == b.d && a.n < b.n {
                        v["local/\(name)/d=\(a.d)/n=\(a.n)-\(b.n)"] = log(seconds(b) / seconds(a)) / log(Double(b.n) / Double(a.n))
                    }
                }
            }
        }
        for c in cells {
            let prefix = "\(c.n)x\(c.d)" + (c.condition == 1 ? "" : "/cond\(Int(c.condition))")
            let n = Double(c.n), p = Double(c.d + 1)
            v["\(prefix)/cholesky"] = c.cholesky
            v["\(prefix)/qr"] = c.qr
            v["\(prefix)/svd"] = c.svd
            v["\(prefix)/gd-iteration"] = c.gdIteration
            v["\(prefix)/gd-iterations"] = c.gdIterations
            v["\(prefix)/gd-total"] = c.gdTotal
            v["\(prefix)/m-star"] = c.breakEven
            v["\(prefix)/cholesky-gflops"] = (n * p * p + p * p * p / 3) / c.cholesky / 1e9
            v["\(prefix)/gd-gflops"] = 4 * n * p / c.gdIteration / 1e9
            v["\(prefix)/gd-gbytes"] = 8 * n * p / c.gdIteration / 1e9
        }
        return v
    }

    /// The exponent table with standard errors, keyed `fit`: method, α, ± SE, β, ± SE.
    public var fitTable: TextTable {
        var table = TextTable(caption: "log t = a + α log n + β log d, least squares over the well-conditioned cells",
            header: ["method", "α", "± SE", "β", "± SE"], key: "fit")
        for (name, seconds) in Self.series {
            let f = fit(seconds)
            table.addRow([name] + [f.alpha, f.alphaError, f.beta, f.betaError].map { TableNumber.fixed($0, decimals: 2) })
        }
        return table
    }
}
