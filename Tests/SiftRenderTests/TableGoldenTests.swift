import Testing
import SiftCore
@testable import SiftRender

/// Tables and correlation reports as text, against reviewed goldens.
@Suite struct TableGoldenTests {
    @Test func runsTable() throws {
        try Golden.check(Renderer.render(.table(Samples.runs), format: .text, options: RenderOptions(width: 100)),
                         "runs-w100-unicode.txt")
        try Golden.check(Renderer.render(.table(Samples.runs), format: .text,
                                         options: RenderOptions(width: 100, unicode: false, maxRows: 2)),
                         "runs-w100-ascii-max2.txt")
        try Golden.check(Renderer.render(.table(Samples.runs), format: .text,
                                         options: RenderOptions(width: 80, expanded: true)),
                         "runs-w80-expanded.txt")
        try Golden.check(Renderer.render(.table(Samples.runs), format: .text, options: RenderOptions(width: 60)),
                         "runs-w60-auto-expanded.txt")
    }

    @Test func correlationReport() throws {
        try Golden.check(Renderer.render(.correlation([Samples.correlation]), format: .text,
                                         options: RenderOptions(width: 100)),
                         "correlation-w100-unicode.txt")
        try Golden.check(Renderer.render(.correlation([Samples.correlation]), format: .text,
                                         options: RenderOptions(width: 72, color: true, unicode: false)),
                         "correlation-w72-ascii-color.txt")
    }

    @Test func maxRowsFooter() {
        let text = Renderer.render(.table(Samples.runs), format: .text, options: RenderOptions(maxRows: 1))
        #expect(text.contains("… 3 more rows"))
        #expect(!text.contains("sweep-3-run-101"))
    }

    @Test func missingIsExplicit() {
        #expect(Renderer.render(.table(Samples.runs), format: .text, options: RenderOptions()).contains("∅"))
        #expect(Renderer.render(.table(Samples.runs), format: .text, options: RenderOptions(unicode: false))
            .contains("NA"))
    }

    @Test func emptyTable() {
        let t = ResultTable(kind: "runs", columns: ["name"], rows: [])
        #expect(Renderer.render(.table(t), format: .text, options: RenderOptions()).contains("(no rows)"))
    }

    @Test func controlCharactersStayOnOneLine() {
        let t = ResultTable(kind: "runs", columns: ["name", "note"], rows: [[.string("a"), .string("x\ny\tz")]])
        let text = Renderer.render(.table(t), format: .text, options: RenderOptions())
        #expect(text.contains("x\\ny\\tz"))
        #expect(text.split(separator: "\n").count == 3)
    }

    @Test func messages() {
        #expect(Renderer.render(.message(Message("filtered 412 → 312 runs")), format: .text,
                                options: RenderOptions()) == "filtered 412 → 312 runs\n")
        #expect(Renderer.render(.message(Message("few runs", level: .warning)), format: .text,
                                options: RenderOptions()) == "warning: few runs\n")
    }
}
