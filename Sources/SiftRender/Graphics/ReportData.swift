import SiftCore

/// The runs behind a panel, for the plots of the HTML report.
public struct ReportData: Sendable {
    /// All loaded runs.
    public var table: RunTable
    /// The runs in view (indexes into `table`).
    public var rows: [Int]
    /// The metric the panel explains.
    public var metric: String
    /// Params to plot, most important first; empty means the panel's order.
    public var params: [String]
    /// Lower or higher is better (colours put the best runs brightest); nil takes the panel's goal.
    public var goal: Goal?
    /// A column naming each run (for tooltips); nil looks for `name`, `run_name`, `run_id`, `id`.
    public var nameColumn: String?

    /// The runs of `table` at `rows`, to plot `metric` against `params`.
    public init(table: RunTable, rows: [Int], metric: String, params: [String] = [], goal: Goal? = nil,
                nameColumn: String? = nil) {
        self.table = table
        self.rows = rows
        self.metric = metric
        self.params = params
        self.goal = goal
        self.nameColumn = nameColumn
    }

    /// The column that names runs, if any.
    var runNames: Column? {
        if let c = nameColumn { return table.column(named: c) }
        for c in ["name", "run_name", "run", "run_id", "id"] {
            if let col = table.column(named: c) { return col }
        }
        return nil
    }
}
