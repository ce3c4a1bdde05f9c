import Foundation
import Testing

/// Command-line usage: exit status 2 and a message on stderr for bad usage; --version and --help on stdout.
@Suite struct UsageTests {
    struct BadUsage: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var message: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let badUsage: [BadUsage] = [
        BadUsage(arguments: ["--bogus"], message: "Unknown option '--bogus'"),
        BadUsage(arguments: ["--format", "xml", "-e", "reset"], message: "The value 'xml' is invalid for '--format"),
        BadUsage(arguments: ["--max-rows", "0", "-e", "reset"], message: "--max-rows must be at least 1"),
        BadUsage(arguments: ["--threads=-1", "-e", "reset"], message: "--threads must be 0"),
        BadUsage(arguments: ["--seed", "abc", "-e", "reset"], message: "The value 'abc' is invalid for '--seed"),
        BadUsage(arguments: ["no-such-script.sift"], message: "sift: no-such-script.sift: no such file"),
        BadUsage(arguments: ["Examples"], message: "sift: Examples: is a directory"),
        BadUsage(arguments: ["-e", "reset", "--output", "/no/such/dir/out.txt"], message: "cannot write \"/no/such/dir/out.txt\""),
    ]

    @Test(arguments: badUsage)
    func badUsageExitsWithTwo(_ usage: BadUsage) throws {
        let run = try runSift(usage.arguments)
        #expect(run.status == 2)
        #expect(run.stderr.contains(usage.message), "stderr: \(run.stderr)")
        #expect(run.stdout.isEmpty)
    }

    @Test func versionOnStdout() throws {
        let run = try runSift(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.range(of: #"^\d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(run.stdout)")
        #expect(run.stderr.isEmpty)
    }

    @Test func helpListsEveryOption() throws {
        let run = try runSift(["--help"])
        #expect(run.status == 0)
        for option in ["-e <statements>", "--format <format>", "--no-color", "--seed <seed>", "--threads <threads>",
                       "--max-rows <max-rows>", "--keep-going", "--quiet", "--output <file>", "--no-rc", "--version"] {
            #expect(run.stdout.contains(option), "--help misses \(option)")
        }
    }
}
