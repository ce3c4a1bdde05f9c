import Foundation
import SiftCore

/// `load`, `filter`, `reset`, `undo`, `hide`, `show`, `group by`, `ungroup`: statements that change which
/// runs and params later analyses see.
extension Interpreter {
    // MARK: - load

    /// Reads runs and appends them; the view then shows every loaded run.
    func load(_ l: LoadStatement, context: ChunkContext) throws(RuntimeError) -> String {
        let path = context.resolve(l.path.value)
        let options = LoadOptions(alias: l.alias?.text, metrics: l.metrics.map(\.text), params: l.params.map(\.text),
                                  study: l.study?.value)
        try checkRoleLists(l)
        let table: RunTable
        do {
            table = try RunLoader.load(path: path, options: options, progress: progress, cancellation: cancellation)
        } catch {
            // Ctrl-C: the front end shows a note, as for any cancelled statement.
            if cancellation.isCancelled && error.message == "cancelled" { throw RuntimeError(l.path.span, "cancelled") }
            let place = Self.place(of: error, loaded: path)
            // A name of the metrics/params lists is pointed at itself.
            let span = error.roleName.flatMap { n in (l.metrics + l.params).first { $0.text == n }?.span } ?? l.path.span
            throw RuntimeError(span, "cannot load \"\(l.path.value)\": \(place)\(error.message)", hint: error.hint)
        }
        let before = session.loaded.rowCount
        let changed = applyRoleLists(l, to: table)
        appendRuns(table)
        let counts = [Role.param, .metric, .meta].map { role in
            let n = table.columns.filter { $0.role == role }.count
            return "\(n) \(role == .meta ? "meta" : role.rawValue + (n == 1 ? "" : "s"))"
        }
        var note = "loaded \(table.rowCount) run\(table.rowCount == 1 ? "" : "s") from \(l.alias?.text ?? l.path.value): "
            + counts.joined(separator: ", ")
        if before > 0 { note += " (\(session.loaded.rowCount) runs in all)" }
        for (name, role, was) in changed {
            note += "\n\"\(name)\" is now a \(role.rawValue) for all \(session.loaded.rowCount) runs (it was a \(was.rawValue))"
        }
        if table.names(withRole: .metric).isEmpty {
            note += "\nno metrics recognised; mark them with: load \"\(l.path.value)\" metrics NAME, …"
        }
        return note
    }

    /// A name in both the `metrics` and the `params` list is an error at its second mention.
    private func checkRoleLists(_ l: LoadStatement) throws(RuntimeError) {
        for p in l.params {
            guard let m = l.metrics.first(where: { $0.text == p.text }) else { continue }
            let later = m.span.offset > p.span.offset ? m : p
            throw RuntimeError(later.span, "\"\(p.text)\" is given as both a metric and a param",
                               hint: "name it in one list")
        }
    }

    /// What the load says of roles wins over the session's columns too: a column the runs loaded before hold
    /// under another role takes the role given now (a column has one role). Returns the changes.
    private func applyRoleLists(_ l: LoadStatement, to table: RunTable) -> [(String, Role, was: Role)] {
        guard session.loaded.rowCount > 0 else { return [] }
        var changed: [(String, Role, was: Role)] = []
        for (names, role) in [(l.metrics, Role.metric), (l.params, Role.param)] {
            for n in names {
                guard let old = session.loaded.column(named: n.text), old.role != role,
                      table.column(named: n.text)?.role == role else { continue }
                session.loaded.setRole(role, of: n.text)
                changed.append((n.text, role, was: old.role))
            }
        }
        return changed
    }

    /// Where in the loaded path a load error is, as a prefix of its message: `line 3, column 5: ` in the file
    /// loaded, or for a file inside a loaded folder (a run's metric file, a `.wandb` log) its path from that
    /// folder with the line and column as `path:line:col: `; then the record (`byte 91: `, `table trials: `).
    static func place(of error: LoadError, loaded: String) -> String {
        var folder = loaded
        while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
        var place = ""
        if error.path != folder {
            // Loaders join names to the path as given, so `mlruns/` gives `mlruns//0/…`.
            place = error.path.hasPrefix(folder + "/")
                ? String(error.path.dropFirst(folder.count).drop { $0 == "/" }) : error.path
            if let line = error.line { place += ":\(line)" + (error.column.map { ":\($0)" } ?? "") }
            place += ": "
        } else if let line = error.line {
            place = "line \(line)" + (error.column.map { ", column \($0)" } ?? "") + ": "
        }
        if let record = error.record { place += "\(record): " }
        return place
    }

    /// Appends runs to the session and shows all of them (hidden params and grouping are kept).
    func appendRuns(_ table: RunTable) {
        if session.loaded.rowCount == 0 && session.loaded.columns.isEmpty {
            session.loaded = table
        } else {
            session.loaded.append(table)
        }
        let old = session.state.view
        var view = View(all: session.loaded)
        view.hidden = old.hidden
        view.groupBy = old.groupBy.filter { session.loaded.column(named: $0) != nil }
        session.state = ViewState(table: session.loaded, view: view)
        session.history = []
    }

    // MARK: - filter

    /// Narrows the view to the runs where `condition` holds.
    func filter(_ condition: Expr) throws(RuntimeError) -> String {
        var evaluator = Evaluator(table: session.state.table)
        try evaluator.check(condition: condition)
        let before = session.state.view.rows
        var rows: [Int] = []
        for (i, r) in before.enumerated() {
            // A regex can take long on every run: Ctrl-C is looked at every 256 runs.
            if i & 255 == 255 && cancellation.isCancelled { throw RuntimeError(condition.span, "cancelled") }
            if evaluator.holds(condition, row: r) { rows.append(r) }
        }
        session.pushHistory()
        session.state.view.rows = rows
        if rows.isEmpty {
            return "filter left 0 of \(before.count) runs; \"undo\" brings them back"
        }
        return "filtered \(before.count) → \(rows.count) runs"
    }

    // MARK: - reset, undo

    /// Back to every loaded run: no filter, no collapse, nothing hidden, no groups.
    func reset() -> String {
        session.pushHistory()
        session.state = ViewState(table: session.loaded, view: View(all: session.loaded))
        return "reset to all \(session.loaded.rowCount) runs"
    }

    /// Back to the state before the last view change.
    func undo(_ span: SourceSpan) throws(RuntimeError) -> String {
        guard let previous = session.history.popLast() else {
            throw RuntimeError(span, "nothing to undo", hint: "undo reverts filter, hide, show, group, collapse and reset")
        }
        session.state = previous
        return "undone: \(session.summary) in view"
    }

    // MARK: - hide, show

    /// Leaves params out of analyses and panels.
    func hide(_ patterns: [NamePattern]) throws(RuntimeError) -> String {
        let (names, unmatched) = try NameResolver(table: session.state.table).params(matching: patterns, for: "hide")
        session.pushHistory()
        session.state.view.hidden.formUnion(names)
        return "hidden: \(RuntimeMessages.listing(names)) (\(hiddenCount) of \(paramCount) params hidden)"
            + skipped(unmatched)
    }

    /// Brings hidden params back.
    func show(_ patterns: [NamePattern]) throws(RuntimeError) -> String {
        let (names, unmatched) = try NameResolver(table: session.state.table).params(matching: patterns, for: "show")
        session.pushHistory()
        session.state.view.hidden.subtract(names)
        return "shown: \(RuntimeMessages.listing(names)) (\(hiddenCount) of \(paramCount) params hidden)"
            + skipped(unmatched)
    }

    /// A note line per glob that matched no param.
    private func skipped(_ unmatched: [NamePattern]) -> String {
        unmatched.map { "\nno param matches \"\($0.text)\"; skipped" }.joined()
    }

    /// Brings every hidden param back.
    func showAll() -> String {
        session.pushHistory()
        session.state.view.hidden = []
        return "all \(paramCount) params shown"
    }

    private var paramCount: Int { session.state.table.names(withRole: .param).count }
    private var hiddenCount: Int {
        session.state.table.names(withRole: .param).filter { session.state.view.hidden.contains($0) }.count
    }

    // MARK: - group by, ungroup

    /// Later analyses run per group of `names`' values, then overall.
    func groupBy(_ names: [Name]) throws(RuntimeError) -> String {
        let resolver = NameResolver(table: session.state.table)
        var columns: [String] = []
        for n in names { columns.append(try resolver.column(n).name) }
        session.pushHistory()
        session.state.view.groupBy = columns
        let groups = Grouping.groups(table: session.state.table, rows: session.state.view.rows, by: columns)
        let sizes = groups.prefix(6).map { "\($0.label) \($0.rows.count)" }.joined(separator: ", ")
        return "grouped by \(columns.joined(separator: ", ")): \(groups.count) group\(groups.count == 1 ? "" : "s")"
            + (groups.isEmpty ? "" : " (\(sizes)\(groups.count > 6 ? ", …" : ""))")
    }

    /// Analyses run once over the whole view again.
    func ungroup() -> String {
        session.pushHistory()
        session.state.view.groupBy = []
        return "ungrouped"
    }
}

/// Splits runs into groups by the values of some fields.
enum Grouping {
    /// One group: its label (`optimizer=adam, epochs=10`) and its runs.
    struct Group {
        var label: String
        var rows: [Int]
    }

    /// The groups of `rows` by `fields`, ordered by value (numbers numerically, missing last).
    /// No fields: no groups (analyses then run once, overall).
    static func groups(table: RunTable, rows: [Int], by fields: [String]) -> [Group] {
        if fields.isEmpty { return [] }
        let columns = fields.compactMap { table.column(named: $0) }
        var index: [[Value]: Int] = [:]
        var keys: [[Value]] = []
        var members: [[Int]] = []
        for r in rows {
            let key = columns.map { c -> Value in
                let v = c[r]
                if case .number(let x) = v, x.isNaN { return .missing }
                return v
            }
            if let i = index[key] {
                members[i].append(r)
            } else {
                index[key] = keys.count
                keys.append(key)
                members.append([r])
            }
        }
        let order = keys.indices.sorted { a, b in
            for (x, y) in zip(keys[a], keys[b]) where x != y { return ValueOrder.less(x, y) }
            return false
        }
        return order.map { i in
            let label = zip(columns, keys[i]).map { "\($0.name)=\(ValueOrder.text($1))" }.joined(separator: ", ")
            return Group(label: label, rows: members[i])
        }
    }
}

/// A total order on values for sorting: numbers, then text, then booleans, missing last.
enum ValueOrder {
    static func rank(_ v: Value) -> Int {
        switch v {
        case .number: return 0
        case .string: return 1
        case .bool: return 2
        case .missing: return 3
        }
    }

    /// Whether `a` sorts before `b`.
    static func less(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)):
            if x.isNaN { return false }
            if y.isNaN { return true }
            return x < y
        case (.string(let x), .string(let y)): return x < y
        case (.bool(let x), .bool(let y)): return !x && y
        default: return rank(a) < rank(b)
        }
    }

    /// A value as a label.
    static func text(_ v: Value) -> String {
        switch v {
        case .number(let x): return NumberFormatting.plain(x)
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .missing: return "missing"
        }
    }
}
