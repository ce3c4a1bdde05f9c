import SiftCore

/// Finds the column a name means.
///
/// Order: the exact column name (so keys that contain dots work); then a role prefix (`params.lr`,
/// `metrics.val_loss`, `meta.state`) naming a column of that role; then a unique dotted suffix
/// (`layers` for `model.layers`). Several suffix matches are an ambiguity listing the candidates.
struct NameResolver {
    let table: RunTable

    private static let prefixes: [(String, Role)] = [
        ("params.", .param), ("param.", .param), ("metrics.", .metric), ("metric.", .metric), ("meta.", .meta),
    ]

    /// The column `name` means, or an error naming the closest known names.
    func column(_ name: Name, role wanted: Role? = nil) throws(RuntimeError) -> Column {
        if let c = table.column(named: name.text) { return c }
        for (prefix, role) in Self.prefixes where name.text.hasPrefix(prefix) {
            let rest = String(name.text.dropFirst(prefix.count))
            if let c = table.column(named: rest), c.role == role { return c }
        }
        if !name.quoted {
            let matches = table.columns.filter { $0.name.hasSuffix("." + name.text) }
            if matches.count == 1 { return matches[0] }
            if matches.count > 1 { throw RuntimeMessages.ambiguousName(name, candidates: matches.map(\.name)) }
        }
        let pool = wanted.map { table.names(withRole: $0) } ?? table.columns.map(\.name)
        let all = table.columns.map(\.name)
        var err = RuntimeMessages.unknownName(name, candidates: pool.isEmpty ? all : pool,
                                              role: wanted?.rawValue ?? "name")
        if wanted == .metric && table.names(withRole: .metric).isEmpty {
            err.hint = "no metrics are known; mark them when loading: load \"…\" metrics val_loss"
        }
        throw err
    }

    /// The params `patterns` name, in table order, for `statement` (`hide`, `show`), and the globs that matched
    /// no param. A plain name is resolved like any name (a unique dotted suffix works, unless in backticks)
    /// and must be a param; a glob matches params only. A glob matching nothing is left out when another name
    /// of the list matched something (so a script can be reused on a sweep without those keys), and is an
    /// error when nothing in the list matched.
    func params(matching patterns: [NamePattern], for statement: String) throws(RuntimeError)
        -> (names: [String], unmatched: [NamePattern]) {
        var out: [String] = []
        var unmatched: [NamePattern] = []
        for p in patterns {
            if p.isGlob {
                let matched = table.columns.filter { $0.role == .param && Glob.matches(p.text, $0.name) }
                if matched.isEmpty { unmatched.append(p) }
                out += matched.map(\.name)
            } else {
                let c = try column(Name(text: p.text, span: p.span, quoted: p.isQuoted), role: .param)
                guard c.role == .param else {
                    throw RuntimeMessages.notAParam(p.span, column: c, statement: statement,
                                                    params: table.names(withRole: .param))
                }
                out.append(c.name)
            }
        }
        if out.isEmpty, let first = unmatched.first {
            let globs = unmatched.map { "\"\($0.text)\"" }
            throw RuntimeError(first.span, "no param matches " + (globs.count == 1 ? globs[0] : "any of " + globs.joined(separator: ", ")),
                               hint: "params: " + RuntimeMessages.listing(table.names(withRole: .param)))
        }
        var seen: Set<String> = []
        return (out.filter { seen.insert($0).inserted }, unmatched)
    }
}

extension NamePattern {
    /// Whether the name was written in backticks (then only an exact match counts). The pattern keeps no
    /// flag for it, but its span does: a quoted name's span is its text plus the two backticks, while a bare
    /// name's span is its text (no blanks inside).
    var isQuoted: Bool { !isGlob && span.length >= text.unicodeScalars.count + 2 }
}

/// Shell-style `*` globs over names.
enum Glob {
    /// Whether `name` matches `pattern`, where `*` stands for any run of characters (dots included).
    static func matches(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern), n = Array(name)
        var pi = 0, ni = 0
        var star = -1, mark = 0
        while ni < n.count {
            if pi < p.count, p[pi] != "*", p[pi] == n[ni] {
                pi += 1
                ni += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ni
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ni = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
