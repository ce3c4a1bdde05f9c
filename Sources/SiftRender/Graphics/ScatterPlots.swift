import SiftCore

/// Small scatter plots of the metric against one param each.
enum ScatterPlots {
    static let width = 330.0
    static let height = 250.0
    static let left = 56.0
    static let right = 14.0
    static let top = 34.0
    static let bottom = 206.0

    /// One inline SVG: `metric` (y) against `param` (x), points coloured by the metric.
    static func render(data: ReportData, param: String, log: Bool, correlation: String?, colors: MetricColors) -> String {
        guard let pc = data.table.column(named: param), let mc = data.table.column(named: data.metric) else { return "" }
        let xAxis = Axis(name: param, column: pc, rows: data.rows, log: log)
        let yAxis = Axis(name: data.metric, column: mc, rows: data.rows, log: false)
        // Points stay 4% inside the frame so none sit on its edge.
        func px(_ p: Double) -> Double { left + (0.04 + 0.92 * p) * (width - left - right) }
        func py(_ p: Double) -> Double { bottom - (0.04 + 0.92 * p) * (bottom - top) }
        var s = "<svg class=\"scatter\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVG.n(width)) "
            + "\(SVG.n(height))\" role=\"img\" aria-label=\"\(SVG.escape(data.metric)) against \(SVG.escape(param))\">"
        var title = TextLayout.truncateMiddle(param, to: 24, ellipsis: "…")
        if case .log = xAxis.kind { title += " (log)" }
        s += SVG.text(left, 18, title, cls: "plottitle")
        if let correlation { s += SVG.text(width - right, 18, correlation, anchor: "end", cls: "tick") }
        s += SVG.rect(left, top, width - left - right, bottom - top, fill: "#fbfbfc", extra: " stroke=\"#e3e6ea\"")
        for (p, label) in yAxis.ticks() {
            s += SVG.line(left, py(p), width - right, py(p), cls: "gridline")
                + SVG.text(left - 6, py(p) + 4, label, anchor: "end", cls: "tick")
        }
        for (p, label) in xAxis.ticks() {
            s += SVG.line(px(p), bottom, px(p), bottom + 4, cls: "axisline")
                + SVG.text(px(p), bottom + 17, TextLayout.truncateMiddle(label, to: 9, ellipsis: "…"), anchor: "middle",
                           cls: "tick")
        }
        var missing = 0
        var dots = ""
        for r in data.rows {
            guard let m = mc[r].number, m.isFinite, let yp = yAxis.position(mc[r]) else { continue }
            guard var xp = xAxis.position(pc[r]) else {
                missing += 1
                continue
            }
            if xAxis.isCategorical { xp += (jitter(r) - 0.5) * xAxis.band * 0.6 }
            dots += "<circle cx=\"\(SVG.n(px(xp)))\" cy=\"\(SVG.n(py(yp)))\" r=\"2.6\" fill=\"\(colors.color(m))\"/>"
        }
        s += "<g class=\"dots\">" + dots + "</g>"
        let note = missing > 0 ? " · \(missing) without \(param)" : ""
        s += SVG.text(left, height - 10, TextLayout.truncateMiddle(data.metric, to: 24, ellipsis: "…") + " ↑" + note,
                      cls: "tick")
        return s + "</svg>"
    }

    /// A deterministic pseudo-random number in 0…1 for row `r` (spreads points within a category).
    static func jitter(_ r: Int) -> Double {
        var z = UInt64(truncatingIfNeeded: r) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }
}
