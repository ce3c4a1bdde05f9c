import SiftCore

/// How text output should look.
public struct RenderOptions: Sendable, Equatable {
    /// Terminal width in columns.
    public var width: Int
    /// ANSI colour.
    public var color: Bool
    /// Unicode bars and box characters (else plain ASCII).
    public var unicode: Bool
    /// At most this many table rows, then a footer saying how many were left out (nil: all).
    public var maxRows: Int?
    /// One field per line for wide rows.
    public var expanded: Bool

    /// Options; the defaults are plain Unicode text, 100 columns, every row.
    public init(width: Int = 100, color: Bool = false, unicode: Bool = true, maxRows: Int? = nil, expanded: Bool = false) {
        self.width = width
        self.color = color
        self.unicode = unicode
        self.maxRows = maxRows
        self.expanded = expanded
    }
}

/// Output formats for stdout and exports.
public enum OutputFormat: String, Sendable, CaseIterable {
    case text, json, csv, markdown
}

/// Turns results into text for people or programs.
public enum Renderer {
    /// `output` in `format`; JSON is one object per line (JSON Lines). Only `.text` ever holds ANSI colour
    /// (and only when `options.color`); `maxRows` and `expanded` apply to text only, machine formats hold
    /// every row.
    public static func render(_ output: Output, format: OutputFormat, options: RenderOptions) -> String {
        switch format {
        case .text: return text(output, options: options)
        case .json: return JSONOutput.lines(output).map { $0 + "\n" }.joined()
        case .csv: return CSVOutput.render(output)
        case .markdown: return MarkdownOutput.render(output, options: options)
        }
    }

    /// `output` for a terminal or a `.txt` file.
    static func text(_ output: Output, options: RenderOptions) -> String {
        switch output {
        case .panels(let panels): return PanelText.render(panels, options: options)
        case .correlation(let reports): return CorrelationText.render(reports, options: options)
        case .table(let table): return TableText.render(table, options: options)
        case .message(let m): return MessageText.render(m, options: options)
        }
    }
}
