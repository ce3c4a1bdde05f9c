import SiftCore

extension Fanova {
    /// How many top params' pairs are decomposed for interactions (10 pairs for 5).
    public static let interactionParams = 5

    /// The `using fanova` panel: a forest on the params (native categoricals) plus the forest panel's noise
    /// columns; each param's single-effect share of variance, normalised so the params' shares sum to 1
    /// (as Optuna normalises), noise columns on the same scale as the baseline, intervals across trees,
    /// and the top pairwise interactions on the same scale.
    public static func panel(table: RunTable, rows: [Int], params: [String], request: ImportanceRequest,
                             progress: ProgressSink = .silent,
                             cancellation: CancellationToken? = nil) throws -> ImportancePanel {
        guard !params.isEmpty else {
            throw AnalysisError("no parameters to analyse", hint: "`show all` brings hidden params back")
        }
        var matrix = try Encoding.encode(table: table, rows: rows, params: params, metric: request.metric,
                                         encoding: .native)
        matrix.normalizeTargetScale()
        let n = matrix.rowCount
        guard n >= 2 else {
            throw AnalysisError("fANOVA needs at least 2 runs with a finite \"\(request.metric)\"; found \(n)")
        }
        var panel = ImportancePanel(metric: request.metric, goal: request.goal ?? table.goals[request.metric],
                                    method: ImportanceMethod.fanova.rawValue, trees: request.trees,
                                    seed: request.seed, runsUsed: n, runsInView: rows.count, params: [],
                                    dropped: matrix.dropped)
        panel.warnings = ForestImportance.guardrails(matrix: matrix, params: params, metric: request.metric)
        let present = ForestImportance.presentCounts(matrix)
        let replicates = ReplicateGroups.detect(matrix)
        if let note = replicates.note(metricRuns: n) { panel.warnings.append(note) }
        let realFeatures = matrix.featureCount
        matrix.appendNoise(count: ForestImportance.noiseColumns, seed: request.seed ^ 0x5EED_0F_A015E)
        let options = ForestOptions(trees: Swift.max(1, request.trees), seed: request.seed,
                                    maxFeatures: request.maxFeatures, minSamplesLeaf: request.minSamplesLeaf,
                                    maxDepth: request.maxDepth, threads: request.threads,
                                    bootstrapGroups: replicates.hasReplicates ? replicates.members : nil)
        let forest = try RandomForest.fit(matrix, options: options, progress: progress, cancellation: cancellation)
        panel.oobR2 = forest.oobR2
        let d = decompose(forest: forest, matrix: matrix, pairsAmong: interactionParams, threads: request.threads)
        // Native encoding: feature f < realFeatures is param f.
        let summary = ImportanceSummary(perTree: d.singles, columns: matrix.featureCount)
        let total = summary.mean.prefix(realFeatures).reduce(0, +)
        let scale = total > 0 ? 1 / total : 0
        let s = summary.scaled(by: scale)
        if d.treesUsed == 0 {
            panel.warnings.append("\"\(request.metric)\" is constant over the \(n) runs: nothing to explain, "
                                  + "all importances are 0")
        } else {
            panel.warnings.append("single-param effects explain \(percent(total)) of the forest's variance"
                                  + (total < 0.5 ? ": interactions matter" : ""))
        }
        let noise = realFeatures..<matrix.featureCount
        panel.noiseImportance = noise.map { s.mean[$0] }.max()
        let noiseHigh = noise.map { s.high[$0] }.max() ?? 0
        panel.noiseImportanceHigh = noiseHigh
        var out = params.enumerated().map { p, name in
            ParamImportance(name: name, importance: s.mean[p], importanceLow: Swift.max(0, s.low[p]),
                            importanceHigh: Swift.min(Swift.max(s.high[p], 0), 1), belowNoise: s.mean[p] <= noiseHigh, correlation: nil,
                            n: present[p])
        }
        out.sort { $0.importance != $1.importance ? $0.importance > $1.importance : $0.name < $1.name }
        if let top = request.top, top >= 0 { out = Array(out.prefix(top)) }
        panel.params = out
        panel.interactions = d.pairs.map {
            Interaction(first: params[$0.first], second: params[$0.second], importance: $0.share * scale)
        }
        try Correlations.annotate(&panel, table: table, rows: matrix.tableRows, metric: request.metric)
        return panel
    }

    static func percent(_ x: Double) -> String {
        guard x.isFinite else { return "an unknown share" }
        return "\(Int((x * 100).rounded()))%"
    }
}
