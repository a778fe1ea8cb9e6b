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
    public static func read(_ url: URL) throws(ReadFailure) -> [UInt8] {
        let path = url.path
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ReadFailure(path: path, reason: reason(errno: errno)) }
        defer { close(descriptor) }

        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw ReadFailure(path: path, reason: reason(errno: errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            return try readAll(descriptor, path: path, expectedSize: Int(status.st_size))
        case S_IFIFO:
            return try readAll(descriptor, path: path, expectedSize: 0)
        case S_IFDIR:
            throw ReadFailure(path: path, reason: "is a directory, not a file")
        default:
            throw ReadFailure(path: path, reason: "is not a regular file (a device or socket)")
        }
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

    /// Reads until end of file. `expectedSize` is the size `fstat` reported: the buffer starts
    /// there (plus one byte, to notice a file that grew) and doubles if the file keeps growing.
    private static func readAll(_ descriptor: Int32, path: String, expectedSize: Int) throws(ReadFailure) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(expectedSize, 0) + 1)
        var count = 0
        while true {
            if count == buffer.count {
                buffer.append(contentsOf: repeatElement(0, count: max(buffer.count, 1 << 16)))
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
