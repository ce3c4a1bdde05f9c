import Foundation

/// Reads a Ray Tune experiment folder: one folder per trial holding `params.json` (the config) and
/// `result.json` (JSON Lines, one object per reported iteration) or, when that is absent, `progress.csv`.
///
/// Columns: `name` (the trial folder); the config flattened with dots as params (Ray's own dataframes
/// write `config/a/b`; those become `a.b`); the metrics of the last reported iteration; then meta:
/// `trial_id`, `training_iteration`, `time_total_s`, `date`, `hostname`, `experiment_tag`, and `state`
/// (`error` when the trial left `error.txt`, else `terminated`). Ray's other bookkeeping keys
/// (`timestamp`, `time_this_iter_s`, `time_since_restore`, `iterations_since_restore`, `pid`, `node_ip`,
/// `done`, `checkpoint_dir_name`, `should_checkpoint`, `experiment_id`, `config`…) are skipped.
/// Reported values that are text become meta; numbers and booleans are metrics. A metric named like a
/// param becomes `metrics.NAME`; a meta name that a param or metric already uses becomes `ray.NAME`.
enum RayTuneLoader {
    /// Ray's per-iteration keys that describe the trial rather than measure it, kept as meta.
    static let metaKeys: Set<String> = ["trial_id", "training_iteration", "time_total_s", "date", "hostname", "experiment_tag"]
    /// Ray's per-iteration bookkeeping that sift leaves out.
    static let skippedKeys: Set<String> = [
        "timestamp", "time_this_iter_s", "time_since_restore", "iterations_since_restore", "pid", "node_ip",
        "done", "checkpoint_dir_name", "should_checkpoint", "experiment_id", "config", "warmup_time",
        "timesteps_since_restore",
    ]

    /// The role of a reported key: nil for skipped bookkeeping, meta for Ray's descriptive keys and text.
    private static func role(of key: String, _ value: JSONLike) -> Role? {
        if skippedKeys.contains(key) || key.hasPrefix("config/") { return nil }
        if metaKeys.contains(key) { return .meta }
        if case .string = value { return .meta }
        return .metric
    }

    /// Whether `folder` looks like one Ray Tune trial.
    static func isTrialFolder(_ folder: String) -> Bool {
        let fm = FileManager.default
        return ["params.json", "result.json", "progress.csv"].contains { fm.fileExists(atPath: folder + "/" + $0) }
    }

    /// The trial folders are read on all cores (`watch` counts them).
    static func load(path: String, options: LoadOptions, watch: LoadWatch = LoadWatch()) throws(LoadError) -> RunTable {
        let fm = FileManager.default
        let entries = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
        var folders = entries.filter { !$0.hasPrefix(".") && isTrialFolder(path + "/" + $0) }.map { path + "/" + $0 }
        if folders.isEmpty, isTrialFolder(path) { folders = [path] }
        guard !folders.isEmpty else {
            throw LoadError(path: path, message: "no Ray Tune trial folders here",
                            hint: "expected folders holding params.json and result.json or progress.csv")
        }
        let trialFolders = folders
        let read = try watch.map(folders.count, path: path) { (i) throws(LoadError) in
            try RayTrial.read(folder: trialFolders[i])
        }
        let trials = zip(folders.map { ($0 as NSString).lastPathComponent }, read).map { ($0, $1) }
        let paramNames = Set(trials.flatMap { $0.1.config.leaves(prefix: "").map(\.name) })
        // A reported metric named like a config key (a scheduler's `lr`) becomes `metrics.NAME`, as Ray's
        // `Result.metrics` holds it, so that neither hides the other.
        func metricColumn(_ name: String) -> String { paramNames.contains(name) ? "metrics." + name : name }
        var userNames = paramNames
        for (_, trial) in trials {
            for (key, value) in trial.lastResult where role(of: key, value) == .metric {
                userNames.formUnion(value.leaves(prefix: key).map { metricColumn($0.name) })
            }
        }
        let meta = MetaNames(taken: userNames, prefix: "ray.")
        var b = RecordsBuilder()
        for (name, trial) in trials {
            b.beginRun()
            b.set(meta("name"), .string(name), role: .meta)
            b.setFlattened(prefix: "", trial.config, role: .param)
            for (key, value) in trial.lastResult {
                guard let r = role(of: key, value) else { continue }
                if r == .metric {
                    for (name, v) in value.leaves(prefix: key) { b.set(metricColumn(name), v, role: .metric) }
                } else if metaKeys.contains(key) {
                    b.setFlattened(prefix: meta(key), value, role: .meta)
                } else {
                    b.set(meta(key), value.scalarValue, role: .meta)
                }
            }
            b.set(meta("state"), .string(trial.errored ? "error" : "terminated"), role: .meta)
        }
        return b.build(source: options.alias ?? path)
    }
}
