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
    /// `output` in `format`; JSON is one object per line (JSON Lines).
    public static func render(_ output: Output, format: OutputFormat, options: RenderOptions) -> String {
        "\(output)\n"
    }
}
