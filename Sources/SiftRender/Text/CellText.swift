import SiftCore

/// One table cell as people read it.
enum CellText {
    /// `value` formatted: numbers for humans, missing as `∅` (`NA` in ASCII), control characters escaped.
    static func format(_ value: Value, glyphs g: Glyphs) -> String {
        switch value {
        case .missing: return g.missing
        case .number(let x): return NumberFormat.human(x)
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return TextLayout.printable(s)
        }
    }
}
