import SiftCore

/// `correlation METRIC` reports as text: r, interval, p-value, n and a signed bar per row.
enum CorrelationText {
    /// `reports` as text, one block per report (group).
    static func render(_ reports: [CorrelationReport], options: RenderOptions) -> String {
        let g = Glyphs.of(options)
        let style = Style(enabled: options.color)
        let labels = reports.flatMap { $0.rows.map(label) }
        let anyLog = reports.contains { $0.rows.contains(where: \.logScale) }
        let maxN = reports.flatMap { $0.rows.map(\.correlation.n) }.max() ?? 0
        let nWidth = max(1, String(maxN).count)
        let intervalWidth = 15
        let fixed = 1 + (anyLog ? 4 : 0) + 5 + 1 + intervalWidth + 1 + 6 + 1 + nWidth + 2
        let room = max(20, options.width - fixed)
        let nameWidth = min(max(5, labels.map(DisplayWidth.of).max() ?? 5), max(10, room * 45 / 100))
        var bar = min(31, max(7, room - nameWidth))
        if bar % 2 == 0 { bar -= 1 }
        var lines: [String] = []
        for (k, report) in reports.enumerated() {
            if k > 0 { lines.append("") }
            var title = Line()
            title.add("correlation with ")
            title.add(report.metric, .bold)
            title.add(" (\(report.method))")
            if let group = report.group {
                title.add(" \(g.dot) ")
                title.add(group, .bold)
            }
            lines.append(title.rendered(style))
            var header = TextLayout.padRight("param", nameWidth) + " "
            if anyLog { header += "    " }
            header += TextLayout.padLeft("r", 5) + " " + TextLayout.padRight("interval", intervalWidth) + " "
                + TextLayout.padLeft("p", 6) + " " + TextLayout.padLeft("n", nWidth) + "  "
                + PanelText.centred("-  0  +", bar)
            lines.append(style.apply(TextLayout.trimTrailing(header), .dim))
            let ruleWidth = DisplayWidth.of(TextLayout.trimTrailing(header))
            lines.append(style.apply(String(repeating: g.rule, count: ruleWidth), .dim))
            for row in report.rows {
                let c = row.correlation
                let colour: [Style.Code] = c.r < 0 ? [.red] : [.green]
                var line = Line()
                let name = row.value.map { PanelText.valueLabel(param: row.param, value: $0, width: nameWidth, glyphs: g) }
                    ?? TextLayout.truncateMiddle(row.param, to: nameWidth, ellipsis: g.ellipsis)
                line.add(TextLayout.padRight(name, nameWidth), codes: row.value == nil ? [.bold] : [])
                line.add(" ")
                if anyLog { line.add(row.logScale ? "log " : "    ", .cyan) }
                line.add(TextLayout.padLeft(NumberFormat.signed(c.r, decimals: 2), 5), codes: colour)
                line.add(" ")
                var interval = ""
                if let lo = c.low, let hi = c.high {
                    interval = "[" + NumberFormat.signed(lo, decimals: 2) + ", " + NumberFormat.signed(hi, decimals: 2)
                        + "]"
                }
                line.add(TextLayout.padRight(interval, intervalWidth), .dim)
                line.add(" ")
                line.add(TextLayout.padLeft(c.pValue.map(NumberFormat.pValue) ?? g.missing, 6))
                line.add(" ")
                line.add(TextLayout.padLeft(String(c.n), nWidth))
                line.add("  ")
                let (cells, range) = Bars.signed(c.r, width: bar, glyphs: g)
                line.add(String(cells[..<range.lowerBound]), .dim)
                line.add(String(cells[range]), codes: colour)
                line.add(String(cells[range.upperBound...]), .dim)
                lines.append(line.rendered(style))
            }
            for w in report.warnings {
                lines.append(style.apply((options.unicode ? "⚠ " : "! ") + w, .yellow))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func label(_ row: CorrelationRow) -> String {
        row.value.map { "  \(row.param)=\($0)" } ?? row.param
    }
}
