/// A line of text built from pieces that may carry a style; width is measured on the plain text.
struct Line: Sendable {
    private var pieces: [(text: String, codes: [Style.Code])] = []

    /// A line of plain text.
    init(_ text: String = "") {
        if !text.isEmpty { pieces = [(text, [])] }
    }

    /// The text without styling.
    var plain: String { pieces.map(\.text).joined() }

    /// `items` joined by `separator`, starting a new line before an item that would pass `width`.
    static func wrap(_ items: [Line], separator: String, width: Int) -> [Line] {
        var out: [Line] = []
        var current = Line()
        for item in items {
            if current.width == 0 {
                current.add(contentsOf: item)
            } else if current.width + separator.count + item.width <= width {
                current.add(separator)
                current.add(contentsOf: item)
            } else {
                out.append(current)
                current = item
            }
        }
        if current.width > 0 { out.append(current) }
        return out
    }

    /// `text` broken at spaces into lines of at most `width` columns (continuations indented by two).
    static func wrapWords(_ text: String, codes: [Style.Code], width: Int) -> [Line] {
        var out: [Line] = []
        var current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let indent = out.isEmpty ? "" : "  "
            if current.isEmpty {
                current = String(word)
            } else if indent.count + current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                var line = Line()
                line.add(indent + current, codes: codes)
                out.append(line)
                current = String(word)
            }
        }
        var line = Line()
        line.add((out.isEmpty ? "" : "  ") + current, codes: codes)
        out.append(line)
        return out
    }

    /// Appends plain or styled text.
    mutating func add(_ text: String, _ codes: Style.Code...) {
        pieces.append((text, codes))
    }

    /// Appends styled text with a list of codes.
    mutating func add(_ text: String, codes: [Style.Code]) {
        pieces.append((text, codes))
    }

    /// Appends all pieces of `other`.
    mutating func add(contentsOf other: Line) {
        pieces += other.pieces
    }

    /// The width in columns.
    var width: Int { pieces.reduce(0) { $0 + $1.text.count } }

    /// The text with styling applied when `style` is enabled; trailing spaces removed.
    func rendered(_ style: Style) -> String {
        var trimmed = pieces
        while let last = trimmed.last {
            let t = TextLayout.trimTrailing(last.text)
            if t.isEmpty {
                trimmed.removeLast()
                continue
            }
            trimmed[trimmed.count - 1].text = t
            break
        }
        guard style.enabled else { return trimmed.map(\.text).joined() }
        var out = ""
        for p in trimmed {
            if p.codes.isEmpty || p.text.allSatisfy({ $0 == " " }) {
                out += p.text
            } else {
                out += "\u{1B}[" + p.codes.map(\.rawValue).joined(separator: ";") + "m" + p.text + "\u{1B}[0m"
            }
        }
        return out
    }
}
