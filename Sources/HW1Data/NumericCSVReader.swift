import Dispatch
import Foundation

/// Reads a numeric CSV file front to back, a block of whole rows at a time, so a table larger
/// than memory can be consumed (e.g. accumulated into XᵀX) without ever being held whole.
///
/// The file is read in chunks of `chunkBytes` (grown only for a single longer line); each chunk
/// is cut after its last line feed and parsed by `CSVChunkParser`. With `threads` > 1, that many
/// chunks are read one after another and parsed at the same time, and delivered in file order.
/// The rules (header, BOM, quotes, blank lines, errors) are those of `NumericCSV`.
public final class NumericCSVReader {
    /// A block of consecutive data rows.
    public struct Block {
        /// The rows' values, row-major `rowCount × columnCount`; valid only during the call.
        public let values: UnsafeBufferPointer<Double>
        /// Number of rows in the block.
        public let rowCount: Int
        /// Bytes of the file read up to the end of this block.
        public let bytesRead: Int
    }

    /// File name or other label used in error messages.
    public let source: String
    /// Column names from the header row.
    public let columnNames: [String]
    /// The file's size in bytes when it is a regular file (for capacity estimates).
    public let fileSize: Int?
    /// Number of chunks parsed at the same time.
    public let threads: Int

    private let chunker: LineChunker
    private var chunks: [LineChunk]
    /// Where the data begins in `chunks[0]` and the line number of that point.
    private var firstChunkOffset: Int
    private var lineBase: Int
    private var consumed = false

    /// Opens `url` and reads its header.
    ///
    /// - Parameters:
    ///   - threads: chunks parsed in parallel (1 = all on the calling thread).
    ///   - chunkBytes: bytes read per chunk (1 MiB by default).
    /// - Throws: `NumericCSVError` (`unreadableFile`, `noHeader`, `badHeader`, `notUTF8`, …).
    public convenience init(contentsOf url: URL, threads: Int = 1, chunkBytes: Int = 1 << 20) throws(NumericCSVError) {
        let file: FileBytes.SequentialReader
        do {
            file = try FileBytes.SequentialReader(url)
        } catch {
            throw .unreadableFile(path: error.path, reason: error.reason)
        }
        try self.init(chunker: LineChunker(file: file, chunkBytes: chunkBytes), source: url.path, threads: threads)
    }

    /// Reads CSV bytes already in memory (used by `NumericCSV(parsing:)`).
    convenience init(bytes: [UInt8], source: String) throws(NumericCSVError) {
        try self.init(chunker: LineChunker(bytes: bytes), source: source, threads: 1)
    }

    private init(chunker: LineChunker, source: String, threads: Int) throws(NumericCSVError) {
        self.chunker = chunker
        self.source = source
        self.fileSize = chunker.fileSize
        self.threads = max(1, threads)
        chunks = (0..<max(1, threads)).map { _ in LineChunk() }
        var line = 0
        var names: [String]?
        var offset = 0
        var isFirst = true
        while names == nil {
            guard try chunker.next(into: chunks[0]) else { throw .noHeader(source: source) }
            offset = 0
            let bytes = UnsafePointer(chunks[0].base)
            if isFirst, chunks[0].count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { offset = 3 }
            isFirst = false
            while offset < chunks[0].count {
                line += 1
                var lineEnd = offset
                while lineEnd < chunks[0].count && bytes[lineEnd] != 0x0A && bytes[lineEnd] != 0x0D { lineEnd += 1 }
                let lineBytes = UnsafeBufferPointer(start: bytes + offset, count: lineEnd - offset)
                offset = LineChunker.skipLineEnd(bytes, at: lineEnd, count: chunks[0].count)
                guard UTF8Check.firstInvalidOffset(lineBytes) == nil else { throw .notUTF8(source: source, line: line) }
                let text = String(decoding: lineBytes, as: UTF8.self)
                if text.allSatisfy(\.isWhitespace) { continue }
                let fields = try NumericCSV.splitFields(Substring(text), source: source, line: line)
                try NumericCSV.checkHeader(fields, source: source, line: line)
                names = fields
                break
            }
        }
        columnNames = names!
        firstChunkOffset = offset
        lineBase = line
    }

    /// Calls `body` with each block of data rows, in file order; the reader can be read once.
    ///
    /// - Throws: the first problem in file order (`NumericCSVError` with its line and column),
    ///   or whatever `body` throws.
    public func forEachBlock(_ body: (Block) throws -> Void) throws {
        precondition(!consumed, "NumericCSVReader.forEachBlock: the file has already been read")
        consumed = true
        let parser = CSVChunkParser(columnNames: columnNames, source: source)
        var outputs: [UnsafeMutablePointer<Double>?] = Array(repeating: nil, count: threads)
        var outputCapacities = Array(repeating: 0, count: threads)
        defer { for output in outputs { output?.deallocate() } }
        var starts = Array(repeating: 0, count: threads)
        var batchIsFirst = true
        let results = ChunkResults(count: threads)
        while true {
            // Fill up to `threads` chunks; the first batch begins with the header's chunk.
            var filled = 0
            for index in 0..<threads {
                if batchIsFirst && index == 0 {
                    starts[0] = firstChunkOffset
                } else {
                    guard try chunker.next(into: chunks[index]) else { break }
                    starts[index] = 0
                }
                let needed = CSVChunkParser.valueBound(byteCount: chunks[index].count - starts[index], columnCount: columnNames.count)
                if outputCapacities[index] < needed {
                    outputs[index]?.deallocate()
                    outputs[index] = .allocate(capacity: needed)
                    outputCapacities[index] = needed
                }
                filled += 1
            }
            batchIsFirst = false
            guard filled > 0 else { return }
            let work = UncheckedBox((parser, chunks, outputs, starts, results))
            let parseOne: @Sendable (Int) -> Void = { index in
                let (parser, chunks, outputs, starts, results) = work.value
                results.set(index, Result { () throws(NumericCSVError) -> CSVChunkParser.Counts in
                    try parser.parse(
                        UnsafePointer(chunks[index].base), from: starts[index], to: chunks[index].count,
                        into: outputs[index]!)
                })
            }
            if filled == 1 {
                parseOne(0)
            } else {
                DispatchQueue.concurrentPerform(iterations: filled, execute: parseOne)
            }
            for index in 0..<filled {
                switch results.get(index) {
                case .failure(let error):
                    throw error.shiftingLines(by: lineBase)
                case .success(let counts):
                    lineBase += counts.lines
                    if counts.rows > 0 {
                        try body(Block(
                            values: UnsafeBufferPointer(start: outputs[index]!, count: counts.values),
                            rowCount: counts.rows, bytesRead: chunks[index].endOffset))
                    }
                }
            }
        }
    }
}

/// One chunk's bytes: whole lines, in a buffer that grows only for a longer line.
final class LineChunk {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    /// Bytes of whole lines in `base` (the last line may lack its line end only at the end of the file).
    var count = 0
    /// Offset in the file just past this chunk.
    var endOffset = 0

    init(capacity: Int = 0) {
        self.capacity = capacity
        base = .allocate(capacity: max(capacity, 1))
    }

    /// Makes room for at least `minimum` bytes, keeping the first `count` bytes.
    func reserve(_ minimum: Int) {
        guard minimum > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: minimum)
        grown.update(from: base, count: count)
        base.deallocate()
        base = grown
        capacity = minimum
    }

    deinit { base.deallocate() }
}

/// Cuts a byte stream into chunks of whole lines (cut after the last line feed of each read).
final class LineChunker {
    private let file: FileBytes.SequentialReader?
    private var memory: [UInt8]?
    private let chunkBytes: Int
    /// Bytes read after the last line feed of the previous chunk.
    private var carry: [UInt8] = []
    private var atEnd = false
    private var offset = 0
    let fileSize: Int?

    init(file: FileBytes.SequentialReader, chunkBytes: Int) {
        self.file = file
        self.chunkBytes = max(chunkBytes, 64)
        fileSize = file.regularFileSize
    }

    init(bytes: [UInt8]) {
        file = nil
        memory = bytes
        chunkBytes = bytes.count
        fileSize = bytes.count
    }

    /// Offset just past the line end at `lineEnd` (`\n`, `\r\n` or a lone `\r`), or `count`.
    static func skipLineEnd(_ bytes: UnsafePointer<UInt8>, at lineEnd: Int, count: Int) -> Int {
        guard lineEnd < count else { return count }
        if bytes[lineEnd] == 0x0D && lineEnd + 1 < count && bytes[lineEnd + 1] == 0x0A { return lineEnd + 2 }
        return lineEnd + 1
    }

    /// Fills `chunk` with the next run of whole lines; false when the input is exhausted.
    func next(into chunk: LineChunk) throws(NumericCSVError) -> Bool {
        if let bytes = memory {
            memory = nil
            guard !bytes.isEmpty else { return false }
            chunk.count = 0
            chunk.reserve(bytes.count)
            bytes.withUnsafeBufferPointer { chunk.base.update(from: $0.baseAddress!, count: bytes.count) }
            chunk.count = bytes.count
            chunk.endOffset = bytes.count
            return true
        }
        guard let file else { return false }
        chunk.count = 0
        chunk.reserve(max(chunkBytes, carry.count + chunkBytes / 2))
        carry.withUnsafeBufferPointer { if let source = $0.baseAddress { chunk.base.update(from: source, count: $0.count) } }
        chunk.count = carry.count
        carry.removeAll(keepingCapacity: true)
        while true {
            if atEnd {
                chunk.endOffset = offset
                return chunk.count > 0
            }
            if chunk.count == chunk.capacity { chunk.reserve(chunk.capacity * 2) }
            let got: Int
            do {
                got = try file.read(into: chunk.base + chunk.count, count: chunk.capacity - chunk.count)
            } catch {
                throw .unreadableFile(path: error.path, reason: error.reason)
            }
            if got == 0 {
                atEnd = true
                continue
            }
            offset += got
            // Bytes before `searchStart` hold no line feed (the carry is what followed the last one).
            let searchStart = chunk.count
            let newEnd = chunk.count + got
            var cut = newEnd
            while cut > searchStart && chunk.base[cut - 1] != 0x0A { cut -= 1 }
            if cut > searchStart {
                carry.append(contentsOf: UnsafeBufferPointer(start: chunk.base + cut, count: newEnd - cut))
                chunk.count = cut
                chunk.endOffset = offset - (newEnd - cut)
                return true
            }
            chunk.count = newEnd
        }
    }
}

/// Per-chunk results written by the parsing threads, each index by one thread.
private final class ChunkResults: @unchecked Sendable {
    private var results: [Result<CSVChunkParser.Counts, NumericCSVError>]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: .success(.init()), count: count) }

    func set(_ index: Int, _ result: Result<CSVChunkParser.Counts, NumericCSVError>) {
        lock.lock()
        results[index] = result
        lock.unlock()
    }

    func get(_ index: Int) -> Result<CSVChunkParser.Counts, NumericCSVError> {
        lock.lock()
        defer { lock.unlock() }
        return results[index]
    }
}

/// Carries non-Sendable values (chunk buffers, pointers) into `concurrentPerform`, whose
/// iterations each touch their own chunk and output.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

extension NumericCSVError {
    /// The same error with its line number moved on by `offset` lines (a chunk's first line
    /// is 1 when parsed; the reader adds the lines before the chunk).
    func shiftingLines(by offset: Int) -> NumericCSVError {
        switch self {
        case .badHeader(let source, let line, let detail):
            return .badHeader(source: source, line: line + offset, detail: detail)
        case .wrongFieldCount(let source, let line, let expected, let found):
            return .wrongFieldCount(source: source, line: line + offset, expected: expected, found: found)
        case .malformedQuotes(let source, let line, let column, let detail):
            return .malformedQuotes(source: source, line: line + offset, column: column, detail: detail)
        case .notANumber(var location, let text):
            location.line += offset
            return .notANumber(location, text: text)
        case .notFinite(var location, let text):
            location.line += offset
            return .notFinite(location, text: text)
        case .outOfRange(var location, let text):
            location.line += offset
            return .outOfRange(location, text: text)
        case .notUTF8(let source, let line):
            return .notUTF8(source: source, line: line + offset)
        case .unreadableFile, .noHeader, .noDataRows, .missingColumn:
            return self
        }
    }
}
