import Foundation
import Testing
@testable import HW1Data

/// The four faults that fuzzing found (issue #17), each reproduced with the exact bytes that
/// used to trap or allocate gigabytes; each must now be a named error.
@Suite struct HostileHeaderTests {
    @Test func idxRowsTimesColumnsOverflowIsANamedError() {
        // 16 bytes: magic 0x803, count 1, rows and columns 0xFFFFFFFF (used to trap in rows * columns).
        let bytes = IDXFixture.bigEndian(IDX.imagesMagic) + IDXFixture.bigEndian(1)
            + IDXFixture.bigEndian(0xFFFF_FFFF) + IDXFixture.bigEndian(0xFFFF_FFFF)
        #expect(throws: DataError.self) { try IDX.parseImages(bytes, path: "hostile.idx") }
        do {
            _ = try IDX.parseImages(bytes, path: "hostile.idx")
        } catch {
            #expect("\(error)".contains("hostile.idx"))
        }
    }

    @Test func declaredSizeReportsOverflowAndShortfall() {
        #expect(throws: DeclaredSize.Problem.overflow(factors: [1 << 62, 4])) {
            try DeclaredSize.byteCount([1 << 62, 4], available: 80)
        }
        #expect(throws: DeclaredSize.Problem.exceedsAvailable(needed: 24, available: 20)) {
            try DeclaredSize.byteCount([2, 2], header: 20, available: 20)
        }
        #expect(throws: DeclaredSize.Problem.negative(factors: [3, -1])) {
            try DeclaredSize.byteCount([3, -1], available: 100)
        }
        #expect((try? DeclaredSize.byteCount([2, 3, 4], header: 16, available: 40)) == 40)
    }

    @Test func gzipTrailerIsNotTrustedForAllocation() throws {
        // A valid gzip member whose trailer claims 2³² − 1 and 2³² − 2 bytes of output: the
        // first used to trap converting the size for zlib, the second allocated 4 GiB first.
        for trailer: [UInt8] in [[0xFF, 0xFF, 0xFF, 0xFF], [0xFE, 0xFF, 0xFF, 0xFF]] {
            var bytes = try Gzip.compress([UInt8]("hello".utf8))
            bytes.replaceSubrange((bytes.count - 4)..., with: trailer)
            // zlib checks the size modulo 2³² at the end: a named corrupt-data error, not a trap.
            #expect(throws: DataError.self) { try Gzip.decompress(bytes, source: "hostile.gz") }
        }
        #expect(Gzip.initialCapacity(compressedSize: 20, maximumSize: .max) == 1 << 16)
        #expect(Gzip.initialCapacity(compressedSize: Int.max, maximumSize: .max) == 1 << 26)
    }

    @Test func safeTensorsElementCountTimesSizeOverflowIsANamedError() {
        let header = #"{"w":{"dtype":"F32","shape":[4611686018427387904],"data_offsets":[0,4]}}"#
        var bytes = withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { [UInt8]($0) }
        bytes += [UInt8](header.utf8) + [0, 0, 0, 0]
        #expect(throws: SafeTensorsError.self) { try SafeTensors.decode(bytes, source: "hostile.safetensors") }
    }

    @Test func duplicateHeaderCheckIsLinearAndStillNamesBothColumns() throws {
        // 10⁵ distinct columns took 17.5 s with the quadratic check; then a duplicate at the end.
        let count = 100_000
        let names = (0..<count).map { "c\($0)" }
        let text = names.joined(separator: ",") + ",c7\n" + Array(repeating: "1", count: count + 1).joined(separator: ",") + "\n"
        #expect(throws: NumericCSVError.self) { try NumericCSV(parsing: text, source: "wide.csv") }
        do {
            _ = try NumericCSV(parsing: text, source: "wide.csv")
        } catch {
            #expect("\(error)".contains("columns 8 and \(count + 1) are both named \"c7\""))
        }
    }
}

/// The plain words every reader uses for a path it cannot read (issue #17).
@Suite struct PlainWordsTests {
    @Test func errnoValuesAreSaidInPlainWords() {
        #expect(FileBytes.reason(errno: ENOENT) == "no such file")
        #expect(FileBytes.reason(errno: EACCES) == "permission denied")
        #expect(FileBytes.reason(errno: EPERM) == "permission denied")
        #expect(FileBytes.reason(errno: EISDIR) == "is a directory, not a file")
    }

    @Test func checksNameDirectoriesFilesAndMissingPaths() throws {
        try withTemporaryDirectory { folder in
            let file = try folder.write([1, 2, 3], to: "f")
            #expect(throws: Never.self) { try FileBytes.checkReadable(file) }
            #expect(throws: Never.self) { try FileBytes.checkDirectory(folder.url) }
            #expect(throws: FileBytes.ReadFailure(path: folder.url.path, reason: "is a directory, not a file")) {
                try FileBytes.checkReadable(folder.url)
            }
            #expect(throws: FileBytes.ReadFailure(path: file.path, reason: "is a file, not a directory")) {
                try FileBytes.checkDirectory(file)
            }
            let absent = folder.file("absent")
            #expect(throws: FileBytes.ReadFailure(path: absent.path, reason: "no such file")) { try FileBytes.checkReadable(absent) }
            #expect(throws: FileBytes.ReadFailure(path: absent.path, reason: "no such file or directory")) {
                try FileBytes.checkDirectory(absent)
            }
            #expect(throws: FileBytes.ReadFailure(path: "/dev/null", reason: "is not a regular file (a device or socket)")) {
                try FileBytes.checkReadable(URL(fileURLWithPath: "/dev/null"))
            }
        }
    }
}

/// Found while auditing (issue #17): a sparse file that claims a terabyte used to be allocated in
/// full before any reader looked at it ("failed to allocate 1099511627809 bytes", exit 134).
@Suite struct OversizedFileTests {
    @Test func aFileLargerThanMemoryIsRefusedBeforeItIsRead() throws {
        try withTemporaryDirectory { folder in
            let url = try folder.write([], to: "sparse.safetensors")
            #expect(truncate(url.path, 1 << 40) == 0)  // 1 TiB, no disk blocks
            #expect {
                try FileBytes.read(url)
            } throws: { error in
                let reason = (error as? FileBytes.ReadFailure)?.reason ?? ""
                return reason.hasPrefix("is 1099511627776 bytes, more than this machine's") && reason.hasSuffix("bytes of memory")
            }
            #expect {
                try SafeTensors.read(from: url)
            } throws: { error in
                "\(error)".contains("sparse.safetensors: cannot read the file (is 1099511627776 bytes, more than")
            }
        }
    }

    @Test func aFileLargerThanTheCallersLimitIsRefused() throws {
        try withTemporaryDirectory { folder in
            let url = try folder.write(Array(repeating: 7, count: 300_000), to: "labels")
            #expect(throws: FileBytes.ReadFailure(path: url.path, reason: "is 300000 bytes, more than the 1000 bytes this file may hold")) {
                try FileBytes.read(url, maximumSize: 1000)
            }
            #expect(try FileBytes.read(url, maximumSize: 300_000).count == 300_000)
            // Gzip.readFile allows deflate's overhead over the decompressed limit (128 KiB + 1/64).
            #expect(throws: DataError.self) { try Gzip.readFile(at: url, maximumSize: 100_000) }
            #expect(try Gzip.readFile(at: url, maximumSize: 200_000).count == 300_000)
        }
    }

    @Test func aPipeIsReadOnlyUpToTheLimit() throws {
        try withTemporaryDirectory { folder in
            signal(SIGPIPE, SIG_IGN)  // the writer outlives the read; it gets EPIPE, not a signal
            let fifo = folder.file("pipe")
            #expect(mkfifo(fifo.path, 0o600) == 0)
            let writer = Thread {
                guard let handle = FileHandle(forWritingAtPath: fifo.path) else { return }
                try? handle.write(contentsOf: Data(repeating: 1, count: 200_000))
                try? handle.close()
            }
            writer.start()
            #expect(throws: FileBytes.ReadFailure(path: fifo.path, reason: "holds more than the 100000 bytes this file may hold")) {
                try FileBytes.read(fifo, maximumSize: 100_000)
            }
        }
    }
}
