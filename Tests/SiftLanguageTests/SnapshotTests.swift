import Foundation
import Testing
@testable import SiftLanguage

/// Golden files: parser dumps, error messages, interpreter transcripts. `SIFT_UPDATE_SNAPSHOTS=1 swift test`
/// rewrites them; the diff is then reviewed like code.
@Suite(.serialized) struct SnapshotTests {
    /// The parser's view of each input: one S-expression per statement, then its syntax errors.
    static func parseDump(_ source: String) -> String {
        let (script, problems) = Parser.parse(source)
        var lines = script.statements.map(\.dump)
        lines += problems.map { "error \($0.span.line):\($0.span.column)+\($0.span.length): \($0.message.text)" }
        return lines.joined(separator: "\n")
    }

    /// What a user sees for each bad input, run against the example sweep.
    ///
    /// Each case runs as `input.sift` in a scratch folder of its own, which also holds `read-only.json` (mode
    /// 0444), so a case can name files beside the script (and an `export` never writes into the repository);
    /// the folder's path is left out of what is recorded.
    static func errorDump(_ source: String) throws -> String {
        let fm = FileManager.default
        let folder = fm.temporaryDirectory.appendingPathComponent("sift-errors-\(UUID().uuidString)")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: folder) }
        let script = folder.appendingPathComponent("input.sift").path
        try source.write(toFile: script, atomically: true, encoding: .utf8)
        let readOnly = folder.appendingPathComponent("read-only.json").path
        try "{}\n".write(toFile: readOnly, atomically: true, encoding: .utf8)
        try fm.setAttributes([.posixPermissions: 0o444], ofItemAtPath: readOnly)
        let interpreter = Interpreter()
        interpreter.add(try sweepTable())
        var out = ""
        interpreter.run(source, file: script, keepGoing: false) { event in
            if case .error(let d) = event { out += d.rendered() }
        }
        out = out.replacingOccurrences(of: folder.path + "/", with: "")
        return out.isEmpty ? "(no error)" : String(out.dropLast())
    }

    private func check(_ file: String, _ render: (String) throws -> String) throws {
        let url = fixturesFolder().appendingPathComponent(file)
        let snapshot = SnapshotFile(text: try String(contentsOf: url, encoding: .utf8))
        #expect(snapshot.cases.count > 10, "\(file) holds too few cases")
        var updated = snapshot
        for (i, c) in snapshot.cases.enumerated() {
            let actual = try render(c.input)
            updated.cases[i].expected = actual
            if !updatingSnapshots {
                #expect(actual == c.expected, "\(file), case \(i + 1):\n\(c.input)")
            }
        }
        if updatingSnapshots { try updated.text.write(to: url, atomically: true, encoding: .utf8) }
    }

    @Test func parserGoldens() throws {
        try check("parser.golden", SnapshotTests.parseDump)
    }

    @Test func errorMessages() throws {
        try check("errors.snapshot", SnapshotTests.errorDump)
    }

    @Test(arguments: try FileManager.default.contentsOfDirectory(atPath: fixturesFolder().appendingPathComponent("interpreter").path)
        .filter { $0.hasSuffix(".sift") }.sorted())
    func interpreterGoldens(_ name: String) throws {
        let folder = fixturesFolder().appendingPathComponent("interpreter")
        let source = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        let actual = transcript(source, file: name, table: try sweepTable())
        let golden = folder.appendingPathComponent(name.replacingOccurrences(of: ".sift", with: ".out"))
        if updatingSnapshots {
            try actual.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "\(name) differs from its golden output")
    }
}
