import Foundation
import SiftCore

/// The static type of an expression, checked before any row is read.
enum ExprType: Equatable {
    case number, text, bool, missing
    /// A mixed column: numbers and text; compared as text or, against a number, as a number where it parses.
    case mixed

    var word: String {
        switch self {
        case .number: return "a number"
        case .text: return "text"
        case .bool: return "true/false"
        case .missing: return "missing"
        case .mixed: return "mixed numbers and text"
        }
    }
}

/// Checks a filter expression against a table's columns, then evaluates it per run.
///
/// Semantics: any comparison involving a missing value is false (never an error); `not` of that is true;
/// arithmetic on a missing value gives missing; `is missing` tests for it. Types are checked once, up front:
/// comparing a number with text is an error naming both sides.
struct Evaluator {
    let table: RunTable
    private var columns: [Int: Int] = [:]  // name span offset → column index
    private var regexes: [Int: NSRegularExpression] = [:]  // pattern span offset → compiled

    static let numericFunctions = ["log10", "log", "exp", "abs", "sqrt"]
    static let textFunctions = ["lower", "upper"]

    init(table: RunTable) { self.table = table }

    // MARK: - Checking

    /// Resolves names, compiles regexes and checks types; the whole expression must be a condition.
    mutating func check(condition e: Expr) throws(RuntimeError) {
        let t = try type(of: e)
        guard t == .bool else {
            throw RuntimeError(e.span, "a filter needs a condition, but this is \(t.word)",
                               hint: t == .missing ? missingHint : "compare it: for example \(comparison(e, t)), or "
                                   + "\(e.source(within: 5)) is not missing")
        }
    }

    /// `e` compared with a placeholder of its type, as a hint writes it: `log10(epochs) > 0`.
    private func comparison(_ e: Expr, _ t: ExprType) -> String {
        e.source(within: 5) + (t == .text ? " == \"…\"" : " > 0")
    }

    /// What to write instead of the bare literal `missing` where a condition belongs.
    private var missingHint: String {
        let field = table.columns.first(where: { $0.role == .param })?.name ?? "momentum"
        return "test a field for missing values: for example \(Name.source(field)) is missing"
    }

    /// The type of `e`, checking its parts.
    mutating func type(of e: Expr) throws(RuntimeError) -> ExprType {
        switch e.kind {
        case .number: return .number
        case .string: return .text
        case .bool: return .bool
        case .missing: return .missing
        case .list:
            throw RuntimeError(e.span, "a list is only allowed after \"in\"")
        case .name(let n):
            let c = try NameResolver(table: table).column(n)
            guard let i = table.columnIndex(named: c.name) else { throw RuntimeMessages.unknownName(n, candidates: []) }
            columns[n.span.offset] = i
            switch c.kind {
            case .numeric: return .number
            case .categorical: return c.isMixed ? .mixed : .text
            case .boolean: return .bool
            }
        case .unary(.negate, let x):
            try expect(x, .number, for: "\"-\"")
            return .number
        case .unary(.not, let x):
            try expect(x, .bool, for: "\"not\"")
            return .bool
        case .binary(let op, let l, let r):
            switch op {
            case .and, .or:
                try expect(l, .bool, for: "\"\(op.rawValue)\"")
                try expect(r, .bool, for: "\"\(op.rawValue)\"")
                return .bool
            case .add, .subtract, .multiply, .divide:
                try expect(l, .number, for: "\"\(op.rawValue)\"")
                try expect(r, .number, for: "\"\(op.rawValue)\"")
                return .number
            case .match, .notMatch:
                let lt = try type(of: l)
                if lt == .bool { throw RuntimeError(l.span, "\"\(op.rawValue)\" matches text, but \(describe(l)) is true/false") }
                guard case .string(let pattern) = r.kind else {
                    throw RuntimeError(r.span, "the right side of \"\(op.rawValue)\" must be a regular expression in quotes",
                                       hint: "for example: name ~ \"^sweep-3\"")
                }
                do {
                    regexes[r.span.offset] = try NSRegularExpression(pattern: pattern)
                } catch {
                    throw RuntimeError(r.span, "invalid regular expression \"\(pattern)\"",
                                       hint: "check brackets and escapes; a literal dot is \\. or [.]")
                }
                return .bool
            default:
                try checkComparable(l, r, ordered: op != .equal && op != .notEqual, span: e.span)
                return .bool
            }
        case .membership(let x, let items, _):
            for item in items { try checkComparable(x, item, ordered: false, span: item.span) }
            return .bool
        case .isMissing(let x, _):
            _ = try type(of: x)
            return .bool
        case .call(let name, let args):
            let isNumeric = Evaluator.numericFunctions.contains(name.text)
            guard isNumeric || Evaluator.textFunctions.contains(name.text) else {
                let all = Evaluator.numericFunctions + Evaluator.textFunctions
                let near = Suggest.closest(to: name.text, among: all, limit: 1).first
                throw RuntimeError(name.span, "unknown function \"\(name.text)\"",
                                   hint: near.map { "did you mean \"\($0)\"?" } ?? "functions: " + all.joined(separator: ", "))
            }
            guard args.count == 1 else {
                throw RuntimeError(e.span, "\"\(name.text)\" takes 1 argument, got \(args.count)")
            }
            if isNumeric {
                try expect(args[0], .number, for: "\"\(name.text)\"")
                return .number
            }
            let t = try type(of: args[0])
            guard t == .text || t == .mixed || t == .missing else {
                throw RuntimeError(args[0].span, "\"\(name.text)\" needs text, but \(describe(args[0])) is \(t.word)")
            }
            return .text
        }
    }

    private mutating func expect(_ e: Expr, _ wanted: ExprType, for what: String) throws(RuntimeError) {
        let t = try type(of: e)
        if t == wanted || t == .missing { return }
        if wanted == .number, t == .mixed { return }
        if wanted == .bool {
            throw RuntimeError(e.span, "\(what) needs a condition, but \(describe(e)) is \(t.word)",
                               hint: t == .missing ? missingHint : "compare it: for example \(comparison(e, t))")
        }
        throw RuntimeError(e.span, "\(what) needs \(wanted.word), but \(describe(e)) is \(t.word)")
    }

    private mutating func checkComparable(_ l: Expr, _ r: Expr, ordered: Bool, span: SourceSpan) throws(RuntimeError) {
        let lt = try type(of: l), rt = try type(of: r)
        if lt == .missing || rt == .missing {
            let side = lt == .missing ? r : l
            throw RuntimeError(span, "comparing with missing is always false",
                               hint: "test for it with: \(side.source(within: 5)) is missing")
        }
        let compatible: Bool
        switch (lt, rt) {
        case (.number, .number), (.text, .text), (.bool, .bool): compatible = true
        case (.mixed, _), (_, .mixed): compatible = lt != .bool && rt != .bool
        default: compatible = false
        }
        guard compatible else {
            var hint: String?
            if case .name(let n) = l.kind, case .number(let x) = r.kind, lt == .text {
                hint = "\"\(n.text)\" holds text; quote the value: \(n.dump) == \"\(NumberFormatting.plain(x))\""
            } else if case .name(let n) = l.kind, case .string(let s) = r.kind, lt == .number {
                hint = NumberParsing.parse(Substring(s)) != nil
                    ? "\"\(n.text)\" holds numbers; drop the quotes: \(n.dump) == \(s)"
                    : "\"\(n.text)\" holds numbers"
            }
            throw RuntimeMessages.typeMismatch(span, left: "\(describe(l)) (\(lt.word))", right: "\(describe(r)) (\(rt.word))",
                                               hint: hint)
        }
        if ordered, lt == .bool {
            throw RuntimeError(span, "true/false values have no order", hint: "use == or !=")
        }
    }

    /// How an operand reads in a message: a name in quotes, a literal as written.
    private func describe(_ e: Expr) -> String {
        switch e.kind {
        case .name(let n): return "\"\(table.columnIndex(named: n.text).map { table.columns[$0].name } ?? n.text)\""
        case .string(let s): return "\"\(s)\""
        default: return e.source
        }
    }

    // MARK: - Evaluating

    /// Whether run `row` satisfies the (checked) condition.
    func holds(_ e: Expr, row: Int) -> Bool {
        if case .bool(true) = value(e, row: row) { return true }
        return false
    }

    /// The value of a checked expression for run `row`.
    func value(_ e: Expr, row: Int) -> Value {
        switch e.kind {
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        case .missing, .list: return .missing
        case .name(let n):
            guard let i = columns[n.span.offset] else { return .missing }
            return table.columns[i][row]
        case .unary(.negate, let x):
            guard let v = number(value(x, row: row)) else { return .missing }
            return .number(-v)
        case .unary(.not, let x):
            return .bool(!holds(x, row: row))
        case .binary(let op, let l, let r):
            switch op {
            case .and: return .bool(holds(l, row: row) && holds(r, row: row))
            case .or: return .bool(holds(l, row: row) || holds(r, row: row))
            case .add, .subtract, .multiply, .divide:
                guard let a = number(value(l, row: row)), let b = number(value(r, row: row)) else { return .missing }
                switch op {
                case .add: return .number(a + b)
                case .subtract: return .number(a - b)
                case .multiply: return .number(a * b)
                default: return .number(a / b)
                }
            case .match, .notMatch:
                guard let regex = regexes[r.span.offset], let text = self.text(value(l, row: row)) else { return .bool(false) }
                let range = NSRange(text.startIndex..<text.endIndex, in: text)
                let found = regex.firstMatch(in: text, range: range) != nil
                return .bool(op == .match ? found : !found)
            default:
                return .bool(compare(op, value(l, row: row), value(r, row: row)))
            }
        case .membership(let x, let items, let negated):
            let v = value(x, row: row)
            if v.isMissing { return .bool(false) }
            let found = items.contains { compare(.equal, v, value($0, row: row)) }
            return .bool(negated ? !found : found)
        case .isMissing(let x, let negated):
            let missing = value(x, row: row).isMissing || (number(value(x, row: row))?.isNaN ?? false)
            return .bool(negated ? !missing : missing)
        case .call(let name, let args):
            let v = value(args[0], row: row)
            if Evaluator.textFunctions.contains(name.text) {
                guard let s = text(v) else { return .missing }
                return .string(name.text == "lower" ? s.lowercased() : s.uppercased())
            }
            guard let x = number(v) else { return .missing }
            switch name.text {
            case "log10": return .number(Foundation.log10(x))
            case "log": return .number(Foundation.log(x))
            case "exp": return .number(Foundation.exp(x))
            case "sqrt": return .number(x.squareRoot())
            default: return .number(Swift.abs(x))
            }
        }
    }

    private func number(_ v: Value) -> Double? {
        switch v {
        case .number(let x): return x
        case .string(let s): return NumberParsing.parse(Substring(s))
        default: return nil
        }
    }

    private func text(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .number(let x): return NumberFormatting.plain(x)
        case .bool(let b): return b ? "true" : "false"
        case .missing: return nil
        }
    }

    /// A comparison; false whenever either side is missing (or NaN), or the sides cannot be compared.
    private func compare(_ op: BinaryOperator, _ a: Value, _ b: Value) -> Bool {
        let order: Int
        switch (a, b) {
        case (.missing, _), (_, .missing): return false
        case (.number(let x), .number(let y)):
            if x.isNaN || y.isNaN { return false }
            order = x < y ? -1 : (x > y ? 1 : 0)
        case (.string(let x), .string(let y)):
            order = x < y ? -1 : (x > y ? 1 : 0)
        case (.bool(let x), .bool(let y)):
            order = x == y ? 0 : (x ? 1 : -1)
        case (.string(let s), .number(let y)):
            guard let x = NumberParsing.parse(Substring(s)), !x.isNaN, !y.isNaN else { return false }
            order = x < y ? -1 : (x > y ? 1 : 0)
        case (.number(let x), .string(let s)):
            guard let y = NumberParsing.parse(Substring(s)), !x.isNaN, !y.isNaN else { return false }
            order = x < y ? -1 : (x > y ? 1 : 0)
        default:
            return false
        }
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessEqual: return order <= 0
        case .greater: return order > 0
        case .greaterEqual: return order >= 0
        default: return false
        }
    }
}
