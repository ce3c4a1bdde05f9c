/// The steps of a W&B run's history (everything passed to `run.log`), kept as ``MetricHistory`` extremes.
///
/// Read from the transaction log's history records, or, for a folder whose logs hold none, from
/// `files/wandb-history.jsonl` (one JSON object per step, written by older clients when syncing).
/// Keys are flattened with dots as the summary is; top-level keys starting with `_` (`_step`,
/// `_runtime`, `_timestamp`) and objects with a `_type` (media, histograms, tables) are left out, and
/// only numbers count (a NaN or infinite one as a step that is never the best).
enum WandbHistory {
    /// Counts the numbers in one logged value at `key` (`["model", "loss"]` from a nested key).
    static func add(_ value: JSONLike, path: [String], to history: inout MetricHistory) {
        guard let first = path.first, !first.hasPrefix("_") else { return }
        add(value, name: path.joined(separator: "."), to: &history)
    }

    private static func add(_ value: JSONLike, name: String, to history: inout MetricHistory) {
        switch value {
        case .number(let x):
            history.add(name, x)
        case .object(let pairs):
            if pairs.contains(where: { $0.0 == "_type" }) { return }
            for (k, v) in pairs { add(v, name: name + "." + k, to: &history) }
        default:
            break
        }
    }

    /// The history in `wandb-history.jsonl` at `path`: one JSON object per line; a line that is not one
    /// fails the load with its line and column.
    static func read(jsonLinesAt path: String) throws(LoadError) -> MetricHistory {
        let bytes = try WandbFiles.read(path)
        var history = MetricHistory()
        var start = 0, line = 1
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let text = Array(bytes[start..<end])
            if !text.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
                let value: JSONLike
                do {
                    value = try JSONReader.parse(text)
                } catch {
                    let (_, column) = error.location(in: text)
                    throw LoadError(path: path, line: line, column: column, message: error.message)
                }
                guard case .object(let pairs) = value else {
                    throw LoadError(path: path, line: line, column: 1, message: "expected a JSON object (one step)")
                }
                for (k, v) in pairs { add(v, path: [k], to: &history) }
            }
            start = end + 1
            line += 1
        }
        return history
    }
}
