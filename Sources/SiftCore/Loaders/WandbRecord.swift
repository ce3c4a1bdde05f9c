/// The parts of a `wandb.internal.Record` (wandb/proto/wandb_internal.proto) that sift reads.
///
/// Field numbers used: Record {history 2, summary 3, config 5, run 17, exit 18};
/// RunRecord {run_id 1, config 4, summary 5, run_group 6, job_type 7, display_name 8, tags 10,
/// sweep_id 12, start_time 17 (Timestamp {seconds 1, nanos 2}), runtime 20};
/// ConfigRecord / SummaryRecord {update 1, remove 2}; HistoryRecord {item 1};
/// ConfigItem / SummaryItem / HistoryItem {key 1, nested_key 2, value_json 16};
/// RunExitRecord {exit_code 1, runtime 2}. Every other record type (telemetry, stats, output, files…) is skipped.
enum WandbRecord: Sendable {
    /// A key path (`nested_key` when given, else `[key]`) and its JSON-encoded value.
    struct Item: Sendable {
        var path: [String]
        var valueJSON: String
    }

    /// Config or summary changes: values set at paths, paths removed.
    struct Changes: Sendable {
        var update: [Item] = []
        var remove: [Item] = []
    }

    /// What a RunRecord says about the run.
    struct RunInfo: Sendable {
        var id = ""
        var displayName = ""
        var group = ""
        var jobType = ""
        var sweepID = ""
        var tags: [String] = []
        var startSeconds: Int64?
        var runtime: Int64 = 0
        var config = Changes()
        var summary = Changes()
    }

    case run(RunInfo)
    case config(Changes)
    case summary(Changes)
    case history([Item])
    case exit(code: Int64, runtime: Int64)
    case other

    /// The most parts any item's key path has, or nil when the record has no items.
    var longestPath: Int? {
        let items: [Item]
        switch self {
        case .run(let r): items = r.config.update + r.config.remove + r.summary.update + r.summary.remove
        case .config(let c), .summary(let c): items = c.update + c.remove
        case .history(let h): items = h
        case .exit, .other: items = []
        }
        return items.map(\.path.count).max()
    }

    /// Decodes one record's bytes.
    static func decode(_ bytes: [UInt8]) throws(ProtoReader.Malformed) -> WandbRecord {
        var r = ProtoReader(bytes[...])
        var result = WandbRecord.other
        while let (number, field) = try r.next() {
            guard let body = field.slice else { continue }
            switch number {
            case 2: result = .history(try items(r.nested(body), field: 1))
            case 3: result = .summary(try changes(r.nested(body)))
            case 5: result = .config(try changes(r.nested(body)))
            case 17: result = .run(try runInfo(r.nested(body)))
            case 18: result = try exit(r.nested(body))
            default: break
            }
        }
        return result
    }

    private static func runInfo(_ reader: ProtoReader) throws(ProtoReader.Malformed) -> RunInfo {
        var r = reader
        var info = RunInfo()
        while let (number, field) = try r.next() {
            switch number {
            case 1: info.id = try text(field, r, "run_id")
            case 4: if let s = field.slice { info.config = try changes(r.nested(s)) }
            case 5: if let s = field.slice { info.summary = try changes(r.nested(s)) }
            case 6: info.group = try text(field, r, "run_group")
            case 7: info.jobType = try text(field, r, "job_type")
            case 8: info.displayName = try text(field, r, "display_name")
            case 10: info.tags.append(try text(field, r, "tags"))
            case 12: info.sweepID = try text(field, r, "sweep_id")
            case 17:
                if let s = field.slice {
                    var t = r.nested(s)
                    var seconds: Int64 = 0
                    while let (n, f) = try t.next() { if n == 1 { seconds = f.int ?? 0 } }
                    info.startSeconds = seconds
                }
            case 20: info.runtime = field.int ?? 0
            default: break
            }
        }
        return info
    }

    private static func exit(_ reader: ProtoReader) throws(ProtoReader.Malformed) -> WandbRecord {
        var r = reader
        var code: Int64 = 0, runtime: Int64 = 0
        while let (number, field) = try r.next() {
            switch number {
            case 1: code = Int64(Int32(truncatingIfNeeded: field.int ?? 0))
            case 2: runtime = field.int ?? 0
            default: break
            }
        }
        return .exit(code: code, runtime: runtime)
    }

    private static func changes(_ reader: ProtoReader) throws(ProtoReader.Malformed) -> Changes {
        var r = reader
        var c = Changes()
        while let (number, field) = try r.next() {
            guard let s = field.slice else { continue }
            switch number {
            case 1: c.update.append(try item(r.nested(s)))
            case 2: c.remove.append(try item(r.nested(s)))
            default: break
            }
        }
        return c
    }

    private static func items(_ reader: ProtoReader, field wanted: Int) throws(ProtoReader.Malformed) -> [Item] {
        var r = reader
        var out: [Item] = []
        while let (number, field) = try r.next() {
            if number == wanted, let s = field.slice { out.append(try item(r.nested(s))) }
        }
        return out
    }

    private static func item(_ reader: ProtoReader) throws(ProtoReader.Malformed) -> Item {
        var r = reader
        var key = "", nested: [String] = [], value = ""
        while let (number, field) = try r.next() {
            switch number {
            case 1: key = try text(field, r, "key")
            case 2: nested.append(try text(field, r, "nested_key"))
            case 16: value = try text(field, r, "value_json")
            default: break
            }
        }
        return Item(path: nested.isEmpty ? [key] : nested, valueJSON: value)
    }

    private static func text(_ field: ProtoReader.Field, _ r: ProtoReader, _ name: String) throws(ProtoReader.Malformed) -> String {
        guard let s = field.slice else { throw ProtoReader.Malformed(offset: 0, message: "\(name) is not a string field") }
        guard let t = field.text else { throw ProtoReader.Malformed(offset: r.offset(of: s), message: "\(name) is not valid UTF-8") }
        return t
    }
}
