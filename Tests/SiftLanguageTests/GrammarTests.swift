import Foundation
import Testing
@testable import SiftLanguage

/// Keeps `Grammar/sift.ebnf`, its README, the parser and `Examples/` in step.
@Suite struct GrammarTests {
    static var grammarURL: URL { packageRoot().appendingPathComponent("Grammar/sift.ebnf") }

    static func grammar() throws -> String { try String(contentsOf: grammarURL, encoding: .utf8) }

    /// The body of production `name` (up to its closing ".").
    static func production(_ name: String, in text: String) -> String? {
        guard let r = text.range(of: "\n\(name) ") ?? text.range(of: "\n\(name)=") else { return nil }
        let rest = text[r.upperBound...]
        guard let end = rest.range(of: " .\n") else { return nil }
        return String(rest[..<end.lowerBound])
    }

    /// The first keyword of each alternative of `Statement`.
    static func grammarKeywords() throws -> [String] {
        let text = try grammar()
        guard let body = production("Statement", in: text) else { return [] }
        let alternatives = body.replacingOccurrences(of: "=", with: " ").split(whereSeparator: { $0 == "|" || $0.isWhitespace })
        return alternatives.compactMap { alt -> String? in
            guard let rule = production(String(alt), in: text),
                  let q = rule.firstIndex(of: "\"") else { return nil }
            let after = rule[rule.index(after: q)...]
            return after.firstIndex(of: "\"").map { String(after[..<$0]) }
        }
    }

    @Test func grammarAndParserNameTheSameStatements() throws {
        let fromGrammar = try GrammarTests.grammarKeywords()
        #expect(fromGrammar.count > 15)
        #expect(Set(fromGrammar) == Set(Parser.statementKeywords),
                "only in the grammar: \(Set(fromGrammar).subtracting(Parser.statementKeywords)); only in the parser: \(Set(Parser.statementKeywords).subtracting(fromGrammar))")
    }

    @Test func helpDocumentsEveryStatement() throws {
        #expect(Help.entries.map(\.keyword) == Parser.statementKeywords)
        let reference = try String(contentsOf: packageRoot().appendingPathComponent("docs/language.md"), encoding: .utf8)
        for keyword in Parser.statementKeywords {
            #expect(reference.contains("### `\(keyword)"), "docs/language.md has no section for \(keyword)")
        }
    }

    /// `ex:` lines of the grammar, `sift` blocks of the grammar README and of the language reference.
    static func examples() throws -> [(String, String)] {
        var out: [(String, String)] = []
        for line in try grammar().split(separator: "\n") {
            let t = line.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("ex: ") {
                var e = String(t.dropFirst(4))
                if e.hasSuffix("*/") { e = String(e.dropLast(2)).trimmingCharacters(in: .whitespaces) }
                out.append(("sift.ebnf", e))
            }
        }
        for doc in ["Grammar/README.md", "docs/language.md"] {
            let text = try String(contentsOf: packageRoot().appendingPathComponent(doc), encoding: .utf8)
            for block in text.components(separatedBy: "```sift\n").dropFirst() {
                if let end = block.range(of: "```") { out.append((doc, String(block[..<end.lowerBound]))) }
            }
        }
        return out
    }

    @Test func everyDocumentedExampleParses() throws {
        let examples = try GrammarTests.examples()
        #expect(examples.count > 20)
        for (file, example) in examples {
            let (_, problems) = Parser.parse(example)
            #expect(problems.isEmpty, "\(file): \(example)\n\(problems.map(\.message.text))")
        }
    }

    @Test func everyExampleScriptParses() throws {
        let dir = packageRoot().appendingPathComponent("Examples")
        let scripts = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".sift") }
        #expect(scripts.count >= 4)
        for s in scripts {
            let (script, problems) = Parser.parse(try String(contentsOf: dir.appendingPathComponent(s), encoding: .utf8))
            #expect(problems.isEmpty, "\(s): \(problems.map(\.message.text))")
            #expect(script.statements.count >= 5)
        }
    }

    /// Runs Debian's `ebnflint` on the grammar when it is installed (`apt-get install ebnflint`).
    @Test func ebnflintAcceptsTheGrammar() throws {
        let candidates = ["/usr/bin/ebnflint", "/usr/local/bin/ebnflint"]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/ebnflint" }
        guard let tool = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            print("SKIPPED: ebnflint is not installed (apt-get install ebnflint); Grammar/sift.ebnf was not linted")
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["--start", "Script", GrammarTests.grammarURL.path]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "ebnflint: \(message)")
    }
}

/// The `set` examples of the grammar, its README, the language reference and `help set` do not only parse:
/// they run, and a quoted word means the same as a bare one.
@Suite struct SetExampleTests {
    @Test func everyDocumentedSetRuns() throws {
        var sets: [String] = Help.entries.first(where: { $0.keyword == "set" })?.examples ?? []
        for (_, example) in try GrammarTests.examples() {
            for chunk in example.split(whereSeparator: { $0 == "\n" || $0 == ";" || $0 == "|" }) {
                let s = chunk.trimmingCharacters(in: .whitespaces)
                if s.hasPrefix("set ") { sets.append(s) }
            }
        }
        #expect(sets.count >= 6)
        for s in sets {
            var errors: [String] = []
            Interpreter().run(s, file: "doc.sift") { event in
                if case .error(let d) = event { errors.append(d.message) }
            }
            #expect(errors.isEmpty, "\(s): \(errors)")
        }
    }

    /// (statement, the note it gives)
    static let quoted: [(String, String)] = [
        ("set format = \"json\"", "format = json"), ("set format = 'Markdown'", "format = markdown"),
        ("set format = \"md\"", "format = markdown"), ("set maxrows = \"none\"", "maxrows = none"),
        ("set color = \"off\"", "color = off"), ("set expanded = 'on'", "expanded = on"),
        ("set format = JSON", "format = json"),
    ]

    @Test(arguments: quoted)
    func aQuotedWordIsTheWord(_ c: (String, String)) {
        var notes: [String] = []
        var errors: [String] = []
        Interpreter().run(c.0, file: "t.sift") { event in
            switch event {
            case .note(let n): notes.append(n)
            case .error(let d): errors.append(d.message)
            default: break
            }
        }
        #expect(errors.isEmpty, "\(c.0): \(errors)")
        #expect(notes == [c.1], "\(c.0)")
    }
}
