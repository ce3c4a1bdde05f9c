// swift-tools-version:6.0
// Fuzz targets for libFuzzer, kept in their own package so normal builds never see them.
// Build and run with Fuzz/run.sh (it passes -sanitize=fuzzer).
import PackageDescription

let package = Package(
    name: "sift-fuzz",
    dependencies: [.package(name: "sift", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzCSV",
            dependencies: [.product(name: "SiftCore", package: "sift")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ],
    swiftLanguageModes: [.v6]
)
