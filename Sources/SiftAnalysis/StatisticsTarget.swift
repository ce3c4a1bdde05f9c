import SiftCore

/// A metric's finite values over a set of runs, with the runs left out and why.
///
/// Runs whose metric is missing, NaN or ±inf cannot be analysed; they are dropped and counted by
/// reason so panels and reports can say so.
struct MetricTarget: Sendable {
    /// The metric's name.
    let metric: String
    /// The runs kept (metric present and finite), in the order given.
    let rows: [Int]
    /// The metric of each kept run.
    let values: [Double]
    /// Runs dropped, by reason; reasons with no run are left out.
    let dropped: [DroppedRuns]
    /// Runs considered before dropping.
    let considered: Int

    /// Reads `metric` over `rows` of `table`; throws when the column is unknown or not numeric.
    init(table: RunTable, rows: [Int], metric: String) throws(AnalysisError) {
        let column = try MetricTarget.numericColumn(table: table, name: metric, what: "metric")
        guard case .numeric(let cells, _) = column.storage else {
            throw AnalysisError("metric \"\(metric)\" is not numeric")
        }
        var kept: [Int] = [], values: [Double] = []
        var missing = 0, nan = 0, inf = 0
        kept.reserveCapacity(rows.count)
        values.reserveCapacity(rows.count)
        for r in rows {
            if column.missing[r] {
                missing += 1
            } else if cells[r].isNaN {
                nan += 1
            } else if cells[r].isInfinite {
                inf += 1
            } else {
                kept.append(r)
                values.append(cells[r])
            }
        }
        self.metric = metric
        self.rows = kept
        self.values = values
        self.considered = rows.count
        self.dropped = [("metric missing", missing), ("metric NaN", nan), ("metric inf", inf)]
            .filter { $0.1 > 0 }.map { DroppedRuns(reason: $0.0, count: $0.1) }
    }

    /// Whether every kept value is the same (or none is kept).
    var isConstant: Bool { Statistics.isConstant(values) }

    /// One sentence on the dropped runs, nil when none was dropped.
    var droppedWarning: String? {
        guard !dropped.isEmpty else { return nil }
        let total = dropped.reduce(0) { $0 + $1.count }
        let parts = dropped.map { "\($0.reason) (\($0.count))" }.joined(separator: ", ")
        return "\(total) of \(considered) runs dropped: \(parts)"
    }

    /// The column called `name`, which must exist and be numeric.
    static func numericColumn(table: RunTable, name: String, what: String) throws(AnalysisError) -> Column {
        guard let column = table.column(named: name) else {
            let candidates = table.columns.map(\.name)
            let hint = Suggest.closest(to: name, among: candidates).map { "did you mean \"\($0)\"?" }
            throw AnalysisError("unknown \(what) \"\(name)\"", hint: hint)
        }
        guard column.kind == .numeric else {
            throw AnalysisError("\(what) \"\(name)\" is not numeric (it is \(column.kind.rawValue))")
        }
        return column
    }
}
