/// Turns one JSON run object into fields, by its shape (W&B, MLflow, or flat); see `JSONRunLoader`.
enum JSONRunShapes {
    /// The fields of a run object given as its key/value pairs, in order.
    static func fields(of pairs: [(String, JSONLike)], keepInternal: Bool) -> [JSONField] {
        let object = JSONLike.object(pairs)
        if isObject(object["config"]) || isObject(object["summary"]) {
            return wandb(pairs, keepInternal: keepInternal)
        }
        if case .object(let data)? = object["data"], isMLflowPart(JSONLike.object(data)) {
            var out: [JSONField] = []
            if let info = object["info"] { flatten(info, prefix: "", role: .meta, into: &out) }
            out += mlflowFields(data)
            for (k, v) in pairs where k != "data" && k != "info" { flatten(v, prefix: k, role: .meta, into: &out) }
            return out
        }
        if isMLflowPart(object) { return mlflowFields(pairs) }
        var out: [JSONField] = []
        for (k, v) in pairs { flatten(v, prefix: k, role: nil, into: &out) }
        return out
    }

    // MARK: - W&B

    private static func wandb(_ pairs: [(String, JSONLike)], keepInternal: Bool) -> [JSONField] {
        var meta: [JSONField] = [], params: [JSONField] = [], metrics: [JSONField] = []
        for (key, value) in pairs {
            switch (key, value) {
            case ("config", .object(let config)):
                for (k, v) in config {
                    if k.hasPrefix("_") {
                        if keepInternal { flatten(unwrap(v), prefix: k, role: .meta, into: &meta) }
                        continue
                    }
                    flatten(unwrap(v), prefix: k, role: .param, into: &params)
                }
            case ("summary", .object(let summary)):
                for (k, v) in summary {
                    if k.hasPrefix("_") {
                        if keepInternal { flatten(v, prefix: k, role: .meta, into: &meta) }
                        continue
                    }
                    if case .object(let inner) = v, inner.contains(where: { $0.0 == "_type" }) { continue }  // media
                    flatten(v, prefix: k, role: .metric, into: &metrics)
                }
            case ("tags", .array(let tags)) where tags.allSatisfy({ if case .string = $0 { true } else { false } }):
                let names = tags.compactMap { t -> String? in if case .string(let s) = t { s } else { nil } }
                meta.append(JSONField(name: "tags", value: names.isEmpty ? .missing : .string(names.joined(separator: ", ")), role: .meta))
            default:
                flatten(value, prefix: key, role: .meta, into: &meta)
            }
        }
        // Meta names stand; a config key named like a meta field (in any run) becomes `config.k`, a summary
        // key named like either `summary.k` (`JSONRunLoader` decides over all runs).
        var out = meta
        for (section, fields) in [(JSONField.Clash.config, params), (.summary, metrics)] {
            for var f in fields {
                f.clash = section
                out.append(f)
            }
        }
        return out
    }

    /// W&B config values may be wrapped as `{"value": x}` or `{"value": x, "desc": …}`.
    private static func unwrap(_ v: JSONLike) -> JSONLike {
        if case .object(let inner) = v, let value = v["value"],
           inner.allSatisfy({ $0.0 == "value" || $0.0 == "desc" }) {
            return value
        }
        return v
    }

    // MARK: - MLflow

    private static func isMLflowPart(_ object: JSONLike) -> Bool {
        object["params"] != nil || object["metrics"] != nil
    }

    private static func mlflow(_ pairs: [(String, JSONLike)]) -> [JSONField] {
        var out: [JSONField] = []
        for (key, value) in pairs {
            switch key {
            case "params":
                for (k, v) in keyValues(value) {
                    if case .string(let s) = v {
                        out.append(JSONField(name: k, value: Value.infer(fromText: Substring(s)), role: .param))
                    } else {
                        flatten(v, prefix: k, role: .param, into: &out)
                    }
                }
            case "metrics":
                for (k, v) in keyValues(value) { flatten(v, prefix: k, role: .metric, into: &out) }
            case "tags":
                for (k, v) in keyValues(value) { flatten(v, prefix: k, role: .meta, into: &out) }
            default:
                flatten(value, prefix: key, role: .meta, into: &out)
            }
        }
        return out
    }

    /// MLflow's params, metrics and tags yield a name that another field has (`info`'s and the record's own
    /// fields stand, then tags, params, metrics; `JSONRunLoader` decides over all runs): they take
    /// `param.k`, `metric.k`, `meta.k`.
    private static func mlflowFields(_ pairs: [(String, JSONLike)]) -> [JSONField] {
        var out: [JSONField] = []
        for (key, value) in pairs {
            let start = out.count
            out += mlflow([(key, value)])
            guard ["params", "metrics", "tags"].contains(key) else { continue }
            for i in start..<out.count {
                switch out[i].role {
                case .param?: out[i].clash = .param
                case .metric?: out[i].clash = .metric
                case .meta?: out[i].clash = .meta
                case nil: break
                }
            }
        }
        return out
    }

    /// An object's pairs, or a REST-style list of `{"key": k, "value": v}` (later entries win).
    private static func keyValues(_ value: JSONLike) -> [(String, JSONLike)] {
        switch value {
        case .object(let pairs): return pairs
        case .array(let items):
            return items.compactMap { item -> (String, JSONLike)? in
                guard case .string(let k)? = item["key"], let v = item["value"] else { return nil }
                return (k, v)
            }
        default: return []
        }
    }

    // MARK: - Shared

    private static func isObject(_ v: JSONLike?) -> Bool {
        if case .object? = v { return true }
        return false
    }

    /// Leaves of `value` under `prefix`, nested keys joined by dots; arrays stay one value (their JSON text).
    static func flatten(_ value: JSONLike, prefix: String, role: Role?, into out: inout [JSONField]) {
        if case .object(let pairs) = value {
            for (k, v) in pairs { flatten(v, prefix: prefix.isEmpty ? k : prefix + "." + k, role: role, into: &out) }
            return
        }
        guard !prefix.isEmpty else { return }
        out.append(JSONField(name: prefix, value: value.scalarValue, role: role))
    }
}
