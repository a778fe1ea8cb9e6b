import Foundation
import HW1CZlib

/// Whole-buffer gzip compression and decompression through zlib.
public enum Gzip {
    /// Decompresses a gzip (or zlib) stream held in memory; concatenated gzip members are joined.
    ///
    /// - Parameter source: the file name (or other label) that errors should name.
    /// - Throws: `DataError.corruptCompressedData` if the stream is damaged, truncated or
    ///   followed by bytes that are not another gzip member.
    public static func decompress(_ compressed: some ContiguousBytes, source: String = "<memory>")
        throws -> [UInt8]
    {
        try compressed.withUnsafeBytes { input in
            try inflateAll(input, source: source)
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
    public static func readFile(at url: URL) throws -> [UInt8] {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DataError.unreadableFile(path: url.path, reason: error.localizedDescription)
        }
        if data.count >= 2 && data[data.startIndex] == 0x1f && data[data.startIndex + 1] == 0x8b {
            return try decompress(data, source: url.path)
        }
        return [UInt8](data)
    }

    private static func inflateAll(_ input: UnsafeRawBufferPointer, source: String) throws -> [UInt8] {
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

        let output = GrowableBytes(capacity: sizeHint(input))
        stream.next_in = UnsafeMutablePointer(
            mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        stream.avail_in = uInt(input.count)
        while true {
            output.reserveFreeSpace(atLeast: 1 << 16)
            stream.next_out = output.freeSpace
            stream.avail_out = uInt(output.freeCount)
            status = inflate(&stream, Z_NO_FLUSH)
            output.count = output.capacity - Int(stream.avail_out)
            switch status {
            case Z_OK:
                continue
            case Z_STREAM_END:
                guard stream.avail_in > 0 else { return output.toArray() }
                // Another gzip member may follow (as `cat a.gz b.gz` produces).
                let rest = Int(stream.avail_in)
                let next = stream.next_in!
                guard rest >= 2, next[0] == 0x1f, next[1] == 0x8b else {
                    throw DataError.corruptCompressedData(
                        path: source, reason: "\(rest) unexpected bytes after the end of the gzip stream")
                }
                status = inflateReset(&stream)
                guard status == Z_OK else {
                    throw DataError.corruptCompressedData(path: source, reason: zlibMessage(status, stream))
                }
            case Z_BUF_ERROR where stream.avail_in == 0:
                throw DataError.corruptCompressedData(
                    path: source, reason: "the compressed data ends early (the file is truncated)")
            default:
                throw DataError.corruptCompressedData(path: source, reason: zlibMessage(status, stream))
            }
        }
    }

    /// The gzip trailer's ISIZE (uncompressed size mod 2³²) is exact for one small member,
    /// and lets the output be allocated once.
    private static func sizeHint(_ input: UnsafeRawBufferPointer) -> Int {
        guard input.count >= 18, input[0] == 0x1f, input[1] == 0x8b else { return input.count * 4 }
        let tail = input.count - 4
        let size = Int(input[tail]) | Int(input[tail + 1]) << 8 | Int(input[tail + 2]) << 16
            | Int(input[tail + 3]) << 24
        return max(size + 1, 1024)
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
        let newCapacity = max(capacity * 2, count + minimum)
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
