import Foundation
import Testing
@testable import HW1Data

/// True when Debian's dataset-fashion-mnist files are installed (they are on the dev machine and in CI).
private let debianFilesPresent = FashionMNISTFile.allCases.allSatisfy {
    $0.locate(in: FashionMNIST.debianDirectory) != nil
}

/// The decompressed bytes of one official file.
private func officialBytes(_ file: FashionMNISTFile) throws -> [UInt8] {
    try Gzip.readFile(at: #require(file.locate(in: FashionMNIST.debianDirectory)))
}

/// Makes a folder holding the official files, with `replaced` written raw as `bytes` instead.
private func folderWithReplacement(
    _ directory: TemporaryDirectory, replacing replaced: FashionMNISTFile, by bytes: [UInt8], gzipName: Bool = false
) throws -> URL {
    for file in FashionMNISTFile.allCases where file != replaced {
        try FileManager.default.createSymbolicLink(
            at: directory.file(file.name + ".gz"),
            withDestinationURL: #require(file.locate(in: FashionMNIST.debianDirectory)))
    }
    return try directory.write(bytes, to: replaced.name + (gzipName ? ".gz" : ""))
}

/// The `DataError` wrapped in `.invalidFashionMNIST` that `body` throws, or nil.
private func fashionMNISTProblem(_ body: () throws -> Void) -> DataError? {
    do {
        try body()
        return nil
    } catch DataError.invalidFashionMNIST(let problem) {
        return problem
    } catch {
        return nil
    }
}

@Suite struct FashionMNISTSearchTests {
    @Test func searchOrderIsEnvironmentThenProjectThenDebian() {
        let order = FashionMNIST.searchDirectories(environment: ["FASHION_MNIST_DIR": "/opt/fm"])
        #expect(order.map(\.path) == ["/opt/fm", FashionMNIST.projectDirectory.path, "/usr/share/datasets/fashion-mnist"])
        #expect(FashionMNIST.searchDirectories(environment: [:]).count == 2)
    }

    @Test func explicitDirectoryIsTheOnlyOneSearched() {
        let explicit = URL(fileURLWithPath: "/opt/explicit")
        #expect(FashionMNIST.searchDirectories(dataDirectory: explicit, environment: ["FASHION_MNIST_DIR": "/opt/fm"])
            == [explicit])
    }

    @Test func missingFilesListEveryDirectorySearchedAndTheRemedy() throws {
        try withTemporaryDirectory { first in
            try withTemporaryDirectory { second in
                // A folder with only some of the files does not count as holding the data set.
                _ = try first.write([0], to: "train-images-idx3-ubyte")
                #expect {
                    try FashionMNIST.load(
                        dataDirectory: nil, environment: ["FASHION_MNIST_DIR": first.url.path],
                        fallbackDirectories: [second.url.appendingPathComponent("absent")])
                } throws: { error in
                    let message = "\(error)"
                    let partial = first.url.path + " (missing train-labels-idx1-ubyte[.gz], "
                        + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz])"
                    let nonexistent = second.url.path + "/absent"
                    return error as? DataError == .fashionMNISTNotFound(searched: [partial, nonexistent + " (no such file or directory)"])
                        && message.contains(partial) && message.contains(nonexistent)
                        && message.contains("apt-get install dataset-fashion-mnist")
                        && message.contains("FASHION_MNIST_DIR") && message.contains("--data-dir")
                }
            }
        }
    }

    @Test func explicitEmptyDirectoryDoesNotFallBack() throws {
        try withTemporaryDirectory { empty in
            #expect(throws: DataError.fashionMNISTNotFound(searched: [
                empty.url.path + " (missing train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz], "
                    + "t10k-images-idx3-ubyte[.gz], t10k-labels-idx1-ubyte[.gz])",
            ])) {
                try FashionMNIST.load(dataDirectory: empty.url, environment: [:])
            }
        }
    }
}

@Suite(.enabled(if: debianFilesPresent, "needs Debian's dataset-fashion-mnist"))
struct FashionMNISTRealDataTests {
    @Test func officialFilesLoadWithTheirPublishedShape() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let data = try FashionMNIST.load(dataDirectory: FashionMNIST.debianDirectory, environment: [:])
        print("Fashion-MNIST load took \(clock.now - start) (slow in debug builds)")
        #expect(data.directory == FashionMNIST.debianDirectory)
        #expect(data.train.count == 60_000 && data.test.count == 10_000)
        #expect(data.train.images.count == 60_000 * 784 && data.test.images.count == 10_000 * 784)
        #expect(data.train.imageRows == 28 && data.train.imageColumns == 28)
        #expect(Array(data.train.labels.prefix(10)) == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
        #expect(Array(data.test.labels.prefix(10)) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
        // The data set is balanced: 6 000 training and 1 000 test images per class.
        for split in [data.train, data.test] {
            var perClass = [Int](repeating: 0, count: 10)
            for label in split.labels { perClass[label] += 1 }
            #expect(perClass == [Int](repeating: split.count / 10, count: 10))
        }
        #expect(data.train.images.min() == 0 && data.train.images.max() == 1)
        #expect(data.test.pixels.max() == 255)
        let image = data.test.pixels(ofImage: 1)
        #expect(image.count == 784)
        #expect(image.enumerated().allSatisfy { abs(Float($0.element) / 255 - data.test.images[784 + $0.offset]) < 1e-7 })
    }

    @Test func classNamesFollowLabelOrder() {
        #expect(FashionMNIST.classNames.count == 10)
        #expect(FashionMNIST.classNames.first == "T-shirt/top" && FashionMNIST.classNames.last == "Ankle boot")
        #expect(FashionMNIST.classNames[7] == "Sneaker")
    }

    @Test func rawIDXFilesAreAcceptedLikeGzipOnes() throws {
        let labels = try officialBytes(.testLabels)
        try withTemporaryDirectory { directory in
            let url = try directory.write(labels, to: "t10k-labels-idx1-ubyte")
            #expect(try FashionMNISTFile.testLabels.readVerified(at: url) == Array(labels[8...]))
        }
    }

    @Test func truncatedFileReportsExpectedAndActualBytes() throws {
        let labels = try officialBytes(.testLabels)
        try withTemporaryDirectory { directory in
            let url = try directory.write(Array(labels.dropLast(8)), to: "t10k-labels-idx1-ubyte")
            let problem = fashionMNISTProblem { _ = try FashionMNISTFile.testLabels.readVerified(at: url) }
            #expect(problem == .wrongByteCount(path: url.path, expected: 10_008, actual: 10_000))
        }
    }

    @Test func truncatedGzipIsReportedAsCorrupt() throws {
        let packed = try Data(contentsOf: #require(FashionMNISTFile.testLabels.locate(in: FashionMNIST.debianDirectory)))
        try withTemporaryDirectory { directory in
            let url = try directory.write(Array(packed.prefix(packed.count / 2)), to: "t10k-labels-idx1-ubyte.gz")
            guard case .corruptCompressedData(let path, _) = fashionMNISTProblem({
                _ = try FashionMNISTFile.testLabels.readVerified(at: url)
            }) else {
                Issue.record("expected corrupt gzip data")
                return
            }
            #expect(path == url.path)
        }
    }

    @Test func flippedByteGivesWrongChecksumWithBothDigests() throws {
        var images = try officialBytes(.testImages)
        images[5_000] ^= 0x01
        let actual = SHA256.hexDigest(of: images)
        try withTemporaryDirectory { directory in
            let url = try directory.write(images, to: "t10k-images-idx3-ubyte")
            let problem = fashionMNISTProblem { _ = try FashionMNISTFile.testImages.readVerified(at: url) }
            #expect(problem == .checksumMismatch(path: url.path, expected: FashionMNISTFile.testImages.sha256, actual: actual))
            let message = "\(DataError.invalidFashionMNIST(problem!))"
            #expect(message.contains("5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"))
            #expect(message.contains(actual) && message.contains(url.path))
            #expect(message.contains("apt-get install dataset-fashion-mnist"))
        }
    }

    @Test func badMagicInHeaderIsNamed() throws {
        var images = try officialBytes(.testImages)
        images[3] = 0x04
        try withTemporaryDirectory { directory in
            let url = try directory.write(images, to: "t10k-images-idx3-ubyte")
            let problem = fashionMNISTProblem { _ = try FashionMNISTFile.testImages.readVerified(at: url) }
            #expect(problem == .badMagic(path: url.path, expected: 0x0000_0803, actual: 0x0000_0804))
        }
    }

    @Test func wrongImageSizeInHeaderIsADimensionMismatch() throws {
        // A consistent file of 10 000 images of 14 × 56 pixels: right byte count, wrong shape.
        var images = try officialBytes(.testImages)
        images[8..<16] = [0, 0, 0, 14, 0, 0, 0, 56]
        try withTemporaryDirectory { directory in
            let url = try directory.write(images, to: "t10k-images-idx3-ubyte")
            guard case .dimensionMismatch(let path, let detail) = fashionMNISTProblem({
                _ = try FashionMNISTFile.testImages.readVerified(at: url)
            }) else {
                Issue.record("expected a dimension mismatch")
                return
            }
            #expect(path == url.path && detail.contains("10000 × 14 × 56"))
        }
    }

    @Test func labelOutsideTheTenClassesIsNamed() throws {
        var labels = try officialBytes(.testLabels)
        labels[8 + 17] = 10
        try withTemporaryDirectory { directory in
            let url = try directory.write(labels, to: "t10k-labels-idx1-ubyte")
            let problem = fashionMNISTProblem { _ = try FashionMNISTFile.testLabels.readVerified(at: url) }
            #expect(problem == .labelOutOfRange(path: url.path, index: 17, value: 10, range: 0...9))
        }
    }

    @Test func fewerLabelsThanImagesIsACountMismatch() throws {
        let labels = try officialBytes(.testLabels)
        let shortened = IDXFixture.labels(Array(labels[8..<(8 + 9_999)]))
        try withTemporaryDirectory { directory in
            let url = try directory.write(shortened, to: "t10k-labels-idx1-ubyte")
            guard case .dimensionMismatch(_, let detail) = fashionMNISTProblem({
                _ = try FashionMNISTFile.testLabels.readVerified(at: url)
            }) else {
                Issue.record("expected a dimension mismatch")
                return
            }
            #expect(detail == "expected 10000 labels, header declares 9999")
        }
    }

    @Test func environmentDirectoryIsSearchedBeforeTheFallbacks() throws {
        var labels = try officialBytes(.trainLabels)
        labels[100] = labels[100] == 0 ? 1 : 0
        try withTemporaryDirectory { directory in
            let corrupt = try folderWithReplacement(directory, replacing: .trainLabels, by: labels)
            let problem = fashionMNISTProblem {
                _ = try FashionMNIST.load(
                    dataDirectory: nil, environment: ["FASHION_MNIST_DIR": directory.url.path],
                    fallbackDirectories: [FashionMNIST.debianDirectory])
            }
            guard case .checksumMismatch(let path, _, _) = problem else {
                Issue.record("expected the corrupt copy in FASHION_MNIST_DIR to be used, got \(String(describing: problem))")
                return
            }
            #expect(path == corrupt.path)
        }
    }

    @Test func explicitDirectoryWinsOverTheEnvironment() throws {
        var labels = try officialBytes(.trainLabels)
        labels[100] = labels[100] == 0 ? 1 : 0
        try withTemporaryDirectory { directory in
            let corrupt = try folderWithReplacement(directory, replacing: .trainLabels, by: labels)
            let problem = fashionMNISTProblem {
                _ = try FashionMNIST.load(
                    dataDirectory: directory.url,
                    environment: ["FASHION_MNIST_DIR": FashionMNIST.debianDirectory.path])
            }
            guard case .checksumMismatch(let path, _, _) = problem else {
                Issue.record("expected the explicit folder's corrupt copy to be used, got \(String(describing: problem))")
                return
            }
            #expect(path == corrupt.path)
        }
    }
}
