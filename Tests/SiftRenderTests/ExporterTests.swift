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

    /// Exporting over a symbolic link replaces the file it points to (through relative links, chains and a
    /// dangling link) and leaves the link a link.
    @Test func writesThroughSymbolicLinks() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        try "old".write(toFile: dir + "/real.csv", atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: "real.csv")
        try fm.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: false)
        try fm.createSymbolicLink(atPath: dir + "/sub/up.csv", withDestinationPath: "../link.csv")
        try fm.createSymbolicLink(atPath: dir + "/dangling.csv", withDestinationPath: "sub/new.csv")
        for name in ["link.csv", "sub/up.csv", "dangling.csv"] {
            try Exporter.write(.table(Samples.runs), to: dir + "/" + name, report: nil)
            #expect(try fm.destinationOfSymbolicLink(atPath: dir + "/" + name).hasSuffix(".csv"), "\(name) is still a link")
        }
        #expect(try String(contentsOfFile: dir + "/real.csv", encoding: .utf8) == CSVOutput.render(.table(Samples.runs)))
        #expect(try String(contentsOfFile: dir + "/sub/new.csv", encoding: .utf8) == CSVOutput.render(.table(Samples.runs)))
        #expect(try fm.contentsOfDirectory(atPath: dir).sorted() == ["dangling.csv", "link.csv", "real.csv", "sub"])
        #expect(try fm.contentsOfDirectory(atPath: dir + "/sub").sorted() == ["new.csv", "up.csv"])
        try fm.createSymbolicLink(atPath: dir + "/loop1.csv", withDestinationPath: "loop2.csv")
        try fm.createSymbolicLink(atPath: dir + "/loop2.csv", withDestinationPath: "loop1.csv")
        #expect(throws: ExportError.failed(path: dir + "/loop1.csv", reason: "too many levels of symbolic links")) {
            try Exporter.write(.table(Samples.runs), to: dir + "/loop1.csv", report: nil)
        }
    }

    /// A replaced file keeps its permission bits (and, where we may set them, owner and group); a new file is
    /// an ordinary 0644 one.
    @Test func keepsTheReplacedFilesMode() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/kept.csv"
        try Exporter.write(.table(Samples.runs), to: path, report: nil)
        var info = stat()
        #expect(stat(path, &info) == 0 && info.st_mode & 0o7777 == 0o644)
        chmod(path, 0o640)
        // As root, hand the file to another user: the export must give it back to them.
        let owner: uid_t = geteuid() == 0 ? 65534 : geteuid()
        if geteuid() == 0 { #expect(chown(path, owner, info.st_gid) == 0) }
        try Exporter.write(.panels([Samples.panel]), to: path, report: nil)
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o7777 == 0o640)
        #expect(info.st_uid == owner)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("metric,group,param"))
    }

    /// A file without write permission is refused and left as it was, even for root (who could write it).
    @Test func refusesAReadOnlyFile() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/locked.json"
        try "old".write(toFile: path, atomically: false, encoding: .utf8)
        chmod(path, 0o444)
        try FileManager.default.createSymbolicLink(atPath: dir + "/to-locked.json", withDestinationPath: "locked.json")
        for name in ["locked.json", "to-locked.json"] {
            #expect(throws: ExportError.readOnly(path: dir + "/" + name)) {
                try Exporter.write(.panels([Samples.panel]), to: dir + "/" + name, report: nil)
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["locked.json", "to-locked.json"])
        #expect(ExportError.readOnly(path: "a.json").description == "cannot export to \"a.json\": the file is read-only")
    }

    @Test func bareFileNameUsesCurrentFolder() {
        #expect(AtomicFile.parent(of: "panel.json") == ".")
        #expect(AtomicFile.parent(of: "/panel.json") == "/")
        #expect(AtomicFile.parent(of: "a/b/panel.json") == "a/b")
    }
}
