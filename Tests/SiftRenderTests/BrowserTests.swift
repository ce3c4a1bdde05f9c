import Foundation
import Testing
import SiftCore
@testable import SiftRender

/// Headless Chromium, when installed (Debian: `apt-get install -y chromium`).
enum Browser {
    /// The browser's path, or nil (then the browser checks are skipped, and this says so once).
    static let path: String? = {
        let names = ["chromium", "chromium-browser", "google-chrome"]
        let dirs = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":")
        for name in names {
            for dir in dirs where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return "\(dir)/\(name)"
            }
        }
        print("note: chromium is not on PATH; SKIPPING the HTML report browser checks (apt-get install -y chromium)")
        return nil
    }()

    /// What the browser made of `html`: the DOM after scripts ran, and its log.
    struct Load {
        var dom: String
        var log: String
        /// Console errors and uncaught exceptions reported by the page.
        var errors: [String] {
            var out = log.split(separator: "\n").filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }.map(String.init)
            if let r = dom.range(of: "data-js-error=\"") {
                out.append("window error: " + dom[r.upperBound...].prefix { $0 != "\"" })
            }
            return out
        }
        /// Whether the report's script ran to its end.
        var ready: Bool { dom.contains("data-ready=\"1\"") }
    }

    /// Loads `html` from a file in headless Chromium with console logging on stderr.
    static func load(_ html: String) throws -> Load {
        let browser = try #require(path)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sift-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("report.html")
        try html.write(to: page, atomically: true, encoding: .utf8)
        let out = dir.appendingPathComponent("dom.txt"), err = dir.appendingPathComponent("log.txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
                             "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
                             "--virtual-time-budget=2000", "--dump-dom", page.absoluteString]
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        let deadline = Date().addingTimeInterval(90)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            Issue.record("chromium did not finish within 90 s")
        }
        return Load(dom: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                    log: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}

/// The HTML report in a real browser: no console errors, the script runs to its end.
@Suite(.serialized) struct BrowserTests {
    // Skipped, with the reason shown, when Chromium is not installed.
    @Test(.enabled(if: Browser.path != nil, "chromium is not on PATH: HTML report browser check skipped"))
    func reportLoadsWithoutErrors() throws {
        let html = HTMLReport.render(panels: [Samples.adamPanel, Samples.sgdPanel, Samples.panel],
                                     data: try SampleRuns.report())
        // SIFT_REPORT_OUT=/tmp/r.html keeps the report for scripts/screenshot-report.sh.
        if let keep = ProcessInfo.processInfo.environment["SIFT_REPORT_OUT"] {
            try Exporter.write(.panels([Samples.adamPanel, Samples.sgdPanel, Samples.panel]), to: keep,
                               report: try SampleRuns.report())
        }
        let load = try Browser.load(html)
        #expect(load.errors.isEmpty, "\(load.errors)")
        #expect(load.ready, "the report's script did not finish")
        #expect(load.dom.contains("id=\"pc\""))
        #expect(load.dom.components(separatedBy: "class=\"scatter\"").count - 1 == HTMLReport.topParams)
    }

    // The check itself must be able to fail: a page with a JS error is caught.
    @Test(.enabled(if: Browser.path != nil, "chromium is not on PATH: HTML report browser check skipped"))
    func brokenPageIsCaught() throws {
        let html = HTMLReport.render(panels: [Samples.panel], data: nil)
            .replacingOccurrences(of: "(function () {", with: "(function () { undefinedFunction();")
        let load = try Browser.load(html)
        #expect(!load.errors.isEmpty)
        #expect(!load.ready)
    }
}
