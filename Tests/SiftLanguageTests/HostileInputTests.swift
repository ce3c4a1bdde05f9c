import Foundation
import Testing
import SiftCore
@testable import SiftLanguage

/// Degenerate tables (issue 7): every statement gives a result or a clear error, never a crash.
struct HostileInputTests {
    /// Six runs: `constant` metric never changes, `one` param holds one value, `bad` metric is NaN/±inf,
    /// `LR` and `lr` differ only in case.
    private func table() throws -> RunTable {
        func n(_ xs: [Double]) -> [Value] { xs.map { .number($0) } }
        return try RunTable(columns: [
            Column(name: "LR", role: .param, values: n([1, 2, 3, 4, 5, 6])),
            Column(name: "lr", role: .param, values: n([0.1, 0.2, 0.3, 0.1, 0.2, 0.3])),
            Column(name: "one", role: .param, values: Array(repeating: .string("x"), count: 6)),
            Column(name: "loss", role: .metric, values: n([0.5, 0.4, 0.3, 0.6, 0.2, 0.1])),
            Column(name: "constant", role: .metric, values: n(Array(repeating: 7, count: 6))),
            Column(name: "bad", role: .metric, values: n([.nan, .infinity, -.infinity, .nan, .infinity, .nan])),
        ], rowCount: 6, source: "hostile")
    }

    /// Each statement alone on the table: output or an error, and the session goes on.
    @Test(arguments: [
        "importance constant", "suggest constant", "correlation constant",
        "importance bad", "suggest bad", "correlation bad", "describe bad",
        "importance loss", "suggest loss", "correlation loss", "describe one",
        "importance loss using fanova", "importance loss using permutation", "importance loss using pedanova",
        "filter loss > 100; importance loss", "filter loss > 100; suggest loss", "filter loss > 100; correlation loss",
        "filter loss > 100; runs", "filter loss > 100; params", "filter loss > 100; describe lr",
        "filter loss > 100; group by one; importance loss", "filter loss > 100; collapse one with mean; runs",
        "filter loss < 0.15; importance loss", "filter loss < 0.15; suggest loss",
    ])
    func degenerateStatementsAnswer(source: String) throws {
        let interpreter = Interpreter(options: SessionOptions(trees: 5))
        interpreter.add(try table())
        var outputs = 0, errors = 0
        // Every statement answers: a result, a note or a located error.
        interpreter.run(source + "; runs 1", file: "t.sift", keepGoing: true) { event in
            switch event {
            case .output, .note: outputs += 1  // a filter answers with a note (`filtered 6 → 0 runs`)
            case .error(let d): errors += 1; #expect(!d.message.isEmpty)
            default: break
            }
        }
        #expect(outputs + errors >= source.split(separator: ";").count + 1)
    }

    /// `filter` on a name that matches a column only up to case names the column the user meant.
    @Test func caseOnlyDifferenceSuggestsTheName() throws {
        let text = transcript("filter Loss > 0.2", table: try table())
        #expect(text.contains("error"))
        #expect(text.contains("did you mean \"loss\""))
    }
}
