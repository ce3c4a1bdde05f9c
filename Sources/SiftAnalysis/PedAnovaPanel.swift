import SiftCore

extension PedAnova {
    /// The importance panel for `using pedanova`: PED-ANOVA importances (no forest: trees = 0, no
    /// OOB R²), with correlations filled in and guardrail warnings.
    static func panel(table: RunTable, rows: [Int], params: [String],
                      request: ImportanceRequest) throws(AnalysisError) -> ImportancePanel {
        let options = Options(targetQuantile: request.topQuantile)
        let goal = request.goal ?? table.goals[request.metric]
        let result = try importances(table: table, rows: rows, params: params, metric: request.metric,
                                     goal: goal, options: options)
        let target = try MetricTarget(table: table, rows: rows, metric: request.metric)
        // Dropped runs are in `dropped`; the panel does not repeat them as a warning.
        var warnings = result.warnings.filter { $0 != target.droppedWarning }
        if goal == nil {
            warnings.append("direction of \"\(request.metric)\" unknown: lower is taken as better")
        }
        if target.rows.count < 5 * params.count {
            warnings.append("\(target.rows.count) runs for \(params.count) params: fewer than 5 runs per param")
        }
        var rowsOut = zip(result.params, result.normalized).map { name, v in
            ParamImportance(name: name, importance: v, importanceLow: v, importanceHigh: v, correlation: nil, n: 0)
        }
        rowsOut.sort { $0.importance != $1.importance ? $0.importance > $1.importance : $0.name < $1.name }
        if let top = request.top { rowsOut = Array(rowsOut.prefix(top)) }
        var panel = ImportancePanel(metric: request.metric, goal: goal, method: ImportanceMethod.pedanova.rawValue,
                                    trees: 0, seed: request.seed, runsUsed: target.rows.count,
                                    runsInView: rows.count, params: rowsOut, dropped: target.dropped,
                                    warnings: warnings)
        try Correlations.annotate(&panel, table: table, rows: rows, metric: request.metric)
        return panel
    }
}

extension Analysis {
    /// The `using pedanova` panel; the importance facade dispatches here.
    static func importancePedAnova(table: RunTable, rows: [Int], params: [String],
                                   request: ImportanceRequest) throws -> ImportancePanel {
        try PedAnova.panel(table: table, rows: rows, params: params, request: request)
    }
}
