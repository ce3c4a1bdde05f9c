import SiftCore

/// Results as JSON objects with a `type` field; the schema is documented in docs/json-schema.md.
public enum JSONOutput {
    /// One JSON document per result, each on its own line (JSON Lines).
    public static func lines(_ output: Output) -> [String] {
        values(output).map { $0.serialized() }
    }

    /// One JSON value per result: a panel per group, a report per group, one table, one message.
    public static func values(_ output: Output) -> [JSONValue] {
        switch output {
        case .panels(let panels): return panels.map(panel)
        case .correlation(let reports): return reports.map(correlation)
        case .table(let t): return [table(t)]
        case .message(let m): return [message(m)]
        }
    }

    /// The `panel` object.
    public static func panel(_ p: ImportancePanel) -> JSONValue {
        .object([
            ("type", .string("panel")),
            ("metric", .string(p.metric)),
            ("goal", .string(p.goal?.rawValue)),
            ("metric_value", .string(p.metricValue)),
            ("group", .string(p.group)),
            ("method", .string(p.method)),
            ("trees", .int(p.trees)),
            ("seed", .uint(p.seed)),
            ("runs", .int(p.runsUsed)),
            ("runs_in_view", .int(p.runsInView)),
            ("oob_r2", .number(p.oobR2)),
            ("noise_importance", .number(p.noiseImportance)),
            ("noise_importance_high", .number(p.noiseImportanceHigh)),
            ("hidden", .int(p.hiddenCount)),
            ("params", .array(p.params.map(param))),
            ("interactions", .array(p.interactions.map { i in
                .object([("first", .string(i.first)), ("second", .string(i.second)),
                         ("importance", .number(i.importance))])
            })),
            ("dropped", .array(p.dropped.map { .object([("reason", .string($0.reason)), ("count", .int($0.count))]) })),
            ("warnings", .array(p.warnings.map { .string($0) })),
        ])
    }

    /// One entry of a panel's `params`.
    static func param(_ p: ParamImportance) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("name", .string(p.name)),
            ("importance", .number(p.importance)),
            ("importance_low", .number(p.importanceLow)),
            ("importance_high", .number(p.importanceHigh)),
            ("below_noise", .bool(p.belowNoise)),
            ("correlation", .number(p.correlation?.r)),
            ("correlation_low", .number(p.correlation?.low)),
            ("correlation_high", .number(p.correlation?.high)),
            ("p_value", .number(p.correlation?.pValue)),
            ("n", .int(p.n)),
            ("log_scale", .bool(p.logScale)),
        ]
        if let values = p.values {
            pairs.append(("values", .array(values.map { v in
                .object([("value", .string(v.value)), ("correlation", .number(v.correlation.r)),
                         ("correlation_low", .number(v.correlation.low)),
                         ("correlation_high", .number(v.correlation.high)),
                         ("p_value", .number(v.correlation.pValue)), ("n", .int(v.correlation.n))])
            })))
            pairs.append(("eta2", .number(p.eta2)))
        }
        return .object(pairs)
    }

    /// The `correlation` object.
    static func correlation(_ r: CorrelationReport) -> JSONValue {
        .object([
            ("type", .string("correlation")),
            ("metric", .string(r.metric)),
            ("method", .string(r.method)),
            ("group", .string(r.group)),
            ("rows", .array(r.rows.map { row in
                .object([
                    ("param", .string(row.param)), ("value", .string(row.value)),
                    ("r", .number(row.correlation.r)), ("low", .number(row.correlation.low)),
                    ("high", .number(row.correlation.high)), ("p_value", .number(row.correlation.pValue)),
                    ("n", .int(row.correlation.n)), ("log_scale", .bool(row.logScale)),
                ])
            })),
            ("warnings", .array(r.warnings.map { .string($0) })),
        ])
    }

    /// The `table` object: every row, cells as numbers, strings, booleans or null.
    static func table(_ t: ResultTable) -> JSONValue {
        .object([
            ("type", .string("table")),
            ("kind", .string(t.kind)),
            ("title", .string(t.title)),
            ("columns", .array(t.columns.map { .string($0) })),
            ("rows", .array(t.rows.map { row in .array(row.map(JSONValue.cell)) })),
            ("footer", .array(t.footer.map { .string($0) })),
        ])
    }

    /// The `message` object.
    static func message(_ m: Message) -> JSONValue {
        .object([("type", .string("message")), ("level", .string(m.level.rawValue)), ("text", .string(m.text))])
    }
}
