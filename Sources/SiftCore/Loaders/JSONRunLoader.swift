import Foundation

/// Reads runs from a JSON array of run objects or from JSON Lines (one run object per line).
///
/// Three record shapes, recognised per record:
/// - W&B public API (`{"name", "id", "state", "config": {…}, "summary": {…}, "tags": […]}`): config keys are
///   params (W&B's `{"value": x, "desc": …}` wrappers unwrapped), summary keys are metrics; `_`-prefixed keys
///   (`_runtime`, `_step`, `_wandb`) are skipped unless `keepInternal`, which makes them meta; summary media
///   (objects with a `_type`) are skipped; the other top-level fields are meta (`tags` joined by ", ").
/// - MLflow (`{"params": …, "metrics": …, "tags": …}`, also nested under `data` with `info` beside, as the
///   REST API writes; params and metrics as objects or as `[{"key", "value"}]` lists): params are inferred
///   from their text (MLflow stores them as strings), metrics keep their last value, tags and `info` are meta.
/// - Flat objects: every field, roles by `RoleConventions` on the names.
/// Nested objects flatten with dots (`model.layers`); arrays become their JSON text.
///
/// A name given to fields of different roles (a W&B summary `lr` beside a config `lr`, in one run or in
/// different runs) is decided over all runs: meta keeps it, then params, and the others take `config.`/
/// `summary.` (W&B) or `param.`/`metric.`/`meta.` (MLflow), so a column never mixes roles across runs.
enum JSONRunLoader {
    static func load(path: String, options: LoadOptions, watch: LoadWatch = LoadWatch()) throws(LoadError) -> RunTable {
        try FieldGuard.check(path: path, syntax: .json)
        return try load(source: SourceBytes.load(path: path), path: path, options: options, watch: watch)
    }

    /// Parses `source` as the contents of `path` (which names it in errors; `.jsonl`/`.ndjson` mean JSON Lines).
    /// `watch` is told how far into the file the records are, and stops the load when it is cancelled.
    static func load(source: SourceBytes, path: String, options: LoadOptions,
                     watch: LoadWatch = LoadWatch()) throws(LoadError) -> RunTable {
        if let bad = source.firstInvalidUTF8() {
            let at = source.location(of: bad)
            throw LoadError(path: path, line: at.line, column: at.column,
                            message: "invalid UTF-8 byte 0x" + String(source.bytes[bad], radix: 16, uppercase: true),
                            hint: "save the file as UTF-8")
        }
        let ext = (path as NSString).pathExtension.lowercased()
        // Each record becomes its fields as soon as it is parsed: the parsed records are never all held.
        var runs: [[JSONField]] = []
        watch.start(total: source.bytes.count)
        var reported = 0
        do throws(JSONRecordReader.Failure) {
            try JSONRecordReader(bytes: source.bytes).records(linesOnly: ext == "jsonl" || ext == "ndjson") {
                (record) throws(JSONRecordReader.Failure) in
                guard case .object(let pairs) = record.value else {
                    throw .init(offset: record.offset,
                                message: "record \(runs.count + 1) is \(kindName(record.value)), expected an object with the run's fields",
                                hint: "each run is a JSON object such as {\"name\": \"r1\", \"config\": {…}, \"summary\": {…}}")
                }
                runs.append(JSONRunShapes.fields(of: pairs, keepInternal: options.keepInternal))
                if runs.count % 256 == 0 {
                    guard watch.advance(record.offset - reported) else { throw .init(offset: 0, message: "cancelled") }
                    reported = record.offset
                }
            }
        } catch {
            if watch.isCancelled { throw LoadError(path: path, message: "cancelled") }
            let at = source.location(of: error.offset)
            throw LoadError(path: path, line: at.line, column: at.column, message: error.message, hint: error.hint)
        }
        _ = watch.advance(source.bytes.count - reported)

        // Fields whose role the shape did not fix get theirs from the names, all runs together. Runs usually
        // list their fields in one order: a field named as the previous run's field at its place is not
        // looked up again.
        var freeNames: [String] = []
        var seen: Set<String> = []
        var previous: [JSONField] = []
        for run in runs {
            for (k, field) in run.enumerated() where field.role == nil {
                if k < previous.count && previous[k].name == field.name { continue }
                if seen.insert(field.name).inserted { freeNames.append(field.name) }
            }
            previous = run
        }
        let assigned = RoleConventions.assign(freeNames).columns
        let byName = Dictionary(uniqueKeysWithValues: zip(freeNames, assigned))

        // A name shared by fields of different standing is kept by the highest, over all runs, so a column
        // never holds a param in some runs and a metric in others; the others take their clash names.
        var best: [String: Int] = [:]
        previous = []
        for run in runs {
            for (k, field) in run.enumerated() where field.role != nil {
                if k < previous.count && previous[k].name == field.name && previous[k].standing == field.standing {
                    continue
                }
                best[field.name] = min(best[field.name] ?? .max, field.standing)
            }
            previous = run
        }
        func fixedName(_ field: JSONField) -> String {
            guard field.clash != .none, let top = best[field.name], top < field.standing else { return field.name }
            return "\(field.clash).\(field.name)"
        }

        var builder = RecordsBuilder()
        // By place in the runs read so far: a free field's name and the name and role it was assigned.
        var assignedAt: [(field: String, name: String, role: Role)?] = []
        for run in runs {
            builder.beginRun()
            for (k, field) in run.enumerated() {
                if let role = field.role {
                    builder.set(fixedName(field), field.value, role: role)
                    continue
                }
                if k < assignedAt.count, let a = assignedAt[k], a.field == field.name {
                    builder.set(a.name, field.value, role: a.role)
                } else if let a = byName[field.name] {
                    while assignedAt.count <= k { assignedAt.append(nil) }
                    assignedAt[k] = (field.name, a.name, a.role)
                    builder.set(a.name, field.value, role: a.role)
                }
            }
        }
        return builder.build(source: options.alias ?? path)
    }

    private static func kindName(_ value: JSONLike) -> String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

/// One field of a run: a flattened name, its value, and its role when the record's shape says it.
struct JSONField {
    var name: String
    var value: Value
    var role: Role?
    /// The prefix of the name it takes when a field of higher standing, in any run, has its name
    /// (`summary.lr` for a W&B summary key that some run's config also has); `.none`: it keeps its name.
    /// A byte, not a string: a file holds millions of fields.
    var clash: Clash = .none

    enum Clash: UInt8 {
        case none, config, summary, param, metric, meta
    }

    /// Who keeps a shared name: meta before params before metrics, and a field without a clash name first.
    var standing: Int {
        let rank: Int
        switch role {
        case .meta?: rank = 0
        case .param?: rank = 1
        case .metric?, nil: rank = 2
        }
        return rank * 2 + (clash == .none ? 0 : 1)
    }
}
