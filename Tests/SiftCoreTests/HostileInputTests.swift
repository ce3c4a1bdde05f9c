import Foundation
import Testing
@testable import SiftCore

/// Hostile files (issue 7): each loads or fails with a clear error, never crashes. Big inputs are made at
/// test time in a temporary folder; `scripts/hostile/one-gb-line.sh` runs the 1 GB line by hand.
struct HostileInputTests {
    /// A fresh temporary folder.
    private func folder() throws -> String {
        let dir = NSTemporaryDirectory() + "sift-hostile-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Writes `bytes` to `name` in a new temporary folder and returns the path.
    private func file(_ name: String, _ bytes: [UInt8]) throws -> String {
        let path = try folder() + "/" + name
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A 20 MB cell on one line loads (the loader maps the file: memory is the file, not a copy per line).
    @Test func twentyMegabyteLine() throws {
        let cell = [UInt8](repeating: UInt8(ascii: "x"), count: 20 << 20)
        let path = try file("long.csv", Array("name,note\nr1,".utf8) + cell + Array("\n".utf8))
        let table = try RunLoader.load(path: path)
        #expect(table.rowCount == 1)
        #expect(table.column(named: "note")?[0] == .string(String(repeating: "x", count: 20 << 20)))
    }

    /// A large file's absurd field is refused from a streamed scan, with its place (the 1 GB line of
    /// issue 7 in miniature: thresholds of 0 bytes and 1 MiB instead of 256 and 64 MiB).
    @Test(arguments: [
        (FieldGuard.Syntax.csv, "name,note\nr1,", "", 2, 4),               // unquoted, after the header
        (.csv, "name,note\nr1,\"a,\"\"b\nc", "\"\n", 2, 4),                // quoted: delimiters, "" and a line break
        (.csv, "a;b\tc\n1;2\t", "", 2, 5),                               // ; and tab end fields too
        (.json, "{\"a\": 1}\n{\"note\": \"x\\\"", "\"}\n", 2, 10),        // a string, an escaped quote inside
        (.json, "[{\"a\": [1,\n2], \"b\": ", "}]", 2, 10),              // a bare token
    ])
    func absurdFieldInALargeFileIsRefusedWhileStreaming(syntax: FieldGuard.Syntax, head: String, tail: String,
                                                        line: Int, column: Int) throws {
        let path = try file(syntax == .csv ? "big.csv" : "big.json", Array(head.utf8) + [UInt8](repeating: 0x78, count: 2 << 20) + Array(tail.utf8))
        #expect(throws: LoadError(path: path, line: line, column: column,
                                  message: "a field longer than 1 MiB starts here; no param, metric or note is that long",
                                  hint: "sift reads tables of runs: is this the right file?")) {
            try FieldGuard.check(path: path, syntax: syntax, largeFile: 0, maxField: 1 << 20)
        }
    }

    /// Many fields, quoted ones with escaped quotes and line breaks, each under the limit: no refusal.
    @Test func longFileOfShortFieldsPassesTheStreamedScan() throws {
        let row = "r,\"say \"\"hi\"\",\nthere\",0.5\r\n"
        let text = "name,note,loss\n" + String(repeating: row, count: 50_000)
        let path = try file("many.csv", Array(text.utf8))
        try FieldGuard.check(path: path, syntax: .csv, largeFile: 0, maxField: 64)
        #expect(try RunLoader.load(path: path).rowCount == 50_000)

        let record = "{\"name\": \"r\", \"note\": \"say \\\"hi\\\"\\n\", \"loss\": [0.5, 1e-3]}\n"
        let jsonl = try file("many.jsonl", Array(String(repeating: record, count: 20_000).utf8))
        try FieldGuard.check(path: jsonl, syntax: .json, largeFile: 0, maxField: 16)
        #expect(try RunLoader.load(path: jsonl).rowCount == 20_000)
    }

    /// An unterminated quote that runs for megabytes is an error at the quote, not a hang or a crash.
    @Test func longUnterminatedQuote() throws {
        let path = try file("quote.csv", Array("a,b\n1,\"".utf8) + [UInt8](repeating: 0x61, count: 5 << 20))
        #expect(throws: LoadError.self) { try RunLoader.load(path: path) }
    }

    /// 100,000 columns, two runs.
    @Test func hundredThousandColumns() throws {
        let n = 100_000
        let header = (0..<n).map { "p\($0)" }.joined(separator: ",")
        let row = (0..<n).map { String($0 % 7) }.joined(separator: ",")
        let path = try file("wide.csv", Array((header + "\n" + row + "\n" + row + "\n").utf8))
        let table = try RunLoader.load(path: path)
        #expect(table.columns.count == n)
        #expect(table.rowCount == 2)
    }

    /// NaN and ±inf in every cell load as numbers (CSV and JSON).
    @Test(arguments: [
        ("nan.csv", "lr,loss\nNaN,inf\n-inf,NaN\ninf,-inf\n"),
        ("nan.json", #"[{"lr": NaN, "loss": Infinity}, {"lr": -Infinity, "loss": NaN}]"#),
    ])
    func nonFiniteEverywhere(name: String, text: String) throws {
        let table = try RunLoader.load(path: try file(name, Array(text.utf8)))
        #expect(table.rowCount >= 2)
        for column in table.columns {
            for row in 0..<table.rowCount {
                guard case .number(let x) = column[row] else { Issue.record("\(column.name)[\(row)] is \(column[row])"); continue }
                #expect(!x.isFinite)
            }
        }
    }

    /// A name twice in a header is an error naming it and its first column.
    @Test func duplicateNames() throws {
        let path = try file("dup.csv", Array("lr,loss,lr\n1,2,3\n".utf8))
        let error = try #require(throws: LoadError.self) { try RunLoader.load(path: path) }
        #expect(error.message.contains("lr"))
        #expect(error.line == 1)
    }

    /// Names that differ only in case are distinct columns (names are compared as written).
    @Test func namesThatDifferInCase() throws {
        let path = try file("case.csv", Array("LR,lr,loss\n1,2,3\n".utf8))
        let table = try RunLoader.load(path: path)
        #expect(table.columns.count == 3)
        #expect(table.columnIndex(named: "LR") != table.columnIndex(named: "lr"))
    }

    /// Names that differ only in Unicode normalisation (NFC `é` vs NFD `e` + U+0301) are the same name (Swift
    /// compares strings by canonical equivalence, and they look the same on screen): a duplicate-name error.
    @Test func namesThatDifferInNormalisation() throws {
        let path = try file("nfc.csv", Array("caf\u{E9},cafe\u{301},loss\n1,2,3\n".utf8))
        let error = try #require(throws: LoadError.self) { try RunLoader.load(path: path) }
        #expect(error.message.contains("duplicate"))
        #expect(error.line == 1)
    }

    /// A symlink loop is a clear error naming the path.
    @Test func symlinkLoop() throws {
        let dir = try folder()
        try FileManager.default.createSymbolicLink(atPath: dir + "/a.csv", withDestinationPath: dir + "/b.csv")
        try FileManager.default.createSymbolicLink(atPath: dir + "/b.csv", withDestinationPath: dir + "/a.csv")
        let error = try #require(throws: LoadError.self) { try RunLoader.load(path: dir + "/a.csv") }
        #expect(error.path.hasSuffix("a.csv"))
        #expect(!error.message.isEmpty)
    }

    /// A file that cannot be read (mode 000) is a clear error. Root bypasses permission bits, so as root the
    /// case cannot be made and is skipped (the suite usually runs as root in CI containers).
    @Test(.enabled(if: geteuid() != 0, "skipped as root: root reads files whatever their permission bits"))
    func unreadableFile() throws {
        let path = try file("secret.csv", Array("a,b\n1,2\n".utf8))
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        let error = try #require(throws: LoadError.self) { try RunLoader.load(path: path) }
        #expect(error.message.contains("cannot"))
    }

    /// A folder that cannot be listed (mode 000) is a clear error; skipped as root, as above.
    @Test(.enabled(if: geteuid() != 0, "skipped as root: root lists folders whatever their permission bits"))
    func unreadableFolder() throws {
        let dir = try folder()
        try FileManager.default.createDirectory(atPath: dir + "/wandb", withIntermediateDirectories: true)
        chmod(dir + "/wandb", 0)
        defer { chmod(dir + "/wandb", 0o755) }
        #expect(throws: LoadError.self) { try RunLoader.load(path: dir + "/wandb") }
    }

    /// A file replaced while sift is reading it (an editor's or a writer's temp + rename): sift reads the file
    /// it opened, whole and once, so the table is the old contents or the new, never a mix.
    @Test func fileReplacedWhileRead() throws {
        let path = try file("live.csv", Array("lr,loss\n1,2\n".utf8))
        let first = try RunLoader.load(path: path)
        let next = path + ".tmp"
        try Data("lr,loss\n1,2\n3,4\n".utf8).write(to: URL(fileURLWithPath: next))
        #expect(rename(next, path) == 0)
        let second = try RunLoader.load(path: path)
        #expect(first.rowCount == 1)
        #expect(second.rowCount == 2)
    }

    /// Loading never writes to its inputs: every CSV and JSON fixture keeps its bytes and modification time.
    @Test func loadingNeverWritesInputs() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let fm = FileManager.default
        var checked = 0
        for sub in ["csv", "json"] {
            let dir = root.appendingPathComponent(sub).path
            for name in try fm.contentsOfDirectory(atPath: dir).sorted() {
                let path = dir + "/" + name
                let before = try fm.attributesOfItem(atPath: path)[.modificationDate] as? Date
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                _ = try? RunLoader.load(path: path)
                #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "\(name) changed")
                #expect(try fm.attributesOfItem(atPath: path)[.modificationDate] as? Date == before, "\(name) touched")
                checked += 1
            }
        }
        #expect(checked > 10)
    }
}
