/// Recursive-descent parser for sift scripts. One method per grammar rule (in `Statements.swift` and
/// `Expressions.swift`), each opening with its rule from `Grammar/sift.ebnf`.
///
/// A statement stops at its first error; `synchronize()` then skips to the next statement boundary, so one
/// mistake is reported once and the rest of the script is still checked.
public struct Parser {
    /// The statement keywords, as `Grammar/sift.ebnf` lists them (a test keeps the two in step).
    public static let statementKeywords = [
        "load", "filter", "reset", "undo", "hide", "show", "group", "ungroup", "collapse", "importance", "suggest",
        "correlation", "params", "metrics", "fields", "runs", "describe", "set", "export", "source", "help", "quit",
    ]
    /// Words that cannot be bare names (quote them with backticks).
    static let reservedWords: Set<String> = ["and", "or", "not", "in", "is", "missing", "true", "false"]
    /// The deepest nesting of brackets and prefix operators the parser follows.
    static let maxNesting = 64
    /// The deepest expression tree it builds (long chains of `and` or `+`).
    static let maxTreeDepth = 256

    var tokens: [Token]
    var position = 0
    var nesting = 0
    /// Brackets open around the current token; while any is open, newlines are not tokens at all (a statement
    /// goes on inside `( )` and `[ ]`). Set back to 0 when a statement fails.
    var bracketDepth = 0
    /// Lexer problems, keyed by the offset of the `.invalid` token they explain.
    let lexerProblems: [Int: SyntaxProblem]

    /// Parses `source`. Returns the statements that parsed and every problem, both in source order.
    public static func parse(_ source: String) -> (script: Script, problems: [SyntaxProblem]) {
        var parser = Parser(source: source)
        return parser.parseScript()
    }

    init(source: String) {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        var problems: [Int: SyntaxProblem] = [:]
        while true {
            let before = lexer.problems.count
            let t = lexer.next()
            if t.kind == .invalid, lexer.problems.count > before {
                problems[t.span.offset] = lexer.problems[before]
            }
            tokens.append(t)
            if t.kind == .eof { break }
        }
        self.tokens = tokens
        self.lexerProblems = problems
    }

    // MARK: - Token access

    var current: Token { tokens[min(position, tokens.count - 1)] }

    /// The token `ahead` places after the current one (newlines do not count inside brackets).
    func peek(_ ahead: Int = 1) -> Token {
        var i = position
        var left = ahead
        while left > 0, i < tokens.count - 1 {
            i += 1
            if bracketDepth == 0 || tokens[i].kind != .newline { left -= 1 }
        }
        return tokens[i]
    }

    /// Moves to the next token (past newlines while a bracket is open) and returns the one it leaves.
    @discardableResult
    mutating func advance() -> Token {
        let t = current
        if position < tokens.count - 1 { position += 1 }
        if bracketDepth > 0 { skipNewlines() }
        return t
    }

    /// Moves past an opening `(` or `[`: from here to its closer, newlines are skipped.
    @discardableResult
    mutating func openBracket() -> Token {
        bracketDepth += 1
        return advance()
    }

    /// Moves past the closing `)` or `]`; a newline after it ends the statement again (unless another
    /// bracket is still open).
    @discardableResult
    mutating func closeBracket() -> Token {
        bracketDepth = max(0, bracketDepth - 1)
        return advance()
    }

    /// Whether the current token is the bare word `w`.
    func atWord(_ w: String) -> Bool { current.word == w }

    /// Whether the current token ends a statement.
    var atStatementEnd: Bool {
        switch current.kind {
        case .newline, .semicolon, .pipe, .eof: return true
        default: return false
        }
    }

    /// Skips newlines (inside brackets and after a trailing operator a statement goes on).
    mutating func skipNewlines() {
        while current.kind == .newline, position < tokens.count - 1 { position += 1 }
    }

    /// How the current token reads in a message.
    var found: String { current.kind.described }

    /// A problem at the current token; an `.invalid` token reports the lexer's own problem instead.
    func problem(_ message: ParserMessage) -> SyntaxProblem {
        problem(message, at: current)
    }

    func problem(_ message: ParserMessage, at token: Token) -> SyntaxProblem {
        if token.kind == .invalid, let lexed = lexerProblems[token.span.offset] { return lexed }
        return SyntaxProblem(span: token.span, message: message)
    }

    // MARK: - Recovery

    /// Skips to the next statement boundary (a newline, `;` or `|` outside brackets, or the end).
    mutating func synchronize() {
        var depth = 0
        while current.kind != .eof {
            switch current.kind {
            case .leftParen, .leftBracket: depth += 1
            case .rightParen, .rightBracket: depth = max(0, depth - 1)
            case .semicolon, .pipe: if depth == 0 { return }
            case .newline: return  // an unclosed bracket should not swallow the rest of the script
            default: break
            }
            advance()
        }
    }
}
