import Foundation
import SiftAnalysis
import SiftCore

/// `params`, `metrics`, `fields`, `runs`, `describe`: tables about the runs in view.
extension Interpreter {
    // MARK: - params, metrics, fields

    /// One row per field of `role` (all fields when nil): role, type, distinct values, range, missing share.
    func listing(role: Role?) -> ResultTable {
        let state = session.state
        let rows = state.view.rows
        var out: [[Value]] = []
        for c in state.table.columns where role == nil || c.role == role {
            let stats = FieldStats(column: c, rows: rows)
            var roleText = c.role.rawValue
            if c.role == .param && state.view.hidden.contains(c.name) { roleText += " (hidden)" }
            out.append([.string(c.name), .string(roleText), .string(FieldStats.typeName(c)), .number(Double(stats.distinct)),
                        stats.range.map { .string($0) } ?? .missing,
                        .number(rows.isEmpty ? 0 : (Double(stats.missing) / Double(rows.count) * 1000).rounded() / 10)])
        }
        let kind = role.map { $0 == .meta ? "meta" : $0.rawValue + "s" } ?? "fields"
        var footer: [String] = []
        if out.isEmpty { footer.append("no \(kind) in these runs") }
        return ResultTable(kind: kind, title: "\(kind) over \(rows.count) runs",
                           columns: ["name", "role", "type", "distinct", "range", "missing %"], rows: out, footer: footer)
    }

    // MARK: - runs

    /// The runs in view, optionally sorted, limited and with chosen columns.
    func runs(_ r: RunsStatement) throws(RuntimeError) -> ResultTable {
        let state = session.state
        let table = state.table
        let resolver = NameResolver(table: table)
        var names: [String]
        if r.columns.isEmpty {
            let idColumn = ["name", "run", "run_id", "id", "run_name"].first { table.column(named: $0)?.role == .meta }
            names = (idColumn.map { [$0] } ?? []) + state.view.visibleParams(of: table) + table.names(withRole: .metric)
        } else {
            names = []
            for n in r.columns { names.append(try resolver.column(n).name) }
        }
        var rows = state.view.rows
        if let sortName = r.sort {
            let c = try resolver.column(sortName)
            let descending = r.descending
            rows.sort { a, b in
                let x = c[a], y = c[b]
                // Missing values and NaN sort last either way (NaN before missing), as the docs say.
                let xLast = x.isMissing || x.number?.isNaN == true, yLast = y.isMissing || y.number?.isNaN == true
                if xLast != yLast { return yLast }
                if xLast { return ValueOrder.less(x, y) || (!ValueOrder.less(y, x) && a < b) }
                if x == y { return a < b }
                return descending ? ValueOrder.less(y, x) : ValueOrder.less(x, y)
            }
            if !names.contains(c.name) { names.append(c.name) }
        }
        let total = rows.count
        if let limit = r.limit?.value { rows = Array(rows.prefix(limit)) }
        let columns = names.compactMap { table.column(named: $0) }
        let cells = rows.map { row in columns.map { $0[row] } }
        var footer: [String] = []
        if rows.count < total { footer.append("\(rows.count) of \(total) runs") }
        if total == 0 { footer.append("no runs in view") }
        return ResultTable(kind: "runs", title: nil, columns: names, rows: cells, footer: footer)
    }

    // MARK: - describe

    /// One field in detail: its distribution (numbers) or its values and their counts (categories).
    func describe(_ name: Name) throws(RuntimeError) -> ResultTable {
        let state = session.state
        let c = try NameResolver(table: state.table).column(name)
        let rows = state.view.rows
        let stats = FieldStats(column: c, rows: rows)
        let title = "\(c.name): \(c.role.rawValue), \(FieldStats.typeName(c)), \(rows.count) runs in view"
        var footer: [String] = []
        if stats.missing > 0 {
            footer.append("missing in \(stats.missing) of \(rows.count) runs")
        }
        if case .numeric = c.storage {
            let xs = rows.compactMap { r -> Double? in
                if case .number(let x) = c[r], !x.isNaN { return x }
                return nil
            }.sorted()
            var cells: [[Value]] = [[.string("present"), .number(Double(xs.count))], [.string("missing"), .number(Double(stats.missing))]]
            // NaN is neither present (no statistic below can use it) nor missing (it was written down).
            if stats.nan > 0 {
                cells.append([.string("NaN"), .number(Double(stats.nan))])
                footer.append("NaN in \(stats.nan) of \(rows.count) runs")
            }
            cells.append([.string("distinct"), .number(Double(stats.distinct))])
            if !xs.isEmpty {
                // Overflow-safe: values near 1.8e308 neither sum nor square to inf.
                let mean = Statistics.mean(xs)
                cells += [[.string("min"), .number(xs[0])], [.string("p25"), .number(Statistics.quantile(sorted: xs, 0.25))],
                          [.string("median"), .number(Statistics.quantile(sorted: xs, 0.5))],
                          [.string("p75"), .number(Statistics.quantile(sorted: xs, 0.75))],
                          [.string("max"), .number(xs[xs.count - 1])], [.string("mean"), .number(mean)]]
                if let sd = Statistics.standardDeviation(xs) { cells.append([.string("std"), .number(sd)]) }
            }
            return ResultTable(kind: "describe", title: title, columns: ["statistic", "value"], rows: cells, footer: footer)
        }
        var counts: [String: Int] = [:]
        for r in rows where !c.isMissing(r) { counts[ValueOrder.text(c[r]), default: 0] += 1 }
        let present = max(1, rows.count - stats.missing)
        let ordered = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        let cells: [[Value]] = ordered.map { [.string($0.key), .number(Double($0.value)),
                                             .number((Double($0.value) / Double(present) * 1000).rounded() / 10)] }
        return ResultTable(kind: "describe", title: title, columns: ["value", "runs", "share %"], rows: cells,
                           footer: footer)
    }
}

/// Per-field numbers shared by the listings.
struct FieldStats {
    /// Distinct present values, NaN counted once.
    var distinct = 0
    var missing = 0
    /// Cells holding NaN (present, but not a number any statistic can use).
    var nan = 0
    /// `1e-05 … 0.01` for numbers, the most common values for categories.
    var range: String?

    init(column c: Column, rows: [Int]) {
        var seen: Set<Value> = []
        var counts: [String: Int] = [:]
        var lo = Double.infinity, hi = -Double.infinity
        for r in rows {
            let v = c[r]
            if v.isMissing {
                missing += 1
                continue
            }
            switch v {
            case .number(let x) where !x.isNaN:
                seen.insert(v)
                lo = Swift.min(lo, x)
                hi = Swift.max(hi, x)
            case .number:
                nan += 1  // NaN != NaN: a set would count every one
            default:
                seen.insert(v)
                counts[ValueOrder.text(v), default: 0] += 1
            }
        }
        distinct = seen.count + (nan > 0 ? 1 : 0)
        if lo <= hi {
            range = lo == hi ? FieldStats.short(lo) : "\(FieldStats.short(lo)) … \(FieldStats.short(hi))"
        } else if !counts.isEmpty {
            let top = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map(\.key)
            range = top.prefix(4).joined(separator: ", ") + (top.count > 4 ? ", …" : "")
        }
    }

    /// numeric, int, categorical, mixed or boolean.
    static func typeName(_ c: Column) -> String {
        switch c.kind {
        case .numeric: return c.isInteger ? "int" : "numeric"
        case .categorical: return c.isMixed ? "mixed" : "categorical"
        case .boolean: return "boolean"
        }
    }

    /// Four significant digits, integers as integers.
    static func short(_ x: Double) -> String {
        if x == x.rounded(), Swift.abs(x) < 1e15 { return NumberFormatting.plain(x) }
        return String(format: "%.4g", x)
    }
}
