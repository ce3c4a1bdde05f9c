/// The companion columns that carry each run's best value of a metric over its logged steps, so that
/// `importance METRIC best` finds them.
///
/// A metric gets companions when it is one of the table's metric columns and at least one run logged it
/// at two or more steps (a metric logged once per run, such as a final test score, has no history to
/// speak of: its best is its value). Companions are named after the column; a column whose name is not
/// the logged key (an MLflow metric renamed `metrics.lr` beside a param `lr`, a W&B summary `summary.lr`
/// or `val_loss.min`) says which key's steps they read (`metrics.lr.min` reads `lr`). The companion
/// depends on the metric's goal, the source's (Optuna's study direction) or else the one its name tells
/// (``GoalInference``):
/// - goal known: `METRIC.best`, the smallest finite value when minimising, the largest when maximising;
/// - goal unknown (`value`, `epoch`): `METRIC.min` and `METRIC.max`, and the user picks.
/// NaN and infinite steps are never the best; a run whose steps were all NaN or infinite, or that did not
/// log the metric, is missing there. A companion name the source already uses (a W&B summary
/// `val_loss.best`) is left to the source. Companions are metrics, so `collapse` averages them.
struct HistoryColumns: Sendable {
    /// Which extreme of the steps a companion holds.
    enum Pick: Sendable { case min, max }

    /// One companion column: its name, the logged key whose steps it summarises and which extreme it holds.
    struct Companion: Sendable, Equatable {
        var column: String
        var metric: String
        var pick: Pick
    }

    /// The companions, in metric-name order.
    let companions: [Companion]
    /// The source's goal of each `.best` companion whose metric has one, for the table's `goals` (so an
    /// analysis of `value.best` knows its direction as one of `value` does).
    let goals: [String: Goal]

    /// Plans the companions of a table from its runs' histories.
    /// - Parameters:
    ///   - histories: one per run.
    ///   - metrics: the table's metric column names, each with the history key its steps are logged
    ///     under (usually the same name); only these get companions, named after the column.
    ///   - goals: the goals the source records, by column name.
    ///   - taken: every column name the source itself gives (params, metrics, meta).
    init(histories: [MetricHistory], metrics: [String: String], goals: [String: Goal], taken: Set<String>) {
        var longestByKey: [String: Int] = [:]
        for h in histories {
            for (key, e) in h.byMetric { longestByKey[key] = Swift.max(longestByKey[key] ?? 0, e.steps) }
        }
        var out: [Companion] = []
        var companionGoals: [String: Goal] = [:]
        for name in metrics.keys.sorted() {
            guard let key = metrics[name], (longestByKey[key] ?? 0) >= 2 else { continue }
            if let g = goals[name], !taken.contains(name + ".best") { companionGoals[name + ".best"] = g }
            let planned: [Companion]
            switch goals[name] ?? GoalInference.goal(forMetric: name) {
            case .minimize?: planned = [Companion(column: name + ".best", metric: key, pick: .min)]
            case .maximize?: planned = [Companion(column: name + ".best", metric: key, pick: .max)]
            case nil: planned = [Companion(column: name + ".min", metric: key, pick: .min),
                                 Companion(column: name + ".max", metric: key, pick: .max)]
            }
            out += planned.filter { !taken.contains($0.column) }
        }
        companions = out
        self.goals = companionGoals
    }

    /// Sets the current run's companion cells from its history (missing where it has no finite step).
    func set(_ history: MetricHistory, into b: inout RecordsBuilder) {
        for c in companions {
            let e = history[c.metric]
            let x = c.pick == .min ? e?.min : e?.max
            b.set(c.column, x.map(Value.number) ?? .missing, role: .metric)
        }
    }
}
