import SiftCore

/// A syntax error found by the lexer or the parser: where, and which message.
public struct SyntaxProblem: Error, Sendable, Equatable {
    /// Where it is in the source.
    public var span: SourceSpan
    /// Which message.
    public var message: ParserMessage
    /// A syntax problem.
    public init(span: SourceSpan, message: ParserMessage) {
        self.span = span
        self.message = message
    }
}

/// Every message the lexer and the parser can give, in one place so their wording is reviewed together
/// (the texts are checked by `Fixtures/errors.snapshot`).
public enum ParserMessage: Sendable, Equatable {
    // Lexer
    case unexpectedCharacter(String)
    case malformedNumber(String)
    case unterminatedString
    case badUnicodeEscape
    case unterminatedQuotedName
    case emptyQuotedName
    case bangAlone
    case cStyleOperator(String, String)
    // Statements
    case unknownStatement(String, suggestion: String?)
    case expectedStatement(found: String)
    case expectedStatementAfterPipe(found: String)
    case expectedEndOfStatement(found: String, statement: String)
    case expectedName(after: String, found: String)
    case reservedWord(String)
    case expectedPath(after: String, found: String)
    case expectedInteger(after: String, found: String)
    case unknownClause(statement: String, word: String, allowed: [String])
    case duplicateClause(String)
    case unknownMethod(String)
    case unknownCorrelationMethod(String)
    case unknownAggregate(String)
    case expectedBy(found: String)
    case expectedEqualInSet(found: String)
    case expectedOptionValue(found: String)
    // Expressions
    case expectedExpression(found: String)
    case expectedClose(closer: String, opener: String, line: Int, found: String)
    case singleEqual
    case chainedComparison
    case nestingTooDeep(limit: Int)
    case expectedMissingAfterIs(found: String)
    case expectedListAfterIn(found: String)

    /// The one-line message, lowercase, names in quotes.
    public var text: String {
        switch self {
        case .unexpectedCharacter(let c): return "unexpected character \"\(c)\""
        case .malformedNumber(let t): return "malformed number \"\(t)\""
        case .unterminatedString: return "unterminated string"
        case .badUnicodeEscape: return "invalid unicode escape"
        case .unterminatedQuotedName: return "unterminated backtick name"
        case .emptyQuotedName: return "empty backtick name"
        case .bangAlone: return "unexpected \"!\""
        case .cStyleOperator(let op, _): return "unexpected \"\(op)\""
        case .unknownStatement(let w, _): return "unknown statement \"\(w)\""
        case .expectedStatement(let found): return "expected a statement, found \(found)"
        case .expectedStatementAfterPipe(let found): return "expected a statement after \"|\", found \(found)"
        case .expectedEndOfStatement(let found, let statement):
            return "expected the end of the \"\(statement)\" statement, found \(found)"
        case .expectedName(let after, let found): return "expected a name after \"\(after)\", found \(found)"
        case .reservedWord(let w): return "\"\(w)\" is a reserved word and cannot be used as a name"
        case .expectedPath(let after, let found): return "expected a path in quotes after \"\(after)\", found \(found)"
        case .expectedInteger(let after, let found):
            return "expected a whole number after \"\(after)\", found \(found)"
        case .unknownClause(let statement, let word, _): return "unexpected \"\(word)\" in \"\(statement)\""
        case .duplicateClause(let w): return "\"\(w)\" is given twice"
        case .unknownMethod(let w): return "unknown importance method \"\(w)\""
        case .unknownCorrelationMethod(let w): return "unknown correlation method \"\(w)\""
        case .unknownAggregate(let w): return "unknown aggregation \"\(w)\""
        case .expectedBy(let found): return "expected \"by\" after \"group\", found \(found)"
        case .expectedEqualInSet(let found): return "expected \"=\" after the option name, found \(found)"
        case .expectedOptionValue(let found): return "expected a value after \"=\", found \(found)"
        case .expectedExpression(let found): return "expected an expression, found \(found)"
        case .expectedClose(let closer, let opener, let line, let found):
            return "expected \"\(closer)\" to close \"\(opener)\" at line \(line), found \(found)"
        case .singleEqual: return "\"=\" is not a comparison"
        case .chainedComparison: return "comparisons cannot be chained"
        case .nestingTooDeep(let limit): return "expression nested too deeply (more than \(limit) levels)"
        case .expectedMissingAfterIs(let found): return "expected \"missing\" after \"is\", found \(found)"
        case .expectedListAfterIn(let found): return "expected a list in brackets after \"in\", found \(found)"
        }
    }

    /// How to fix it, when there is something useful to say.
    public var hint: String? {
        switch self {
        case .unexpectedCharacter: return "names with unusual characters are quoted with backticks: `lr/warmup`"
        case .malformedNumber: return "put a space between a number and a word, or quote odd names with backticks"
        case .unterminatedString: return "close the string with a matching quote on the same line"
        case .badUnicodeEscape: return "write a unicode escape as \\u{1F600} (1 to 8 hex digits)"
        case .unterminatedQuotedName: return "close the name with a backtick on the same line"
        case .emptyQuotedName: return "write the name between the backticks"
        case .bangAlone: return "use \"!=\" to compare, \"!~\" for a regex non-match, or \"not\" to negate"
        case .cStyleOperator(_, let word): return "write \"\(word)\""
        case .unknownStatement(_, let suggestion):
            if let suggestion { return "did you mean \"\(suggestion)\"?" }
            return "statements: " + Parser.statementKeywords.joined(separator: ", ")
        case .expectedStatement, .expectedStatementAfterPipe:
            return "statements: " + Parser.statementKeywords.joined(separator: ", ")
        case .expectedEndOfStatement: return "separate statements with a new line, \";\" or \"|\""
        case .expectedName: return "names with unusual characters are quoted with backticks: `lr/warmup`"
        case .reservedWord(let w): return "quote it with backticks: `\(w)`"
        case .expectedPath(let after, _): return "write the path in double quotes: \(after) \"runs.csv\""
        case .expectedInteger(let after, _): return "for example: \(after) 10"
        case .unknownClause(_, let word, let allowed):
            if let near = Suggest.closest(to: word, among: allowed) { return "did you mean \"\(near)\"?" }
            return allowed.isEmpty ? nil : "expected one of: " + allowed.joined(separator: ", ")
        case .duplicateClause: return "give each clause once"
        case .unknownMethod(let w):
            let all = ImportanceMethodNames.all
            if let near = Suggest.closest(to: w, among: all) { return "did you mean \"\(near)\"?" }
            return "methods: " + all.joined(separator: ", ")
        case .unknownCorrelationMethod(let w):
            if let near = Suggest.closest(to: w, among: ["pearson", "spearman"]) { return "did you mean \"\(near)\"?" }
            return "use pearson or spearman"
        case .unknownAggregate: return "use mean, median, min or max"
        case .expectedBy: return "for example: group by optimizer"
        case .expectedEqualInSet: return "for example: set trees = 300"
        case .expectedOptionValue: return "for example: set trees = 300, set format = json, set color = off"
        case .expectedExpression: return nil
        case .expectedClose: return nil
        case .singleEqual: return "use \"==\" to compare"
        case .chainedComparison: return "write a < b and b < c"
        case .nestingTooDeep: return "split the condition into several filter statements"
        case .expectedMissingAfterIs: return "write \"x is missing\" or \"x is not missing\""
        case .expectedListAfterIn: return "for example: optimizer in [\"adam\", \"sgd\"]"
        }
    }
}

/// The importance methods as the language spells them.
enum ImportanceMethodNames {
    static let all = ["forest", "permutation", "fanova", "pedanova"]
}
