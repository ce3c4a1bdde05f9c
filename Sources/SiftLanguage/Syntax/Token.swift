import SiftCore

/// Where a piece of source sits: byte offset, 1-based line and column (in Unicode scalars), and length.
public struct SourceSpan: Sendable, Equatable, Hashable {
    /// UTF-8 offset of the first byte.
    public var offset: Int
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int
    /// Length in Unicode scalars (what a caret underlines); at least 1 when rendered.
    public var length: Int

    /// A span.
    public init(offset: Int, line: Int, column: Int, length: Int) {
        self.offset = offset
        self.line = line
        self.column = column
        self.length = length
    }

    /// A span covering `self` through the end of `other` (same line; otherwise only `self`'s line to its end).
    public func through(_ other: SourceSpan) -> SourceSpan {
        guard other.line == line else { return self }
        return SourceSpan(offset: offset, line: line, column: column,
                          length: max(length, other.column + other.length - column))
    }
}

/// The kinds of token the lexer produces.
public enum TokenKind: Sendable, Equatable {
    /// A bare word: letters, digits, `_` and `.` (`model.layers`); keywords are words too.
    case identifier(String)
    /// A backtick-quoted name: any characters but a backtick and a newline.
    case quotedIdentifier(String)
    case number(Double)
    /// A string literal with escapes resolved.
    case string(String)
    case equalEqual, bangEqual, less, lessEqual, greater, greaterEqual
    case tilde, bangTilde
    case plus, minus, star, slash
    case leftParen, rightParen, leftBracket, rightBracket
    case comma, semicolon, pipe, equal
    case newline
    /// Input the lexer could not read; the lexer has already reported why.
    case invalid
    case eof
}

/// One token with its place in the source.
public struct Token: Sendable, Equatable {
    /// What the token is.
    public var kind: TokenKind
    /// Where it is in the source.
    public var span: SourceSpan
    /// Whether blanks or a comment separate this token from the one before it (glob patterns such as `_*`
    /// and `model.*` are adjacent tokens).
    public var spaceBefore: Bool

    /// A token.
    public init(kind: TokenKind, span: SourceSpan, spaceBefore: Bool) {
        self.kind = kind
        self.span = span
        self.spaceBefore = spaceBefore
    }

    /// The word, when the token is a bare identifier.
    public var word: String? {
        if case .identifier(let w) = kind { return w }
        return nil
    }

    /// Whether a statement goes on to the next line after this token (a trailing operator or an opener).
    /// `*` is left out: it ends globs such as `hide model.*`.
    var continuesLine: Bool {
        switch kind {
        case .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual, .tilde, .bangTilde,
             .plus, .minus, .slash, .leftParen, .leftBracket, .comma, .pipe, .equal:
            return true
        case .identifier(let w):
            return w == "and" || w == "or" || w == "not" || w == "in"
        default:
            return false
        }
    }
}

/// Spelling of token kinds in messages.
extension TokenKind {
    /// How the token reads in an error message (`")"`, `number 3`, `end of line`).
    var described: String {
        switch self {
        case .identifier(let w): return "\"\(w)\""
        case .quotedIdentifier(let w): return "`\(w)`"
        case .number(let x): return "number \(NumberFormatting.plain(x))"
        case .string(let s): return "string \"\(s)\""
        case .equalEqual: return "\"==\""
        case .bangEqual: return "\"!=\""
        case .less: return "\"<\""
        case .lessEqual: return "\"<=\""
        case .greater: return "\">\""
        case .greaterEqual: return "\">=\""
        case .tilde: return "\"~\""
        case .bangTilde: return "\"!~\""
        case .plus: return "\"+\""
        case .minus: return "\"-\""
        case .star: return "\"*\""
        case .slash: return "\"/\""
        case .leftParen: return "\"(\""
        case .rightParen: return "\")\""
        case .leftBracket: return "\"[\""
        case .rightBracket: return "\"]\""
        case .comma: return "\",\""
        case .semicolon: return "\";\""
        case .pipe: return "\"|\""
        case .equal: return "\"=\""
        case .newline: return "end of line"
        case .invalid: return "invalid input"
        case .eof: return "end of input"
        }
    }
}
