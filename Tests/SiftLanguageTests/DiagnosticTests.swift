import Testing
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
