import Foundation
import SiftAnalysis
import SiftCore
import Testing
@testable import SiftLanguage

@Suite struct LexerTests {
    static func kinds(_ s: String) -> [TokenKind] {
        var l = Lexer(s)
        return l.tokenize().map(\.kind)
    }

    @Test func numbersStringsAndNames() {
        #expect(LexerTests.kinds("1e-3 2.5 .5 10 1E+2") == [.number(0.001), .number(2.5), .number(0.5), .number(10), .number(100), .eof])
        #expect(LexerTests.kinds(#""a\"b" 'c\'d' "\u{41}\t""#) == [.string("a\"b"), .string("c'd"), .string("A\t"), .eof])
        #expect(LexerTests.kinds("model.layers `lr/warm up` _x") ==
                [.identifier("model.layers"), .quotedIdentifier("lr/warm up"), .identifier("_x"), .eof])
        #expect(LexerTests.kinds("a # comment\nb") == [.identifier("a"), .newline, .identifier("b"), .eof])
        #expect(LexerTests.kinds("== != <= >= < > ~ !~ = | ; ,") ==
                [.equalEqual, .bangEqual, .lessEqual, .greaterEqual, .less, .greater, .tilde, .bangTilde, .equal, .pipe,
                 .semicolon, .comma, .eof])
    }

    @Test func columnsCountCharactersNotBytes() {
        var l = Lexer("filter é == \"ü\" and x")
        let tokens = l.tokenize()
        #expect(tokens.map(\.span.column) == [1, 8, 10, 13, 17, 21, 22])
        #expect(tokens[1].kind == .identifier("é"))
    }
}

@Suite struct CompletenessTests {
    static let cases: [(String, Bool)] = [
        ("importance val_loss", true), ("filter a <", false), ("filter a and", false), ("filter (a < 1", false),
        ("filter a in [1,", false), ("load \"runs", true), ("filter `odd", true), ("hide model.*", true),
        ("filter a < 1 |", false), ("set trees =", false), ("filter a < 1 # done", true), ("", true),
        ("filter (a < 1)", true), ("load \"x.csv\" metrics a,", false), ("filter not", false),
        // A string or backtick name cannot span lines: left open, it ends the statement (the parser reports it).
        ("filter a in [\"adam", true), ("filter a in [1,\n\"adam", true), ("filter a <\n`odd", true),
    ]

    @Test func openBracketsStringsAndTrailingOperators() {
        let i = Interpreter()
        for (source, complete) in CompletenessTests.cases {
            #expect(i.isComplete(source) == complete, "\(source)")
        }
    }
}

@Suite struct HistoryLineTests {
    static let cases: [(String, String)] = [
        ("filter lr < 0.01 # small", "filter lr < 0.01 # small"),
        ("filter lr < 0.01 and # small\n       epochs > 10", "filter lr < 0.01 and epochs > 10"),
        ("filter a in [  # which\n  # none yet\n  \"x # y\",\n  `b#c`]  # done", "filter a in [ \"x # y\", `b#c`]  # done"),
        ("filter é == 'ü' or\t# ü\n x", "filter é == 'ü' or x"),
        ("load \"a.csv\" metrics a,\n\n b", "load \"a.csv\" metrics a, b"),
    ]

    /// Comments are dropped before a line break, so the joined line reads as the lines did.
    @Test func commentsDoNotSwallowLaterLines() throws {
        let i = Interpreter()
        for (source, line) in Self.cases {
            #expect(i.historyLine(source) == line, "\(source)")
            #expect(Parser.parse(i.historyLine(source)).0.statements.map(\.dump) == Parser.parse(source).0.statements.map(\.dump))
        }
    }
}

@Suite struct CompletionTests {
    @Test func keywordsNamesMethodsAndOptions() throws {
        let i = Interpreter()
        i.add(try sweepTable())
        func c(_ line: String) -> [String] { i.completions(line: line, cursor: line.utf8.count) }
        #expect(c("imp") == ["importance"])
        #expect(c("filter a < 1; fil") == ["filter"])
        #expect(c("importance val_") == ["val_acc", "val_loss"])
        #expect(c("filter model.") == ["model.layers", "model.width"])
        #expect(c("importance val_loss using p") == ["pedanova", "permutation"])
        #expect(c("set tr") == ["trees"])
        #expect(c("hide mo") == ["model.layers", "model.width", "momentum"])
        #expect(c("help fil") == ["filter"])
        #expect(c("filter learning_rate < 1 and opt") == ["optimizer"])
    }

    /// Names that are not plain words are offered as the language writes them: in backticks.
    @Test func oddNamesInBackticks() throws {
        let i = Interpreter()
        i.add(try RunTable(columns: [
            Column(name: "lr", role: .param, values: [.number(1)]),
            Column(name: "lr/warmup", role: .param, values: [.number(1)]),
            Column(name: "and", role: .param, values: [.number(1)]),
            Column(name: "1abc", role: .param, values: [.number(1)]),
            Column(name: "odd`name", role: .param, values: [.number(1)]),
            Column(name: "val loss", role: .metric, values: [.number(1)]),
            Column(name: "val_acc", role: .metric, values: [.number(1)]),
        ], rowCount: 1, source: "odd"))
        func c(_ line: String) -> TabCompletion { i.tabCompletion(line: line, cursor: line.utf8.count) }
        #expect(c("filter lr/w") == TabCompletion(start: 10, candidates: []))
        #expect(c("filter lr") == TabCompletion(start: 7, candidates: ["lr", "`lr/warmup`"]))
        #expect(c("filter val") == TabCompletion(start: 7, candidates: ["`val loss`", "val_acc"]))
        #expect(c("filter 1a") == TabCompletion(start: 7, candidates: ["`1abc`"]))
        // The column `and` and the keyword `and` are both offered; a name with a backtick cannot be written.
        #expect(c("filter a < 1 an") == TabCompletion(start: 13, candidates: ["`and`", "and"]))
        #expect(c("hide o") == TabCompletion(start: 5, candidates: []))
        // Inside an open backtick name: names only, all in backticks; the word starts at the backtick.
        #expect(c("filter `val l") == TabCompletion(start: 7, candidates: ["`val loss`"]))
        #expect(c("filter `") == TabCompletion(start: 7, candidates: ["`1abc`", "`and`", "`lr`", "`lr/warmup`", "`val loss`", "`val_acc`"]))
        #expect(c("importance `v") == TabCompletion(start: 11, candidates: ["`val loss`", "`val_acc`"]))
        #expect(c("filter \"`v") == TabCompletion(start: 8, candidates: []))
        #expect(c("filter `a` < 1 and `l") == TabCompletion(start: 19, candidates: ["`lr`", "`lr/warmup`"]))
    }

    @Test func pathsInsideStrings() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("sift-complete-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("runs"), withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        try "".write(to: dir.appendingPathComponent("sweep.csv"), atomically: true, encoding: .utf8)
        try "".write(to: dir.appendingPathComponent("setup.sift"), atomically: true, encoding: .utf8)
        let i = Interpreter()
        let base = dir.path + "/"
        #expect(i.completions(line: "load \"\(base)s", cursor: ("load \"\(base)s").utf8.count) == [base + "setup.sift", base + "sweep.csv"])
        #expect(i.completions(line: "load \"\(base)r", cursor: ("load \"\(base)r").utf8.count) == [base + "runs/"])
        #expect(i.completions(line: "source \"\(base)s", cursor: ("source \"\(base)s").utf8.count) == [base + "setup.sift"])
        #expect(i.completions(line: "filter name == \"\(base)s", cursor: ("filter name == \"\(base)s").utf8.count) == [])
    }
}

/// Whatever the input, lexing and parsing finish with values, never a crash or a hang.
@Suite struct RobustnessTests {
    @Test func deepNestingIsAnErrorNotAStackOverflow() {
        for source in [String(repeating: "(", count: 100_000), "filter " + String(repeating: "(", count: 100_000) + "a",
                       "filter " + String(repeating: "-", count: 100_000) + "1",
                       "filter " + String(repeating: "not ", count: 100_000) + "a",
                       "filter " + Array(repeating: "a", count: 100_000).joined(separator: " + ") + " > 1",
                       "filter x in " + String(repeating: "[", count: 100_000)] {
            let (_, problems) = Parser.parse(source)
            #expect(!problems.isEmpty)
            #expect(Interpreter().isComplete(source) == Interpreter().isComplete(source))
        }
    }

    @Test func randomInputNeverCrashes() {
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("filter load hide show runs importance ()[]{}\"'`#|;,=<>!~+-*/.\\ \n\t0123456789eE_abcxyzé😀")
        let i = Interpreter()
        for _ in 0..<600 {
            let n = Int(rng.next() % 80)
            let s = String((0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            _ = Parser.parse(s)
            _ = i.isComplete(s)
            _ = i.completions(line: s, cursor: Int(rng.next() % UInt64(s.utf8.count + 1)))
            i.run(s, file: "fuzz", keepGoing: true) { _ in }
        }
        // Invalid UTF-8 has been replaced by the time it is a String; bytes that split a scalar are fine too.
        _ = Parser.parse(String(decoding: [0xFF, 0xFE, 0x22, 0xC3], as: UTF8.self))
    }
}

/// Inside `( )` and `[ ]` a newline is a blank (Grammar/README.md, docs/language.md): the statement reads as
/// if written on one line, whatever token starts the next line, and the REPL asks for more until it closes.
@Suite struct BracketContinuationTests {
    static let cases: [(lines: [String], oneLine: String)] = [
        (["filter (optimizer == \"adam\"", "        and learning_rate < 0.01)"],
         "filter (optimizer == \"adam\" and learning_rate < 0.01)"),
        (["filter (learning_rate", "  < 0.01)"], "filter (learning_rate < 0.01)"),
        (["filter (epochs", "  + 1 > 2)"], "filter (epochs + 1 > 2)"),
        (["filter (momentum", "  is not missing)"], "filter (momentum is not missing)"),
        (["filter (momentum is", "  not", "  missing)"], "filter (momentum is not missing)"),
        (["filter (optimizer", "  not in [\"sgd\"])"], "filter (optimizer not in [\"sgd\"])"),
        (["filter (log10", "(epochs) > 1)"], "filter (log10(epochs) > 1)"),
        (["filter lower(", "  optimizer", ") == \"adam\""], "filter lower(optimizer) == \"adam\""),
        (["filter optimizer in [\"adam\"", "  , \"sgd\"]"], "filter optimizer in [\"adam\", \"sgd\"]"),
        (["filter ((a", "  or b)", "  and c)"], "filter ((a or b) and c)"),
    ]

    @Test(arguments: cases)
    func parsesAsOneLine(_ c: (lines: [String], oneLine: String)) {
        let multi = Parser.parse(c.lines.joined(separator: "\n"))
        let single = Parser.parse(c.oneLine)
        #expect(multi.problems.isEmpty, "\(multi.problems.map(\.message.text))")
        #expect(multi.script.statements.map(\.dump) == single.script.statements.map(\.dump))
    }

    @Test(arguments: cases)
    func replWaitsForTheCloser(_ c: (lines: [String], oneLine: String)) {
        let interpreter = Interpreter()
        for n in 1..<c.lines.count {
            #expect(!interpreter.isComplete(c.lines.prefix(n).joined(separator: "\n")), "\(c.lines.prefix(n))")
        }
        #expect(interpreter.isComplete(c.lines.joined(separator: "\n")))
    }

    @Test func aNewlineAfterTheCloserEndsTheStatement() {
        let (script, problems) = Parser.parse("filter (a < 1)\nruns 3\nfilter b in [1,\n 2]\nparams")
        #expect(problems.isEmpty)
        #expect(script.statements.map(\.dump) == ["(filter (< a 1))", "(runs limit=3)", "(filter (in b [1 2]))", "(params)"])
    }

    @Test func anUnclosedBracketReportsTheNextLineAndRecovers() {
        let (script, problems) = Parser.parse("filter (a < 1\nruns 3\nparams")
        #expect(problems.map { "\($0.span.line):\($0.span.column) \($0.message.text)" }
                == ["2:1 expected \")\" to close \"(\" at line 1, found \"runs\""])
        #expect(script.statements.map(\.dump) == ["(params)"])
    }
}

/// Blanks between tokens are skipped (Grammar/sift.ebnf), also between a function's name and its "(".
@Suite struct CallSpacingTests {
    static let cases = ["filter log10 (epochs) > 1", "filter log10\t(epochs) > 1", "filter log10  ( epochs ) > 1",
                        "filter (log10\n(epochs) > 1)", "filter lower (optimizer) in [\"adam\"]"]

    @Test(arguments: cases)
    func aCallMayHaveBlanksBeforeItsParenthesis(_ source: String) {
        let tight = source.replacingOccurrences(of: #"(log10|lower)\s+\(\s*(\w+)\s*\)"#, with: "$1($2)",
                                                options: .regularExpression)
        let (script, problems) = Parser.parse(source)
        #expect(problems.isEmpty, "\(problems.map(\.message.text))")
        #expect(script.statements.map(\.dump) == Parser.parse(tight).script.statements.map(\.dump))
        #expect(script.statements.first?.dump.contains("(call ") == true)
    }
}
