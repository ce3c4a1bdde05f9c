import Foundation
import SiftCore
import Testing
@testable import SiftLanguage

/// The scripts in `Examples/` run end to end on the example sweep, in a copy of the folder (so `export`
/// writes there, not into the repository).
@Suite struct ExampleTests {
    static let scripts = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot().appendingPathComponent("Examples").path)
        .filter { $0.hasSuffix(".sift") }.sorted()) ?? []

    @Test func thereAreAtLeastThreeAnalysisScripts() {
        #expect(ExampleTests.scripts.count >= 4, "\(ExampleTests.scripts)")
    }

    @Test(arguments: scripts)
    func runs(_ name: String) throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("sift-examples-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let examples = packageRoot().appendingPathComponent("Examples")
        for file in try fm.contentsOfDirectory(atPath: examples.path) {
            try fm.copyItem(at: examples.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let path = dir.appendingPathComponent(name).path
        var source = try String(contentsOfFile: path, encoding: .utf8)
        // Keep the suite quick in debug builds: fewer trees than the scripts ask for, same statements.
        source = source.replacingOccurrences(of: "trees 200", with: "trees 20")
            .replacingOccurrences(of: "set trees = 200", with: "set trees = 20")
        let interpreter = Interpreter(options: SessionOptions(trees: 20))
        var errors: [String] = []
        var outputs = 0
        let ok = interpreter.run(source, file: path) { event in
            switch event {
            case .error(let d): errors.append(d.rendered())
            case .output: outputs += 1
            default: break
            }
        }
        #expect(ok, "\(name):\n\(errors.joined())")
        #expect(outputs >= 3)
        if name == "triage.sift" {
            #expect(fm.fileExists(atPath: dir.appendingPathComponent("triage-panel.json").path))
        }
    }
}

/// Every example `help` shows and every `sift` block of docs/language.md runs without an error on the example
/// sweep, so the documentation never teaches a statement that fails on the data it is written about.
@Suite struct DocumentedExampleTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var origin: String
        var source: String
        var testDescription: String { "\(origin): \(source)" }
    }

    static let helpExamples: [Example] = Help.entries.flatMap { e in
        e.examples.map { Example(origin: "help \(e.keyword)", source: $0) }
    }

    /// The entries of the fenced `sift` blocks of docs/language.md: each line, or lines that continue one
    /// entry (an open bracket, a trailing operator), as the REPL would read them. Lines of a block are
    /// alternatives (`collapse seed`, `collapse seed with median`), so each runs on its own.
    static let docExamples: [Example] = {
        let url = packageRoot().appendingPathComponent("docs/language.md")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        let completeness = Interpreter()
        var examples: [Example] = []
        var inBlock = false
        var pending: (line: Int, text: String)?
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if !inBlock {
                inBlock = line == "```sift"
                continue
            }
            if line.hasPrefix("```") {
                inBlock = false
                if let p = pending { examples.append(Example(origin: "docs/language.md:\(p.line)", source: p.text)) }
                pending = nil
                continue
            }
            let entry = pending.map { ($0.line, $0.text + "\n" + line) } ?? (i + 1, String(line))
            if completeness.isComplete(entry.1) {
                examples.append(Example(origin: "docs/language.md:\(entry.0)", source: entry.1))
                pending = nil
            } else {
                pending = entry
            }
        }
        return examples
    }()

    @Test func everyStatementHasExamplesAndTheDocsHaveBlocks() {
        #expect(Help.entries.allSatisfy { !$0.examples.isEmpty })
        #expect(DocumentedExampleTests.docExamples.count >= 15)
    }

    /// Each example runs in a fresh session in a folder holding `sweep.csv`, an MLflow store named `mlruns`
    /// (for the examples that show loading a store) and `common.sift` (for `source`), after the sweep is
    /// loaded, filtered (so `undo` has something to undo) and listed (so `export` has a result).
    @Test(arguments: helpExamples + docExamples)
    func runsOnTheExampleSweep(_ example: Example) throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("sift-doc-example-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        try fm.copyItem(at: packageRoot().appendingPathComponent("Examples/sweep.csv"),
                        to: dir.appendingPathComponent("sweep.csv"))
        try fm.copyItem(at: packageRoot().appendingPathComponent("Tests/SiftCoreTests/Fixtures/mlflow/mlruns"),
                        to: dir.appendingPathComponent("mlruns"))
        try "hide seed\n".write(to: dir.appendingPathComponent("common.sift"), atomically: true, encoding: .utf8)
        let interpreter = Interpreter(options: SessionOptions(trees: 20))
        var errors: [String] = []
        let handler: (StatementEvent) -> Void = { if case .error(let d) = $0 { errors.append(d.rendered()) } }
        let setup = dir.appendingPathComponent("setup.sift").path
        try "load \"sweep.csv\"\nfilter state == \"finished\"\nparams\n".write(toFile: setup, atomically: true, encoding: .utf8)
        #expect(interpreter.run(try String(contentsOfFile: setup, encoding: .utf8), file: setup, handler: handler))
        // Keep the suite quick in debug builds: fewer trees, same statements.
        let source = example.source.replacingOccurrences(of: "trees 300", with: "trees 20")
        let path = dir.appendingPathComponent("example.sift").path
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        let ok = interpreter.run(source, file: path, handler: handler)
        #expect(ok && errors.isEmpty, "\(example.origin):\n\(errors.joined())")
    }
}
