// swift-tools-version: 6.0
import PackageDescription

// Dependencies flow one way:
//   C modules → BLASKit → HW1Regression / HW1NeuralNetwork → hw1
// HW1Data and HW1Plotting know nothing of training.
// No unsafeFlags in any library target: optimisation flags for the CLI and the
// benchmarks are passed by the Makefile (-Xswiftc), so dependants stay buildable.
let package = Package(
    name: "hw1-numerics",
    products: [
        .library(name: "BLASKit", targets: ["BLASKit"]),
        .library(name: "HW1Regression", targets: ["HW1Regression"]),
        .library(name: "HW1NeuralNetwork", targets: ["HW1NeuralNetwork"]),
        .library(name: "HW1Data", targets: ["HW1Data"]),
        .library(name: "HW1Plotting", targets: ["HW1Plotting"]),
        .library(name: "HW1Demonstrations", targets: ["HW1Demonstrations"]),
        .executable(name: "hw1", targets: ["hw1"]),
        .executable(name: "hw1-bench", targets: ["hw1-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.0.0"),
        // `make docs`: the DocC catalog of BLASKit (Sources/BLASKit/BLASKit.docc).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.4.0"),
    ],
    targets: [
        // C system libraries: a module map and a shim header each.
        .systemLibrary(
            name: "BLASKitCBLAS", path: "Modules/BLASKitCBLAS", pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]),
        .systemLibrary(
            name: "BLASKitCLAPACKE", path: "Modules/BLASKitCLAPACKE", pkgConfig: "lapacke",
            providers: [.apt(["liblapacke-dev"])]),
        .systemLibrary(
            name: "HW1CZlib", path: "Modules/HW1CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),

        // Software prefetch for the streaming gradient-descent pass (header-only C).
        .target(name: "HW1CPrefetch", path: "Sources/HW1CPrefetch"),

        // Libraries, one concern each.
        .target(
            name: "BLASKit",
            dependencies: [
                "BLASKitCBLAS", "BLASKitCLAPACKE",
                .product(name: "RealModule", package: "swift-numerics"),
            ]),
        // BLASKitCBLAS for the raw-pointer gemv on row blocks of the gradient-descent pass.
        .target(name: "HW1Regression", dependencies: ["BLASKit", "BLASKitCBLAS", "HW1CPrefetch"]),
        .target(
            name: "HW1NeuralNetwork",
            dependencies: [
                "BLASKit", "BLASKitCBLAS",
                .product(name: "RealModule", package: "swift-numerics"),
            ]),
        .target(name: "HW1Data", dependencies: ["HW1CZlib"]),
        .target(name: "HW1Plotting", dependencies: ["HW1CZlib"]),
        // The runnable demonstrations behind the written answers (Problems 1–4).
        .target(
            name: "HW1Demonstrations",
            dependencies: ["BLASKit", "HW1Regression", "HW1NeuralNetwork", "HW1Plotting"]),

        // Executables.
        .executableTarget(
            name: "hw1",
            dependencies: [
                "BLASKit", "HW1Regression", "HW1NeuralNetwork", "HW1Data", "HW1Plotting",
                "HW1Demonstrations",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .executableTarget(
            name: "hw1-bench",
            dependencies: [
                "BLASKit", "HW1Regression", "HW1NeuralNetwork", "HW1Data", "HW1Plotting",
                "BLASKitCBLAS", "BLASKitCLAPACKE", "HW1Demonstrations",
            ]),

        // Tests, one target per library module (Swift Testing), and the helpers that the tests
        // running the project's Python tools share.
        .target(name: "HW1TestSupport", path: "Tests/HW1TestSupport"),
        .testTarget(name: "BLASKitTests", dependencies: ["BLASKit", "BLASKitCBLAS"]),
        .testTarget(
            name: "HW1RegressionTests", dependencies: ["HW1Regression", "HW1Data"], exclude: ["Fixtures"]),
        .testTarget(name: "HW1NeuralNetworkTests", dependencies: ["HW1NeuralNetwork", "HW1Data", "HW1TestSupport"]),
        .testTarget(name: "HW1DataTests", dependencies: ["HW1Data"], exclude: ["Fixtures"]),
        .testTarget(name: "HW1PlottingTests", dependencies: ["HW1Plotting", "HW1CZlib"]),
        .testTarget(name: "HW1DemonstrationsTests", dependencies: ["HW1Demonstrations"]),
        .testTarget(name: "HW1CLITests", dependencies: ["hw1", "HW1TestSupport"]),
    ]
)
