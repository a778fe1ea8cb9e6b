import Foundation
import Glibc

/// Reads whole files, failing in plain words ("no such file", "is a directory",
/// "permission denied") rather than with Foundation's error domains and codes.
///
/// Every reader of the package goes through here, so each says the same thing about the same
/// problem. Regular files are read in one allocation of their real size; pipes are read to the
/// end; devices are refused (reading `/dev/zero` would never end).
public enum FileBytes {
    /// Why a file cannot be read: the path and a short reason such as "no such file".
    public struct ReadFailure: Error, Equatable, Sendable, CustomStringConvertible {
        /// The path as given.
        public let path: String
        /// What is wrong, in plain words, without the path.
        public let reason: String

        public var description: String { "\(path): \(reason)" }
    }

    /// The whole contents of the file at `url`.
    ///
    /// The size is checked before anything is allocated: a file larger than `maximumSize`, or
    /// than this machine's physical memory (a sparse file can claim a terabyte on an empty disk),
    /// is refused with its size in the reason; a pipe is read only up to that limit.
    /// - Parameter maximumSize: the most bytes the caller accepts (default: no limit of its own).
    public static func read(_ url: URL, maximumSize: Int = .max) throws(ReadFailure) -> [UInt8] {
        let path = url.path
        let limit = Limit(maximumSize: maximumSize)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadFailure(path: path, reason: reason(errno: errno)) }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadFailure(path: path, reason: reason(errno: errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            let size = Int(status.st_size)
            guard size <= limit.bytes else {
                throw ReadFailure(path: path, reason: "is \(size) bytes, more than \(limit.what)")
            }
            return try readAll(descriptor, path: path, expectedSize: size, limit: limit)
        case S_IFIFO:
            return try readAll(descriptor, path: path, expectedSize: 0, limit: limit)
        case S_IFDIR:
            throw ReadFailure(path: path, reason: "is a directory, not a file")
        default:
            throw ReadFailure(path: path, reason: "is not a regular file (a device or socket)")
        }
    }

    /// Checks, without reading it, that `url` names a file this process may read: the same
    /// plain-words failures as `read`, for a caller whose reader would say less (a CLI can call
    /// it before handing the path on). A named pipe passes (it is opened without blocking).
    public static func checkReadable(_ url: URL) throws(ReadFailure) {
        let path = url.path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw ReadFailure(path: path, reason: reason(errno: errno)) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadFailure(path: path, reason: reason(errno: errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG, S_IFIFO: return
        case S_IFDIR: throw ReadFailure(path: path, reason: "is a directory, not a file")
        default: throw ReadFailure(path: path, reason: "is not a regular file (a device or socket)")
        }
    }

    /// Checks that `url` names a directory whose entries this process may read: "no such file or
    /// directory", "is a file, not a directory" or "permission denied" otherwise.
    public static func checkDirectory(_ url: URL) throws(ReadFailure) {
        let path = url.path
        var status = stat()
        guard stat(path, &status) == 0 else {
            let code = errno
            throw ReadFailure(path: path, reason: code == ENOENT ? "no such file or directory" : reason(errno: code))
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw ReadFailure(path: path, reason: "is a file, not a directory")
        }
        guard access(path, R_OK | X_OK) == 0 else { throw ReadFailure(path: path, reason: reason(errno: errno)) }
    }

    /// The plain-words reason for a failed `open`, `fstat` or `read`.
    static func reason(errno code: Int32) -> String {
        switch code {
        case ENOENT: "no such file"
        case EACCES, EPERM: "permission denied"
        case EISDIR: "is a directory, not a file"
        case ENOTDIR: "a part of the path is not a directory"
        case ELOOP: "too many levels of symbolic links"
        case ENAMETOOLONG: "the path is too long"
        case ENOMEM: "out of memory"
        default: String(cString: strerror(code)).lowercased()
        }
    }

    /// The most bytes a read may return: the caller's maximum or the physical memory, whichever
    /// is smaller, and how to say it ("the 60008 bytes this file may hold").
    struct Limit {
        let bytes: Int
        let what: String

        init(maximumSize: Int) {
            let memory = Int(clamping: ProcessInfo.processInfo.physicalMemory)
            if maximumSize < memory {
                bytes = max(maximumSize, 0)
                what = "the \(bytes) bytes this file may hold"
            } else {
                bytes = memory
                what = "this machine's \(memory) bytes of memory"
            }
        }
    }

    /// Reads until end of file. `expectedSize` is the size `fstat` reported: the buffer starts
    /// there (plus one byte, to notice a file that grew) and doubles if the file keeps growing,
    /// up to `limit` (a file that grows past it, or a pipe that never ends, is refused).
    private static func readAll(
        _ descriptor: Int32, path: String, expectedSize: Int, limit: Limit
    ) throws(ReadFailure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(expectedSize, 0) + 1)
        var count = 0
        while true {
            if count == buffer.count {
                guard count <= limit.bytes else {
                    throw ReadFailure(path: path, reason: "holds more than \(limit.what)")
                }
                let growth = min(max(buffer.count, 1 << 16), limit.bytes - count + 1)
                buffer.append(contentsOf: repeatElement(0, count: growth))
            }
            let got = buffer.withUnsafeMutableBytes { raw in
                Glibc.read(descriptor, raw.baseAddress! + count, raw.count - count)
            }
            if got == 0 { break }
            if got < 0 {
                if errno == EINTR { continue }
                throw ReadFailure(path: path, reason: reason(errno: errno))
            }
            count += got
        }
        guard count <= limit.bytes else {
            throw ReadFailure(path: path, reason: "holds more than \(limit.what)")
        }
        buffer.removeSubrange(count...)
        return buffer
    }

    /// An open file read front to back in pieces, so a large file never sits in memory whole.
    /// Opening fails with the same plain words as `read(_:)`.
    public final class SequentialReader {
        /// The path as given.
        public let path: String
        /// The size `fstat` reported for a regular file; nil for a pipe.
        public let regularFileSize: Int?
        private let descriptor: Int32

        /// Opens `url` for reading; refuses directories and devices.
        public init(_ url: URL) throws(ReadFailure) {
            path = url.path
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ReadFailure(path: path, reason: FileBytes.reason(errno: errno)) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else {
                let code = errno
                close(descriptor)
                throw ReadFailure(path: path, reason: FileBytes.reason(errno: code))
            }
            switch status.st_mode & S_IFMT {
            case S_IFREG: regularFileSize = Int(status.st_size)
            case S_IFIFO: regularFileSize = nil
            case S_IFDIR:
                close(descriptor)
                throw ReadFailure(path: path, reason: "is a directory, not a file")
            default:
                close(descriptor)
                throw ReadFailure(path: path, reason: "is not a regular file (a device or socket)")
            }
            #if os(Linux)
            _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
            #endif
        }

        deinit { close(descriptor) }

        /// Reads up to `count` bytes into `destination`; fewer only at the end of the file, 0 there.
        public func read(into destination: UnsafeMutableRawPointer, count: Int) throws(ReadFailure) -> Int {
            var total = 0
            while total < count {
                let got = Glibc.read(descriptor, destination + total, count - total)
                if got == 0 { break }
                if got < 0 {
                    if errno == EINTR { continue }
                    throw ReadFailure(path: path, reason: FileBytes.reason(errno: errno))
                }
                total += got
            }
            return total
        }
    }

    /// A read-only memory map of a regular file (an empty file maps to no bytes).
    public final class Mapping {
        /// The mapped bytes, valid while the mapping lives.
        public let bytes: UnsafeRawBufferPointer

        /// Maps `url`; refuses directories, pipes and devices in plain words.
        public init(_ url: URL) throws(ReadFailure) {
            let path = url.path
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw ReadFailure(path: path, reason: FileBytes.reason(errno: errno)) }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0 else { throw ReadFailure(path: path, reason: FileBytes.reason(errno: errno)) }
            switch status.st_mode & S_IFMT {
            case S_IFREG: break
            case S_IFDIR: throw ReadFailure(path: path, reason: "is a directory, not a file")
            default: throw ReadFailure(path: path, reason: "is not a regular file (a pipe, device or socket), which cannot be mapped")
            }
            let size = Int(status.st_size)
            guard size > 0 else {
                bytes = UnsafeRawBufferPointer(start: nil, count: 0)
                return
            }
            guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), address != MAP_FAILED else {
                throw ReadFailure(path: path, reason: FileBytes.reason(errno: errno))
            }
            _ = madvise(address, size, MADV_SEQUENTIAL)
            bytes = UnsafeRawBufferPointer(start: address, count: size)
        }

        /// Hands the pages wholly inside `range` back to the kernel (they read again from the file
        /// if touched), so a front-to-back conversion keeps only a block resident.
        public func release(_ range: Range<Int>) {
            guard let base = bytes.baseAddress else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let start = (range.lowerBound + page - 1) / page * page
            let end = range.upperBound / page * page
            guard end > start else { return }
            _ = madvise(UnsafeMutableRawPointer(mutating: base + start), end - start, MADV_DONTNEED)
        }

        deinit {
            if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
        }
    }
}
