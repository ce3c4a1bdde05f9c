/// Turns sift source into tokens: a cursor over the UTF-8 bytes that tracks line and column.
///
/// The lexer never fails: unreadable input becomes an `.invalid` token and a problem in `problems`.
struct Lexer {
    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var column = 1
    /// Problems found so far (unterminated strings, stray characters…).
    private(set) var problems: [SyntaxProblem] = []
    /// Whether the input ended inside a string or a backtick name (for the REPL's continuation prompt).
    private(set) var endedInsideLiteral = false
    /// Just past the last token that is not a newline: where `.eof` is placed, so an error at the end of a
    /// script that ends with a newline points at its last line, not at an empty line after it.
    private var lastTokenEnd: (offset: Int, line: Int, column: Int)?

    init(_ source: String) {
        bytes = Array(source.utf8)
    }

    /// Every token, ending with `.eof`.
    mutating func tokenize() -> [Token] {
        var tokens: [Token] = []
        while true {
            let t = next()
            tokens.append(t)
            if t.kind == .eof { return tokens }
        }
    }

    // MARK: - Cursor

    private var atEnd: Bool { index >= bytes.count }

    /// UTF-8 offset of the next byte to read (just past the last token returned).
    var offset: Int { index }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let i = index + ahead
        return i < bytes.count ? bytes[i] : nil
    }

    /// Moves past one byte, counting columns in Unicode scalars (UTF-8 continuation bytes do not count).
    private mutating func advance() {
        guard index < bytes.count else { return }
        let b = bytes[index]
        index += 1
        if b == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        }
    }

    private func span(from start: (offset: Int, line: Int, column: Int)) -> SourceSpan {
        let length = line == start.line ? max(1, column - start.column) : 1
        return SourceSpan(offset: start.offset, line: start.line, column: start.column, length: length)
    }

    private var mark: (offset: Int, line: Int, column: Int) { (index, line, column) }

    // MARK: - Tokens

    /// The next token, skipping blanks and comments.
    mutating func next() -> Token {
        var spaced = skipBlanksAndComments()
        if index == 0 { spaced = true }
        let start = mark
        guard let b = peek() else {
            let end = lastTokenEnd ?? start
            let at = SourceSpan(offset: end.offset, line: end.line, column: end.column, length: 1)
            return Token(kind: .eof, span: at, spaceBefore: spaced)
        }
        let kind: TokenKind
        switch b {
        case UInt8(ascii: "\n"):
            advance()
            kind = .newline
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            kind = lexString(quote: b)
        case UInt8(ascii: "`"):
            kind = lexQuotedIdentifier()
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            kind = lexNumber()
        case UInt8(ascii: "."):
            if let n = peek(1), isDigit(n) { kind = lexNumber() } else { kind = lexWord() }
        case _ where isWordStart(b):
            kind = lexWord()
        default:
            kind = lexOperator(b)
        }
        if kind != .newline { lastTokenEnd = mark }
        return Token(kind: kind, span: span(from: start), spaceBefore: spaced)
    }

    /// Skips blanks, `\r` and `#` comments; returns whether anything was skipped.
    private mutating func skipBlanksAndComments() -> Bool {
        var skipped = false
        while let b = peek() {
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
                advance()
            } else if b == UInt8(ascii: "#") {
                while let c = peek(), c != UInt8(ascii: "\n") { advance() }
            } else {
                break
            }
            skipped = true
        }
        return skipped
    }

    // MARK: - Words and numbers

    private func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }

    private func isWordStart(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || b == UInt8(ascii: "_") || b >= 0x80
    }

    /// word = letter { letter | digit | "_" | "." } — non-ASCII letters are taken as they come.
    private mutating func lexWord() -> TokenKind {
        let start = index
        while let b = peek(), isWordStart(b) || isDigit(b) || b == UInt8(ascii: ".") { advance() }
        return .identifier(String(decoding: bytes[start..<index], as: UTF8.self))
    }

    /// number = digits [ "." digits ] [ exponent ] | "." digits [ exponent ].
    private mutating func lexNumber() -> TokenKind {
        let start = mark
        while let b = peek(), isDigit(b) { advance() }
        if peek() == UInt8(ascii: "."), let n = peek(1), isDigit(n) {
            advance()
            while let b = peek(), isDigit(b) { advance() }
        } else if peek() == UInt8(ascii: "."), !(peek(1).map { isWordStart($0) } ?? false) {
            advance()  // `1.` is a number
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var ahead = 1
            if let s = peek(1), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { ahead = 2 }
            if let d = peek(ahead), isDigit(d) {
                for _ in 0..<ahead { advance() }
                while let b = peek(), isDigit(b) { advance() }
            }
        }
        let text = String(decoding: bytes[start.offset..<index], as: UTF8.self)
        // Letters glued to a number (`10x`, `3abc`) are a mistake, not two tokens.
        if let b = peek(), isWordStart(b) || b == UInt8(ascii: ".") {
            while let c = peek(), isWordStart(c) || isDigit(c) || c == UInt8(ascii: ".") { advance() }
            let bad = String(decoding: bytes[start.offset..<index], as: UTF8.self)
            problems.append(SyntaxProblem(span: span(from: start), message: .malformedNumber(bad)))
            return .invalid
        }
        guard let value = Double(text) else {
            problems.append(SyntaxProblem(span: span(from: start), message: .malformedNumber(text)))
            return .invalid
        }
        return .number(value)
    }

    // MARK: - Strings and quoted names

    /// string = `"` { character | escape } `"` (or single quotes); escapes: \n \t \r \\ \" \' \u{XXXX}.
    private mutating func lexString(quote: UInt8) -> TokenKind {
        let start = mark
        advance()
        var out: [UInt8] = []
        var badEscape = false
        while true {
            guard let b = peek(), b != UInt8(ascii: "\n") else {
                endedInsideLiteral = true
                problems.append(SyntaxProblem(span: span(from: start), message: .unterminatedString))
                return .invalid
            }
            if b == quote {
                advance()
                return badEscape ? .invalid : .string(String(decoding: out, as: UTF8.self))
            }
            if b == UInt8(ascii: "\\") {
                let escapeStart = mark
                advance()
                guard let e = peek(), e != UInt8(ascii: "\n") else { continue }
                advance()
                switch e {
                case UInt8(ascii: "n"): out.append(UInt8(ascii: "\n"))
                case UInt8(ascii: "t"): out.append(UInt8(ascii: "\t"))
                case UInt8(ascii: "r"): out.append(UInt8(ascii: "\r"))
                case UInt8(ascii: "0"): out.append(0)
                case UInt8(ascii: "\\"), UInt8(ascii: "\""), UInt8(ascii: "'"): out.append(e)
                case UInt8(ascii: "u"):
                    if let scalar = lexUnicodeEscape() {
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    } else if !badEscape {
                        badEscape = true
                        problems.append(SyntaxProblem(span: span(from: escapeStart), message: .badUnicodeEscape))
                    }
                default:
                    // Regex escapes (`\d`, `\.`) pass through, so `name ~ "run-\d+"` means what it says.
                    out.append(UInt8(ascii: "\\"))
                    out.append(e)
                }
                continue
            }
            out.append(b)
            advance()
        }
    }

    /// Reads `{XXXX}` after `\u`.
    private mutating func lexUnicodeEscape() -> Unicode.Scalar? {
        guard peek() == UInt8(ascii: "{") else { return nil }
        advance()
        var digits = ""
        while let b = peek(), b != UInt8(ascii: "}"), b != UInt8(ascii: "\n"), digits.count < 9 {
            digits.append(Character(Unicode.Scalar(b)))
            advance()
        }
        guard peek() == UInt8(ascii: "}") else { return nil }
        advance()
        guard let v = UInt32(digits, radix: 16) else { return nil }
        return Unicode.Scalar(v)
    }

    /// quoted = "`" { any character but "`" and newline } "`".
    private mutating func lexQuotedIdentifier() -> TokenKind {
        let start = mark
        advance()
        let first = index
        while let b = peek(), b != UInt8(ascii: "`"), b != UInt8(ascii: "\n") { advance() }
        guard peek() == UInt8(ascii: "`") else {
            endedInsideLiteral = true
            problems.append(SyntaxProblem(span: span(from: start), message: .unterminatedQuotedName))
            return .invalid
        }
        let text = String(decoding: bytes[first..<index], as: UTF8.self)
        advance()
        if text.isEmpty {
            problems.append(SyntaxProblem(span: span(from: start), message: .emptyQuotedName))
            return .invalid
        }
        return .quotedIdentifier(text)
    }

    // MARK: - Operators

    private mutating func lexOperator(_ b: UInt8) -> TokenKind {
        let start = mark
        advance()
        let next = peek()
        func two(_ kind: TokenKind) -> TokenKind {
            advance()
            return kind
        }
        switch b {
        case UInt8(ascii: "="): return next == UInt8(ascii: "=") ? two(.equalEqual) : .equal
        case UInt8(ascii: "!"):
            if next == UInt8(ascii: "=") { return two(.bangEqual) }
            if next == UInt8(ascii: "~") { return two(.bangTilde) }
            problems.append(SyntaxProblem(span: span(from: start), message: .bangAlone))
            return .invalid
        case UInt8(ascii: "<"): return next == UInt8(ascii: "=") ? two(.lessEqual) : .less
        case UInt8(ascii: ">"): return next == UInt8(ascii: "=") ? two(.greaterEqual) : .greater
        case UInt8(ascii: "~"): return .tilde
        case UInt8(ascii: "+"): return .plus
        case UInt8(ascii: "-"): return .minus
        case UInt8(ascii: "*"): return .star
        case UInt8(ascii: "/"): return .slash
        case UInt8(ascii: "("): return .leftParen
        case UInt8(ascii: ")"): return .rightParen
        case UInt8(ascii: "["): return .leftBracket
        case UInt8(ascii: "]"): return .rightBracket
        case UInt8(ascii: ","): return .comma
        case UInt8(ascii: ";"): return .semicolon
        case UInt8(ascii: "|"):
            guard next == UInt8(ascii: "|") else { return .pipe }
            advance()
            problems.append(SyntaxProblem(span: span(from: start), message: .cStyleOperator("||", "or")))
            return .invalid
        case UInt8(ascii: "&"):
            if next == UInt8(ascii: "&") { advance() }
            problems.append(SyntaxProblem(span: span(from: start), message: .cStyleOperator("&&", "and")))
            return .invalid
        default:
            // Skip the rest of a multi-byte character so the column stays right.
            while let c = peek(), c & 0xC0 == 0x80 { advance() }
            let text = String(decoding: bytes[start.offset..<index], as: UTF8.self)
            problems.append(SyntaxProblem(span: span(from: start), message: .unexpectedCharacter(text)))
            return .invalid
        }
    }
}
