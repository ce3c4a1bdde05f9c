import Foundation
import SiftCore
import Testing
@testable import SiftLanguage

/// Hints quote expressions in sift's own syntax (`Expr.source`), never as the parser's S-expressions, and what
/// they quote parses back to the same tree.
@Suite struct SourceSpellingTests {
    /// The expression of `filter …`.
    static func expression(_ source: String) -> Expr? {
        guard case .filter(let e)? = Parser.parse("filter " + source).script.statements.first?.kind else { return nil }
        return e
    }

    /// (as written, as spelled back)
    static let cases: [(String, String)] = [
        ("log10(epochs) / 2 + 1", "log10(epochs) / 2 + 1"),
        ("(log10(epochs) / 2) + (1)", "log10(epochs) / 2 + 1"),
        ("(a + b) * c", "(a + b) * c"),
        ("a - (b - c)", "a - (b - c)"),
        ("a - b - c", "a - b - c"),
        ("-(a + b) * -2", "-(a + b) * -2"),
        ("a - -2.5", "a - -2.5"),
        ("not (a < 1 or b > 2) and c", "not (a < 1 or b > 2) and c"),
        ("not a == 1", "not a == 1"),
        ("(not a) == b", "(not a) == b"),
        ("(a < b) == c", "(a < b) == c"),
        ("(a or b) and (c or d)", "(a or b) and (c or d)"),
        ("a or (b or c)", "a or (b or c)"),
        ("x + 1 not in [1, 2 * 3]", "x + 1 not in [1, 2 * 3]"),
        ("(a < 1) is not missing", "(a < 1) is not missing"),
        ("lower(`lr/warmup`) ~ \"run-\\d+$\"", "lower(`lr/warmup`) ~ \"run-\\d+$\""),
        ("s == \"say \\\"hi\\\"\\n\\\\n\"", "s == \"say \\\"hi\\\"\\n\\\\n\""),
        ("1e-3 < x and flag == true or y is missing", "0.001 < x and flag == true or y is missing"),
    ]

    @Test(arguments: cases)
    func spelledAsSift(_ c: (String, String)) throws {
        let e = try #require(SourceSpellingTests.expression(c.0))
        #expect(e.source == c.1)
        let again = try #require(SourceSpellingTests.expression(e.source))
        #expect(again.source == e.source)
        #expect(Statement(kind: .filter(again), span: again.span).dump == Statement(kind: .filter(e), span: e.span).dump)
    }

    /// Every filter in the parser goldens reads back as the same tree.
    @Test func everyGoldenFilterRoundTrips() throws {
        let text = try String(contentsOf: fixturesFolder().appendingPathComponent("parser.golden"), encoding: .utf8)
        var checked = 0
        for c in SnapshotFile(text: text).cases {
            for statement in Parser.parse(c.input).script.statements {
                guard case .filter(let e) = statement.kind else { continue }
                let again = Parser.parse("filter " + e.source)
                #expect(again.problems.isEmpty, "\(e.source)")
                #expect(again.script.statements.map(\.dump) == [statement.dump], "\(e.source)")
                checked += 1
            }
        }
        #expect(checked > 10)
    }

    @Test func namesInBackticksWhenTheyAreNotBare() {
        #expect(Name.source("learning_rate") == "learning_rate")
        #expect(Name.source("model.layers") == "model.layers")
        #expect(Name.source("lr/warmup") == "`lr/warmup`")
        #expect(Name.source("in") == "`in`")
        #expect(Name.source("2x") == "`2x`")
    }
}

/// Names that hints offer as code are written so that they parse: in backticks when they are not bare.
@Suite struct HintNameTests {
    static let span = SourceSpan(offset: 0, line: 1, column: 1, length: 2)

    @Test func ambiguousNameSuggestsAFullNameThatParses() {
        let e = RuntimeMessages.ambiguousName(Name(text: "lr", span: HintNameTests.span),
                                              candidates: ["params/lr", "config/lr"])
        #expect(e.hint == "write the full name, e.g. `params/lr`")
        let plain = RuntimeMessages.ambiguousName(Name(text: "lr", span: HintNameTests.span),
                                                  candidates: ["params.lr", "config.lr"])
        #expect(plain.hint == "write the full name, e.g. params.lr")
    }

    @Test func notAMetricSuggestsALoadThatParses() {
        let column = Column(name: "val/loss", role: .param, values: [.number(1)])
        let e = RuntimeMessages.notAMetric(Name(text: "val/loss", span: HintNameTests.span), column: column, metrics: [])
        #expect(e.hint == "mark it as a metric when loading: load \"…\" metrics `val/loss`")
    }
}
