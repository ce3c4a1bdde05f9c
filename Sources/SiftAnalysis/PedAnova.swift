import Foundation
import SiftCore

/// PED-ANOVA: which params matter for reaching the top quantile of runs.
///
/// Watanabe, Bansal & Hutter, "PED-ANOVA: Efficiently Quantifying Hyperparameter Importance in
/// Arbitrary Subspaces" (IJCAI 2023), as Optuna 5's default `PedAnovaImportanceEvaluator` computes
/// it: for each param, the Pearson χ² divergence between the density of its values among the top
/// `targetQuantile` runs and among the top `regionQuantile` runs (Parzen estimators on a grid),
/// weighted per regime (param present / absent, from Conditional PED-ANOVA) and normalised to sum 1.
public enum PedAnova {
    /// Settings, with Optuna's defaults.
    public struct Options: Sendable, Equatable {
        /// γ′: the share of best runs whose params are explained (0.1 = top 10%).
        public var targetQuantile: Double
        /// γ: the share of best runs defining the region compared against (1 = all runs).
        public var regionQuantile: Double
        /// Compare against the region's own density (true) or a uniform one over the domain.
        public var evaluateOnLocal: Bool
        /// Grid points of a numeric domain.
        public var steps: Int
        /// Weight of the prior kernel.
        public var priorWeight: Double
        /// A regime (param present, or absent) with fewer runs is left out.
        public var minRunsInRegime: Int
        /// Known search-space bounds per param (original units); otherwise the observed min…max.
        public var bounds: [String: ClosedRange<Double>]

        public init(targetQuantile: Double = 0.1, regionQuantile: Double = 1.0, evaluateOnLocal: Bool = true,
                    steps: Int = 50, priorWeight: Double = 1.0, minRunsInRegime: Int = 2,
                    bounds: [String: ClosedRange<Double>] = [:]) {
            self.targetQuantile = targetQuantile
            self.regionQuantile = regionQuantile
            self.evaluateOnLocal = evaluateOnLocal
            self.steps = steps
            self.priorWeight = priorWeight
            self.minRunsInRegime = minRunsInRegime
            self.bounds = bounds
        }
    }

    /// The result: raw and normalised importance per param (in the order given), and warnings.
    public struct Result: Sendable {
        /// Params with their normalised importance (sum 1; uniform when all are zero).
        public var importances: [(name: String, importance: Double)] { zip(params, normalized).map { ($0, $1) } }
        public var params: [String]
        /// Unnormalised importances (Optuna's `normalize=False`).
        public var raw: [Double]
        public var normalized: [Double]
        /// Runs in the top quantile and in the region.
        public var targetRuns: Int
        public var regionRuns: Int
        public var warnings: [String]
    }

    /// PED-ANOVA importances of `params` for `metric` over `rows` of `table`; lower is better unless
    /// `goal` is `.maximize`.
    public static func importances(table: RunTable, rows: [Int], params: [String], metric: String,
                                   goal: Goal?, options: Options = Options()) throws(AnalysisError) -> Result {
        try analyse(table: table, rows: rows, params: params, metric: metric, goal: goal, options: options).result
    }

    /// `importances`, plus the prepared study (nil with fewer than 2 runs) for the bootstrap to reuse.
    static func analyse(table: RunTable, rows: [Int], params: [String], metric: String, goal: Goal?,
                        options: Options) throws(AnalysisError) -> (result: Result, study: PedAnovaStudy?) {
        guard options.targetQuantile > 0, options.targetQuantile < options.regionQuantile,
              options.regionQuantile <= 1 else {
            throw AnalysisError("PED-ANOVA needs 0 < top quantile < region quantile ≤ 1",
                                hint: "the top quantile is a share of runs such as 0.1 (top 10%)")
        }
        let target = try MetricTarget(table: table, rows: rows, metric: metric)
        var warnings: [String] = []
        if let w = target.droppedWarning { warnings.append(w) }
        let n = target.rows.count
        guard n > 1 else {
            warnings.append("too few runs (\(n)) to compute PED-ANOVA: importances are equal")
            return (finish(params: params, raw: Array(repeating: 0, count: params.count), targetRuns: 0,
                           regionRuns: n, warnings: warnings), nil)
        }
        let sign = goal == .maximize ? -1.0 : 1.0
        let study = try PedAnovaStudy(table: table, target: target, params: params, sign: sign, options: options)
        let point = study.raw(weights: Array(repeating: 1, count: n))
        if let first = target.values.first, target.values.allSatisfy({ $0 == first }) {
            // Every run ties at the cut, so the top quantile is all of them.
            warnings.append("\"\(metric)\" is constant (\(first)) over the \(n) runs: nothing to explain, "
                            + "importances are equal")
        } else if point.targetRuns == point.regionRuns {
            warnings.append("the top and region quantiles select the same \(point.targetRuns) runs: importances are equal")
        }
        if point.targetRuns < 5 {
            warnings.append("only \(point.targetRuns) runs are in the top \(percent(options.targetQuantile)): "
                            + "PED-ANOVA needs at least 5 to be stable")
        }
        for param in point.tooRare {
            warnings.append("\"\(param)\" is set in fewer than \(options.minRunsInRegime) runs: left out")
        }
        return (finish(params: params, raw: point.raw, targetRuns: point.targetRuns, regionRuns: point.regionRuns,
                       warnings: warnings), study)
    }

    /// Indexes of the runs whose loss is at most the ⌈q·n⌉-th smallest (ties all kept), as Optuna.
    static func topQuantile(_ losses: [Double], _ q: Double) -> [Int] {
        let cutoffIndex = Int((q * Double(losses.count)).rounded(.up)) - 1
        guard cutoffIndex >= 0 else { return [] }
        let cutoff = losses.sorted()[Swift.min(cutoffIndex, losses.count - 1)]
        return losses.indices.filter { losses[$0] <= cutoff }
    }

    /// Normalises `raw` to sum 1 (uniform when it sums to 0), as `optuna.importance.get_param_importances`.
    static func finish(params: [String], raw: [Double], targetRuns: Int, regionRuns: Int,
                       warnings: [String]) -> Result {
        let total = raw.reduce(0, +)
        let normalized = total > 0 ? raw.map { $0 / total }
            : Array(repeating: params.isEmpty ? 0 : 1 / Double(params.count), count: params.count)
        return Result(params: params, raw: raw, normalized: normalized, targetRuns: targetRuns,
                      regionRuns: regionRuns, warnings: warnings)
    }

    /// A param's grid: log for a positive param spanning two decades, integer steps for an integer one.
    /// Nil when the param takes a single value (nothing to compare).
    static func grid(_ column: Column, rows: [Int], options: Options) -> (grid: PedAnovaParzen.Grid, log: Bool)? {
        switch column.storage {
        case .categorical, .boolean:
            let size = column.levels.count
            return size > 1 ? (.categorical(size: size), false) : nil
        case .numeric:
            let observed = rows.compactMap { cellValue(column, $0) }
            var low: Double, high: Double
            if let b = options.bounds[column.name] {
                low = b.lowerBound
                high = b.upperBound
            } else {
                guard let lo = observed.min(), let hi = observed.max() else { return nil }
                low = lo
                high = hi
            }
            guard high > low else { return nil }
            let log = low > 0 && high / low >= LogScale.minimumRatio && LogScale.applies(to: observed)
            var steps = options.steps
            // An integer param on fewer values than steps gets one step per value; one spanning more values
            // (a uint64 seed spans up to 1.8e19, past `Int.max`; -1e308 to 1e308 is not even a finite span)
            // is gridded as a continuous one. The count is capped as a Double, so no span converts out of
            // `Int`'s range.
            if column.isInteger {
                let values = log ? Foundation.log2(high - low + 1).rounded(.up) + 1 : (high - low).rounded() + 1
                if values < Double(steps) { steps = Int(values) }
            }
            if log {
                low = Foundation.log(low)
                high = Foundation.log(high)
            }
            return (.numeric(low: low, high: high, size: Swift.max(steps, 2)), log)
        }
    }

    /// The numeric value of a cell (category index for categorical/boolean), nil when missing or
    /// not finite.
    static func cellValue(_ column: Column, _ row: Int) -> Double? {
        switch column.storage {
        case .numeric(let cells, _):
            return column.missing[row] || !cells[row].isFinite ? nil : cells[row]
        case .categorical, .boolean:
            let code = Correlations.categoryCode(column, row)
            return code < 0 ? nil : Double(code)
        }
    }

    static func column(_ table: RunTable, _ name: String) throws(AnalysisError) -> Column {
        guard let c = table.column(named: name) else {
            let hint = Suggest.closest(to: name, among: table.columns.map(\.name)).map { "did you mean \"\($0)\"?" }
            throw AnalysisError("unknown parameter \"\(name)\"", hint: hint)
        }
        return c
    }

    static func percent(_ q: Double) -> String {
        let p = q * 100
        return p == p.rounded() ? "\(Int(p))%" : "\(p)%"
    }
}
