import Foundation
import SiftCore

/// Whether REPL input is a whole chunk or needs a continuation line.
enum Completeness {
    /// False inside an open bracket or after a trailing operator. A string or backtick name left open ends
    /// the chunk (neither can span lines): the parser then reports it where it starts.
    static func isComplete(_ source: String) -> Bool {
        var lexer = Lexer(source)
        let tokens = lexer.tokenize()
        if lexer.endedInsideLiteral { return true }
        var depth = 0
        for t in tokens {
            switch t.kind {
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket: depth = max(0, depth - 1)
            default: break
            }
        }
        if depth > 0 { return false }
        guard let last = tokens.last(where: { $0.kind != .newline && $0.kind != .eof }) else { return true }
        return !last.continuesLine
    }
}

extension Completeness {
    /// A chunk typed over several lines as one line that reads the same (for the REPL's history). Each line
    /// but the last loses its trailing blanks and comment, which would otherwise swallow the lines after it,
    /// and each but the first its indentation.
    /// Only lines of one unfinished statement are joined, so no line break there ends a statement.
    static func joinedLine(_ source: String) -> String {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count > 1 else { return source }
        var kept: [String] = []
        for (number, line) in lines.enumerated() {
            var code = line
            if number < lines.count - 1 {
                var lexer = Lexer(line)
                var end = 0
                while lexer.next().kind != .eof { end = lexer.offset }
                code = String(decoding: Array(line.utf8)[..<end], as: UTF8.self)
            }
            // Continuation lines lose their indentation too (blanks are never inside a literal there).
            if number > 0 { code = String(code.drop { $0 == " " || $0 == "\t" }) }
            if !code.isEmpty { kept.append(code) }
        }
        return kept.joined(separator: " ")
    }
}

/// What Tab can put in place of the word before the cursor.
public struct TabCompletion: Sendable, Equatable {
    /// UTF-8 offset in the line where the word being completed starts (it ends at the cursor).
    public var start: Int
    /// Whole replacements for that word, as they are written in source (odd names in backticks).
    public var candidates: [String]
    /// A word starting at `start` and what can replace it.
    public init(start: Int, candidates: [String]) {
        self.start = start
        self.candidates = candidates
    }
}

/// Tab completion: keywords at a statement's start, field names elsewhere, paths inside strings, methods
/// after `using`, options after `set`.
struct Completer {
    let table: RunTable

    /// Characters that end the word being completed (outside a string).
    private static let breakers: Set<Character> = [" ", "\t", "\"", "'", "(", ")", "[", "]", ",", ";", "|", "=", "<",
                                                   ">", "!", "~", "+", "*", "/", "`"]

    /// The word before `cursor` (a UTF-8 offset) and what can replace it; see `Interpreter.tabCompletion`.
    func complete(line: String, cursor: Int) -> TabCompletion {
        let utf8 = Array(line.utf8)
        let prefix = String(decoding: utf8.prefix(max(0, min(cursor, utf8.count))), as: UTF8.self)
        func offset(_ index: String.Index) -> Int { prefix.utf8.distance(from: prefix.startIndex, to: index) }
        if let (quote, mark) = openLiteral(prefix) {
            let afterQuote = prefix.index(after: quote)
            let word = String(prefix[afterQuote...])
            let before = String(prefix[..<quote])
            // Inside an open backtick name: names only, all in backticks (the word includes the backtick).
            if mark == "`" {
                let names = candidates(statement: statementTokens(before)).names
                let matches = spelled(names, matching: word, quoting: true).sorted { $0.name < $1.name }
                return TabCompletion(start: offset(quote), candidates: matches.map(\.written))
            }
            // Inside an open string: complete a path.
            let keyword = statementKeyword(before: before)
            let paths = ["load", "source", "export"].contains(keyword) ? paths(word, onlyScripts: keyword == "source") : []
            return TabCompletion(start: offset(afterQuote), candidates: paths)
        }
        var start = prefix.endIndex
        while start > prefix.startIndex {
            let before = prefix.index(before: start)
            if Completer.breakers.contains(prefix[before]) { break }
            start = before
        }
        let word = String(prefix[start...])
        let (names, words) = candidates(statement: statementTokens(String(prefix[..<start])))
        // Sorted by the words themselves, backticks aside.
        let matches = spelled(names, matching: word, quoting: false) + words.filter { $0.hasPrefix(word) }.map { ($0, $0) }
        var seen: Set<String> = []
        let all = matches.sorted { ($0.name, $0.written) < ($1.name, $1.written) }.map(\.written).filter { seen.insert($0).inserted }
        return TabCompletion(start: offset(start), candidates: all)
    }

    func completions(line: String, cursor: Int) -> [String] { complete(line: line, cursor: cursor).candidates }

    /// The tokens of the statement that `text` ends in the middle of.
    private func statementTokens(_ text: String) -> [Token] {
        var lexer = Lexer(text)
        var statement: [Token] = []
        for t in lexer.tokenize() where t.kind != .eof && t.kind != .newline {
            if t.kind == .semicolon || t.kind == .pipe { statement = [] } else { statement.append(t) }
        }
        return statement
    }

    /// Field names and other words (keywords, options, methods) that fit after `statement`'s tokens.
    private func candidates(statement: [Token]) -> (names: [String], words: [String]) {
        guard let first = statement.first else { return ([], Parser.statementKeywords) }
        let keyword = first.word ?? ""
        let previous = statement.last?.word
        switch (keyword, previous) {
        case (_, "using"): return ([], ImportanceMethodNames.all)
        case ("help", _): return ([], Parser.statementKeywords + Help.topics.keys.sorted())
        case ("set", _) where statement.count == 1: return ([], Interpreter.optionDescriptions.map(\.name))
        case ("set", _): return ([], ["on", "off", "text", "json", "csv", "markdown", "none"])
        case ("group", _) where statement.count == 1: return ([], ["by"])
        case ("importance", _), ("suggest", _):
            return statement.count == 1 ? (metricNames, []) : ([], ["using", "trees", "seed", "top", "best", "last"])
        case ("correlation", _): return statement.count == 1 ? (metricNames, []) : ([], ["pearson", "spearman"])
        case ("collapse", _): return (paramNames, ["with", "mean", "median", "min", "max"])
        case ("runs", _): return (fieldNames, ["sort", "columns", "asc", "desc"])
        case ("show", _): return (paramNames, statement.count == 1 ? ["all"] : [])
        case ("hide", _): return (paramNames, [])
        case ("load", _): return (fieldNames, ["as", "metrics", "params", "study"])
        case ("filter", _): return (fieldNames, ["and", "or", "not", "in", "is", "missing", "true", "false"])
        default: return (fieldNames, [])
        }
    }

    /// `names` that start with `word`, each with its spelling in source: in backticks when it needs them (or
    /// always, with `quoting`: then `word` is what follows an open backtick). Names that cannot be written are
    /// left out.
    private func spelled(_ names: [String], matching word: String, quoting: Bool) -> [(name: String, written: String)] {
        names.filter { $0.hasPrefix(word) }.compactMap { name in
            (quoting ? NameSpelling.quoted(name) : NameSpelling.source(name)).map { (name, $0) }
        }
    }

    private var fieldNames: [String] { table.columns.map(\.name) }
    private var paramNames: [String] { table.names(withRole: .param) }
    private var metricNames: [String] {
        let m = table.names(withRole: .metric)
        return m.isEmpty ? fieldNames : m
    }

    /// The quote or backtick that opens an unterminated string or backtick name in `text`, if any.
    private func openLiteral(_ text: String) -> (String.Index, Character)? {
        var open: (String.Index, Character)?
        var i = text.startIndex
        var escaped = false
        while i < text.endIndex {
            let c = text[i]
            if let (_, q) = open {
                if escaped {
                    escaped = false
                } else if c == "\\" && q != "`" {
                    escaped = true
                } else if c == q {
                    open = nil
                }
            } else if c == "\"" || c == "'" || c == "`" {
                open = (i, c)
            } else if c == "#" {
                break
            }
            i = text.index(after: i)
        }
        return open
    }

    /// The keyword of the statement that `text` is in the middle of.
    private func statementKeyword(before text: String) -> String {
        var lexer = Lexer(text)
        var keyword = ""
        var atStart = true
        for t in lexer.tokenize() {
            switch t.kind {
            case .semicolon, .pipe, .newline: atStart = true
            default:
                if atStart { keyword = t.word ?? "" }
                atStart = false
            }
        }
        return keyword
    }

    /// Paths starting with `word`; directories end with `/`.
    private func paths(_ word: String, onlyScripts: Bool) -> [String] {
        let dirPart: String, namePart: String
        if let slash = word.lastIndex(of: "/") {
            dirPart = String(word[...slash])
            namePart = String(word[word.index(after: slash)...])
        } else {
            dirPart = ""
            namePart = word
        }
        let expandedDir = dirPart.isEmpty ? "." : (dirPart as NSString).expandingTildeInPath
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: expandedDir) else { return [] }
        var out: [String] = []
        for e in entries.sorted() where e.hasPrefix(namePart) {
            if e.hasPrefix("."), !namePart.hasPrefix(".") { continue }
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (expandedDir as NSString).appendingPathComponent(e), isDirectory: &isDir)
            if isDir.boolValue {
                out.append(dirPart + e + "/")
            } else if !onlyScripts || e.hasSuffix(".sift") {
                out.append(dirPart + e)
            }
        }
        return out
    }
}
