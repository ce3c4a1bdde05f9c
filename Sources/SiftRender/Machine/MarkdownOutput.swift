import SiftCore

/// Results as GitHub-flavoured Markdown tables.
public enum MarkdownOutput {
    /// `output` as Markdown; tables follow `options.maxRows` (with a line saying how many were left out).
    public static func render(_ output: Output, options: RenderOptions) -> String {
        switch output {
        case .panels(let panels): return panels.map(panel).joined(separator: "\n")
        case .correlation(let reports): return reports.map(correlation).joined(separator: "\n")
        case .table(let t): return table(t, maxRows: options.maxRows)
        case .message(let m): return (m.level == .warning ? "**warning:** " : "") + escape(m.text) + "\n"
        }
    }

    static func panel(_ p: ImportancePanel) -> String {
        var head = "**Importance of `\(p.metric)`**"
        if let goal = p.goal { head += goal == .minimize ? " (lower is better)" : " (higher is better)" }
        if let group = p.group { head += " — \(escape(group))" }
        var facts = ["\(p.runsUsed) of \(p.runsInView) runs used", p.method]
        if p.trees > 0 { facts.append("\(p.trees) trees") }
        facts.append("seed \(p.seed)")
        if let r2 = p.oobR2 { facts.append("OOB R² \(NumberFormat.fixed(r2, decimals: 3))") }
        if let noise = p.noiseImportance { facts.append("noise baseline \(NumberFormat.fixed(noise, decimals: 3))") }
        var lines = [head, "", facts.joined(separator: " · "), ""]
        lines.append("| param | importance | interval | correlation | n |")
        lines.append("|---|---:|---|---:|---:|")
        for param in p.params {
            var name = "`\(param.name)`"
            if param.logScale { name += " (log)" }
            if param.belowNoise { name += " *(below noise)*" }
            let corr = param.correlation.map { NumberFormat.signed($0.r, decimals: 3) }
                ?? param.eta2.map { "η² \(NumberFormat.fixed($0, decimals: 3))" } ?? ""
            lines.append("| \(escape(name)) | \(NumberFormat.fixed(param.importance, decimals: 3)) | "
                         + "\(NumberFormat.fixed(param.importanceLow, decimals: 3))–"
                         + "\(NumberFormat.fixed(param.importanceHigh, decimals: 3)) | \(corr) | \(param.n) |")
            for v in param.values ?? [] {
                lines.append("| &nbsp;&nbsp;\(escape(param.name))=\(escape(v.value)) | | | "
                             + "\(NumberFormat.signed(v.correlation.r, decimals: 3)) | \(v.correlation.n) |")
            }
        }
        var notes: [String] = []
        if p.hiddenCount > 0 { notes.append("\(p.hiddenCount) hidden") }
        for d in p.dropped where d.count > 0 { notes.append("dropped \(d.count): \(escape(d.reason))") }
        if !p.interactions.isEmpty {
            notes.append("interactions: " + p.interactions.prefix(5).map {
                "\(escape($0.first)) × \(escape($0.second)) \(NumberFormat.fixed($0.importance, decimals: 3))"
            }.joined(separator: ", "))
        }
        notes += p.warnings.map { "⚠ " + escape($0) }
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map { "- " + $0 }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func correlation(_ r: CorrelationReport) -> String {
        var lines = ["**Correlation with `\(r.metric)`** (\(r.method))" + (r.group.map { " — \(escape($0))" } ?? ""), ""]
        lines.append("| param | r | interval | p | n |")
        lines.append("|---|---:|---|---:|---:|")
        for row in r.rows {
            let c = row.correlation
            let name = row.value.map { "\(row.param)=\($0)" } ?? row.param
            var interval = ""
            if let lo = c.low, let hi = c.high {
                interval = NumberFormat.signed(lo, decimals: 2) + " … " + NumberFormat.signed(hi, decimals: 2)
            }
            lines.append("| \(escape(name)) | \(NumberFormat.signed(c.r, decimals: 3)) | \(interval) | "
                         + "\(c.pValue.map(NumberFormat.pValue) ?? "") | \(c.n) |")
        }
        lines += r.warnings.map { "\n⚠ " + escape($0) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func table(_ t: ResultTable, maxRows: Int?) -> String {
        var lines: [String] = []
        if let title = t.title { lines += ["**\(escape(title))**", ""] }
        let numeric = t.columns.indices.map { TableText.isNumeric(t, column: $0) }
        lines.append("| " + t.columns.map(escape).joined(separator: " | ") + " |")
        lines.append("|" + numeric.map { $0 ? "---:" : "---" }.joined(separator: "|") + "|")
        let limit = maxRows.map { max(0, $0) } ?? t.rows.count
        for row in t.rows.prefix(limit) {
            let cells = t.columns.indices.map { i in
                escape(CellText.format(i < row.count ? row[i] : .missing, glyphs: .unicode))
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        var footer = t.footer
        if t.rows.count > limit { footer.append("… \(t.rows.count - limit) more rows") }
        if !footer.isEmpty { lines.append("") }
        lines += footer.map(escape)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` safe inside a table cell: pipes escaped, line breaks as `<br>`.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "|": out += "\\|"
            case "\n", "\r\n": out += "<br>"
            case "\r": out += "<br>"
            default: out.append(ch)
            }
        }
        return out
    }
}
