/// Width and padding helpers for monospaced text. One `Character` counts as one column.
enum TextLayout {
    /// `text` cut to at most `width` columns by removing its middle (`learn…rate`).
    static func truncateMiddle(_ text: String, to width: Int, ellipsis: String) -> String {
        let chars = Array(text)
        guard chars.count > width else { return text }
        let e = ellipsis.count
        guard width > e else { return String(chars.prefix(max(0, width))) }
        let keep = width - e
        let head = (keep + 1) / 2
        let tail = keep - head
        return String(chars.prefix(head)) + ellipsis + String(chars.suffix(tail))
    }

    /// `text` padded with spaces on the right to `width` columns.
    static func padRight(_ text: String, _ width: Int) -> String {
        let n = text.count
        return n >= width ? text : text + String(repeating: " ", count: width - n)
    }

    /// `text` padded with spaces on the left to `width` columns.
    static func padLeft(_ text: String, _ width: Int) -> String {
        let n = text.count
        return n >= width ? text : String(repeating: " ", count: width - n) + text
    }

    /// `text` with control characters shown as escapes, so one cell stays on one line.
    static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            switch s {
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if s.value < 0x20 || s.value == 0x7F {
                    out += "\\u{" + String(s.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(s)
                }
            }
        }
        return out
    }

    /// `text` with trailing spaces removed.
    static func trimTrailing(_ text: String) -> String {
        var s = Substring(text)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
