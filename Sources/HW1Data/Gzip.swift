import Foundation
import HW1CZlib

/// Whole-buffer gzip compression and decompression through zlib.
public enum Gzip {
    /// Decompresses a gzip (or zlib) stream held in memory; concatenated gzip members are joined.
    ///
    /// The output buffer starts from a bounded guess and doubles as inflate fills it; the
    /// trailer's size field is never used to allocate (a hostile file can put anything there).
    /// - Parameters:
    ///   - source: the file name (or other label) that errors should name.
    ///   - maximumSize: refuse output longer than this many bytes (for a caller that knows the
    ///     size it expects), so a small file that inflates to gigabytes is stopped early.
    /// - Throws: `DataError.corruptCompressedData` if the stream is damaged, truncated or
    ///   followed by bytes that are not another gzip member; `DataError.decompressedTooLarge`
    ///   past `maximumSize`.
    public static func decompress(
        _ compressed: some ContiguousBytes, source: String = "<memory>", maximumSize: Int = .max
    ) throws -> [UInt8] {
        try compressed.withUnsafeBytes { input in
            try inflateAll(input, source: source, maximumSize: maximumSize)
        }
    }

    /// Compresses bytes into a single-member gzip stream (level 1 fastest … 9 smallest).
    public static func compress(_ bytes: some ContiguousBytes, level: Int32 = 6) throws -> [UInt8] {
        try bytes.withUnsafeBytes { input in
            var stream = z_stream()
            // windowBits 16 + 15: write a gzip wrapper around a 32 KiB-window deflate stream.
            var status = deflateInit2_(
                &stream, level, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY,
                ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                throw DataError.compressionFailed(reason: zlibMessage(status, stream))
            }
            defer { deflateEnd(&stream) }
            let bound = Int(deflateBound(&stream, uLong(input.count))) + 32
            var output = [UInt8](repeating: 0, count: bound)
            let produced = try output.withUnsafeMutableBytes { out -> Int in
                stream.next_in = UnsafeMutablePointer(
                    mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
                stream.avail_in = uInt(input.count)
                stream.next_out = out.baseAddress!.assumingMemoryBound(to: Bytef.self)
                stream.avail_out = uInt(out.count)
                status = deflate(&stream, Z_FINISH)
                guard status == Z_STREAM_END else {
                    throw DataError.compressionFailed(reason: zlibMessage(status, stream))
                }
                return out.count - Int(stream.avail_out)
            }
            output.removeSubrange(produced...)
            return output
        }
    }

    /// Reads a file whole, inflating it first if it starts with the gzip magic bytes 1f 8b.
    /// - Parameter maximumSize: the largest decompressed contents accepted, see `decompress`;
    ///   the file itself is refused before it is read if it is larger than that plus deflate's
    ///   worst-case overhead (a file that is not compressed is otherwise returned as it is).
    /// - Throws: `DataError.unreadableFile` in plain words ("no such file", "is a directory"…),
    ///   or the errors of `decompress`.
    public static func readFile(at url: URL, maximumSize: Int = .max) throws -> [UInt8] {
        let bytes: [UInt8]
        do {
            // A compressed file may exceed its contents by deflate's worst case (stored blocks,
            // 5 bytes per 64 KiB) plus a gzip header with optional fields (at most about 128 KiB).
            let (fileLimit, overflow) = maximumSize.addingReportingOverflow(maximumSize / 64 + (1 << 17))
            bytes = try FileBytes.read(url, maximumSize: overflow || maximumSize < 0 ? .max : fileLimit)
        } catch {
            throw DataError.unreadableFile(path: url.path, reason: error.reason)
        }
        if bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b {
            return try decompress(bytes, source: url.path, maximumSize: maximumSize)
        }
        return bytes  // already in memory at its real size: the caller's checks name the problem
    }

    /// The first output buffer: four times the input (typical for deflate), at least 64 KiB, at
    /// most 64 MiB and never more than `maximumSize` + 1 (one extra byte shows an overrun).
    static func initialCapacity(compressedSize: Int, maximumSize: Int) -> Int {
        let (guess, overflow) = compressedSize.multipliedReportingOverflow(by: 4)
        let bounded = min(max(overflow ? Int.max : guess, 1 << 16), 1 << 26)
        return min(bounded, maximumSize == .max ? .max : maximumSize + 1)
    }

    private static func inflateAll(_ input: UnsafeRawBufferPointer, source: String, maximumSize: Int) throws -> [UInt8] {
        guard input.count > 0 else {
            throw DataError.corruptCompressedData(path: source, reason: "the file is empty")
        }
        var stream = z_stream()
        // windowBits 15 + 32: accept both gzip and zlib headers.
        var status = inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            throw DataError.corruptCompressedData(path: source, reason: zlibMessage(status, stream))
        }
        defer { inflateEnd(&stream) }

        let output = GrowableBytes(capacity: initialCapacity(compressedSize: input.count, maximumSize: maximumSize))
        // zlib's counters are 32-bit: feed the input (and offer output space) in pieces that fit.
        let chunk = Int(UInt32.max)
        var inputConsumed = 0
        func refillInput() {
            guard stream.avail_in == 0, inputConsumed < input.count else { return }
            let piece = min(input.count - inputConsumed, chunk)
            stream.next_in = UnsafeMutablePointer(
                mutating: (input.baseAddress! + inputConsumed).assumingMemoryBound(to: Bytef.self))
            stream.avail_in = uInt(piece)
            inputConsumed += piece
        }
        var inputLeft: Int { Int(stream.avail_in) + (input.count - inputConsumed) }
        while true {
            refillInput()
            guard output.count <= maximumSize else {
                throw DataError.decompressedTooLarge(path: source, limit: maximumSize)
            }
            // Near the limit ask for just one byte past it: enough to notice an overrun.
            let room = maximumSize - output.count
            output.reserveFreeSpace(atLeast: room < 1 << 16 ? room + 1 : 1 << 16)
            let offered = min(output.freeCount, chunk)
            stream.next_out = output.freeSpace
            stream.avail_out = uInt(offered)
            status = inflate(&stream, Z_NO_FLUSH)
            output.count += offered - Int(stream.avail_out)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                guard output.count <= maximumSize else {
                    throw DataError.decompressedTooLarge(path: source, limit: maximumSize)
                }
                refillInput()
                guard inputLeft > 0 else { return output.toArray() }
                // Another gzip member may follow (as `cat a.gz b.gz` produces).
                let rest = inputLeft
                let next = stream.next_in!
                guard rest >= 2, stream.avail_in >= 2, next[0] == 0x1f, next[1] == 0x8b else {
                    throw DataError.corruptCompressedData(
                        path: source, reason: "\(rest) unexpected bytes after the end of the gzip stream")
                }
                status = inflateReset(&stream)
                guard status == Z_OK else {
                    throw DataError.corruptCompressedData(path: source, reason: zlibMessage(status, stream))
                }
            case Z_BUF_ERROR where inputLeft == 0:
                throw DataError.corruptCompressedData(
                    path: source, reason: "the compressed data ends early (the file is truncated)")
            default:
                throw DataError.corruptCompressedData(path: source, reason: zlibMessage(status, stream))
            }
        }
    }

    private static func zlibMessage(_ status: Int32, _ stream: z_stream) -> String {
        if let message = stream.msg { return "zlib: \(String(cString: message))" }
        switch status {
        case Z_DATA_ERROR: return "zlib: invalid compressed data"
        case Z_MEM_ERROR: return "zlib: out of memory"
        case Z_BUF_ERROR: return "zlib: no progress possible"
        case Z_STREAM_ERROR: return "zlib: inconsistent stream state"
        case Z_VERSION_ERROR: return "zlib: incompatible library version"
        default: return "zlib: error code \(status)"
        }
    }
}

/// A byte buffer that grows by doubling without zero-filling, for inflate's output.
private final class GrowableBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    var freeSpace: UnsafeMutablePointer<UInt8> { base + count }
    var freeCount: Int { capacity - count }

    deinit { base.deallocate() }

    func reserveFreeSpace(atLeast minimum: Int) {
        guard freeCount < minimum else { return }
        let (doubled, overflow) = capacity.multipliedReportingOverflow(by: 2)
        let newCapacity = max(overflow ? Int.max : doubled, count + minimum)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    func toArray() -> [UInt8] {
        [UInt8](UnsafeBufferPointer(start: base, count: count))
    }
}
