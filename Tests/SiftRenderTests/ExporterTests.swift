import Foundation
import Testing
import SiftCore
@testable import SiftRender

@Suite struct ExporterTests {
    /// A fresh empty folder under the system's temporary directory.
    static func folder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sift-export-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static let formats: [(String, String)] = [
        ("panel.json", "{\"type\":\"panel\""), ("panel.csv", "metric,group,param"), ("panel.md", "**Importance of"),
        ("panel.svg", "<svg class=\"sift-panel\""), ("panel.html", "<!doctype html>"), ("panel.txt", "importance of"),
        ("PANEL.JSON", "{\"type\":\"panel\""), ("panel.jsonl", "{\"type\":\"panel\""),
    ]

    @Test(arguments: formats)
    func chosenByExtension(_ name: String, _ prefix: String) throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/" + name
        try Exporter.write(.panels([Samples.panel]), to: path, report: try SampleRuns.report())
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(prefix))
        #expect(!text.contains("\u{1B}"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [name], "no temporary file left")
    }

    @Test func groupsBecomeAnArray() throws {
        let text = try Exporter.contents(.panels([Samples.adamPanel, Samples.panel]), path: "x.json")
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        #expect((value as? [[String: Any]])?.count == 2)
    }

    @Test func replacesOnlyOnSuccess() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.svg"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(throws: ExportError.needsPanel(path: path, format: "SVG")) {
            try Exporter.write(.table(Samples.runs), to: path, report: nil)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        try Exporter.write(.panels([Samples.panel]), to: path, report: nil)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.svg"])
    }

    @Test func renameOntoAFolderFailsCleanly() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/taken.csv"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        #expect(throws: ExportError.self) { try Exporter.write(.table(Samples.runs), to: path, report: nil) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["taken.csv"], "temporary file removed")
    }

    @Test func clearErrors() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let missing = dir + "/nope/panel.json"
        #expect(throws: ExportError.noDirectory(path: missing, directory: dir + "/nope")) {
            try Exporter.write(.panels([Samples.panel]), to: missing, report: nil)
        }
        do {
            try Exporter.write(.panels([Samples.panel]), to: dir + "/panel.pdf", report: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "cannot export to \"\(dir)/panel.pdf\": unknown file type; use one of "
                    + ".json, .jsonl, .csv, .md, .svg, .html, .txt")
        }
        #expect(throws: ExportError.self) { try Exporter.write(.panels([Samples.panel]), to: dir + "/noext", report: nil) }
    }

    @Test(.enabled(if: geteuid() != 0, "root may write anywhere, so a read-only folder cannot be tested as root"))
    func readOnlyFolder() throws {
        let dir = try Self.folder()
        defer {
            chmod(dir, 0o755)
            try? FileManager.default.removeItem(atPath: dir)
        }
        chmod(dir, 0o555)
        #expect(throws: ExportError.notWritable(path: dir + "/a.json", directory: dir)) {
            try Exporter.write(.panels([Samples.panel]), to: dir + "/a.json", report: nil)
        }
    }

    @Test func bareFileNameUsesCurrentFolder() {
        #expect(AtomicFile.parent(of: "panel.json") == ".")
        #expect(AtomicFile.parent(of: "/panel.json") == "/")
        #expect(AtomicFile.parent(of: "a/b/panel.json") == "a/b")
    }
}
