import Foundation
import Testing

/// Locates the built `sift` executable next to the test bundle.
func siftExecutable() -> URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
        let candidate = dir.appendingPathComponent("sift")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/debug/sift")
}

@Suite struct CLISmokeTests {
    @Test func executableExists() {
        #expect(FileManager.default.isExecutableFile(atPath: siftExecutable().path))
    }
}
