import Foundation

/// Small helpers for writing SVG and HTML text by hand.
enum SVG {
    /// `text` safe inside XML text and attribute values.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if let a = ch.asciiValue, a < 0x20, a != 0x09, a != 0x0A { out += " " } else { out.append(ch) }
            }
        }
        return out
    }

    /// A coordinate with at most two decimals (`12.5`, `3`).
    static func n(_ x: Double) -> String {
        guard x.isFinite else { return "0" }
        let r = (x * 100).rounded() / 100
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// A `<text>` element.
    static func text(_ x: Double, _ y: Double, _ content: String, anchor: String = "start", cls: String? = nil,
                     extra: String = "") -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\"" + (anchor == "start" ? "" : " text-anchor=\"\(anchor)\"")
            + (cls.map { " class=\"\($0)\"" } ?? "") + extra + ">" + escape(content) + "</text>"
    }

    /// A `<rect>` element.
    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, cls: String? = nil, fill: String? = nil,
                     extra: String = "") -> String {
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(0, w)))\" height=\"\(n(max(0, h)))\""
            + (cls.map { " class=\"\($0)\"" } ?? "") + (fill.map { " fill=\"\($0)\"" } ?? "") + extra + "/>"
    }

    /// A `<line>` element.
    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, cls: String? = nil,
                     extra: String = "") -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\""
            + (cls.map { " class=\"\($0)\"" } ?? "") + extra + "/>"
    }
}

/// Colours for the metric: a viridis-like ramp, best runs brightest.
enum Palette {
    static let stops: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 73, 137), (49, 104, 142), (38, 130, 142), (31, 158, 137),
        (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ]

    /// The colour at `t` in 0…1 as `#rrggbb` (the top end is cut a little so points stay visible on white).
    static func color(_ t: Double) -> String {
        let u = min(1, max(0, t.isFinite ? t : 0)) * 0.92
        let pos = u * Double(stops.count - 1)
        let i = min(stops.count - 2, Int(pos))
        let f = pos - Double(i)
        let a = stops[i], b = stops[i + 1]
        func c(_ x: Double, _ y: Double) -> Int { Int((x + (y - x) * f).rounded()) }
        return String(format: "#%02x%02x%02x", c(a.0, b.0), c(a.1, b.1), c(a.2, b.2))
    }

    static let positive = "#2e9e5b"
    static let negative = "#d64545"
    static let bar = "#4c78a8"
    static let faint = "#c5ccd6"
    static let noise = "#e08a00"
}
