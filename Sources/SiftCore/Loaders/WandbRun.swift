import Foundation

/// One W&B run as read from its folder: meta fields, the config tree and the summary tree.
struct WandbRun: Sendable {
    /// The run folder's name (`offline-run-20240101_120000-abc123`).
    var folder: String
    var id: String?
    var name: String?
    var state: String?
    var created: String?
    var runtime: Double?
    var tags: [String]?
    var group: String?
    var jobType: String?
    var sweep: String?
    /// Hyperparameters, nested as logged, without `_wandb`.
    var config: JSONLike = .object([])
    /// Final metrics, nested as logged, internals (`_runtime`, `_step`, `_wandb`…) included.
    var summary: JSONLike = .object([])
    /// Every logged step (the history), as extremes per flattened key.
    var history = MetricHistory()
}

/// Reads one run folder.
///
/// Sources, for a run folder holding any of them:
/// - `run-<id>.wandb` (every current client, online or offline): the transaction log, replayed in
///   order; later config and summary updates override earlier ones. It gives id, display name, tags,
///   group, job type, sweep, start time, exit state and runtime.
/// - `files/config.yaml` and `files/wandb-summary.json` (written by the client when it syncs, or by
///   older clients): when present they are the config and the summary, as the client rendered them.
/// - `files/wandb-metadata.json`: `startedAt`, when the log gives no start time.
/// - `files/wandb-history.jsonl` (older clients): the history, when the logs hold no history record.
///
/// Summary: the summary file, else the log's summary updates, else — a log without any summary
/// record — the last value of every key over the history records.
/// State: `finished` (exit code 0) or `failed` (non-zero) from the exit record; `running` when the log
/// has no exit record (a run still going, or one that died without saying so: the file cannot tell);
/// missing without a log.
enum WandbRunFolder {
    /// The run in `path`, or nil when the folder holds none of the files above.
    static func read(_ path: String) throws(LoadError) -> WandbRun? {
        let fm = FileManager.default
        let files = path + "/files"
        let configPath = files + "/config.yaml", summaryPath = files + "/wandb-summary.json"
        let metaPath = files + "/wandb-metadata.json", historyPath = files + "/wandb-history.jsonl"
        let logs = ((try? fm.contentsOfDirectory(atPath: path)) ?? [])
            .filter { $0.hasSuffix(".wandb") }.sorted().map { path + "/" + $0 }
        let hasConfig = fm.fileExists(atPath: configPath), hasSummary = fm.fileExists(atPath: summaryPath)
        guard !logs.isEmpty || hasConfig || hasSummary else { return nil }

        var run = WandbRun(folder: (path as NSString).lastPathComponent)
        var replay = WandbReplay()
        for log in logs { try replay.apply(logAt: log) }
        if !logs.isEmpty { try replay.finish(into: &run) }

        if hasConfig { run.config = try WandbFiles.config(yamlAt: configPath) }
        if hasSummary { run.summary = try WandbFiles.jsonObject(at: summaryPath) }
        if run.history.isEmpty, fm.fileExists(atPath: historyPath) {
            run.history = try WandbHistory.read(jsonLinesAt: historyPath)
        }
        if run.created == nil, fm.fileExists(atPath: metaPath),
           case .string(let started)? = try WandbFiles.jsonObject(at: metaPath)["startedAt"] {
            run.created = WandbDates.normalise(started)
        }
        if run.id == nil { run.id = idFromFolder(run.folder) }
        if run.runtime == nil {
            if case .number(let x)? = run.summary.wandbValue(at: ["_wandb", "runtime"]) {
                run.runtime = x
            } else if case .number(let x)? = run.summary["_runtime"] {
                run.runtime = x
            }
        }
        return run
    }

    /// `run-20240101_120000-abc123` → `abc123`.
    private static func idFromFolder(_ folder: String) -> String? {
        guard folder.hasPrefix("run-") || folder.hasPrefix("offline-run-"),
              let dash = folder.lastIndex(of: "-") else { return nil }
        let id = folder[folder.index(after: dash)...]
        return id.isEmpty ? nil : String(id)
    }
}

/// ISO 8601 text for run start times.
enum WandbDates {
    /// `2024-01-01T12:00:00Z` for seconds since 1970 (UTC); nil outside years 1970–9999.
    static func iso(seconds: Int64) -> String? {
        guard (0...253_402_300_799).contains(seconds) else { return nil }  // years 1970 to 9999
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    /// `2024-01-01T12:00:00.123456Z` → `2024-01-01T12:00:00Z`; other text is kept as is.
    static func normalise(_ text: String) -> String {
        let u = Array(text.utf8)
        guard u.count > 20, u.last == UInt8(ascii: "Z"), u[19] == UInt8(ascii: "."), u[10] == UInt8(ascii: "T") else {
            return text
        }
        return String(decoding: u[0..<19], as: UTF8.self) + "Z"
    }
}
