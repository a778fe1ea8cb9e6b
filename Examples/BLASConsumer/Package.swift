// swift-tools-version: 6.0
import PackageDescription

// A package outside hw1-numerics that reuses its BLAS/LAPACK wrapper: the one dependency
// line below is all it takes (with a URL and version instead of a path in real use).
let package = Package(
    name: "BLASConsumer",
    dependencies: [
        .package(name: "hw1-numerics", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "BLASConsumer",
            dependencies: [.product(name: "BLASKit", package: "hw1-numerics")]),
    ]
)
