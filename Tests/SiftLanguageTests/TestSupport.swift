import Foundation
import SiftCore
import SiftRender
@testable import SiftLanguage

/// The package's root folder (for `Examples/` and `Grammar/`).
func packageRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}

/// This target's fixtures folder in the source tree (so `SIFT_UPDATE_SNAPSHOTS=1` rewrites the committed files).
func fixturesFolder() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
}

/// Whether the run asks for snapshots and goldens to be rewritten.
var updatingSnapshots: Bool { ProcessInfo.processInfo.environment["SIFT_UPDATE_SNAPSHOTS"] == "1" }

/// `Examples/sweep.csv` read by a minimal reader of its own (the file has no quoted fields), with the roles
/// the example's columns have, so interpreter tests do not depend on the CSV loader.
func sweepTable() throws -> RunTable {
    let text = try String(contentsOf: packageRoot().appendingPathComponent("Examples/sweep.csv"), encoding: .utf8)
    var lines = text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false) }
    let header = lines.removeFirst().map(String.init)
    let meta: Set<String> = ["name", "state", "created", "runtime"]
    let metrics: Set<String> = ["val_loss", "val_acc", "train_loss"]
    var columns: [Column] = []
    for (i, name) in header.enumerated() {
        let role: Role = meta.contains(name) ? .meta : (metrics.contains(name) ? .metric : .param)
        var b = ColumnBuilder(name: name, role: role)
        for row in lines { b.appendText(i < row.count ? row[i] : "") }
        columns.append(b.build())
    }
    return try RunTable(columns: columns, rowCount: lines.count, source: "sweep.csv")
}

/// A small table with awkward names, for name-resolution tests.
func oddTable() throws -> RunTable {
    try RunTable(columns: [
        Column(name: "lr", role: .param, values: [.number(0.1), .number(0.01), .number(0.001)]),
        Column(name: "model.layers", role: .param, values: [.number(2), .number(4), .number(8)]),
        Column(name: "encoder.layers", role: .param, values: [.number(1), .number(1), .number(2)]),
        Column(name: "decoder.width", role: .param, values: [.number(64), .number(128), .missing]),
        Column(name: "lr/warmup", role: .param, values: [.number(100), .number(200), .number(300)]),
        Column(name: "params.lr", role: .meta, values: [.string("a"), .string("b"), .string("c")]),
        Column(name: "loss", role: .metric, values: [.number(1), .number(0.5), .number(.nan)]),
        Column(name: "mixed", role: .param, values: [.number(3), .string("auto"), .number(5)]),
        Column(name: "flag", role: .meta, values: [.bool(true), .bool(false), .missing]),
    ], rowCount: 3, source: "odd")
}

/// Runs `source` and writes what a user would see: results rendered as text (plain, 100 columns), notes
/// as `note: …` lines, errors as rendered diagnostics.
func transcript(_ source: String, file: String = "test.sift", table: RunTable? = nil, keepGoing: Bool = true,
                interpreter: Interpreter = Interpreter()) -> String {
    if let table { interpreter.add(table) }
    var out = ""
    interpreter.run(source, file: file, keepGoing: keepGoing) { event in
        switch event {
        case .output(let o):
            out += analysisSummary(o)
                ?? Renderer.render(o, format: .text, options: RenderOptions(width: 100, color: false, unicode: true))
        case .note(let n): out += n.split(separator: "\n").map { "note: \($0)\n" }.joined()
        case .error(let d): out += d.rendered()
        case .quit: out += "(quit)\n"
        case .finished: break
        }
    }
    return out
}

/// Cases of a snapshot file: blocks separated by `=====` lines, input and expected output split by `-----`.
struct SnapshotFile {
    var cases: [(input: String, expected: String)]

    static let caseSeparator = "====="
    static let outputSeparator = "-----"

    init(cases: [(input: String, expected: String)]) { self.cases = cases }

    init(text: String) {
        cases = []
        for block in text.components(separatedBy: "\n\(SnapshotFile.caseSeparator)\n") {
            let trimmed = block.hasPrefix(SnapshotFile.caseSeparator + "\n")
                ? String(block.dropFirst(SnapshotFile.caseSeparator.count + 1)) : block
            guard let r = trimmed.range(of: "\n\(SnapshotFile.outputSeparator)\n") else { continue }
            var expected = String(trimmed[r.upperBound...])
            if expected.hasSuffix("\n") { expected.removeLast() }
            cases.append((String(trimmed[..<r.lowerBound]), expected))
        }
    }

    var text: String {
        cases.map { "\(SnapshotFile.caseSeparator)\n\($0.input)\n\(SnapshotFile.outputSeparator)\n\($0.expected)\n" }.joined()
    }
}

/// What the interpreter decided about an analysis, without the statistics (those are SiftAnalysis's to test,
/// against scikit-learn and SciPy): per panel its group, metric, method, trees, seed, runs used of runs in
/// view, value used, the params in alphabetical order, drops and warnings. Nil for other results.
func analysisSummary(_ output: Output) -> String? {
    switch output {
    case .panels(let panels):
        return panels.map { p in
            var s = "panel \(p.group ?? "overall"): \(p.metric) \(p.goal.map { "(\($0.rawValue))" } ?? "") "
                + "\(p.method) trees=\(p.trees) seed=\(p.seed) runs=\(p.runsUsed)/\(p.runsInView)"
                + (p.metricValue.map { " value=\($0)" } ?? "") + " hidden=\(p.hiddenCount)\n"
            s += "  params: \(p.params.map(\.name).sorted().joined(separator: ", "))\n"
            for d in p.dropped { s += "  dropped: \(d.count) \(d.reason)\n" }
            for w in p.warnings where w.hasPrefix("importance needs") { s += "  warning: \(w)\n" }
            return s
        }.joined()
    case .correlation(let reports):
        return reports.map { r in
            "correlation \(r.group ?? "overall"): \(r.metric) \(r.method); "
                + "params: \(Set(r.rows.map(\.param)).sorted().joined(separator: ", "))\n"
        }.joined()
    case .table(let t) where t.kind == "suggest":
        return "table suggest (\(t.title ?? "")): \(t.columns.joined(separator: ", "))\n"
    default:
        return nil
    }
}
