import SiftCore

/// The runs an analysis sees: a table (all loaded runs, or the collapsed ones) and a view of it.
struct ViewState: Sendable {
    var table: RunTable
    var view: View
}

/// What one interpreter holds between statements: the loaded runs, the current view, its undo history and
/// the last result (for `export`).
struct Session: Sendable {
    /// Every loaded run, as loaded.
    var loaded = RunTable()
    /// The current table and view (`collapse` replaces the table; `filter` narrows the view).
    var state = ViewState(table: RunTable(), view: View(rows: []))
    /// Earlier states, most recent last (`undo`).
    var history: [ViewState] = []
    /// The last result a statement produced, for `export`.
    var lastResult: Output?
    /// How deep `source` has nested.
    var sourceDepth = 0

    /// The most states `undo` remembers.
    static let historyLimit = 100

    /// Remembers the current state before a view change.
    mutating func pushHistory() {
        history.append(state)
        if history.count > Session.historyLimit { history.removeFirst(history.count - Session.historyLimit) }
    }

    /// Whether any runs are loaded.
    var hasRuns: Bool { loaded.rowCount > 0 || !loaded.columns.isEmpty }

    /// `312/412 runs`, `412 runs`, or `no runs`.
    var summary: String {
        let inView = state.view.rows.count
        let total = loaded.rowCount
        if !hasRuns { return "no runs" }
        if state.table.rowCount != total || state.table.sources == ["collapsed"] {
            let n = state.table.rowCount
            return inView == n ? "\(n) collapsed runs" : "\(inView)/\(n) collapsed runs"
        }
        return inView == total ? "\(total) runs" : "\(inView)/\(total) runs"
    }
}
