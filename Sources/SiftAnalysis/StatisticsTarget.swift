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

    /// Reads `metric` over `rows` of `table` (a boolean metric as 0/1); throws when the column is unknown
    /// or categorical.
    init(table: RunTable, rows: [Int], metric: String) throws(AnalysisError) {
        let column = try MetricTarget.numericColumn(table: table, name: metric, what: "metric")
        var kept: [Int] = [], values: [Double] = []
        var missing = 0, nan = 0, inf = 0
        kept.reserveCapacity(rows.count)
        values.reserveCapacity(rows.count)
        for r in rows {
            let cell: Double?
            switch column.storage {
            case .numeric(let cells, _): cell = column.missing[r] ? nil : cells[r]
            case .boolean(let b): cell = b[r] < 0 ? nil : Double(b[r])
            case .categorical: cell = nil
            }
            guard let x = cell else {
                missing += 1
                continue
            }
            if x.isNaN {
                nan += 1
            } else if x.isInfinite {
                inf += 1
            } else {
                kept.append(r)
                values.append(x)
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

    /// The column called `name`, which must exist and be numeric (or boolean, read as 0/1).
    static func numericColumn(table: RunTable, name: String, what: String) throws(AnalysisError) -> Column {
        guard let column = table.column(named: name) else {
            let candidates = table.columns.map(\.name)
            let hint = Suggest.closest(to: name, among: candidates).map { "did you mean \"\($0)\"?" }
            throw AnalysisError("unknown \(what) \"\(name)\"", hint: hint)
        }
        guard column.kind != .categorical else {
            throw AnalysisError("\(what) \"\(name)\" is not numeric (it is \(column.kind.rawValue))")
        }
        return column
    }
}
