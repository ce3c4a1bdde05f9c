import Foundation
import Testing

@testable import sift

/// Where history and the start-up file live, from the environment.
@Suite struct LocationTests {
    @Test func historyPrefersXDGStateHome() {
        #expect(HistoryFile.standard(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"])?.path == "/s/sift/history")
        #expect(HistoryFile.standard(environment: ["HOME": "/h"])?.path == "/h/.sift_history")
        #expect(HistoryFile.standard(environment: ["XDG_STATE_HOME": "relative", "HOME": "/h"])?.path == "/h/.sift_history")
        #expect(HistoryFile.standard(environment: [:]) == nil)
    }

    @Test func startupFileXDGFirstThenHome() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sift-rc-\(getpid())")
        let home = root.appendingPathComponent("home"), config = root.appendingPathComponent("config")
        try FileManager.default.createDirectory(at: config.appendingPathComponent("sift"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        let environment = ["HOME": home.path, "XDG_CONFIG_HOME": config.path]
        #expect(StartupFile.locate(environment: environment) == nil)
        try "".write(to: home.appendingPathComponent(".siftrc"), atomically: true, encoding: .utf8)
        #expect(StartupFile.locate(environment: environment) == home.path + "/.siftrc")
        try "".write(to: config.appendingPathComponent("sift/siftrc"), atomically: true, encoding: .utf8)
        #expect(StartupFile.locate(environment: environment) == config.path + "/sift/siftrc")
    }

    @Test func progressLineFitsAndClamps() {
        #expect(ProgressLine.line("training trees", 0.42, columns: 80) == "training trees [########............] 42%")
        #expect(ProgressLine.line("x", 1.7, columns: 80) == "x [####################] 100%")
        #expect(ProgressLine.line("x", .nan, columns: 80) == "x [....................] 0%")
        #expect(ProgressLine.line("a very long label indeed", 0, columns: 30).count <= 29)
    }
}
