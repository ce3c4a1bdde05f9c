import Testing
import SiftRender
@testable import SiftLanguage

@Suite struct DiagnosticRenderingTests {
    @Test func caretUnderTheColumn() {
        let d = Diagnostic(file: "a.sift", line: 3, column: 8, length: 3, message: "unknown name \"lrr\"",
                           hint: "did you mean \"lr\"?", sourceLine: "filter lrr < 1")
        #expect(d.rendered() == """
            a.sift:3:8: error: unknown name "lrr"
              |
            3 | filter lrr < 1
              |        ^^^
              = help: did you mean "lr"?

            """)
    }
}

/// The caret line mirrors the source line as a terminal draws it; the source line and the place are the ones
/// the user wrote, whatever the line endings and however the script ends.
@Suite struct DiagnosticLocationTests {
    /// (source line, column, length, expected caret line)
    static let carets: [(String, Int, Int, String)] = [
        ("filter lrr < 1", 8, 3, "       ^^^"),
        ("\tfilter\tlrr < 1", 9, 3, "\t      \t^^^"),
        ("filter name == \"日本語\" and lrr < 1", 26, 3, String(repeating: " ", count: 28) + "^^^"),
        ("filter 学习率 > 1", 8, 3, "       ^^^^^^"),
        ("filter name == \"👍🏽❤️\" and lrr < 1", 27, 3, String(repeating: " ", count: 26) + "^^^"),
        ("filter e\u{301}x > 1", 10, 1, "        ^"),
        ("filter a <", 11, 1, "          ^"),
        ("filter a", 20, 1, String(repeating: " ", count: 19) + "^"),
        ("a\t< 1", 1, 3, "^\t^"),
    ]

    @Test(arguments: carets)
    func caretLinesUpWithTheSource(_ c: (String, Int, Int, String)) {
        let d = Diagnostic(file: "a.sift", line: 1, column: c.1, length: c.2, message: "m", sourceLine: c.0)
        #expect(d.caretLine == c.3, "\(c.0)")
    }

    @Test func displayWidths() {
        #expect(DisplayWidth.of("learning_rate") == 13)
        #expect(DisplayWidth.of("学习率") == 6)
        #expect(DisplayWidth.of("ｌｒ") == 4)
        #expect(DisplayWidth.of("한국") == 4)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("e\u{301}") == 1)
        #expect(DisplayWidth.of("\u{200B}") == 0)
    }

    /// The first diagnostic `source` produces against the example sweep.
    static func firstError(_ source: String) throws -> Diagnostic? {
        let interpreter = Interpreter()
        interpreter.add(try sweepTable())
        var first: Diagnostic?
        interpreter.run(source, file: "t.sift") { event in
            if case .error(let d) = event, first == nil { first = d }
        }
        return first
    }

    @Test func crlfScriptsShowTheirLine() throws {
        let d = try DiagnosticLocationTests.firstError("filter epochs > 1\r\nfilter learnig_rate < 1\r\n")
        #expect(d?.line == 2)
        #expect(d?.column == 8)
        #expect(d?.sourceLine == "filter learnig_rate < 1")
    }

    /// (source, line, column, source line) of the error at the end of input.
    static let endOfInput: [(String, Int, Int, String)] = [
        ("filter learning_rate <\n", 1, 23, "filter learning_rate <"),
        ("filter learning_rate <", 1, 23, "filter learning_rate <"),
        ("filter epochs > 1\nfilter learning_rate <   # unfinished\n\n\n", 2, 23, "filter learning_rate <   # unfinished"),
        ("filter (epochs > 1\r\n", 1, 19, "filter (epochs > 1"),
        ("filter\n", 1, 7, "filter"),
    ]

    @Test(arguments: endOfInput)
    func anErrorAtTheEndPointsPastTheLastToken(_ c: (String, Int, Int, String)) throws {
        let d = try DiagnosticLocationTests.firstError(c.0)
        #expect(d?.line == c.1, "\(c.0)")
        #expect(d?.column == c.2, "\(c.0)")
        #expect(d?.sourceLine == c.3, "\(c.0)")
    }
}
