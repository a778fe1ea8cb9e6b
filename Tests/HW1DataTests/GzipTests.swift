import Foundation
import Testing
@testable import HW1Data

@Suite struct GzipTests {
    private let sample = (0..<100_000).map { UInt8(truncatingIfNeeded: ($0 * $0) >> 3) }

    @Test func roundTripRestoresTheBytes() throws {
        let compressed = try Gzip.compress(sample)
        #expect(compressed.prefix(2) == [0x1f, 0x8b])
        #expect(compressed.count < sample.count)
        #expect(try Gzip.decompress(compressed) == sample)
    }

    @Test func emptyInputRoundTrips() throws {
        #expect(try Gzip.decompress(try Gzip.compress([UInt8]())) == [])
    }

    @Test func concatenatedMembersAreJoined() throws {
        let first = Array(sample[..<30_000]), second = Array(sample[30_000...])
        let joined = try Gzip.compress(first) + Gzip.compress(second)
        #expect(try Gzip.decompress(joined) == sample)
    }

    @Test func corruptStreamThrowsNamingTheSource() throws {
        var compressed = try Gzip.compress(sample)
        for index in 20..<60 { compressed[index] ^= 0x5a }
        #expect {
            try Gzip.decompress(compressed, source: "broken.gz")
        } throws: { error in
            guard case DataError.corruptCompressedData(let path, _) = error else { return false }
            return path == "broken.gz" && "\(error)".contains("broken.gz")
        }
    }

    @Test func truncatedStreamSaysItEndsEarly() throws {
        let compressed = try Gzip.compress(sample)
        #expect {
            try Gzip.decompress(Array(compressed.prefix(compressed.count / 2)), source: "half.gz")
        } throws: { error in
            "\(error)".contains("half.gz") && "\(error)".contains("truncated")
        }
    }

    @Test func trailingGarbageIsAnError() throws {
        let compressed = try Gzip.compress(sample) + [1, 2, 3]
        #expect(throws: DataError.self) { try Gzip.decompress(compressed, source: "tail.gz") }
    }

    @Test func readFileInflatesGzipAndPassesRawBytesThrough() throws {
        try withTemporaryDirectory { directory in
            let packed = try directory.write(try Gzip.compress(sample), to: "sample.gz")
            let raw = try directory.write(sample, to: "sample.bin")
            #expect(try Gzip.readFile(at: packed) == sample)
            #expect(try Gzip.readFile(at: raw) == sample)
        }
    }

    @Test func readFileOfMissingFileNamesIt() {
        let missing = URL(fileURLWithPath: "/nonexistent/hw1/file.gz")
        #expect {
            try Gzip.readFile(at: missing)
        } throws: { error in
            guard case DataError.unreadableFile(let path, _) = error else { return false }
            return path == missing.path
        }
    }
}
