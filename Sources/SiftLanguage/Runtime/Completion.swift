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

/// Tab completion: keywords at a statement's start, field names elsewhere, paths inside strings, methods
/// after `using`, options after `set`.
struct Completer {
    let table: RunTable

    /// Characters that end the word being completed (outside a string).
    private static let breakers: Set<Character> = [" ", "\t", "\"", "'", "(", ")", "[", "]", ",", ";", "|", "=", "<",
                                                   ">", "!", "~", "+", "*", "/"]

    func completions(line: String, cursor: Int) -> [String] {
        let utf8 = Array(line.utf8)
        let prefix = String(decoding: utf8.prefix(max(0, min(cursor, utf8.count))), as: UTF8.self)
        // Inside an open string: complete a path.
        if let quote = openQuote(prefix) {
            let word = String(prefix[prefix.index(after: quote)...])
            let keyword = statementKeyword(before: String(prefix[..<quote]))
            guard ["load", "source", "export"].contains(keyword) else { return [] }
            return paths(word, onlyScripts: keyword == "source")
        }
        var start = prefix.endIndex
        while start > prefix.startIndex {
            let before = prefix.index(before: start)
            if Completer.breakers.contains(prefix[before]) { break }
            start = before
        }
        let word = String(prefix[start...])
        let before = String(prefix[..<start])
        var lexer = Lexer(before)
        let tokens = lexer.tokenize().filter { $0.kind != .eof && $0.kind != .newline }
        // The tokens of the current statement.
        var statement: [Token] = []
        for t in tokens {
            if t.kind == .semicolon || t.kind == .pipe { statement = [] } else { statement.append(t) }
        }
        let candidates: [String]
        if statement.isEmpty {
            candidates = Parser.statementKeywords
        } else {
            let keyword = statement[0].word ?? ""
            let previous = statement.last?.word
            switch (keyword, previous) {
            case (_, "using"): candidates = ImportanceMethodNames.all
            case ("help", _): candidates = Parser.statementKeywords + Help.topics.keys.sorted()
            case ("set", _) where statement.count == 1: candidates = Interpreter.optionDescriptions.map(\.name)
            case ("set", _): candidates = ["on", "off", "text", "json", "csv", "markdown", "none"]
            case ("group", _) where statement.count == 1: candidates = ["by"]
            case ("importance", _), ("suggest", _):
                candidates = statement.count == 1 ? metricNames : ["using", "trees", "seed", "top", "best", "last"]
            case ("correlation", _): candidates = statement.count == 1 ? metricNames : ["pearson", "spearman"]
            case ("collapse", _): candidates = paramNames + ["with", "mean", "median", "min", "max"]
            case ("runs", _): candidates = fieldNames + ["sort", "columns", "asc", "desc"]
            case ("show", _): candidates = paramNames + (statement.count == 1 ? ["all"] : [])
            case ("hide", _): candidates = paramNames
            case ("load", _): candidates = ["as", "metrics", "params", "study"] + fieldNames
            case ("filter", _): candidates = fieldNames + ["and", "or", "not", "in", "is", "missing", "true", "false"]
            default: candidates = fieldNames
            }
        }
        var seen: Set<String> = []
        return candidates.filter { $0.hasPrefix(word) && seen.insert($0).inserted }.sorted()
    }

    private var fieldNames: [String] { table.columns.map(\.name) }
    private var paramNames: [String] { table.names(withRole: .param) }
    private var metricNames: [String] {
        let m = table.names(withRole: .metric)
        return m.isEmpty ? fieldNames : m
    }

    /// The index of the quote that opens an unterminated string in `text`, if any.
    private func openQuote(_ text: String) -> String.Index? {
        var open: (String.Index, Character)?
        var i = text.startIndex
        var escaped = false
        while i < text.endIndex {
            let c = text[i]
            if let (_, q) = open {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { open = nil }
            } else if c == "\"" || c == "'" {
                open = (i, c)
            } else if c == "#" {
                break
            }
            i = text.index(after: i)
        }
        return open?.0
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
