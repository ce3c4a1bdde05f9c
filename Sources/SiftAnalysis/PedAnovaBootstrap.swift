import SiftCore
import Synchronization

/// Intervals and a noise baseline for PED-ANOVA importances, by a bootstrap over runs (Efron & Tibshirani,
/// An Introduction to the Bootstrap, 1993).
///
/// Each replicate draws the runs with replacement — whole configs when runs repeat a config over seeds, as the
/// forest does (`ReplicateGroups`' rule) — and recomputes every column's PED-ANOVA importance on the study's
/// fixed grids, normalised by the replicate's sum over the real params. Replicate b draws from stream b of the
/// seed, and replicates are combined in index order, so the result does not depend on the thread count.
/// The interval is the point estimate ± 1.96 bootstrap standard errors, clipped to [0, 1] (see
/// docs/statistics.md for why not the percentile interval).
enum PedAnovaBootstrap {
    /// Bootstrap replicates per panel.
    static let replicates = 200
    /// Pure-noise columns scored for the noise baseline (draws from the null distribution).
    static let noiseColumns = 100

    /// Point estimates and bootstrap standard errors per column, on the real params' scale (the real point
    /// estimates sum to 1).
    struct Summary: Sendable {
        var point: [Double]
        var standardError: [Double]
        var replicates: Int
    }

    /// Bootstraps `study`, whose first `realCount` columns are real params (any further ones are scored on
    /// their scale); `groups` are the runs' replicate groups (nil: every run its own group).
    /// Reports progress as "pedanova"; throws `Cancelled` when `cancellation` is raised.
    static func summarise(study: PedAnovaStudy, realCount: Int, groups: [[Int]]?, replicates: Int,
                          seed: UInt64, threads: Int, progress: ProgressSink = .silent,
                          cancellation: CancellationToken? = nil) throws(Cancelled) -> Summary {
        let n = study.losses.count
        let point = normalise(study.raw(weights: Array(repeating: 1, count: n)).raw, realCount: realCount)
        let done = Atomic<Int>(0)
        let draws = Parallel.map(replicates, threads: threads) { b -> [Double] in
            if cancellation?.isCancelled == true { return [] }
            defer {
                let finished = done.wrappingAdd(1, ordering: .relaxed).newValue
                progress("pedanova", Double(finished) / Double(replicates))
            }
            var rng = Xoshiro256(seed: seed, stream: UInt64(b))
            var weights = [Int](repeating: 0, count: n)
            if let groups {
                for _ in groups.indices {
                    for r in groups[rng.nextInt(below: groups.count)] { weights[r] += 1 }
                }
            } else {
                for _ in 0..<n { weights[rng.nextInt(below: n)] += 1 }
            }
            return normalise(study.raw(weights: weights).raw, realCount: realCount)
        }
        if cancellation?.isCancelled == true { throw Cancelled() }
        var se = [Double](repeating: 0, count: point.count)
        if draws.count > 1 {
            let b = Double(draws.count)
            for j in point.indices {
                let mean = draws.reduce(0) { $0 + $1[j] } / b
                let ss = draws.reduce(0) { $0 + ($1[j] - mean) * ($1[j] - mean) }
                se[j] = (ss / (b - 1)).squareRoot()
            }
        }
        return Summary(point: point, standardError: se, replicates: draws.count)
    }

    /// The null distribution of a pure-noise param's importance: `noiseColumns` uniform columns scored on all
    /// runs with the study's top quantile, divided by `realTotal` (the params' raw sum) so they read on the
    /// params' scale. Returns their mean and their 99th percentile (linear interpolation).
    ///
    /// Not bootstrapped: a bootstrap sample repeats runs, which inflates a weak param's divergence, so the
    /// baseline is taken on the same runs as the params' point estimates.
    static func noiseNull(study: PedAnovaStudy, realTotal: Double, seed: UInt64) -> (importance: Double, high: Double) {
        var noise = study
        noise.params = []
        noise.appendNoise(count: noiseColumns, seed: seed)
        let n = study.losses.count
        let draws = noise.raw(weights: Array(repeating: 1, count: n)).raw.map { $0 / realTotal }.sorted()
        guard !draws.isEmpty else { return (0, 0) }
        let mean = draws.reduce(0, +) / Double(draws.count)
        let at = 0.99 * Double(draws.count - 1)
        let below = Int(at.rounded(.down)), above = Swift.min(below + 1, draws.count - 1)
        let high = draws[below] + (at - Double(below)) * (draws[above] - draws[below])
        return (mean, high)
    }

    /// `raw` divided by the sum of its first `realCount` entries (real params uniform, noise 0, when that is 0).
    static func normalise(_ raw: [Double], realCount: Int) -> [Double] {
        let total = raw.prefix(realCount).reduce(0, +)
        guard total > 0 else {
            return raw.indices.map { $0 < realCount ? 1 / Double(realCount) : 0 }
        }
        return raw.map { $0 / total }
    }

    /// Groups of `target`'s runs (positions) equal on every param of `params` whose name is not seed-like;
    /// nil when no two runs share a config.
    static func replicateGroups(table: RunTable, target: MetricTarget, params: [String]) -> [[Int]]? {
        let columns = params.filter { !ReplicateGroups.isSeedLike($0) }.compactMap { table.column(named: $0) }
        var index: [[UInt64]: Int] = [:]
        var members: [[Int]] = []
        for (i, r) in target.rows.enumerated() {
            let key = columns.map { c -> UInt64 in
                guard let x = PedAnova.cellValue(c, r) else { return Double.nan.bitPattern }
                return x == 0 ? 0 : x.bitPattern
            }
            if let g = index[key] {
                members[g].append(i)
            } else {
                index[key] = members.count
                members.append([i])
            }
        }
        return members.count < target.rows.count ? members : nil
    }
}
