/// Replays the records of a W&B transaction log into config, summary and run facts.
struct WandbReplay: Sendable {
    private var config = JSONLike.object([])
    private var summary = JSONLike.object([])
    private var sawSummary = false
    /// Last history value per key path, as JSON text (parsed only when there is no summary).
    private var lastHistory: [[String]: (order: Int, json: String, path: String, offset: Int)] = [:]
    /// Every logged step, as extremes per metric.
    private var history = MetricHistory()
    private var info: WandbRecord.RunInfo?
    private var exit: (code: Int64, runtime: Int64)?

    /// Applies every record of the log at `path`.
    mutating func apply(logAt path: String) throws(LoadError) {
        try apply(logBytes: WandbFiles.read(path), path: path)
    }

    /// Applies every record of a log held in memory; `path` names it in errors.
    mutating func apply(logBytes bytes: [UInt8], path: String) throws(LoadError) {
        for entry in try WandbTransactionLog.entries(of: bytes, path: path) {
            let record: WandbRecord
            do {
                record = try WandbRecord.decode(entry.payload)
            } catch {
                throw LoadError(path: path, record: "record at byte \(entry.offset)",
                                message: "malformed protobuf at record byte \(error.offset): \(error.message)")
            }
            try apply(record, path: path, offset: entry.offset)
        }
    }

    /// Key paths longer than this are refused (they would only come from a damaged or hostile file,
    /// and each part costs a level of recursion).
    static let maxPathParts = 64

    private mutating func apply(_ record: WandbRecord, path: String, offset: Int) throws(LoadError) {
        if let parts = record.longestPath, parts > Self.maxPathParts {
            throw LoadError(path: path, record: "record at byte \(offset)",
                            message: "key path of \(parts) parts (at most \(Self.maxPathParts))")
        }
        switch record {
        case .run(let r):
            info = r
            try apply(r.config, to: &config, what: "config", path: path, offset: offset)
            if !r.summary.update.isEmpty || !r.summary.remove.isEmpty { sawSummary = true }
            try apply(r.summary, to: &summary, what: "summary", path: path, offset: offset)
        case .config(let c):
            try apply(c, to: &config, what: "config", path: path, offset: offset)
        case .summary(let c):
            sawSummary = true
            try apply(c, to: &summary, what: "summary", path: path, offset: offset)
        case .history(let items):
            for item in items {
                let order = lastHistory[item.path]?.order ?? lastHistory.count
                lastHistory[item.path] = (order, item.valueJSON, path, offset)
                guard item.path.first?.hasPrefix("_") == false else { continue }
                let value = try Self.value(item.valueJSON, key: item.path, what: "history", path: path, offset: offset)
                WandbHistory.add(value, path: item.path, to: &history)
            }
        case .exit(let code, let runtime):
            exit = (code, runtime)
        case .other:
            break
        }
    }

    private func apply(_ changes: WandbRecord.Changes, to tree: inout JSONLike, what: String,
                       path: String, offset: Int) throws(LoadError) {
        for item in changes.update {
            tree.wandbSet(item.path[...], to: try Self.value(item.valueJSON, key: item.path, what: what, path: path, offset: offset))
        }
        for item in changes.remove { tree.wandbRemove(item.path[...]) }
    }

    private static func value(_ json: String, key: [String], what: String, path: String, offset: Int) throws(LoadError) -> JSONLike {
        do {
            return try JSONReader.parse(json)
        } catch {
            throw LoadError(path: path, record: "record at byte \(offset)",
                            message: "bad JSON in \(what) value \"\(key.joined(separator: "."))\": \(error.message)")
        }
    }

    /// Writes what the log said into `run`.
    func finish(into run: inout WandbRun) throws(LoadError) {
        var cfg = config
        cfg.wandbRemove(["_wandb"])
        run.config = cfg
        run.history = history
        if sawSummary {
            run.summary = summary
        } else {
            var s = JSONLike.object([])
            for (key, v) in lastHistory.sorted(by: { $0.value.order < $1.value.order }) {
                s.wandbSet(key[...], to: try Self.value(v.json, key: key, what: "history", path: v.path, offset: v.offset))
            }
            run.summary = s
        }
        if let info {
            if !info.id.isEmpty { run.id = info.id }
            if !info.displayName.isEmpty { run.name = info.displayName }
            run.tags = info.tags
            if !info.group.isEmpty { run.group = info.group }
            if !info.jobType.isEmpty { run.jobType = info.jobType }
            if !info.sweepID.isEmpty { run.sweep = info.sweepID }
            if let s = info.startSeconds, let iso = WandbDates.iso(seconds: s) { run.created = iso }
        }
        if let exit {
            run.state = exit.code == 0 ? "finished" : "failed"
            run.runtime = Double(exit.runtime)
        } else {
            run.state = "running"
        }
    }
}
