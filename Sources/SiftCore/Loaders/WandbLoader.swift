import Foundation

/// Reads a local W&B directory: the `wandb/` folder (holding `run-*` and `offline-run-*` folders),
/// a folder that contains `wandb/`, or one run folder. One run per run folder.
///
/// Columns:
/// - meta: `name` (display name, else the run id), `id`, `state` (`finished`, `failed`, `running`; see
///   ``WandbRunFolder``), `created` (ISO 8601, UTC), `runtime` (seconds), `tags` (comma-separated; missing when none),
///   `group`, `job_type`, `sweep` (when any run has them), `folder` (the run folder's name);
/// - params: the config, nested keys flattened with dots (`model.layers`), `_wandb` left out;
/// - metrics: the summary, flattened the same way, in name order; top-level keys starting with `_` (`_runtime`,
///   `_step`, `_timestamp`, `_wandb`) are left out, or kept as meta with `keepInternal`; objects
///   with a `_type` key (media, histograms, tables) are left out. A metric logged at several steps gets
///   its best over them (``WandbHistory``, ``HistoryColumns``): `METRIC.best`, or `.min` and `.max`,
///   named after the summary's column (`summary.lr.min`; `val_loss.min.best` for a `define_metric`
///   summary, ``historyKey(of:logged:)``).
/// A config key named like a meta column is renamed `config.<key>`; a summary key named like a
/// meta column or a config key is renamed `summary.<key>`.
///
/// Errors: any damaged file (checksum mismatch, truncated chunk, bad YAML or JSON) fails the whole
/// load with the file and the line or byte offset. A run folder holding nothing readable (no
/// `*.wandb`, no `files/config.yaml` or `files/wandb-summary.json`: a run that never started
/// writing, or whose files were removed) is skipped when other runs load, and is an error when no
/// run loads, or when it is the folder the user named.
/// Resumed runs (several folders with one run id) become one run; see ``mergingResumed(_:)``.
/// `folder` then names the latest folder, `created` stays the first start.
enum WandbLoader {
    static let metaColumns = ["name", "id", "state", "created", "runtime", "tags", "group", "job_type", "sweep", "folder"]

    /// Loads every run under `path`, the run folders read on all cores (`watch` counts them).
    static func load(path: String, options: LoadOptions, watch: LoadWatch = LoadWatch()) throws(LoadError) -> RunTable {
        let (folders, single) = try runFolders(at: path)
        var runs: [WandbRun] = []
        var empty: [String] = []
        let read = try watch.map(folders.count, path: path) { (i) throws(LoadError) in try WandbRunFolder.read(folders[i]) }
        for (folder, run) in zip(folders, read) {
            if let run { runs.append(run) } else { empty.append(folder) }
        }
        runs = mergingResumed(runs)
        // A run without a name is called by its id, once its folders are merged: a resumed folder's run
        // record names no run, and its id would hide the name the first folder gave.
        for i in runs.indices where runs[i].name == nil { runs[i].name = runs[i].id }
        if runs.isEmpty {
            let what = single ? "run folder" : "no run could be read: run folder"
            throw LoadError(path: empty.first ?? path,
                            message: "\(what) holds no run-*.wandb, files/config.yaml or files/wandb-summary.json",
                            hint: "a run folder is written by wandb.init(); this one may be from a run that never started")
        }
        return table(of: runs, options: options, source: options.alias ?? path)
    }

    /// Folds run folders that share a run id (a run resumed with `resume=` writes a new folder) into
    /// one run at the first folder's place: later folders' config and summary keys override, and
    /// their meta fields replace the earlier ones where they have a value.
    static func mergingResumed(_ runs: [WandbRun]) -> [WandbRun] {
        var out: [WandbRun] = []
        var indexByID: [String: Int] = [:]
        for run in runs {
            guard let id = run.id, let i = indexByID[id] else {
                if let id = run.id { indexByID[id] = out.count }
                out.append(run)
                continue
            }
            var m = out[i]
            for (k, v) in run.config.wandbPairs { m.config.wandbSet([k], to: v) }
            for (k, v) in run.summary.wandbPairs { m.summary.wandbSet([k], to: v) }
            m.history.merge(run.history)
            m.folder = run.folder
            m.name = run.name ?? m.name
            m.state = run.state ?? m.state
            m.runtime = run.runtime ?? m.runtime
            m.tags = run.tags ?? m.tags
            m.group = run.group ?? m.group
            m.jobType = run.jobType ?? m.jobType
            m.sweep = run.sweep ?? m.sweep
            out[i] = m
        }
        return out
    }

    /// The run folders to read, in name (so start time) order, and whether `path` is one run folder.
    static func runFolders(at path: String) throws(LoadError) -> (folders: [String], single: Bool) {
        let fm = FileManager.default
        var dir = path
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: path + "/wandb", isDirectory: &isDir), isDir.boolValue { dir = path + "/wandb" }
        guard let entries = try? fm.contentsOfDirectory(atPath: dir) else {
            throw LoadError(path: dir, message: "cannot list directory")
        }
        let runs = entries.filter { isRunFolderName($0) && isDirectory(dir + "/" + $0) }.sorted()
        if !runs.isEmpty { return (runs.map { dir + "/" + $0 }, false) }
        let name = (path as NSString).lastPathComponent
        if isRunFolderName(name) || entries.contains("files") || entries.contains(where: { $0.hasSuffix(".wandb") }) {
            return ([path], true)
        }
        throw LoadError(path: dir, message: "no W&B run folders (run-*, offline-run-*) here",
                        hint: "point at a wandb/ folder, the folder holding it, or one run folder")
    }

    private static func isRunFolderName(_ name: String) -> Bool {
        name.hasPrefix("run-") || name.hasPrefix("offline-run-")
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    /// Builds the table: meta first, then params, then metrics (each followed by its history companions,
    /// ``HistoryColumns``), each in first-seen order.
    static func table(of runs: [WandbRun], options: LoadOptions, source: String) -> RunTable {
        let meta = Set(metaColumns)
        var paramNames = Set<String>()
        for run in runs { flatten(run.config, prefix: "", into: { name, _ in paramNames.insert(name) }) }
        var metricKeys: [String: String] = [:], taken = meta.union(paramNames).union(meta.map { "config." + $0 })
        let logged = Set(runs.flatMap(\.history.byMetric.keys))
        for run in runs {
            summaryFields(of: run, options: options, meta: meta, paramNames: paramNames) { name, key, _, role in
                taken.insert(name)
                if role == .metric, metricKeys[name] == nil { metricKeys[name] = historyKey(of: key, logged: logged) }
            }
        }
        let companions = HistoryColumns(histories: runs.map(\.history), metrics: metricKeys, goals: [:], taken: taken)
        var b = RecordsBuilder()
        for run in runs {
            b.beginRun()
            let fields: [(String, String?)] = [("name", run.name), ("id", run.id), ("state", run.state),
                                               ("created", run.created)]
            for (k, v) in fields { b.set(k, v.map(Value.string) ?? .missing, role: .meta) }
            b.set("runtime", run.runtime.map(Value.number) ?? .missing, role: .meta)
            let tags = run.tags ?? []
            b.set("tags", tags.isEmpty ? .missing : .string(tags.joined(separator: ", ")), role: .meta)
            for (k, v) in [("group", run.group), ("job_type", run.jobType), ("sweep", run.sweep)] {
                if let v { b.set(k, .string(v), role: .meta) }
            }
            b.set("folder", .string(run.folder), role: .meta)
            flatten(run.config, prefix: "") { name, value in
                b.set(meta.contains(name) ? "config." + name : name, value, role: .param)
            }
            summaryFields(of: run, options: options, meta: meta, paramNames: paramNames) { name, _, v, role in
                b.set(name, v, role: role)
            }
            companions.set(run.history, into: &b)
        }
        return b.build(source: source)
    }

    /// Calls `emit` for every summary field of `run` with its column name, its flattened key, its value and
    /// role: keys in name order (the client writes them in no stable order, Go map order), internals (`_…`)
    /// only with `keepInternal` (as meta), a name clashing with a meta column or a param prefixed `summary.`.
    private static func summaryFields(of run: WandbRun, options: LoadOptions, meta: Set<String>, paramNames: Set<String>,
                                      _ emit: (String, String, Value, Role) -> Void) {
        for (key, value) in run.summary.wandbSortedByKey.wandbPairs {
            let isInternal = key.hasPrefix("_")
            if isInternal && !options.keepInternal { continue }
            flatten(value, prefix: key) { name, v in
                let clash = meta.contains(name) || paramNames.contains(name)
                emit(clash ? "summary." + name : name, name, v, isInternal ? .meta : .metric)
            }
        }
    }

    /// What `define_metric(summary=…)` keeps of a logged key: `val_loss` summarised as `{"min": …}` is the
    /// summary key `val_loss.min`.
    static let summaryAggregates: Set<String> = ["min", "max", "mean", "last", "first", "best"]

    /// The logged key whose steps a summary key's companions summarise: the key itself, or for a
    /// `define_metric` summary (`val_loss.min`, `val_acc.last`) that was not logged under its own name,
    /// the key it summarises (`val_loss`).
    static func historyKey(of key: String, logged: Set<String>) -> String {
        guard !logged.contains(key), let dot = key.lastIndex(of: "."),
              summaryAggregates.contains(String(key[key.index(after: dot)...])) else { return key }
        let base = String(key[..<dot])
        return logged.contains(base) ? base : key
    }

    /// Calls `emit` for every leaf of `value` with its dotted name; objects with a `_type` key
    /// (W&B media and histograms) are skipped, arrays stay one value (their JSON text).
    private static func flatten(_ value: JSONLike, prefix: String, into emit: (String, Value) -> Void) {
        switch value {
        case .object(let pairs):
            if pairs.contains(where: { $0.0 == "_type" }) { return }
            for (k, v) in pairs { flatten(v, prefix: prefix.isEmpty ? k : prefix + "." + k, into: emit) }
        default:
            if !prefix.isEmpty { emit(prefix, value.scalarValue) }
        }
    }
}
