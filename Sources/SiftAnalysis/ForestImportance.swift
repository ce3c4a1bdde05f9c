import SiftCore

/// The `forest` and `permutation` importance panels: one random forest fitted on the params plus
/// `noiseColumns` pure-noise columns, importances per param with intervals across trees and a noise baseline.
///
/// - `forest`: mean decrease in impurity (`ImpurityImportance`), per tree normalised, averaged over trees.
/// - `permutation`: per tree, the increase of out-of-bag mean squared error when a param's column(s) are
///   permuted among the tree's out-of-bag rows (Breiman 2001), averaged over trees; negative means are
///   shown as 0.
///
/// **Noise baseline.** The noise columns (uniform, never missing) are fitted *with* the params in the same
/// forest, so the baseline and the params' importances come from one model. Importances are then scaled so
/// the params' sum to 1; the noise columns are scaled by the same factor, so they read on the params' scale.
/// `noiseImportance` is the largest noise column's importance, `noiseImportanceHigh` that plus 2.58
/// standard errors (across trees) of the noisiest noise column, and a param is `belowNoise` when its
/// importance does not exceed the latter. The margin covers the trees' spread, not how much one noise
/// column's importance differs from another's, so it is not a 1 % test: measured false alarms are in
/// docs/statistics.md ("Forest importance"); `permutation` comes nearer 1 %.
/// Intervals are mean ± 1.96 standard errors across trees (see `ImportanceSummary`), clipped to [0, 1]
/// (importances are shares of the params' total).
///
/// **Replicates.** When runs repeat a config with different seeds (`ReplicateGroups`), the bootstrap draws
/// whole configs, so out-of-bag R² and permutation importance are measured on configs a tree has not seen;
/// a warning says so. Without replicates the bootstrap is scikit-learn's, row by row.
public enum ForestImportance {
    /// Pure-noise columns added to every fit.
    public static let noiseColumns = 3

    /// The panel for `params` and `request.metric` over `rows` of `table` (methods `forest`, `permutation`).
    public static func panel(table: RunTable, rows: [Int], params: [String], request: ImportanceRequest,
                             progress: ProgressSink = .silent,
                             cancellation: CancellationToken? = nil) throws -> ImportancePanel {
        guard !params.isEmpty else {
            throw AnalysisError("no parameters to analyse", hint: "`show all` brings hidden params back")
        }
        var matrix = try Encoding.encode(table: table, rows: rows, params: params, metric: request.metric,
                                         encoding: request.encoding)
        matrix.normalizeTargetScale()
        let n = matrix.rowCount
        guard n >= 2 else {
            let why = matrix.dropped.map { "\($0.count) with \($0.reason)" }.joined(separator: ", ")
            throw AnalysisError("importance needs at least 2 runs with a finite \"\(request.metric)\"; found \(n)",
                                hint: why.isEmpty ? "widen the filter" : "runs left out: \(why)")
        }
        var panel = ImportancePanel(metric: request.metric, goal: request.goal ?? table.goals[request.metric],
                                    method: request.method.rawValue, trees: request.trees, seed: request.seed,
                                    runsUsed: n, runsInView: rows.count, params: [], dropped: matrix.dropped)
        panel.warnings = guardrails(matrix: matrix, params: params, metric: request.metric)
        let present = presentCounts(matrix)
        let (lo, hi) = matrix.target.reduce((Double.infinity, -Double.infinity)) { (min($0.0, $1), max($0.1, $1)) }
        guard hi > lo else {
            panel.warnings.append("\"\(request.metric)\" is constant (\(lo)) over the \(n) runs: nothing to explain, "
                                  + "all importances are 0")
            panel.params = params.enumerated().map {
                ParamImportance(name: $1, importance: 0, importanceLow: 0, importanceHigh: 0,
                                correlation: nil, n: present[$0])
            }
            try Correlations.annotate(&panel, table: table, rows: matrix.tableRows, metric: request.metric)
            return panel
        }

        let replicates = ReplicateGroups.detect(matrix)
        if let note = replicates.note(metricRuns: n) { panel.warnings.append(note) }
        let realFeatures = matrix.featureCount
        matrix.appendNoise(count: noiseColumns, seed: request.seed ^ 0x5EED_0F_A015E)
        var groups = Array(repeating: [Int](), count: params.count)
        for (f, feature) in matrix.schema.features.enumerated() where feature.param >= 0 {
            groups[feature.param].append(f)
        }
        groups += (realFeatures..<matrix.featureCount).map { [$0] }
        let options = ForestOptions(trees: max(1, request.trees), seed: request.seed,
                                    maxFeatures: request.maxFeatures, minSamplesLeaf: request.minSamplesLeaf,
                                    maxDepth: request.maxDepth, threads: request.threads,
                                    permutationGroups: request.method == .permutation ? groups : nil,
                                    bootstrapGroups: replicates.hasReplicates ? replicates.members : nil,
                                    keepTrees: false)
        let forest = try RandomForest.fit(matrix, options: options, progress: progress, cancellation: cancellation)
        panel.oobR2 = forest.oobR2

        let perTree: [[Double]]
        if request.method == .permutation {
            // A tree whose bootstrap drew every run has no out-of-bag runs to permute: it measures nothing.
            perTree = forest.permutationIncrease.filter { $0.count == groups.count }
            guard !perTree.isEmpty else {
                throw AnalysisError("permutation importance needs out-of-bag runs, and every tree's bootstrap drew "
                                    + "all \(n) runs", hint: "use the forest importance (the default), or more runs")
            }
            let unmeasured = forest.permutationIncrease.count - perTree.count
            if unmeasured > 0 {
                panel.warnings.append("\(unmeasured) of \(forest.permutationIncrease.count) trees drew every run into "
                                      + "their bootstrap and have no out-of-bag runs: permutation importance comes "
                                      + "from the other \(perTree.count)")
            }
        } else {
            perTree = ImpurityImportance.perTree(forest).map { imp in groups.map { g in g.reduce(0) { $0 + imp[$1] } } }
        }
        let raw = ImportanceSummary(perTree: perTree, columns: groups.count)
        let realTotal = raw.mean.prefix(params.count).reduce(0) { $0 + max($1, 0) }
        let summary = raw.scaled(by: realTotal > 0 ? 1 / realTotal : 0)
        if realTotal <= 0 {
            panel.warnings.append("no param improves the forest's fit of \"\(request.metric)\": all importances are 0")
        }
        let noise = params.count..<groups.count
        panel.noiseImportance = noise.map { max(summary.mean[$0], 0) }.max()
        // The largest noise column plus a 99% margin (2.58 standard errors of the noisiest column).
        let noiseSE = noise.map { (summary.high[$0] - summary.mean[$0]) / 1.96 }.max() ?? 0
        let noiseHigh = max((panel.noiseImportance ?? 0) + 2.58 * noiseSE, 0)
        panel.noiseImportanceHigh = noiseHigh
        var rowsOut: [ParamImportance] = []
        for (p, name) in params.enumerated() {
            let imp = max(summary.mean[p], 0)
            rowsOut.append(ParamImportance(name: name, importance: imp, importanceLow: max(summary.low[p], 0),
                                           importanceHigh: min(max(summary.high[p], 0), 1),
                                           belowNoise: imp <= noiseHigh, correlation: nil, n: present[p]))
        }
        let order = rowsOut.indices.sorted {
            rowsOut[$0].importance != rowsOut[$1].importance ? rowsOut[$0].importance > rowsOut[$1].importance : $0 < $1
        }
        panel.params = order.map { rowsOut[$0] }
        if let top = request.top, top >= 0 { panel.params = Array(panel.params.prefix(top)) }
        if let r2 = forest.oobR2, r2 < 0.1 {
            panel.warnings.append("the forest explains little of \"\(request.metric)\" (out-of-bag R² "
                                  + "\(formatShort(r2))): importances are unreliable")
        }
        try Correlations.annotate(&panel, table: table, rows: matrix.tableRows, metric: request.metric)
        return panel
    }

    /// Runs with the param present, per param: a non-missing cell, or a 1 in one of its one-hot columns.
    static func presentCounts(_ matrix: FeatureMatrix) -> [Int] {
        matrix.schema.params.indices.map { p in
            let cols = matrix.schema.features.indices.filter { matrix.schema.features[$0].param == p }
            if cols.count == 1 && matrix.schema.features[cols[0]].name == matrix.schema.params[p] {
                return matrix.column(cols[0]).reduce(0) { $0 + ($1.isNaN ? 0 : 1) }
            }
            return (0..<matrix.rowCount).reduce(0) { c, r in
                c + (cols.contains { matrix.value(row: r, feature: $0) == 1 } ? 1 : 0)
            }
        }
    }

    /// Sample-size and input warnings, one sentence each.
    static func guardrails(matrix: FeatureMatrix, params: [String], metric: String) -> [String] {
        var warnings: [String] = []
        let n = matrix.rowCount
        if n < 5 * params.count {
            warnings.append("only \(n) runs for \(params.count) params (fewer than 5 runs per param): "
                            + "importances are rough")
        }
        for (p, name) in params.enumerated() {
            let cols = matrix.schema.features.indices.filter { matrix.schema.features[$0].param == p }
            if cols.isEmpty || cols.allSatisfy({ matrix.column($0).allSatisfy(\.isNaN) }) {
                warnings.append("\"\(name)\" is missing in every run used")
                continue
            }
            let constant = cols.allSatisfy { f in
                let present = matrix.column(f).filter { !$0.isNaN }
                return present.allSatisfy { $0 == present.first } && present.count == n
            }
            if constant { warnings.append("\"\(name)\" has the same value in every run used: its importance is 0") }
        }
        return warnings
    }

    /// A number with 2 decimals.
    static func formatShort(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return "\(r)"
    }
}
