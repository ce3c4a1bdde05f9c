import SiftAnalysis
import SiftCore

/// `collapse NAMES [with mean|median|min|max]`: merges runs that differ only in the named params.
extension Interpreter {
    /// Replaces the current table by one run per configuration (all other params equal), aggregating metrics.
    func collapse(_ names: [Name], with aggregate: Aggregate) throws(RuntimeError) -> String {
        let table = session.state.table
        let resolver = NameResolver(table: table)
        var dropped: [String] = []
        for n in names {
            let c = try resolver.column(n, role: .param)
            guard c.role == .param else {
                throw RuntimeError(n.span, "\"\(c.name)\" is a \(c.role.rawValue); collapse merges runs over params",
                                   hint: "params: " + RuntimeMessages.listing(table.names(withRole: .param)))
            }
            dropped.append(c.name)
        }
        let keep = table.names(withRole: .param).filter { !dropped.contains($0) }
        let rows = session.state.view.rows
        let groups = keep.isEmpty ? (rows.isEmpty ? [] : [Grouping.Group(label: "", rows: rows)])
                                  : Grouping.groups(table: table, rows: rows, by: keep)
        let (collapsed, renamed) = Collapser(table: table, groups: groups, dropped: Set(dropped),
                                             aggregate: aggregate).build()
        session.pushHistory()
        var view = View(all: collapsed)
        view.hidden = session.state.view.hidden.filter { collapsed.column(named: $0) != nil }
        // Grouping goes on by the fields that remain; a field collapsed over is gone, and the note says so.
        let grouped = session.state.view.groupBy
        view.groupBy = grouped.filter { collapsed.column(named: $0) != nil }
        let ungrouped = grouped.filter { collapsed.column(named: $0) == nil }
        let before = session.state.view.rows.count
        session.state = ViewState(table: collapsed, view: view)
        let largest = groups.map(\.rows.count).max() ?? 0
        var note = "collapsed \(before) runs over \(dropped.joined(separator: ", ")) into \(groups.count) "
            + "(\(aggregate.rawValue) of up to \(largest) each; added \"count\" and a \".std\" column per metric)"
        for (wanted, name) in renamed {
            note += "\n\"\(wanted)\" is already a field, so that column is named \"\(name)\""
        }
        if !ungrouped.isEmpty {
            note += "\nno longer grouped by \(ungrouped.joined(separator: ", ")): collapsed over"
                + (view.groupBy.isEmpty ? "" : "; still grouped by \(view.groupBy.joined(separator: ", "))")
        }
        if largest <= 1 { note += "\nno two runs differed only in \(dropped.joined(separator: ", ")); nothing was merged" }
        return note
    }
}

/// Builds the collapsed table.
struct Collapser {
    let table: RunTable
    let groups: [Grouping.Group]
    let dropped: Set<String>
    let aggregate: Aggregate

    /// The collapsed table, and the added columns whose usual name (`METRIC.std`, `count`) was already a
    /// field's: (usual name, name given), so no field of the table is lost to an added column.
    func build() -> (RunTable, renamed: [(String, String)]) {
        var columns: [Column] = []
        var taken = Set(table.columns.map(\.name))
        var renamed: [(String, String)] = []
        func fresh(_ wanted: String) -> String {
            var name = wanted, k = 2
            while taken.contains(name) {
                name = "\(wanted)_\(k)"
                k += 1
            }
            taken.insert(name)
            if name != wanted { renamed.append((wanted, name)) }
            return name
        }
        let firsts = groups.map { $0.rows[0] }
        for c in table.columns where !dropped.contains(c.name) {
            switch c.role {
            case .param, .meta:
                columns.append(c.selecting(firsts))
            case .metric:
                guard c.kind == .numeric else {
                    columns.append(c.selecting(firsts))
                    continue
                }
                var values: [Double] = [], missing: [Bool] = []
                var spread: [Double] = [], spreadMissing: [Bool] = []
                for g in groups {
                    let xs = g.rows.compactMap { r -> Double? in
                        guard case .number(let x) = c[r], x.isFinite else { return nil }
                        return x
                    }
                    if let v = Collapser.aggregate(xs, aggregate) {
                        values.append(v)
                        missing.append(false)
                    } else {
                        values.append(0)
                        missing.append(true)
                    }
                    if let s = Statistics.standardDeviation(xs) {
                        spread.append(s)
                        spreadMissing.append(false)
                    } else {
                        spread.append(0)
                        spreadMissing.append(true)
                    }
                }
                columns.append(Column(name: c.name, role: .metric, numbers: values, missing: missing,
                                      isInteger: aggregate != .mean && aggregate != .median && c.isInteger))
                columns.append(Column(name: fresh(c.name + ".std"), role: .meta, numbers: spread, missing: spreadMissing,
                                      isInteger: false))
            }
        }
        columns.append(Column(name: fresh("count"), role: .meta, numbers: groups.map { Double($0.rows.count) },
                              missing: Array(repeating: false, count: groups.count), isInteger: true))
        // Names are unique: the table's were, and every added name is fresh.
        var out = (try? RunTable(columns: columns, rowCount: groups.count, source: "collapsed")) ?? RunTable()
        out.goals = table.goals
        return (out, renamed)
    }

    /// The aggregate of `xs`, nil when empty.
    static func aggregate(_ xs: [Double], _ how: Aggregate) -> Double? {
        guard !xs.isEmpty else { return nil }
        switch how {
        case .mean: return Statistics.mean(xs)
        case .min: return xs.min()
        case .max: return xs.max()
        case .median:
            let s = xs.sorted()
            let m = s.count / 2
            guard s.count % 2 == 0 else { return s[m] }
            let mid = (s[m - 1] + s[m]) / 2
            return mid.isFinite ? mid : s[m - 1] / 2 + s[m] / 2
        }
    }
}
