import Foundation

/// The Fashion-MNIST data set (Zalando, 2017): 60 000 training and 10 000 test images of
/// 28 × 28 grey pixels in ten clothing classes, read from local files and verified.
public struct FashionMNIST: Sendable {
    /// Class names in label order (label 0 is "T-shirt/top").
    public static let classNames = [
        "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
        "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
    ]
    /// Pixels per image (28 × 28): the input width a model for this data set must have.
    public static let pixelsPerImage = 28 * 28
    /// Number of classes (10): the output width a model for this data set must have.
    public static var classCount: Int { classNames.count }
    /// Where Debian's `dataset-fashion-mnist` package installs the files.
    public static let debianDirectory = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")
    /// The project-local folder searched after `$FASHION_MNIST_DIR`, `./data/fashion-mnist`
    /// resolved against the current working directory at each call.
    public static var projectDirectory: URL { URL(fileURLWithPath: "data/fashion-mnist") }
    /// The environment variable naming a folder that holds the files.
    public static let environmentVariable = "FASHION_MNIST_DIR"

    /// The 60 000 training images.
    public let train: FashionMNISTSplit
    /// The 10 000 test images.
    public let test: FashionMNISTSplit
    /// The folder the files were read from.
    public let directory: URL

    /// Loads and verifies the four files from the first folder that holds them all.
    ///
    /// With an explicit `dataDirectory` only that folder is used (a typo should not silently
    /// fall back to other data). Otherwise the search order is `$FASHION_MNIST_DIR`,
    /// `./data/fashion-mnist`, then `/usr/share/datasets/fashion-mnist`. Each file may be raw IDX
    /// or `.gz`. Magic numbers, dimensions, byte counts and the SHA-256 of the decompressed bytes
    /// are all checked; any problem throws a `DataError` naming the file and the remedy.
    /// - Parameter environment: the process environment (a parameter so tests need not change it).
    public static func load(
        dataDirectory: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> FashionMNIST {
        try load(dataDirectory: dataDirectory, environment: environment,
                 fallbackDirectories: [projectDirectory, debianDirectory])
    }

    /// The folders `load` would search, in order.
    public static func searchDirectories(
        dataDirectory: URL? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> [URL] {
        searchDirectories(dataDirectory: dataDirectory, environment: environment,
                          fallbackDirectories: [projectDirectory, debianDirectory])
    }

    static func searchDirectories(
        dataDirectory: URL?, environment: [String: String], fallbackDirectories: [URL]
    ) -> [URL] {
        if let dataDirectory { return [dataDirectory] }
        var directories: [URL] = []
        if let fromEnvironment = environment[environmentVariable], !fromEnvironment.isEmpty {
            directories.append(URL(fileURLWithPath: fromEnvironment))
        }
        return directories + fallbackDirectories
    }

    static func load(
        dataDirectory: URL?, environment: [String: String], fallbackDirectories: [URL]
    ) throws -> FashionMNIST {
        let candidates = searchDirectories(
            dataDirectory: dataDirectory, environment: environment,
            fallbackDirectories: fallbackDirectories)
        var searched: [String] = []
        for directory in candidates {
            let located = FashionMNISTFile.allCases.map { $0.locate(in: directory) }
            let missing = zip(FashionMNISTFile.allCases, located).filter { $0.1 == nil }.map { $0.0.name + "[.gz]" }
            guard !missing.isEmpty else {
                return try load(files: located.map { $0! }, directory: directory)
            }
            let path = directory.standardizedFileURL.path
            do {
                try FileBytes.checkDirectory(directory)
                searched.append(path + " (missing \(missing.joined(separator: ", ")))")
            } catch {
                // In plain words: "no such file or directory", "is a file, not a directory", "permission denied".
                searched.append(path + " (\(error.reason))")
            }
        }
        throw DataError.fashionMNISTNotFound(searched: searched)
    }

    /// Reads the small label files first, so a bad one stops the load before the images are
    /// hashed; then the two image files in parallel (the training images dominate).
    private static func load(files: [URL], directory: URL) throws -> FashionMNIST {
        let trainLabels = try FashionMNISTFile.trainLabels.readVerified(at: files[1])
        let testLabels = try FashionMNISTFile.testLabels.readVerified(at: files[3])
        let imageFiles: [FashionMNISTFile] = [.trainImages, .testImages]
        let imageURLs = [files[0], files[2]]
        let results = ParallelResults<(pixels: [UInt8], images: [Float])>(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results.set(index, Result {
                let pixels = try imageFiles[index].readVerified(at: imageURLs[index])
                return (pixels, FashionMNISTSplit.scaledToUnitInterval(pixels))
            })
        }
        let images = try results.values()
        return FashionMNIST(
            train: try FashionMNISTSplit(
                pixels: images[0].pixels, images: images[0].images, labels: trainLabels,
                imageFile: files[0], labelFile: files[1]),
            test: try FashionMNISTSplit(
                pixels: images[1].pixels, images: images[1].images, labels: testLabels,
                imageFile: files[2], labelFile: files[3]),
            directory: directory)
    }
}

/// One split (train or test) of Fashion-MNIST.
public struct FashionMNISTSplit: Sendable {
    /// Height of every image in pixels (28).
    public let imageRows = 28
    /// Width of every image in pixels (28).
    public let imageColumns = 28
    /// Number of images.
    public let count: Int
    /// Pixel intensities x / 255 in [0, 1], row-major count × 784 (each image row by row).
    public let images: [Float]
    /// Class of each image, 0...9 (see `FashionMNIST.classNames`).
    public let labels: [Int]
    /// Raw pixel bytes 0...255, laid out like `images` (for drawing image grids).
    public let pixels: [UInt8]

    /// Pixels per image (784).
    public var pixelsPerImage: Int { imageRows * imageColumns }

    /// The raw 28 × 28 bytes of image `index`, row-major.
    public func pixels(ofImage index: Int) -> [UInt8] {
        precondition(index >= 0 && index < count, "image index \(index) out of 0..<\(count)")
        return Array(pixels[index * pixelsPerImage..<(index + 1) * pixelsPerImage])
    }

    init(pixels: [UInt8], images: [Float], labels: [UInt8], imageFile: URL, labelFile: URL) throws {
        let imageCount = pixels.count / (28 * 28)
        guard imageCount == labels.count else {
            throw DataError.invalidFashionMNIST(.dimensionMismatch(
                path: labelFile.path,
                detail: "\(labels.count) labels but \(imageFile.lastPathComponent) holds \(imageCount) images"))
        }
        count = imageCount
        self.pixels = pixels
        self.labels = labels.map(Int.init)
        self.images = images
    }

    /// Pixel bytes as floats x / 255 in [0, 1].
    static func scaledToUnitInterval(_ pixels: [UInt8]) -> [Float] {
        [Float](unsafeUninitializedCapacity: pixels.count) { buffer, initialized in
            pixels.withUnsafeBufferPointer { source in
                for index in 0..<source.count { buffer[index] = Float(source[index]) / 255 }
            }
            initialized = pixels.count
        }
    }
}

/// The four official files and their published properties.
enum FashionMNISTFile: CaseIterable {
    case trainImages, trainLabels, testImages, testLabels

    var name: String {
        switch self {
        case .trainImages: "train-images-idx3-ubyte"
        case .trainLabels: "train-labels-idx1-ubyte"
        case .testImages: "t10k-images-idx3-ubyte"
        case .testLabels: "t10k-labels-idx1-ubyte"
        }
    }

    /// Size of the decompressed file in bytes.
    var byteCount: Int {
        switch self {
        case .trainImages: 47_040_016
        case .trainLabels: 60_008
        case .testImages: 7_840_016
        case .testLabels: 10_008
        }
    }

    /// SHA-256 of the decompressed file (the `.gz` wrappers differ between mirrors).
    var sha256: String {
        switch self {
        case .trainImages: "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"
        case .trainLabels: "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"
        case .testImages: "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"
        case .testLabels: "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"
        }
    }

    var itemCount: Int {
        switch self {
        case .trainImages, .trainLabels: 60_000
        case .testImages, .testLabels: 10_000
        }
    }

    var holdsImages: Bool { self == .trainImages || self == .testImages }

    /// The raw file if present, else the `.gz` one.
    func locate(in directory: URL) -> URL? {
        for candidate in [name, name + ".gz"] {
            let url = directory.appendingPathComponent(candidate)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                return url
            }
        }
        return nil
    }

    /// Reads, decompresses and checks one file; returns its payload (pixels or labels).
    ///
    /// The header is checked before the checksum so a damaged header or a truncated file gets
    /// the specific message rather than only "wrong checksum".
    func readVerified(at url: URL) throws -> [UInt8] {
        do {
            let bytes = try Gzip.readFile(at: url, maximumSize: byteCount)
            let payload: [UInt8]
            if holdsImages {
                let images = try IDX.parseImages(bytes, path: url.path)
                guard images.count == itemCount, images.rows == 28, images.columns == 28 else {
                    throw DataError.dimensionMismatch(
                        path: url.path,
                        detail: "expected \(itemCount) × 28 × 28 images, header declares "
                            + "\(images.count) × \(images.rows) × \(images.columns)")
                }
                payload = images.pixels
            } else {
                let labels = try IDX.parseLabels(bytes, path: url.path, validRange: 0...9)
                guard labels.count == itemCount else {
                    throw DataError.dimensionMismatch(
                        path: url.path, detail: "expected \(itemCount) labels, header declares \(labels.count)")
                }
                payload = labels
            }
            // Dimensions fix the size, so this only fires if the table and the header disagree.
            guard bytes.count == byteCount else {
                throw DataError.wrongByteCount(path: url.path, expected: byteCount, actual: bytes.count)
            }
            let actual = SHA256.hexDigest(of: bytes)
            guard actual == sha256 else {
                throw DataError.checksumMismatch(path: url.path, expected: sha256, actual: actual)
            }
            return payload
        } catch let error as DataError {
            throw DataError.invalidFashionMNIST(error)
        }
    }
}

/// Slots that parallel workers fill with their results; read only after all have finished.
private final class ParallelResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<Value, any Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<Value, any Error>) {
        lock.lock()
        defer { lock.unlock() }
        slots[index] = result
    }

    /// The values in order, or the first error in order (so messages are deterministic).
    func values() throws -> [Value] {
        lock.lock()
        defer { lock.unlock() }
        return try slots.map { try $0!.get() }
    }
}
