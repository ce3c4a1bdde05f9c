import SiftLanguage
import SiftRender
import Testing

@testable import sift

/// Dot-commands at the prompt: what each line means, and the message for a bad one.
@Suite struct DotCommandTests {
    static let valid: [(String, DotCommand)] = [
        (".timer on", .timer(true)),
        (".timer off", .timer(false)),
        ("  .timer ON", .timer(true)),
        (".mode json", .mode(.json)),
        (".mode Markdown", .mode(.markdown)),
        (".mode csv", .mode(.csv)),
        (".expanded on", .expanded(true)),
        (".x off", .expanded(false)),
        (".maxrows 20", .maxRows(20)),
        (".maxrows off", .maxRows(nil)),
        (".maxrows none", .maxRows(nil)),
        (".output results.txt", .output("results.txt")),
        (".output \"my results.txt\"", .output("my results.txt")),
        (".output", .output(nil)),
        (".help", .help),
        (".quit", .quit),
        (".exit", .quit),
    ]

    @Test(arguments: valid)
    func parses(_ line: String, _ expected: DotCommand) throws {
        #expect(try DotCommand.parse(line).get() == expected)
    }

    static let invalid: [(String, String)] = [
        (".timer", ".timer takes on or off"),
        (".timer maybe", ".timer takes on or off"),
        (".mode xml", ".mode takes one of: text, json, csv, markdown"),
        (".maxrows -3", ".maxrows takes a whole number ≥ 1, or off"),
        (".maxrows 0", ".maxrows takes a whole number ≥ 1, or off"),
        (".maxrows", ".maxrows takes a whole number ≥ 1, or off"),
        (".tables", "unknown command \".tables\" (.help lists them)"),
    ]

    @Test(arguments: invalid)
    func rejects(_ line: String, _ message: String) {
        #expect(throws: DotCommandError(message)) { try DotCommand.parse(line).get() }
    }

    @Test func recognisesDotLines() {
        #expect(DotCommand.isDotCommand(".mode json"))
        #expect(DotCommand.isDotCommand("   .help"))
        #expect(!DotCommand.isDotCommand("filter lr < .5"))
        #expect(!DotCommand.isDotCommand(""))
    }

    /// A bad dot-command in a start-up file is located like a statement's error: file, line, a caret under
    /// the command.
    @Test func badDotCommandInAFileIsLocated() {
        let line = "  .tables main"
        guard case .failure(let error) = DotCommand.parse(line) else {
            Issue.record("\(line) parsed")
            return
        }
        let d = InputSession.diagnostic(error, line: line, file: "/home/me/.siftrc", lineNumber: 4)
        #expect(d.rendered() == """
            /home/me/.siftrc:4:3: error: unknown command ".tables" (.help lists them)
              |
            4 |   .tables main
              |   ^^^^^^^

            """)
    }

    /// `.maxrows V` and `set maxrows = V` accept the same values and set the same option (docs/cli.md:
    /// "at most N table rows"; 0 is refused by both, and by `--max-rows`, see UsageTests).
    @Test(arguments: ["-3", "0", "1", "20", "off", "none", "all"])
    func maxRowsAgreesWithSet(_ value: String) {
        let interpreter = Interpreter()
        let viaSet = interpreter.run("set maxrows = \(value)", file: "t") { _ in }
        let viaDot = try? DotCommand.parse(".maxrows \(value)").get()
        #expect(viaSet == (viaDot != nil), "\(value)")
        if case .maxRows(let rows)? = viaDot { #expect(rows == interpreter.options.maxRows, "\(value)") }
    }

    @Test func completesNamesOnlyInTheFirstWord() {
        #expect(DotCommand.completions(line: ".ma", cursor: 3) == [".maxrows"])
        #expect(DotCommand.completions(line: ".m", cursor: 2) == [".maxrows", ".mode"])
        #expect(DotCommand.completions(line: ".mode js", cursor: 8) == nil)
        #expect(DotCommand.completions(line: "load", cursor: 4) == nil)
    }
}
