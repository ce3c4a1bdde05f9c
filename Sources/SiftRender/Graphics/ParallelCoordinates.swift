import SiftCore

/// A parallel-coordinates plot of the runs: one axis per param plus the metric, one line per run.
enum ParallelCoordinates {
    static let width = 1040.0
    static let height = 408.0
    static let top = 56.0
    static let bottom = 360.0
    static let missingY = 392.0
    static let left = 70.0
    static let right = 70.0

    /// The plot as an inline SVG element; `logScale` names the params drawn on log axes.
    static func render(data: ReportData, params: [String], logScale: Set<String>, colors: MetricColors) -> String {
        guard let metricColumn = data.table.column(named: data.metric) else {
            return "<p class=\"note\">metric \(SVG.escape(data.metric)) is not in the runs</p>"
        }
        let columns = params.compactMap { name in data.table.column(named: name).map { (name, $0) } }
        let axes = columns.map { Axis(name: $0.0, column: $0.1, rows: data.rows, log: logScale.contains($0.0)) }
            + [Axis(name: data.metric, column: metricColumn, rows: data.rows, log: false)]
        let all = columns.map(\.1) + [metricColumn]
        let step = axes.count > 1 ? (width - left - right) / Double(axes.count - 1) : 0
        func x(_ i: Int) -> Double { left + Double(i) * step }
        func y(_ p: Double?) -> Double { p.map { bottom - $0 * (bottom - top) } ?? missingY }

        // Worst runs first, so the best are drawn on top.
        let sorted = data.rows.compactMap { r -> (Int, Double)? in
            guard let m = metricColumn[r].number, m.isFinite else { return nil }
            return (r, m)
        }.sorted { colors.goodness($0.1) < colors.goodness($1.1) }
        let runs = thinned(sorted)
        let names = data.runNames

        var s = "<svg id=\"pc\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" "
            + "role=\"img\" aria-label=\"parallel coordinates of \(runs.count) runs\">\n"
        if runs.count < sorted.count {
            s += SVG.text(width - right, height - 4, "showing \(runs.count) of \(sorted.count) runs, evenly spread "
                          + "over \(data.metric), best always kept", anchor: "end", cls: "tick") + "\n"
        }
        s += SVG.rect(left - 30, missingY - 10, width - left - right + 60, 20, fill: "#f6f7f9", extra: " rx=\"4\"")
        s += SVG.text(left - 40, missingY + 4, "∅", anchor: "end", cls: "tick") + "\n<g class=\"runs\">\n"
        for (r, m) in runs {
            var points: [String] = []
            for (i, axis) in axes.enumerated() {
                points.append(SVG.n(x(i)) + "," + SVG.n(y(axis.position(all[i][r]))))
            }
            var label = names.map { CellText.format($0[r], glyphs: .unicode) } ?? "run \(r + 1)"
            label += " · \(data.metric) \(NumberFormat.human(m))"
            for (name, col) in columns.prefix(4) { label += " · \(name) \(CellText.format(col[r], glyphs: .unicode))" }
            s += "<polyline class=\"run\" points=\"\(points.joined(separator: " "))\" stroke=\"\(colors.color(m))\" "
                + "data-run=\"\(SVG.escape(label))\"/>\n"
        }
        s += "</g>\n"
        for (i, axis) in axes.enumerated() {
            let ax = x(i)
            s += "<g class=\"pc-axis\">" + SVG.line(ax, top, ax, bottom, cls: "axisline")
            for (p, label) in axis.ticks() {
                let ty = y(p)
                s += SVG.line(ax - 4, ty, ax, ty, cls: "axisline")
                    + SVG.text(ax - 7, ty + 4, TextLayout.truncateMiddle(label, to: 10, ellipsis: "…"), anchor: "end",
                               cls: "tick")
            }
            let title = TextLayout.truncateMiddle(axis.name, to: 18, ellipsis: "…")
            var suffix = ""
            if case .log = axis.kind { suffix = " (log)" }
            s += SVG.text(ax, top - 26, title, anchor: "middle", cls: i == axes.count - 1 ? "axistitle metric" : "axistitle")
            if !suffix.isEmpty { s += SVG.text(ax, top - 12, "log scale", anchor: "middle", cls: "tick") }
            s += "</g>\n"
        }
        return s + "</svg>"
    }

    /// At most this many lines are drawn; more make a large file and a grey blur.
    static let maxRuns = 4000

    /// `runs` (sorted worst to best) cut to `maxRuns` by an even stride, keeping the best run.
    static func thinned(_ runs: [(Int, Double)]) -> [(Int, Double)] {
        guard runs.count > maxRuns else { return runs }
        let stride = Double(runs.count - 1) / Double(maxRuns - 1)
        return (0..<maxRuns).map { runs[min(runs.count - 1, Int((Double($0) * stride).rounded()))] }
    }
}
