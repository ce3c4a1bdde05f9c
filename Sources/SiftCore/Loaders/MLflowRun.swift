/// One MLflow run as both stores hold it, before it becomes a table row.
struct MLflowRun {
    var runID: String
    var name: String?
    var experimentID: String
    var experimentName: String
    /// `FINISHED`, `FAILED`, `RUNNING`, `KILLED`, `SCHEDULED`.
    var status: String?
    /// Milliseconds since 1970-01-01 UTC.
    var startTime: Int64?
    var endTime: Int64?
    var user: String?
    /// Param values as MLflow keeps them: text.
    var params: [(String, String)] = []
    /// The latest value of each metric.
    var metrics: [(String, Double)] = []
    /// Every logged step of each metric, as extremes (for the `METRIC.best` companions).
    var history = MetricHistory()
    var tags: [(String, String)] = []

    /// MLflow's file store writes the status as the `RunStatus` enum number.
    static func statusName(code: Int) -> String? {
        switch code {
        case 1: return "RUNNING"
        case 2: return "SCHEDULED"
        case 3: return "FINISHED"
        case 4: return "FAILED"
        case 5: return "KILLED"
        default: return nil
        }
    }
}

extension MLflowLoader {
    /// System tags kept as meta columns, and their names; every other `mlflow.*` tag is skipped.
    static let keptSystemTags: [String: String] = [
        "mlflow.parentRunId": "parent_run_id",
        "mlflow.source.git.commit": "git_commit",
        "mlflow.note.content": "notes",
    ]

    /// Orders runs (by start time, then id) and builds the table.
    ///
    /// Columns: `name`; params (text inferred as numbers/booleans like CSV cells), the latest value of
    /// each metric and its best over the logged steps (``HistoryColumns``: `METRIC.best`, or `.min`/`.max`
    /// when the name does not tell the goal); then meta: `run_id`, `experiment`, `state` (lowercase status), `created` (ISO 8601
    /// UTC start), `runtime` (seconds), `user`, the kept system tags, and user tags as `tags.KEY`. A meta
    /// name that a param or metric already uses becomes `mlflow.NAME`; a metric with a param's key becomes
    /// `metrics.KEY` (``metricColumns(of:paramNames:)``).
    static func table(of runs: [MLflowRun], path: String, source: String) throws(LoadError) -> RunTable {
        guard !runs.isEmpty else {
            throw LoadError(path: path, message: "the MLflow store holds no active runs")
        }
        let ordered = runs.sorted { a, b in
            (a.startTime ?? .max, a.runID) < (b.startTime ?? .max, b.runID)
        }
        let paramNames = Set(runs.flatMap { $0.params.map(\.0) })
        let metricColumn = metricColumns(of: runs, paramNames: paramNames)
        let userNames = paramNames.union(metricColumn.values)
        let meta = MetaNames(taken: userNames, prefix: "mlflow.")
        let companions = HistoryColumns(histories: ordered.map(\.history),
                                        metrics: Dictionary(metricColumn.map { ($1, $0) }, uniquingKeysWith: { a, _ in a }),
                                        goals: [:], taken: userNames)
        var b = RecordsBuilder()
        for run in ordered {
            b.beginRun()
            let runName = run.name ?? run.tags.first { $0.0 == "mlflow.runName" }?.1
            b.set(meta("name"), runName.map(Value.string) ?? .missing, role: .meta)
            for (k, v) in run.params { b.set(k, Value.infer(fromText: Substring(v)), role: .param) }
            for (k, x) in run.metrics { b.set(metricColumn[k] ?? k, .number(x), role: .metric) }
            companions.set(run.history, into: &b)
            b.set(meta("run_id"), .string(run.runID), role: .meta)
            b.set(meta("experiment"), .string(run.experimentName), role: .meta)
            b.set(meta("state"), run.status.map { .string($0.lowercased()) } ?? .missing, role: .meta)
            b.set(meta("created"), run.startTime.map { .string(SQLDateTime.iso8601(millisecondsSinceEpoch: $0)) } ?? .missing,
                  role: .meta)
            if let s = run.startTime, let e = run.endTime {
                b.set(meta("runtime"), .number(Double(e - s) / 1000), role: .meta)
            } else {
                b.set(meta("runtime"), .missing, role: .meta)
            }
            let user = run.user.flatMap { $0.isEmpty ? nil : $0 } ?? run.tags.first { $0.0 == "mlflow.user" }?.1
            b.set(meta("user"), user.map(Value.string) ?? .missing, role: .meta)
            for (k, v) in run.tags {
                if let kept = keptSystemTags[k] {
                    b.set(meta(kept), .string(v), role: .meta)
                } else if !k.hasPrefix("mlflow.") {
                    b.set("tags." + k, .string(v), role: .meta)
                }
            }
        }
        return b.build(source: source)
    }

    /// The column of each metric key: the key itself, or `metrics.KEY` when a param has that key (MLflow
    /// keeps params and metrics apart, and Hugging Face's `MLflowCallback` logs `learning_rate` as both),
    /// so that neither hides the other.
    static func metricColumns(of runs: [MLflowRun], paramNames: Set<String>) -> [String: String] {
        var out: [String: String] = [:]
        for run in runs {
            for (k, _) in run.metrics where out[k] == nil { out[k] = paramNames.contains(k) ? "metrics." + k : k }
        }
        return out
    }
}
