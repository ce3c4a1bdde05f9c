import SiftCore

extension PedAnova {
    /// The importance panel for `using pedanova`: PED-ANOVA importances (no forest: trees = 0, no
    /// OOB R²) with bootstrap intervals and a noise baseline (`PedAnovaBootstrap`), correlations filled in
    /// and guardrail warnings.
    ///
    /// **Noise baseline.** `PedAnovaBootstrap.noiseColumns` uniform columns are scored in the same top
    /// quantile (`PedAnovaBootstrap.noiseNull`): `noiseImportance` is their mean importance on the params'
    /// scale, `noiseImportanceHigh` their 99th percentile, and a param is `belowNoise` when its importance
    /// does not exceed the latter (it cannot be told from noise at the 1% level).
    /// The bootstrap reports progress as "pedanova" and stops (throwing `Cancelled`) when `cancellation` is
    /// raised.
    static func panel(table: RunTable, rows: [Int], params: [String], request: ImportanceRequest,
                      progress: ProgressSink = .silent, cancellation: CancellationToken? = nil) throws -> ImportancePanel {
        let options = Options(targetQuantile: request.topQuantile)
        let goal = request.goal ?? table.goals[request.metric]
        let (result, prepared) = try analyse(table: table, rows: rows, params: params, metric: request.metric,
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
        var noise: (importance: Double, high: Double)?
        let realTotal = result.raw.reduce(0, +)
        if let study = prepared, realTotal > 0 {
            let groups = PedAnovaBootstrap.replicateGroups(table: table, target: target, params: params)
            let summary = try PedAnovaBootstrap.summarise(study: study, realCount: params.count, groups: groups,
                                                      replicates: PedAnovaBootstrap.replicates,
                                                      seed: request.seed ^ 0xB0075_7A9_9ED0, threads: request.threads,
                                                      progress: progress, cancellation: cancellation)
            let z = SpecialFunctions.normalQuantile975
            for p in rowsOut.indices {
                let se = summary.standardError[p]
                rowsOut[p].importanceLow = Swift.min(Swift.max(rowsOut[p].importance - z * se, 0), 1)
                rowsOut[p].importanceHigh = Swift.min(Swift.max(rowsOut[p].importance + z * se, 0), 1)
            }
            let null = PedAnovaBootstrap.noiseNull(study: study, realTotal: realTotal,
                                                   seed: request.seed ^ 0x5EED_0F_9ED0)
            noise = null
            for p in rowsOut.indices { rowsOut[p].belowNoise = rowsOut[p].importance <= null.high }
            if groups != nil {
                warnings.append("runs repeat configs over seeds: the bootstrap draws whole configs")
            }
        }
        rowsOut.sort { $0.importance != $1.importance ? $0.importance > $1.importance : $0.name < $1.name }
        if let top = request.top { rowsOut = Array(rowsOut.prefix(top)) }
        var panel = ImportancePanel(metric: request.metric, goal: goal, method: ImportanceMethod.pedanova.rawValue,
                                    trees: 0, seed: request.seed, runsUsed: target.rows.count,
                                    runsInView: rows.count, params: rowsOut, dropped: target.dropped,
                                    warnings: warnings)
        panel.noiseImportance = noise?.importance
        panel.noiseImportanceHigh = noise?.high
        try Correlations.annotate(&panel, table: table, rows: rows, metric: request.metric)
        return panel
    }
}

extension Analysis {
    /// The `using pedanova` panel; the importance facade dispatches here.
    static func importancePedAnova(table: RunTable, rows: [Int], params: [String], request: ImportanceRequest,
                                   progress: ProgressSink, cancellation: CancellationToken?) throws -> ImportancePanel {
        try PedAnova.panel(table: table, rows: rows, params: params, request: request, progress: progress,
                           cancellation: cancellation)
    }
}
