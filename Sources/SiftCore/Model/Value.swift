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

/// Texts other tools write for a missing cell: pandas' default `na_values` without its NaN spellings
/// (those are numbers here) — R's `NA`, Excel's `#N/A`, SQL's `NULL`, Python's `None`, JavaScript's `null`.
///
/// They mean missing only in a column whose other values are all numbers, or all booleans: there `NA`
/// cannot be a value. In a text column they stay text (`NA` may be North America, `None` a scheduler
/// choice), so no loader turns them into missing cells blindly.
public enum MissingMarkers {
    static let spellings: Set<String> = [
        "NA", "N/A", "n/a", "#N/A", "#N/A N/A", "#NA", "<NA>", "NULL", "null", "None",
        "-1.#IND", "1.#IND", "-1.#QNAN", "1.#QNAN",
    ]

    /// Whether `text` (as written, blanks around it ignored) is one of the spellings.
    public static func contains(_ text: String) -> Bool {
        if spellings.contains(text) { return true }
        var t = Substring(text)
        while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
        return t.count < text.count && spellings.contains(String(t))
    }
}

/// How a column whose cells were numbers, booleans, texts and missing cells settles, by what it saw.
enum CellTyping {
    case numeric, boolean, categorical(mixed: Bool)

    /// The rule users see: all present values numbers → numeric; all booleans → boolean; otherwise
    /// categorical, `mixed` when numbers or booleans met strings. Strings that are all `MissingMarkers`
    /// beside numbers only (or booleans only) are missing cells instead.
    static func settle(number: Bool, bool: Bool, string: Bool, onlyMarkers: Bool) -> CellTyping {
        let text = string && !onlyMarkers
        if number && !bool && !text { return .numeric }
        if bool && !number && !text { return .boolean }
        return .categorical(mixed: string && (number || bool))
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
