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

    /// CJK and emoji take two terminal columns: every line of a table is as wide as the others.
    @Test func wideCharactersKeepColumnsAligned() {
        let t = ResultTable(kind: "runs", columns: ["名前", "学习率", "loss"],
                            rows: [[.string("甲"), .number(0.1), .number(1)],
                                   [.string("run-two 🚀"), .number(0.02), .number(2.5)]])
        for options in [RenderOptions(), RenderOptions(unicode: false)] {
            let lines = Renderer.render(.table(t), format: .text, options: options).split(separator: "\n")
            #expect(lines.count == 4)
            #expect(Set(lines.map { DisplayWidth.of($0) }).count == 1, "\(lines)")
        }
    }

    @Test func truncationCountsColumns() {
        let cut = TextLayout.truncateMiddle("学习率学习率学习率", to: 9, ellipsis: "…")
        #expect(DisplayWidth.of(cut) <= 9 && DisplayWidth.of(cut) >= 8)
        #expect(cut.hasPrefix("学习") && cut.hasSuffix("率") && cut.contains("…"))
        #expect(DisplayWidth.of(TextLayout.padRight(cut, 9)) == 9)
        #expect(TextLayout.padLeft("学", 4) == "  学")
        #expect(TextLayout.truncateMiddle("learning_rate", to: 7, ellipsis: "…") == "lea…ate")
    }

    @Test func messages() {
        #expect(Renderer.render(.message(Message("filtered 412 → 312 runs")), format: .text,
                                options: RenderOptions()) == "filtered 412 → 312 runs\n")
        #expect(Renderer.render(.message(Message("few runs", level: .warning)), format: .text,
                                options: RenderOptions()) == "warning: few runs\n")
    }
}
