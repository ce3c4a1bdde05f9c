import Foundation
import SiftCore

/// The importance panel as a self-contained SVG picture (inline styles, no fonts or links fetched).
public enum PanelSVG {
    static let width = 820.0
    static let rowHeight = 24.0
    static let nameX = 16.0
    static let barX = 250.0
    static let barWidth = 250.0
    static let corrX = 590.0
    static let corrWidth = 150.0
    static let nX = 800.0

    /// `panels` (one, or one per group plus the overall one) as an SVG document.
    public static func render(_ panels: [ImportancePanel]) -> String {
        let (body, height) = content(panels)
        return "<svg class=\"sift-panel\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(SVG.n(width))\" height=\"\(SVG.n(height))\" "
            + "viewBox=\"0 0 \(SVG.n(width)) \(SVG.n(height))\" font-family=\"system-ui, -apple-system, "
            + "'Segoe UI', Helvetica, Arial, sans-serif\" font-size=\"13\">\n" + style + "\n"
            + "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n" + body + "</svg>\n"
    }

    /// Styles scoped to `.sift-panel`, so the picture can sit inline in an HTML page without leaking.
    static let style = "<style>" + rules.map { ".sift-panel " + $0 }.joined() + "</style>"

    static let rules = [
        ".t{font-size:16px;font-weight:600;fill:#1d2430}", ".s{fill:#5b6472}",
        ".h{fill:#5b6472;font-size:11px;text-transform:uppercase;letter-spacing:.04em}", ".p{fill:#1d2430}",
        ".v{fill:#3d4552}", ".num{fill:#1d2430;font-variant-numeric:tabular-nums}", ".dim{fill:#98a0ab}",
        ".log{fill:#2a6f97;font-size:10px}", ".w{fill:#a15c00}", ".axis{stroke:#9aa3ad;stroke-width:1}",
        ".iv{stroke:#1d2430;stroke-width:1.2}", ".noise{stroke:#e08a00;stroke-width:1.5;stroke-dasharray:4 3}",
        ".g{font-size:14px;font-weight:600;fill:#1d2430}",
    ]

    /// The SVG elements (without the `<svg>` wrapper) and the height they need.
    static func content(_ panels: [ImportancePanel], top: Double = 0) -> (String, Double) {
        guard let first = panels.first else { return ("", 40) }
        var out = ""
        var y = top + 26
        var title = "Importance of \(first.metric)"
        if let v = first.metricValue { title += " (\(v))" }
        switch first.goal {
        case .minimize?: title += " · lower is better"
        case .maximize?: title += " · higher is better"
        case nil: break
        }
        if panels.count == 1, let g = first.group { title += " · \(g)" }
        out += SVG.text(nameX, y, title, cls: "t") + "\n"
        y += 20
        var sub = [first.method]
        if first.trees > 0 { sub.append("\(first.trees) trees") }
        sub.append("seed \(first.seed)")
        out += SVG.text(nameX, y, sub.joined(separator: " · "), cls: "s") + "\n"
        var top = 0.0
        for p in panels {
            for param in p.params where param.importanceHigh.isFinite { top = max(top, param.importanceHigh) }
            for param in p.params where param.importance.isFinite { top = max(top, param.importance) }
            if let noise = p.noiseImportance, noise.isFinite { top = max(top, noise) }
        }
        let scale = top > 0 ? top : 1
        for p in panels {
            y += 30
            out += SVG.text(nameX, y, (p.group ?? (panels.count > 1 ? "all runs" : "")).isEmpty
                                ? runsText(p) : (p.group ?? "all runs") + " · " + runsText(p), cls: "g") + "\n"
            y += 22
            out += SVG.text(nameX, y, "param", cls: "h") + SVG.text(barX, y, "importance", cls: "h")
                + SVG.text(corrX + corrWidth / 2, y, "correlation", anchor: "middle", cls: "h")
                + SVG.text(nX, y, "n", anchor: "end", cls: "h") + "\n"
            y += 8
            let rowsTop = y
            var rows = ""
            for param in p.params {
                rows += paramRow(param, y: y, scale: scale)
                y += rowHeight
                for v in param.values ?? [] {
                    rows += valueRow(param: param.name, v, y: y, dim: param.belowNoise)
                    y += rowHeight
                }
            }
            // Centre line of the correlation bars and the noise baseline span all rows.
            out += SVG.line(corrX + corrWidth / 2, rowsTop, corrX + corrWidth / 2, y, cls: "axis") + "\n"
            out += rows
            if let noise = p.noiseImportance, noise.isFinite, noise > 0 {
                let x = barX + noise / scale * barWidth
                out += SVG.line(x, rowsTop - 2, x, y + 2, cls: "noise") + "\n"
                y += 16
                out += SVG.line(nameX, y - 4, nameX + 18, y - 4, cls: "noise")
                    + SVG.text(nameX + 24, y, "noise baseline \(NumberFormat.fixed(noise, decimals: 3))"
                               + (p.params.contains(where: \.belowNoise) ? " — params under it in grey" : ""),
                               cls: "s") + "\n"
            }
            for note in notes(p) {
                y += 18
                out += SVG.text(nameX, y, note.text, cls: note.warning ? "w" : "s") + "\n"
            }
        }
        return (out, y + 20)
    }

    static func runsText(_ p: ImportancePanel) -> String {
        var s = "\(p.runsUsed) of \(p.runsInView) runs used"
        if let r2 = p.oobR2 { s += " · OOB R² \(NumberFormat.fixed(r2, decimals: 2))" + (r2 < PanelText.lowR2 ? " (low)" : "") }
        return s
    }

    static func notes(_ p: ImportancePanel) -> [(text: String, warning: Bool)] {
        var out: [(String, Bool)] = []
        var facts: [String] = []
        if p.hiddenCount > 0 { facts.append("\(p.hiddenCount) hidden") }
        for d in p.dropped where d.count > 0 { facts.append("dropped \(d.count): \(d.reason)") }
        if !facts.isEmpty { out.append((facts.joined(separator: " · "), false)) }
        if !p.interactions.isEmpty {
            out.append(("interactions: " + p.interactions.prefix(4).map {
                "\($0.first) × \($0.second) \(NumberFormat.fixed($0.importance, decimals: 3))"
            }.joined(separator: ", "), false))
        }
        out += p.warnings.map { ("⚠ " + $0, true) }
        if let r2 = p.oobR2, r2 < PanelText.lowR2, !p.warnings.contains(where: { $0.contains("R") }) {
            out.append(("⚠ OOB R² is \(NumberFormat.fixed(r2, decimals: 2)): the importances mean little", true))
        }
        return out
    }

    static func paramRow(_ param: ParamImportance, y: Double, scale: Double) -> String {
        let mid = y + rowHeight / 2
        var s = "<g class=\"row\"><title>\(SVG.escape(param.name)): importance "
            + "\(NumberFormat.fixed(param.importance, decimals: 4)) "
            + "[\(NumberFormat.fixed(param.importanceLow, decimals: 4)), "
            + "\(NumberFormat.fixed(param.importanceHigh, decimals: 4))], n \(param.n)</title>"
        let name = TextLayout.truncateMiddle(param.name, to: param.logScale ? 24 : 29, ellipsis: "…")
        s += SVG.text(nameX, mid + 4, name, cls: param.belowNoise ? "dim" : "p")
        if param.logScale { s += SVG.text(barX - 44, mid + 4, "log", cls: "log") }
        let w = max(0, param.importance / scale * barWidth)
        s += SVG.rect(barX, y + 5, w, rowHeight - 10, fill: param.belowNoise ? Palette.faint : Palette.bar,
                      extra: " rx=\"2\"")
        let lo = barX + max(0, param.importanceLow) / scale * barWidth
        let hi = barX + max(0, param.importanceHigh) / scale * barWidth
        s += SVG.line(lo, mid, hi, mid, cls: "iv") + SVG.line(lo, mid - 4, lo, mid + 4, cls: "iv")
            + SVG.line(hi, mid - 4, hi, mid + 4, cls: "iv")
        s += SVG.text(barX + barWidth + 12, mid + 4, NumberFormat.fixed(param.importance, decimals: 3),
                      cls: param.belowNoise ? "dim" : "num")
        if let c = param.correlation {
            s += correlation(c.r, y: y, dim: param.belowNoise)
        } else if let eta = param.eta2 {
            s += SVG.text(corrX + corrWidth / 2 + 6, mid + 4, "η² \(NumberFormat.fixed(eta, decimals: 2))", cls: "s")
        }
        s += SVG.text(nX, mid + 4, String(param.n), anchor: "end", cls: "num")
        return s + "</g>\n"
    }

    static func valueRow(param: String, _ v: ValueCorrelation, y: Double, dim: Bool) -> String {
        let mid = y + rowHeight / 2
        var s = "<g class=\"row\">"
        s += SVG.text(nameX + 14, mid + 4, TextLayout.truncateMiddle("\(param)=\(v.value)", to: 30, ellipsis: "…"),
                      cls: dim ? "dim" : "v")
        s += correlation(v.correlation.r, y: y, dim: dim)
        s += SVG.text(nX, mid + 4, String(v.correlation.n), anchor: "end", cls: "num")
        return s + "</g>\n"
    }

    static func correlation(_ r: Double, y: Double, dim: Bool) -> String {
        let centre = corrX + corrWidth / 2
        guard r.isFinite else { return "" }
        let w = min(1, abs(r)) * corrWidth / 2
        let x = r < 0 ? centre - w : centre
        var s = SVG.rect(x, y + 6, w, rowHeight - 12, fill: r < 0 ? Palette.negative : Palette.positive,
                         extra: dim ? " opacity=\"0.45\"" : "")
        let label = NumberFormat.signed(r, decimals: 2).trimmingCharacters(in: .whitespaces)
        s += r < 0
            ? SVG.text(centre + 6, y + rowHeight / 2 + 4, label, cls: "num")
            : SVG.text(centre - 6, y + rowHeight / 2 + 4, label, anchor: "end", cls: "num")
        return s
    }
}
