/// One cell of a run: a number, a string, a boolean, or missing.
public enum Value: Sendable, Hashable {
    case missing
    case number(Double)
    case string(String)
    case bool(Bool)

    /// Whether the cell holds nothing.
    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// The number held, if any.
    public var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }

    /// The string held, if any.
    public var string: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The value's text as a category label (numbers spelled plainly, booleans `true`/`false`); nil for
    /// missing. One rule for every column that turns categorical, whichever loader built it.
    public var categoryLabel: String? {
        switch self {
        case .missing: return nil
        case .string(let s): return s
        case .number(let x): return NumberFormatting.plain(x)
        case .bool(let b): return b ? "true" : "false"
        }
    }

    /// Infers a value from text as CSV and MLflow store it: empty is missing;
    /// `true`/`false` (any case) are booleans; numbers (including `NaN`, `inf`, `-inf`) are numbers.
    public static func infer(fromText text: Substring) -> Value {
        if text.isEmpty { return .missing }
        if let x = NumberParsing.parse(text) { return .number(x) }
        switch text {
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: return .string(String(text))
        }
    }
}

/// Number recognition shared by every text loader, so `1e-3`, `NaN` and `inf` mean the same everywhere.
public enum NumberParsing {
    /// Parses a decimal number, `nan`, `inf`, `infinity` (any case, optional sign). Rejects hex and
    /// surrounding spaces other than ASCII blanks, which are trimmed.
    public static func parse(_ text: Substring) -> Double? {
        var t = text
        while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
        guard let first = t.utf8.first else { return nil }
        // Fast reject: numbers start with a digit, sign, dot, or n/i for nan/inf.
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."):
            break
        case UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "i"), UInt8(ascii: "I"):
            break
        default:
            return nil
        }
        var body = t
        var negative = false
        if let s = body.first, s == "-" || s == "+" {
            negative = s == "-"
            body = body.dropFirst()
        }
        switch body.lowercased() {
        case "nan": return .nan
        case "inf", "infinity": return negative ? -.infinity : .infinity
        default: break
        }
        // Reject forms Double(_:) accepts but users do not mean as numbers (hex floats, "0x10").
        if body.contains(where: { $0 == "x" || $0 == "X" || $0 == "p" || $0 == "P" }) { return nil }
        guard let value = Double(t) else { return nil }
        return value
    }
}
