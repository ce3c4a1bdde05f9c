import Foundation
import Testing

/// What the documentation says of the command line holds for the built executable.
@Suite struct DocsTests {
    /// The Markdown files that describe sift for its users.
    static func documents() throws -> [(name: String, text: String)] {
        let docs = packageRoot().appendingPathComponent("docs")
        let names = try FileManager.default.contentsOfDirectory(atPath: docs.path).filter { $0.hasSuffix(".md") }.sorted()
        return try names.map { ("docs/\($0)", try String(contentsOf: docs.appendingPathComponent($0), encoding: .utf8)) }
            + [("README.md", try String(contentsOf: packageRoot().appendingPathComponent("README.md"), encoding: .utf8))]
    }

    /// Every long option the docs name (`--max-rows`, `--no-rc`…) is one `sift --help` lists.
    @Test func everyDocumentedFlagExists() throws {
        let flag = try NSRegularExpression(pattern: "(?<![A-Za-z0-9-])--[a-z][a-z-]*[a-z]")
        func flags(_ text: String) -> [String] {
            flag.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
                Range(m.range, in: text).map { String(text[$0]) }
            }
        }
        let listed = Set(flags(try runSift(["--help"]).stdout))
        #expect(listed.contains("--max-rows"))
        for (name, text) in try DocsTests.documents() {
            for option in flags(text) {
                #expect(listed.contains(option), "\(name) names \(option), which sift --help does not list")
            }
        }
    }

    /// docs/cli.md and docs/json-schema.md: a missing cell is `NA` in text that goes to a pipe, `∅` in Markdown.
    @Test func missingCellsShowAsDocumented() throws {
        let statements = ["-e", "load \"Examples/sweep.csv\"", "-e", "runs 1 columns momentum"]
        let text = try runSift(["-q"] + statements)
        #expect(text.stdout.split(separator: "\n").contains("NA"), "\(text.stdout)")
        let markdown = try runSift(["-q", "--format", "markdown"] + statements)
        #expect(markdown.stdout.contains("| ∅ |"), "\(markdown.stdout)")
    }
}
