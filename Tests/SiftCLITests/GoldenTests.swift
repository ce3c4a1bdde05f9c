import Foundation
import Testing

/// Batch mode end to end: the built executable on scripts, stdout compared with `Tests/CLIGoldens/`.
/// `SIFT_UPDATE_GOLDENS=1` rewrites the goldens instead (review the diff).
@Suite struct GoldenTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var golden: String
        var arguments: [String]
        var status: Int32
        /// Also compare stderr (with `--quiet`, only errors are there).
        var checkStandardError = false
        var testDescription: String { golden }
    }

    static let cases: [Case] = [
        Case(golden: "listing.txt", arguments: ["Tests/CLIGoldens/listing.sift"], status: 0),
        Case(golden: "listing.jsonl", arguments: ["--format", "json", "Tests/CLIGoldens/listing.sift"], status: 0),
        Case(golden: "listing.md", arguments: ["--format", "markdown", "Tests/CLIGoldens/listing.sift"], status: 0),
        // The README's first command, with fewer trees so a debug build stays quick.
        Case(golden: "quickstart.txt", arguments: ["-e", "set trees = 10", "Examples/quickstart.sift"], status: 0),
        Case(golden: "typo.stderr", arguments: ["--quiet", "Tests/CLIGoldens/typo.sift"], status: 1,
             checkStandardError: true),
    ]

    static let directory = packageRoot().appendingPathComponent("Tests/CLIGoldens")
    static let updating = ProcessInfo.processInfo.environment["SIFT_UPDATE_GOLDENS"] == "1"

    @Test(arguments: cases)
    func matchesGolden(_ test: Case) throws {
        let run = try runSift(test.arguments)
        #expect(run.status == test.status, "stderr: \(run.stderr)")
        let actual = test.checkStandardError ? run.stderr : run.stdout
        let file = Self.directory.appendingPathComponent(test.golden)
        if Self.updating {
            try actual.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(actual == expected, "\(test.golden) differs; SIFT_UPDATE_GOLDENS=1 rewrites it. Got:\n\(actual)")
    }

    /// The panel's JSON keys scripts rely on (issue 6's contract); the numbers themselves are checked against
    /// scikit-learn/SciPy in the analysis tests, not frozen here.
    @Test func quickstartPanelJSONHasTheContractKeys() throws {
        let run = try runSift(["--quiet", "--format", "json", "-e", "set trees = 10", "Examples/quickstart.sift"])
        #expect(run.status == 0, "\(run.stderr)")
        let objects = try run.stdout.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
        let panel = try #require(objects.first { $0["type"] as? String == "panel" }, "no panel in \(run.stdout)")
        for key in ["metric", "runs", "method", "trees", "oob_r2", "noise_importance", "params"] {
            #expect(panel[key] != nil, "panel misses \(key)")
        }
        #expect(panel["metric"] as? String == "val_loss")
        #expect(panel["trees"] as? Int == 10)
        let params = try #require(panel["params"] as? [[String: Any]])
        #expect(params.count == 10)
        for param in params {
            for key in ["name", "importance", "importance_low", "importance_high", "correlation", "n"] {
                #expect(param.keys.contains(key), "param misses \(key): \(param)")
            }
        }
        let optimizer = try #require(params.first { $0["name"] as? String == "optimizer" })
        #expect(optimizer["correlation"] is NSNull, "a categorical param has correlation null")
        #expect((optimizer["values"] as? [[String: Any]])?.count == 3)
    }

    @Test func jsonOutputIsOneObjectPerLine() throws {
        let run = try runSift(["--format", "json", "Tests/CLIGoldens/listing.sift"])
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count >= 4)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            #expect(object is [String: Any], "not an object: \(line)")
        }
    }

    @Test func keepGoingRunsPastTheFailedStatement() throws {
        let stop = try runSift(["--quiet", "Tests/CLIGoldens/typo.sift"])
        #expect(stop.status == 1)
        #expect(stop.stdout.isEmpty, "the statement after the error ran: \(stop.stdout)")
        let going = try runSift(["--quiet", "--keep-going", "Tests/CLIGoldens/typo.sift"])
        #expect(going.status == 1)
        #expect(going.stdout.contains("learning_rate"), "params did not run: \(going.stdout)")
    }

    @Test func outputOptionWritesResultsToTheFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("sift-cli-\(getpid())-out.txt")
        defer { try? FileManager.default.removeItem(at: file) }
        let direct = try runSift(["Tests/CLIGoldens/listing.sift"])
        let run = try runSift(["--output", file.path, "Tests/CLIGoldens/listing.sift"])
        #expect(run.status == 0)
        #expect(run.stdout.isEmpty)
        #expect(try String(contentsOf: file, encoding: .utf8) == direct.stdout)
    }

    /// `--output` never destroys an input: it refuses the script it would run, and a data file the session
    /// loads is read before the results replace it; a file given nothing to hold is left empty.
    @Test func outputOptionReadsInputsBeforeReplacingThem() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sift-cli-\(getpid())-inputs")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("a.sift")
        try "params\n".write(to: script, atomically: true, encoding: .utf8)
        let refused = try runSift(["--output", script.path, script.path])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("is the script"), "\(refused.stderr)")
        #expect(try String(contentsOf: script, encoding: .utf8) == "params\n")

        let data = folder.appendingPathComponent("runs.csv")
        try FileManager.default.copyItem(at: packageRoot().appendingPathComponent("Examples/sweep.csv"), to: data)
        let replaced = try runSift(["--quiet", "--output", data.path, "-e", "load \"\(data.path)\"", "-e", "runs 1"])
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(try String(contentsOf: data, encoding: .utf8).contains("sweep-7/run-001"))

        let stale = folder.appendingPathComponent("stale.txt")
        try "old results\n".write(to: stale, atomically: true, encoding: .utf8)
        #expect(try runSift(["--output", stale.path, "-e", "set seed = 3"]).status == 0)
        #expect(try String(contentsOf: stale, encoding: .utf8).isEmpty)
    }

    @Test func scriptAndStandardInputPrintTheSame() throws {
        let script = try String(contentsOf: Self.directory.appendingPathComponent("listing.sift"), encoding: .utf8)
        let fromFile = try runSift(["Tests/CLIGoldens/listing.sift"])
        let fromStdin = try runSift([], input: script)
        #expect(fromStdin.status == 0)
        #expect(fromStdin.stdout == fromFile.stdout)
    }

    @Test func quietLeavesOnlyResults() throws {
        let loud = try runSift(["Tests/CLIGoldens/listing.sift"])
        let quiet = try runSift(["--quiet", "Tests/CLIGoldens/listing.sift"])
        #expect(loud.stderr.contains("loaded 405 runs"), "\(loud.stderr)")
        #expect(quiet.stderr.isEmpty, "\(quiet.stderr)")
        #expect(quiet.stdout == loud.stdout)
    }
}
