import Foundation
import SiftCore

/// The importance panel for a terminal: header, one row per param, notes.
enum PanelText {
    /// OOB R² under this is flagged as too low for the importances to mean much.
    static let lowR2 = 0.2

    /// `panels` as text; several panels (`group by`) share one header and one set of column widths.
    static func render(_ panels: [ImportancePanel], options: RenderOptions) -> String {
        guard let first = panels.first else { return "" }
        let g = Glyphs.of(options)
        let style = Style(enabled: options.color)
        let layout = PanelLayout(panels: panels, width: options.width)
        let w = max(40, options.width)
        let sep = " \(g.dot) "
        var lines: [Line] = []
        if panels.count == 1 {
            lines += Line.wrap(titleItems(first, glyphs: g, withGroup: true), separator: sep, width: w)
            lines += Line.wrap(runsItems(first, glyphs: g) + methodItems(first), separator: sep, width: w)
            lines.append(contentsOf: columnHeader(layout, glyphs: g))
            lines.append(contentsOf: rows(first, layout: layout, glyphs: g))
            lines.append(contentsOf: notes(first, glyphs: g, width: w))
        } else {
            lines += Line.wrap(titleItems(first, glyphs: g, withGroup: false) + methodItems(first), separator: sep,
                               width: w)
            lines.append(contentsOf: columnHeader(layout, glyphs: g))
            for (i, p) in panels.enumerated() {
                if i > 0 { lines.append(Line()) }
                var group = Line()
                group.add(p.group ?? "all runs", .bold)
                lines += Line.wrap([group] + runsItems(p, glyphs: g), separator: sep, width: w)
                lines.append(contentsOf: rows(p, layout: layout, glyphs: g))
                lines.append(contentsOf: notes(p, glyphs: g, width: w))
            }
        }
        return lines.map { $0.rendered(style) }.joined(separator: "\n") + "\n"
    }

    // MARK: - Header

    /// `importance of val_loss (last)`, the goal, and the group.
    static func titleItems(_ p: ImportancePanel, glyphs g: Glyphs, withGroup: Bool) -> [Line] {
        var title = Line()
        title.add("importance of ")
        title.add(p.metric, .bold)
        if let v = p.metricValue { title.add(" (\(v))") }
        var items = [title]
        switch p.goal {
        case .minimize?: items.append(Line("lower is better"))
        case .maximize?: items.append(Line("higher is better"))
        case nil: break
        }
        if withGroup, let group = p.group {
            var line = Line()
            line.add(group, .bold)
            items.append(line)
        }
        return items
    }

    /// Method, trees, seed.
    static func methodItems(_ p: ImportancePanel) -> [Line] {
        var items = [Line(p.method)]
        if p.trees > 0 { items.append(Line("\(p.trees) trees")) }
        items.append(Line("seed \(p.seed)"))
        return items
    }

    /// Runs used of runs in view, and the OOB R² (flagged when low).
    static func runsItems(_ p: ImportancePanel, glyphs g: Glyphs) -> [Line] {
        var items = [Line("\(p.runsUsed) of \(p.runsInView) runs used")]
        if let r2 = p.oobR2 {
            var line = Line()
            let text = "OOB \(g.r2) \(NumberFormat.fixed(r2, decimals: 2))"
            if r2 < lowR2 || !r2.isFinite {
                line.add(text + " (low)", .yellow, .bold)
            } else {
                line.add(text)
            }
            items.append(line)
        }
        return items
    }

    static func columnHeader(_ l: PanelLayout, glyphs g: Glyphs) -> [Line] {
        var line = Line()
        var text = TextLayout.padRight("param", l.name) + " "
        if l.flag > 0 { text += String(repeating: " ", count: l.flag + 1) }
        text += TextLayout.padRight(TextLayout.truncateMiddle("importance", to: PanelLayout.number + 1 + l.importanceBar,
                                                             ellipsis: g.ellipsis),
                                    PanelLayout.number + 1 + l.importanceBar) + " "
        if l.interval > 0 { text += TextLayout.padRight("interval", l.interval) + "  " } else { text += " " }
        let corrWidth = l.correlationBar + 1 + PanelLayout.number
        text += TextLayout.padRight(centred("correlation", l.correlationBar), corrWidth) + " "
        text += TextLayout.padLeft("n", l.n)
        line.add(text, .dim)
        var rule = Line()
        rule.add(String(repeating: g.rule, count: text.count), .dim)
        return [line, rule]
    }

    static func centred(_ text: String, _ width: Int) -> String {
        guard text.count < width else { return text }
        return String(repeating: " ", count: (width - text.count) / 2) + text
    }

    // MARK: - Rows

    static func rows(_ p: ImportancePanel, layout l: PanelLayout, glyphs g: Glyphs) -> [Line] {
        let noiseAt: Int? = p.noiseImportance.flatMap { noise in
            guard noise.isFinite, noise > 0 else { return nil }
            // Under half a cell the marker would only hide the first cell of every bar: leave it to the note.
            let cells = (noise / l.scale * Double(l.importanceBar)).rounded()
            guard cells >= 1 else { return nil }  // NaN too
            return Int(min(Double(l.importanceBar - 1), cells))
        }
        var out: [Line] = []
        for param in p.params {
            out.append(paramRow(param, layout: l, glyphs: g, noiseAt: noiseAt))
            for v in param.values ?? [] {
                out.append(valueRow(param: param, value: v, layout: l, glyphs: g, noiseAt: noiseAt))
            }
        }
        if p.params.isEmpty {
            var line = Line()
            line.add("(no params to show)", .dim)
            out.append(line)
        }
        return out
    }

    static func paramRow(_ param: ParamImportance, layout l: PanelLayout, glyphs g: Glyphs, noiseAt: Int?) -> Line {
        let dim: [Style.Code] = param.belowNoise ? [.dim] : []
        var line = Line()
        line.add(TextLayout.padRight(TextLayout.truncateMiddle(param.name, to: l.name, ellipsis: g.ellipsis), l.name),
                 codes: param.belowNoise ? [.dim] : [.bold])
        line.add(" ")
        if l.flag > 0 {
            line.add(TextLayout.padRight(param.logScale ? "log" : "", l.flag), .cyan)
            line.add(" ")
        }
        line.add(TextLayout.padLeft(NumberFormat.fixed(param.importance, decimals: 3), PanelLayout.number), codes: dim)
        line.add(" ")
        addImportanceBar(&line, fraction: param.importance / l.scale, faint: param.belowNoise, layout: l, glyphs: g,
                         noiseAt: noiseAt)
        line.add(" ")
        if l.interval > 0 {
            let iv = NumberFormat.fixed(param.importanceLow, decimals: 3) + g.dash
                + NumberFormat.fixed(param.importanceHigh, decimals: 3)
            line.add(TextLayout.padRight(iv, l.interval), .dim)
            line.add("  ")
        } else {
            line.add(" ")
        }
        if let c = param.correlation {
            addCorrelation(&line, c, layout: l, glyphs: g, dim: param.belowNoise)
        } else if param.values == nil && param.eta2 == nil {
            // A numeric param whose correlation could not be computed (constant, or no runs with both).
            line.add(String(repeating: " ", count: l.correlationBar + 1))
            line.add(TextLayout.padLeft(g.missing, PanelLayout.number), .dim)
            line.add(" ")
            line.add(TextLayout.padLeft(String(param.n), l.n), codes: dim)
        } else {
            let eta = param.eta2.map { "\(g.eta2) \(NumberFormat.fixed($0, decimals: 2))" } ?? ""
            line.add(TextLayout.padRight(centred(eta, l.correlationBar), l.correlationBar + 1 + PanelLayout.number),
                     .dim)
            line.add(" ")
            line.add(TextLayout.padLeft(String(param.n), l.n), codes: dim)
        }
        return line
    }

    static func valueRow(param: ParamImportance, value v: ValueCorrelation, layout l: PanelLayout, glyphs g: Glyphs,
                         noiseAt: Int?) -> Line {
        var line = Line()
        let label = valueLabel(param: param.name, value: v.value, width: l.name, glyphs: g)
        line.add(TextLayout.padRight(label, l.name),
                 codes: param.belowNoise ? [.dim] : [])
        line.add(" ")
        if l.flag > 0 { line.add(String(repeating: " ", count: l.flag + 1)) }
        line.add(String(repeating: " ", count: PanelLayout.number + 1))
        addImportanceBar(&line, fraction: 0, faint: false, layout: l, glyphs: g, noiseAt: noiseAt)
        line.add(" ")
        line.add(String(repeating: " ", count: l.interval > 0 ? l.interval + 2 : 1))
        addCorrelation(&line, v.correlation, layout: l, glyphs: g, dim: param.belowNoise)
        return line
    }

    /// `  optimizer=sgd` in `width` columns, cutting the param name before the value.
    static func valueLabel(param: String, value: String, width: Int, glyphs g: Glyphs) -> String {
        let full = "  \(param)=\(value)"
        guard DisplayWidth.of(full) > width else { return full }
        let room = width - 3 - DisplayWidth.of(value)
        if room >= g.ellipsis.count + 2 {
            return "  " + TextLayout.truncateMiddle(param, to: room, ellipsis: g.ellipsis) + "=" + value
        }
        return TextLayout.truncateMiddle(full, to: width, ellipsis: g.ellipsis)
    }

    static func addImportanceBar(_ line: inout Line, fraction: Double, faint: Bool, layout l: PanelLayout,
                                 glyphs g: Glyphs, noiseAt: Int?) {
        var cells = Bars.importance(fraction, width: l.importanceBar, glyphs: g, faint: faint)
        let barCodes: [Style.Code] = faint ? [.dim] : [.cyan]
        guard let at = noiseAt, at >= 0, at < cells.count else {
            line.add(String(cells), codes: barCodes)
            return
        }
        cells[at] = g.noise
        line.add(String(cells[..<at]), codes: barCodes)
        line.add(String(g.noise), .yellow)
        line.add(String(cells[(at + 1)...]), codes: barCodes)
    }

    static func addCorrelation(_ line: inout Line, _ c: Correlation, layout l: PanelLayout, glyphs g: Glyphs,
                               dim: Bool) {
        let (cells, bar) = Bars.signed(c.r, width: l.correlationBar, glyphs: g)
        let colour: [Style.Code] = (c.r < 0 ? [.red] : [.green]) + (dim ? [.dim] : [])
        line.add(String(cells[..<bar.lowerBound]), .dim)
        line.add(String(cells[bar]), codes: colour)
        line.add(String(cells[bar.upperBound...]), .dim)
        line.add(" ")
        line.add(TextLayout.padLeft(NumberFormat.signed(c.r, decimals: 2), PanelLayout.number), codes: colour)
        line.add(" ")
        line.add(TextLayout.padLeft(String(c.n), l.n), codes: dim ? [.dim] : [])
    }

    // MARK: - Notes

    static func notes(_ p: ImportancePanel, glyphs g: Glyphs, width: Int) -> [Line] {
        var out: [Line] = []
        if let noise = p.noiseImportance, noise.isFinite {
            var line = Line()
            line.add(String(g.noise), .yellow)
            var text = " noise baseline \(NumberFormat.fixed(noise, decimals: 3))"
            if let high = p.noiseImportanceHigh, high.isFinite {
                text += " (up to \(NumberFormat.fixed(high, decimals: 3)))"
            }
            let below = p.params.filter(\.belowNoise).count
            if below > 0 {
                text += "; \(below) param\(below == 1 ? "" : "s") under it, drawn \(g.faint)"
            }
            line.add(text, .dim)
            out.append(line)
        }
        var facts: [String] = []
        if p.hiddenCount > 0 { facts.append("\(p.hiddenCount) hidden") }
        let dropped = p.dropped.filter { $0.count > 0 }
        if !dropped.isEmpty {
            let total = dropped.reduce(0) { $0 + $1.count }
            facts.append("dropped \(total) run\(total == 1 ? "" : "s"): "
                         + dropped.map { "\($0.count) \($0.reason)" }.joined(separator: ", "))
        }
        if !facts.isEmpty {
            var line = Line()
            line.add(facts.joined(separator: " \(g.dot) "), .dim)
            out.append(line)
        }
        if !p.interactions.isEmpty {
            var line = Line()
            line.add("interactions: ", .dim)
            line.add(p.interactions.prefix(5).map {
                "\($0.first) \(g.times) \($0.second) \(NumberFormat.fixed($0.importance, decimals: 3))"
            }.joined(separator: ", "))
            out.append(line)
        }
        var warnings = p.warnings
        if let r2 = p.oobR2, r2 < lowR2 || !r2.isFinite,
           !warnings.contains(where: { $0.contains("R²") || $0.contains("R2") || $0.contains("OOB") }) {
            warnings.append("OOB R² is \(NumberFormat.fixed(r2, decimals: 2)): the forest barely explains "
                            + "\(p.metric), so the importances mean little")
        }
        for w in warnings {
            let text = g.r2 == "R²" ? "⚠ " + w : "! " + asciiOnly(w)
            out += Line.wrapWords(text, codes: [.yellow], width: width)
        }
        return out.flatMap { line in line.width > width ? Line.wrapWords(line.plain, codes: [.dim], width: width) : [line] }
    }

    /// `text` with the few non-ASCII symbols the panel itself writes replaced (user text is kept).
    static func asciiOnly(_ text: String) -> String {
        text.replacingOccurrences(of: "R²", with: "R2").replacingOccurrences(of: "η²", with: "eta2")
            .replacingOccurrences(of: "→", with: "->").replacingOccurrences(of: "…", with: "...")
    }
}
