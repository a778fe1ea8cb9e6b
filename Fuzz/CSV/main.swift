// libFuzzer target: the numeric CSV reader behind `hw1 regress --csv`, through its public API.
// Any input must give a named error or a table whose sizes agree and whose values are finite.
import HW1Data

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { [UInt8](UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    guard let table = try? NumericCSV(parsing: text, source: "fuzz.csv") else { return 0 }
    precondition(table.values.count == table.rowCount * table.columnCount)
    precondition(table.values.allSatisfy(\.isFinite))
    for name in [table.columnNames.first, table.columnNames.last, "absent"].compactMap({ $0 }) {
        if let split = try? table.splittingTarget(named: name) {
            precondition(split.features.count == split.rowCount * split.columnCount)
            precondition(split.target.count == split.rowCount)
        }
    }
    return 0
}
