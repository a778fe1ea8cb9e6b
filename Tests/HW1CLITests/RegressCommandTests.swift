import Foundation
import Testing
@testable import hw1

/// `hw1 regress` on a CSV with fewer rows than feature columns: the library decides per method.
struct RegressCommandTests {
    /// A CSV with 3 data rows, 5 feature columns and a target `y`, removed by the caller.
    static func wideCSV() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("hw1-wide-\(UUID().uuidString).csv")
        let text = """
            a,b,c,d,e,y
            1,0,2,0,1,3
            0,1,0,3,1,2
            2,1,1,0,0,5

            """
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test func svdAndGradientDescentFitFewerRowsThanColumns() throws {
        let url = try Self.wideCSV()
        defer { try? FileManager.default.removeItem(at: url) }
        for method in ["svd", "gd", "sgd"] {
            let command = try #require(
                try RegressCommand.parseAsRoot(["--csv", url.path, "--target", "y", "--method", method, "--json"]) as? RegressCommand)
            #expect(throws: Never.self, "\(method)") { try command.run() }
        }
    }

    @Test func choleskyAndQRRejectFewerRowsThanColumnsAndSuggestSVD() throws {
        let url = try Self.wideCSV()
        defer { try? FileManager.default.removeItem(at: url) }
        for method in ["cholesky", "qr"] {
            let command = try #require(
                try RegressCommand.parseAsRoot(["--csv", url.path, "--target", "y", "--method", method]) as? RegressCommand)
            let error = #expect(throws: (any Error).self) { try command.fitAndReport() }
            let message = command.failureMessage(try #require(error))
            #expect(message.hasPrefix("\(url.path): fewer rows than columns: 3 data rows for 5 feature columns"), "\(message)")
            #expect(message.contains("--method svd"), "\(message)")
        }
    }
}
