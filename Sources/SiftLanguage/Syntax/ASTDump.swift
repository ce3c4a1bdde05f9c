import SiftCore

/// A compact S-expression spelling of the syntax tree, for parser golden tests and debugging.
extension Statement {
    /// `(filter (and (== state "finished") (< lr 0.01)))`.
    public var dump: String {
        switch kind {
        case .load(let l):
            var parts = ["load", quote(l.path.value)]
            if let a = l.alias { parts.append("as=\(a.dump)") }
            if !l.metrics.isEmpty { parts.append("metrics=[\(l.metrics.map(\.dump).joined(separator: " "))]") }
            if !l.params.isEmpty { parts.append("params=[\(l.params.map(\.dump).joined(separator: " "))]") }
            if let s = l.study { parts.append("study=\(quote(s.value))") }
            return "(" + parts.joined(separator: " ") + ")"
        case .filter(let e): return "(filter \(e.dump))"
        case .reset: return "(reset)"
        case .undo: return "(undo)"
        case .hide(let p): return "(hide \(p.map(\.dump).joined(separator: " ")))"
        case .show(let p): return "(show \(p.map(\.dump).joined(separator: " ")))"
        case .showAll: return "(show-all)"
        case .groupBy(let n): return "(group-by \(n.map(\.dump).joined(separator: " ")))"
        case .ungroup: return "(ungroup)"
        case .collapse(let n, let a): return "(collapse \(n.map(\.dump).joined(separator: " ")) with=\(a.rawValue))"
        case .importance(let m, let c): return "(importance \(m.dump)\(c.dump))"
        case .suggest(let m, let c): return "(suggest \(m.dump)\(c.dump))"
        case .correlation(let m, let method): return "(correlation \(m.dump)\(method.map { " " + $0.text } ?? ""))"
        case .params: return "(params)"
        case .metrics: return "(metrics)"
        case .fields: return "(fields)"
        case .runs(let r):
            var parts = ["runs"]
            if let l = r.limit { parts.append("limit=\(l.value)") }
            if let s = r.sort { parts.append("sort=\(s.dump)\(r.descending ? " desc" : " asc")") }
            if !r.columns.isEmpty { parts.append("columns=[\(r.columns.map(\.dump).joined(separator: " "))]") }
            return "(" + parts.joined(separator: " ") + ")"
        case .describe(let n): return "(describe \(n.dump))"
        case .set(let o, let v, _):
            let value: String
            switch v {
            case .number(let x): value = NumberFormatting.plain(x)
            case .word(let w): value = w
            case .string(let s): value = quote(s)
            }
            return "(set \(o.dump) \(value))"
        case .export(let p): return "(export \(quote(p.value)))"
        case .source(let p): return "(source \(quote(p.value)))"
        case .help(let t): return t.map { "(help \($0.text))" } ?? "(help)"
        case .quit: return "(quit)"
        }
    }
}

extension AnalysisClauses {
    fileprivate var dump: String {
        var s = ""
        if let m = method { s += " using=\(m.text)" }
        if let t = trees { s += " trees=\(t.value)" }
        if let t = seed { s += " seed=\(t.value)" }
        if let t = top { s += " top=\(t.value)" }
        if let v = value { s += " \(v.rawValue)" }
        return s
    }
}

extension Name {
    /// The name, in backticks when it was quoted.
    var dump: String { quoted ? "`\(text)`" : text }
}

extension NamePattern {
    fileprivate var dump: String { isGlob ? "glob:\(text)" : text }
}

extension Expr {
    /// The expression as an S-expression.
    public var dump: String {
        switch kind {
        case .number(let x): return NumberFormatting.plain(x)
        case .string(let s): return quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .missing: return "missing"
        case .name(let n): return n.dump
        case .list(let items): return "[" + items.map(\.dump).joined(separator: " ") + "]"
        case .unary(let op, let e): return "(\(op.rawValue) \(e.dump))"
        case .binary(let op, let l, let r): return "(\(op.rawValue) \(l.dump) \(r.dump))"
        case .membership(let e, let items, let negated):
            return "(\(negated ? "not-in" : "in") \(e.dump) [\(items.map(\.dump).joined(separator: " "))])"
        case .isMissing(let e, let negated): return "(\(negated ? "is-not-missing" : "is-missing") \(e.dump))"
        case .call(let n, let args): return "(call \(n.text)\(args.map { " " + $0.dump }.joined()))"
        }
    }
}

/// A string literal spelled back with escapes.
private func quote(_ s: String) -> String {
    var out = "\""
    for ch in s.unicodeScalars {
        switch ch {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if ch.value < 0x20 { out += "\\u{\(String(ch.value, radix: 16))}" } else { out.unicodeScalars.append(ch) }
        }
    }
    return out + "\""
}
