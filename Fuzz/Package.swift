// swift-tools-version:6.0
// Fuzz targets for libFuzzer, kept in their own package so normal builds never see them.
// Build and run with Fuzz/run.sh (it passes -sanitize=fuzzer). See FUZZING.md at the root.
import PackageDescription

/// One libFuzzer executable: `Sources/<name>/` defines `LLVMFuzzerTestOneInput` and `<name>_main`.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "sift") },
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "sift-fuzz",
    dependencies: [.package(name: "sift", path: "..")],
    targets: [
        .target(name: "FuzzSupport"),
        fuzzTarget("FuzzParser", ["SiftLanguage"]),
        fuzzTarget("FuzzInterpreter", ["SiftLanguage", "SiftCore", "SiftRender"]),
        fuzzTarget("FuzzCSV", ["SiftCore"]),
        fuzzTarget("FuzzJSON", ["SiftCore"]),
        fuzzTarget("FuzzWandbLog", ["SiftCore"]),
    ],
    swiftLanguageModes: [.v6]
)
