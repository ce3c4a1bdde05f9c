import SiftCore

/// The syntax tree spelled back as sift source, for messages and hints (`log10(epochs) / 2 + 1 > 0`).
///
/// Parentheses appear only where precedence needs them, so parsing the text gives the same tree. The spelling
/// is rebuilt rather than cut from the script: an expression inside brackets may span several lines.
extension Expr {
    /// The expression as sift source.
    public var source: String { source(within: 0) }

    /// The expression as the operand of an operator of `precedence`: in parentheses when it binds more loosely
    /// (or as loosely, for comparisons, which do not chain, and for right operands, which do not associate).
    func source(within precedence: Int) -> String {
        let text: String
        switch kind {
        case .number(let x): text = NumberFormatting.plain(x)
        case .string(let s): text = sourceQuote(s)
        case .bool(let b): text = b ? "true" : "false"
        case .missing: text = "missing"
        case .name(let n): text = n.dump
        case .list(let items): text = "[" + items.map(\.source).joined(separator: ", ") + "]"
        case .unary(.not, let e): text = "not " + e.source(within: 3)
        case .unary(.negate, let e): text = "-" + e.source(within: 7)
        case .binary(let op, let l, let r):
            let p = op.precedence
            text = l.source(within: op.isComparison ? p + 1 : p) + " \(op.rawValue) " + r.source(within: p + 1)
        case .membership(let e, let items, let negated):
            text = e.source(within: 5) + (negated ? " not in " : " in ") + "["
                + items.map(\.source).joined(separator: ", ") + "]"
        case .isMissing(let e, let negated): text = e.source(within: 5) + (negated ? " is not missing" : " is missing")
        case .call(let n, let args): text = n.text + "(" + args.map(\.source).joined(separator: ", ") + ")"
        }
        return bindingPower < precedence ? "(" + text + ")" : text
    }

    /// How tightly the expression's top node binds (the levels of `Grammar/README.md`; 8 for a primary).
    var bindingPower: Int {
        switch kind {
        case .number(let x): return x < 0 || (x == 0 && x.sign == .minus) ? 7 : 8
        case .unary(.not, _): return 3
        case .unary(.negate, _): return 7
        case .binary(let op, _, _): return op.precedence
        case .membership, .isMissing: return 4
        default: return 8
        }
    }
}

extension Name {
    /// `text` as a name in sift source: bare when it reads as one, in backticks otherwise (`lr/warmup`, `in`).
    static func source(_ text: String) -> String {
        var lexer = Lexer(text)
        let tokens = lexer.tokenize()
        let bare = tokens.count == 2 && tokens[0].kind == .identifier(text) && !Parser.reservedWords.contains(text)
        return bare ? text : "`\(text)`"
    }
}

/// A string literal as sift reads it back: quotes, newlines, tabs and returns escaped; a backslash doubled
/// only where sift would otherwise read an escape, so a regular expression keeps its spelling (`"run-\d+"`).
private func sourceQuote(_ s: String) -> String {
    let scalars = Array(s.unicodeScalars)
    var out = "\""
    for (i, ch) in scalars.enumerated() {
        switch ch {
        case "\"": out += "\\\""
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        case "\0": out += "\\0"
        case "\\":
            // Alone, a backslash is kept only before a character that is not an escape, and not itself
            // written with a backslash.
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            let kept = next.map { !"ntr0u\\\"'".unicodeScalars.contains($0) && $0.value >= 0x20 } ?? false
            out += kept ? "\\" : "\\\\"
        default:
            if ch.value < 0x20 { out += "\\u{\(String(ch.value, radix: 16))}" } else { out.unicodeScalars.append(ch) }
        }
    }
    return out + "\""
}
