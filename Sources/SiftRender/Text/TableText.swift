import SiftCore

/// `runs`, `params`, `describe`… tables as aligned text, or one field per line (expanded).
enum TableText {
    /// Columns never shrink below this many characters when fitting the width.
    static let minColumn = 6
    static let gap = "  "

    /// `table` as text under `options` (width, `maxRows`, expanded, ASCII).
    static func render(_ table: ResultTable, options: RenderOptions) -> String {
        let g = Glyphs.of(options)
        let style = Style(enabled: options.color)
        let limit = options.maxRows.map { max(0, $0) } ?? table.rows.count
        let shown = Array(table.rows.prefix(limit))
        let hiddenRows = table.rows.count - shown.count
        let cells = shown.map { row in table.columns.indices.map { i in
            CellText.format(i < row.count ? row[i] : .missing, glyphs: g)
        } }
        var lines: [String] = []
        if let title = table.title { lines.append(style.apply(title, .bold)) }
        let widths = fittedWidths(table, cells: cells, width: options.width)
        if options.expanded || (widths == nil && table.columns.count > 1) {
            lines += expanded(table, cells: cells, options: options, glyphs: g, style: style)
        } else {
            lines += aligned(table, cells: cells, widths: widths ?? naturalWidths(table, cells: cells), glyphs: g,
                             style: style)
        }
        for f in table.footer { lines.append(style.apply(f, .dim)) }
        if hiddenRows > 0 {
            lines.append(style.apply("\(g.ellipsis) \(NumberFormat.human(Double(hiddenRows))) more row"
                                     + (hiddenRows == 1 ? "" : "s"), .dim))
        }
        if table.rows.isEmpty { lines.append(style.apply("(no rows)", .dim)) }
        return lines.joined(separator: "\n") + "\n"
    }

    static func naturalWidths(_ table: ResultTable, cells: [[String]]) -> [Int] {
        table.columns.enumerated().map { i, name in
            max(DisplayWidth.of(TextLayout.printable(name)), cells.map { DisplayWidth.of($0[i]) }.max() ?? 0)
        }
    }

    /// Column widths that fit `width` by shrinking the widest columns; nil when even the minimum is too wide.
    static func fittedWidths(_ table: ResultTable, cells: [[String]], width: Int) -> [Int]? {
        var widths = naturalWidths(table, cells: cells)
        let total = { widths.reduce(0, +) + gap.count * max(0, widths.count - 1) }
        while total() > width {
            guard let i = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[i] > minColumn else {
                return nil
            }
            widths[i] -= 1
        }
        return widths
    }

    /// Whether every present cell of column `i` is a number (right-aligned).
    static func isNumeric(_ table: ResultTable, column i: Int) -> Bool {
        var any = false
        for row in table.rows where i < row.count {
            switch row[i] {
            case .number: any = true
            case .missing: continue
            default: return false
            }
        }
        return any
    }

    static func aligned(_ table: ResultTable, cells: [[String]], widths: [Int], glyphs g: Glyphs,
                        style: Style) -> [String] {
        let numeric = table.columns.indices.map { isNumeric(table, column: $0) }
        func fit(_ text: String, _ i: Int) -> String {
            let t = TextLayout.truncateMiddle(text, to: widths[i], ellipsis: g.ellipsis)
            return numeric[i] ? TextLayout.padLeft(t, widths[i]) : TextLayout.padRight(t, widths[i])
        }
        var out: [String] = []
        let header = table.columns.enumerated().map { fit(TextLayout.printable($1), $0) }.joined(separator: gap)
        out.append(style.apply(TextLayout.trimTrailing(header), .bold))
        out.append(style.apply(widths.map { String(repeating: g.rule, count: $0) }.joined(separator: gap), .dim))
        for row in cells {
            var line = Line()
            for (i, cell) in row.enumerated() {
                if i > 0 { line.add(gap) }
                line.add(fit(cell, i), codes: cell == g.missing ? [.dim] : [])
            }
            out.append(line.rendered(style))
        }
        return out
    }

    static func expanded(_ table: ResultTable, cells: [[String]], options: RenderOptions, glyphs g: Glyphs,
                         style: Style) -> [String] {
        let names = table.columns.map(TextLayout.printable)
        let nameWidth = min(max(1, options.width / 3), names.map(DisplayWidth.of).max() ?? 1)
        let valueWidth = max(minColumn, options.width - nameWidth - 3)
        let sep = g.r2 == "R²" ? " │ " : " | "
        var out: [String] = []
        for (r, row) in cells.enumerated() {
            let label = "-[ RECORD \(r + 1) ]"
            out.append(style.apply(label + String(repeating: "-", count: max(0, min(options.width, 40) - label.count)),
                                   .dim))
            for (i, cell) in row.enumerated() {
                let name = TextLayout.padRight(TextLayout.truncateMiddle(names[i], to: nameWidth, ellipsis: g.ellipsis),
                                               nameWidth)
                let value = TextLayout.truncateMiddle(cell, to: valueWidth, ellipsis: g.ellipsis)
                out.append(TextLayout.trimTrailing(style.apply(name, .bold) + style.apply(sep, .dim) + value))
            }
        }
        return out
    }
}
