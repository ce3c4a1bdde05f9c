/// ANSI styling applied after layout, so widths are computed on plain text.
struct Style: Sendable {
    /// Whether to emit escape sequences at all.
    let enabled: Bool

    /// SGR codes used by the renderers.
    enum Code: String, Sendable {
        case bold = "1"
        case dim = "2"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case cyan = "36"
        case gray = "90"
    }

    /// `text` wrapped in the given SGR codes (unchanged when colour is off or `text` is empty).
    func apply(_ text: String, _ codes: Code...) -> String {
        guard enabled, !text.isEmpty, !codes.isEmpty else { return text }
        return "\u{1B}[" + codes.map(\.rawValue).joined(separator: ";") + "m" + text + "\u{1B}[0m"
    }
}
