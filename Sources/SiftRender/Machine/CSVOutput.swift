import SiftCore

/// Results as CSV (RFC 4180: comma separated, CRLF-free `\n` lines, fields quoted when needed).
public enum CSVOutput {
    /// The panel's columns: one row per param, and one per value of a categorical param.
    static let panelColumns = ["metric", "group", "param", "value", "importance", "importance_low", "importance_high",
                               "below_noise", "correlation", "correlation_low", "correlation_high", "p_value", "n",
                               "log_scale", "eta2"]

    /// `output` as CSV text with a header row; messages are written as their text (they are not data).
    public static func render(_ output: Output) -> String {
        switch output {
        case .panels(let panels): return document(panelColumns, panels.flatMap(panelRows))
        case .correlation(let reports):
            let columns = ["metric", "method", "group", "param", "value", "r", "low", "high", "p_value", "n",
                           "log_scale"]
            let rows = reports.flatMap { rep in rep.rows.map { row in
                [rep.metric, rep.method, rep.group ?? "", row.param, row.value ?? "", number(row.correlation.r),
                 number(row.correlation.low), number(row.correlation.high), number(row.correlation.pValue),
                 String(row.correlation.n), String(row.logScale)]
            } }
            return document(columns, rows)
        case .table(let t):
            return document(t.columns, t.rows.map { row in t.columns.indices.map { cell(i: $0, row) } })
        case .message(let m):
            return m.text + "\n"
        }
    }

    static func panelRows(_ p: ImportancePanel) -> [[String]] {
        var rows: [[String]] = []
        for param in p.params {
            let c = param.correlation
            rows.append([p.metric, p.group ?? "", param.name, "", number(param.importance), number(param.importanceLow),
                         number(param.importanceHigh), String(param.belowNoise), number(c?.r), number(c?.low),
                         number(c?.high), number(c?.pValue), String(param.n), String(param.logScale),
                         number(param.eta2)])
            for v in param.values ?? [] {
                let vc = v.correlation
                rows.append([p.metric, p.group ?? "", param.name, v.value, "", "", "", "", number(vc.r),
                             number(vc.low), number(vc.high), number(vc.pValue), String(vc.n), "", ""])
            }
        }
        return rows
    }

    static func cell(i: Int, _ row: [Value]) -> String {
        guard i < row.count else { return "" }
        switch row[i] {
        case .missing: return ""
        case .number(let x): return x.isNaN ? "NaN" : x.isInfinite ? (x < 0 ? "-inf" : "inf") : number(x)
        case .string(let s): return s
        case .bool(let b): return String(b)
        }
    }

    /// Full-precision number; empty for absent or non-finite.
    static func number(_ x: Double?) -> String {
        x.flatMap(NumberFormat.roundTrip) ?? ""
    }

    static func document(_ columns: [String], _ rows: [[String]]) -> String {
        ([columns] + rows).map { $0.map(quote).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// A field quoted when it holds a comma, quote, CR/LF or leading/trailing space; quotes doubled.
    static func quote(_ field: String) -> String {
        let needs = field.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
            || field.first == " " || field.last == " "
        guard needs else { return field }
        var out = "\""
        for ch in field {
            if ch == "\"" { out += "\"\"" } else { out.append(ch) }
        }
        return out + "\""
    }
}
