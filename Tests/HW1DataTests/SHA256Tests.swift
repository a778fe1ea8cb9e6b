import Foundation
import Testing
@testable import HW1Data

@Suite struct SHA256Tests {
    @Test func emptyInputMatchesFIPSVector() {
        #expect(SHA256.hexDigest(of: [UInt8]())
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func abcMatchesFIPSVector() {
        #expect(SHA256.hexDigest(of: Array("abc".utf8))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func twoBlockMessageMatchesFIPSVector() {
        let message = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hexDigest(of: Data(message.utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func oneMillionAsMatchesFIPSVector() {
        #expect(SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: 1_000_000))
            == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func incrementalUpdatesInOddPiecesEqualOneShot() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        var hash = SHA256()
        var start = 0
        for size in [1, 63, 64, 65, 3, 200, 0, 127] + [Int](repeating: 50, count: 10) where start < bytes.count {
            let end = min(start + size, bytes.count)
            bytes[start..<end].withUnsafeBytes { hash.update($0) }
            start = end
        }
        bytes[start...].withUnsafeBytes { hash.update($0) }
        #expect(hash.finalize() == SHA256.digest(of: bytes))
    }

    @Test func paddingBoundaryLengthsAreHashedDistinctly() {
        // 55, 56 and 64 bytes straddle the one-block / two-block padding boundary.
        let digests = [55, 56, 63, 64].map { SHA256.hexDigest(of: [UInt8](repeating: 0x61, count: $0)) }
        #expect(Set(digests).count == 4)
        #expect(digests[1] == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
    }
}
