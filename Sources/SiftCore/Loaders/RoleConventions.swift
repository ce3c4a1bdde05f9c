/// Roles from column names alone, for sources that do not say which fields are hyperparameters
/// (CSV exports, flat JSON records). The rule is documented for users in docs/roles.md.
///
/// The conventions are tried in order; the first that matches decides:
/// 1. W&B UI export: a `Name` column with two or more of W&B's run columns (`State`, `Notes`, `User`, `Tags`,
///    `Created`, `Runtime`, `Sweep`, `ID`…). Those are meta. W&B writes the config keys, sorted, then the
///    summary keys, sorted; the place where the sort order starts again splits params from metrics.
/// 2. MLflow (`search_runs` frames): `params.x` → param `x`, `metrics.y` → metric `y`, `tags.z` → meta `z`.
/// 3. Optuna `trials_dataframe()`: `params_x` → param `x`, `value` / `values_*` → metrics,
///    `number`, `state`, `datetime_*`, `duration`, `user_attrs_*`, `system_attrs_*` → meta.
/// 4. Prefixes `config.` / `summary.` (W&B frames built by hand) and Ray Tune's `config/a/b` → params
///    (`a.b`), `summary.` → metrics.
/// 5. Otherwise each name alone (`defaultRole(of:)`): known meta names, metric-like names, else param.
/// Prefixes are stripped unless that would make two columns share a name.
public enum RoleConventions {
    /// Which convention named the roles.
    public enum Convention: String, Sendable, Equatable {
        case wandbExport = "W&B export"
        case mlflow = "MLflow"
        case optuna = "Optuna"
        case prefixes = "config./summary. prefixes"
        case rayTune = "Ray Tune"
        case names = "names"
    }

    /// A column's name as loaded (prefix stripped) and its role.
    public struct Assignment: Sendable, Equatable {
        public var name: String
        public var role: Role

        public init(name: String, role: Role) {
            self.name = name
            self.role = role
        }
    }

    /// Roles (and cleaned names) for columns named `names`, in the same order.
    public static func assign(_ names: [String]) -> (convention: Convention, columns: [Assignment]) {
        if let wandb = wandbExport(names) { return (.wandbExport, wandb) }
        if names.contains(where: { $0.hasPrefix("params.") || $0.hasPrefix("metrics.") }) {
            return (.mlflow, dedupe(names, names.map(mlflow)))
        }
        if names.contains("number"), names.contains(where: { $0.hasPrefix("params_") }),
           names.contains(where: { $0 == "value" || $0.hasPrefix("values_") }) {
            return (.optuna, dedupe(names, names.map(optuna)))
        }
        if names.contains(where: { $0.hasPrefix("config/") }) {
            return (.rayTune, dedupe(names, names.map(rayTune)))
        }
        if names.contains(where: { $0.hasPrefix("config.") || $0.hasPrefix("summary.") }) {
            return (.prefixes, dedupe(names, names.map(prefixed)))
        }
        return (.names, names.map { Assignment(name: $0, role: defaultRole(of: $0)) })
    }

    // MARK: - W&B UI export

    /// Run columns the W&B runs table can export, spelled as its CSV header spells them.
    static let wandbRunColumns: Set<String> = [
        "Name", "State", "Notes", "User", "Tags", "Created", "Runtime", "Sweep", "ID", "End Time", "Updated",
        "Group", "Job Type", "Hostname", "Host", "Description", "Commit", "GitHub", "GPU", "GPU Type",
        "GPU Count", "CPU Count", "Python Version", "OS", "Command", "Run Path", "Project", "Entity",
        "Heartbeat", "Username", "Job", "Agent", "Sweep ID",
    ]

    private static func wandbExport(_ names: [String]) -> [Assignment]? {
        guard names.contains("Name") else { return nil }
        let known = names.filter { wandbRunColumns.contains($0) }.count
        guard known >= 3 else { return nil }
        let rest = names.enumerated().filter { !wandbRunColumns.contains($0.element) }
        let restNames = rest.map(\.element)
        let split = sortedBlocksSplit(restNames)
        var out = names.map { Assignment(name: $0, role: .meta) }
        for (position, (index, name)) in rest.enumerated() {
            if let split {
                out[index].role = position < split ? .param : .metric
            } else {
                out[index].role = defaultRole(of: name)
            }
            if name.hasPrefix("_") { out[index].role = .meta }
        }
        return out
    }

    /// Where a list made of two sorted runs (config keys, then summary keys) starts its second run:
    /// the one place the order goes down, by byte order or by a case-insensitive collation that puts
    /// punctuation before digits before letters (as browsers sort). Nil when there is not exactly one.
    static func sortedBlocksSplit(_ names: [String]) -> Int? {
        guard names.count >= 2 else { return nil }
        let byBytes = (1..<names.count).filter { Array(names[$0].utf8).lexicographicallyPrecedes(Array(names[$0 - 1].utf8)) }
        if byBytes.count == 1 { return byBytes[0] }
        let keys = names.map(collationKey)
        let byCollation = (1..<names.count).filter { keys[$0].lexicographicallyPrecedes(keys[$0 - 1]) }
        if byCollation.count == 1 { return byCollation[0] }
        return nil
    }

    private static func collationKey(_ name: String) -> [UInt32] {
        name.unicodeScalars.map { s in
            let v = s.value
            switch v {
            case 0x41...0x5A: return 0x2_0000 + v + 0x20  // letters, case-folded
            case 0x61...0x7A: return 0x2_0000 + v
            case 0x30...0x39: return 0x1_0000 + v        // digits
            case 0x80...: return 0x3_0000 + v             // other scripts after ASCII letters
            default: return v                              // punctuation and spaces first
            }
        }
    }

    // MARK: - MLflow, Optuna, prefixes

    static let mlflowMeta: Set<String> = [
        "run_id", "experiment_id", "status", "artifact_uri", "start_time", "end_time", "run_name",
        "lifecycle_stage", "user_id", "run_uuid",
    ]

    private static func mlflow(_ name: String) -> Assignment {
        if let rest = strip(name, "params.") { return Assignment(name: rest, role: .param) }
        if let rest = strip(name, "metrics.") { return Assignment(name: rest, role: .metric) }
        if let rest = strip(name, "tags.") { return Assignment(name: rest, role: .meta) }
        if mlflowMeta.contains(name) { return Assignment(name: name, role: .meta) }
        return Assignment(name: name, role: defaultRole(of: name))
    }

    static let optunaMeta: Set<String> = ["number", "datetime_start", "datetime_complete", "duration", "state"]

    private static func optuna(_ name: String) -> Assignment {
        if let rest = strip(name, "params_") { return Assignment(name: rest, role: .param) }
        if name == "value" || name.hasPrefix("values_") { return Assignment(name: name, role: .metric) }
        if optunaMeta.contains(name) || name.hasPrefix("user_attrs_") || name.hasPrefix("system_attrs_") {
            return Assignment(name: name, role: .meta)
        }
        return Assignment(name: name, role: defaultRole(of: name))
    }

    static let rayMeta: Set<String> = [
        "trial_id", "experiment_id", "date", "timestamp", "time_this_iter_s", "time_total_s", "pid", "hostname",
        "node_ip", "training_iteration", "done", "experiment_tag", "logdir", "iterations_since_restore",
        "time_since_restore", "timesteps_since_restore", "timesteps_total", "episodes_total", "should_checkpoint",
        "checkpoint_dir_name", "path",
    ]

    private static func rayTune(_ name: String) -> Assignment {
        if let rest = strip(name, "config/") {
            return Assignment(name: rest.replacingOccurrences(of: "/", with: "."), role: .param)
        }
        if rayMeta.contains(name) || name.hasPrefix("_") { return Assignment(name: name, role: .meta) }
        return Assignment(name: name, role: .metric)
    }

    private static func prefixed(_ name: String) -> Assignment {
        if let rest = strip(name, "config.") { return Assignment(name: rest, role: .param) }
        if let rest = strip(name, "summary.") {
            return Assignment(name: rest, role: rest.hasPrefix("_") ? .meta : .metric)
        }
        return Assignment(name: name, role: defaultRole(of: name))
    }

    private static func strip(_ name: String, _ prefix: String) -> String? {
        guard name.hasPrefix(prefix), name.count > prefix.count else { return nil }
        return String(name.dropFirst(prefix.count))
    }

    /// Keeps the original name wherever stripping a prefix made two columns (or a column and an
    /// unprefixed one) share a name.
    private static func dedupe(_ original: [String], _ assigned: [Assignment]) -> [Assignment] {
        var counts: [String: Int] = [:]
        for a in assigned { counts[a.name, default: 0] += 1 }
        return zip(original, assigned).map { name, a in
            counts[a.name, default: 0] > 1 ? Assignment(name: name, role: a.role) : a
        }
    }

    // MARK: - Names alone

    /// Names (compared lowercased, `-`/space as `_`) that describe a run rather than configure it.
    static let metaNames: Set<String> = [
        "name", "id", "run", "run_id", "runid", "run_name", "display_name", "state", "status", "created",
        "created_at", "updated", "updated_at", "runtime", "duration", "tags", "tag", "notes", "note", "user",
        "username", "user_id", "sweep", "sweep_id", "sweep_name", "group", "job_type", "host", "hostname",
        "start_time", "end_time", "timestamp", "date", "datetime", "path", "url", "commit", "git_commit",
        "experiment", "experiment_id", "experiment_name", "index", "unnamed:_0", "epoch", "step",
        "global_step", "iteration", "iter", "trial", "trial_id", "number", "source", "description",
    ]

    /// Words that make a name a metric wherever they appear as a word (`val_loss`, `top1_acc`, `train/f1`).
    static let metricWords: Set<String> = [
        "loss", "acc", "accuracy", "error", "err", "f1", "auc", "roc", "score", "reward", "return", "perplexity",
        "ppl", "precision", "recall", "mse", "mae", "rmse", "mape", "r2", "iou", "miou", "map", "bleu", "rouge",
        "wer", "cer", "nll", "ndcg", "mrr", "dice", "regret", "objective", "fitness", "metric", "elbo", "kl",
        "top1", "top5", "bpc", "bpd", "fid", "psnr", "ssim", "mcc", "logloss", "rewards",
    ]

    /// Leading words of evaluation metrics (`val_…`, `test_…`) unless the rest is about sizes or schedules.
    static let evaluationPrefixes: Set<String> = ["val", "valid", "validation", "test", "eval", "dev", "best"]

    /// Words that make an evaluation-prefixed name a setting (`val_split`, `eval_interval`, `test_size`).
    static let settingWords: Set<String> = [
        "size", "split", "ratio", "fraction", "frac", "interval", "iters", "steps", "every", "freq", "frequency",
        "batch", "samples", "period", "data", "dataset", "path", "dir", "file", "set", "check", "n", "num",
        "episodes", "seed", "percent", "pct", "portion", "mode", "strategy", "metric",
    ]

    /// The role of a column named `name` when nothing else says: meta for run descriptions and
    /// `_`-prefixed internals, metric for metric-like names, param otherwise.
    public static func defaultRole(of name: String) -> Role {
        if name.hasPrefix("_") { return .meta }
        let normalized = String(name.lowercased().map { $0 == "-" || $0 == " " ? "_" : $0 })
        if metaNames.contains(normalized) { return .meta }
        let words = Self.words(name)
        guard let first = words.first else { return .param }
        if first == "metrics" || first == "metric" || first == "summary" { return .metric }
        if words.contains(where: { metricWords.contains($0) || metricWords.contains(trimDigits($0)) }) {
            return .metric
        }
        if evaluationPrefixes.contains(first), words.count > 1,
           !words.dropFirst().contains(where: { settingWords.contains($0) || settingWords.contains(trimDigits($0)) }) {
            return .metric
        }
        return .param
    }

    /// Lowercased words of a name, split at punctuation and at lower→upper case changes (`valLoss`).
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for ch in name {
            if ch.isLetter || ch.isNumber {
                if ch.isUppercase && previousLower && !current.isEmpty {
                    words.append(current)
                    current = ""
                }
                current.append(contentsOf: ch.lowercased())
                previousLower = ch.isLowercase || ch.isNumber
            } else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// `acc1` → `acc`: a word without its trailing digits (kept whole if all digits).
    static func trimDigits(_ word: String) -> String {
        var w = Substring(word)
        while let last = w.last, last.isNumber, w.count > 1 { w = w.dropLast() }
        return String(w)
    }
}
