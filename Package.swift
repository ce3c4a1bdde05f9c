// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sift",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sift", targets: ["sift"]),
        .library(name: "SiftCore", targets: ["SiftCore"]),
        .library(name: "SiftAnalysis", targets: ["SiftAnalysis"]),
        .library(name: "SiftRender", targets: ["SiftRender"]),
        .library(name: "SiftLanguage", targets: ["SiftLanguage"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // C libraries from the system (headers come from Debian's -dev packages).
        .systemLibrary(
            name: "CLibEdit",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),

        // Run model, loaders and result values.
        .target(
            name: "SiftCore",
            dependencies: ["CSQLite", .product(name: "Yams", package: "Yams")]
        ),
        // Encoding, correlation, random forest, importances.
        .target(name: "SiftAnalysis", dependencies: ["SiftCore"]),
        // Terminal panel, tables, JSON/CSV/Markdown/SVG/HTML.
        .target(name: "SiftRender", dependencies: ["SiftCore"]),
        // Lexer, parser, diagnostics, interpreter, session.
        .target(name: "SiftLanguage", dependencies: ["SiftCore", "SiftAnalysis", "SiftRender"]),
        // The command: REPL and batch mode.
        .executableTarget(
            name: "sift",
            dependencies: [
                "SiftLanguage", "SiftRender", "SiftCore", "CLibEdit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Start-up to the first prompt (issue 5, < 50 ms): in release, link the Swift runtime and Foundation
            // statically, so the loader maps and relocates no Swift shared libraries (BENCHMARKS.md, REPL).
            // Compiling this module with the flag too makes it name the static Foundation's own libraries
            // (CoreFoundation, ICU) for the linker; lld (shipped with the toolchain) because gold warns about a
            // mktemp reference inside the static FoundationEssentials.
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-use-ld=lld"], .when(platforms: [.linux], configuration: .release))]
        ),

        // Timing harness for the benchmarks under Benchmarks/ (built in release).
        .executableTarget(name: "sift-bench", dependencies: ["SiftCore", "SiftAnalysis"], path: "Benchmarks/sift-bench"),

        .testTarget(name: "SiftCoreTests", dependencies: ["SiftCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SiftAnalysisTests", dependencies: ["SiftAnalysis", "SiftCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SiftRenderTests", dependencies: ["SiftRender", "SiftCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SiftLanguageTests", dependencies: ["SiftLanguage", "SiftCore", "SiftAnalysis"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SiftCLITests", dependencies: ["sift"]),
    ],
    swiftLanguageModes: [.v6]
)
