import Foundation
import Testing

/// A failing statement: exit status 1, `file:line:col: error:` with the source line and a caret on stderr,
/// nothing on stdout. `frobnicate` is not a statement, now or later, so the error is at 1:1.
@Suite struct FailureTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var input: String
        var location: String
        var testDescription: String { location }
    }

    static let cases: [Case] = [
        Case(arguments: ["-e", "frobnicate 1"], input: "", location: "<command-line>:1:1: error:"),
        Case(arguments: [], input: "frobnicate 1\n", location: "<stdin>:1:1: error:"),
        Case(arguments: ["-"], input: "frobnicate 1\n", location: "<stdin>:1:1: error:"),
    ]

    @Test(arguments: cases)
    func failingStatementExitsWithOne(_ test: Case) throws {
        let run = try runSift(test.arguments, input: test.input)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let lines = run.stderr.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix(test.location) == true, "stderr: \(run.stderr)")
        #expect(lines.contains { $0.hasSuffix("| frobnicate 1") }, "no source line: \(run.stderr)")
        #expect(lines.contains { $0.hasSuffix("| ^") || $0.hasSuffix("| ^^^^^^^^^^") }, "no caret: \(run.stderr)")
    }

    @Test func failingScriptFileNamesTheFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sift-cli-\(getpid())-fail")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let script = directory.appendingPathComponent("bad.sift")
        try "frobnicate 1\n".write(to: script, atomically: true, encoding: .utf8)
        let run = try runSift([script.path])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("\(script.path):1:1: error:"), "stderr: \(run.stderr)")
    }

    @Test func stopsAtTheFirstFailedScript() throws {
        // Two -e sources: the first fails, so without --keep-going the second never runs (no second error).
        let run = try runSift(["-e", "frobnicate 1", "-e", "frobnicate 2"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("<command-line-1>:1:1: error:"))
        #expect(!run.stderr.contains("<command-line-2>"))
        let going = try runSift(["--keep-going", "-e", "frobnicate 1", "-e", "frobnicate 2"])
        #expect(going.status == 1)
        #expect(going.stderr.contains("<command-line-2>:1:1: error:"), "stderr: \(going.stderr)")
    }
}
