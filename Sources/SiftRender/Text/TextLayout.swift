/// Width and padding helpers for monospaced text, in terminal columns (`DisplayWidth`: a CJK character or an
/// emoji takes two).
enum TextLayout {
    /// `text` cut to at most `width` columns by removing its middle (`learn…rate`).
    /// A wide character that does not fit whole is left out, so the result may be a column short.
    static func truncateMiddle(_ text: String, to width: Int, ellipsis: String) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        let chars = Array(text)
        let e = DisplayWidth.of(ellipsis)
        guard width > e else { return String(fitting(chars, max(0, width))) }
        let keep = width - e
        let head = fitting(chars, (keep + 1) / 2)
        let tail = fitting(chars.reversed(), keep - (keep + 1) / 2).reversed()
        return String(head) + ellipsis + String(tail)
    }

    /// The longest prefix of `chars` at most `width` columns wide.
    private static func fitting(_ chars: some Sequence<Character>, _ width: Int) -> [Character] {
        var out: [Character] = []
        var used = 0
        for c in chars {
            let w = DisplayWidth.of(c)
            if used + w > width { break }
            out.append(c)
            used += w
        }
        return out
    }

    /// `text` padded with spaces on the right to `width` columns.
    static func padRight(_ text: String, _ width: Int) -> String {
        let n = DisplayWidth.of(text)
        return n >= width ? text : text + String(repeating: " ", count: width - n)
    }

    /// `text` padded with spaces on the left to `width` columns.
    static func padLeft(_ text: String, _ width: Int) -> String {
        let n = DisplayWidth.of(text)
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
