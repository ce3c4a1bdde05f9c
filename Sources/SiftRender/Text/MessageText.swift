import SiftCore

/// A statement's short message as a line of text.
enum MessageText {
    /// `m` as one line; warnings are prefixed (and yellow with colour).
    static func render(_ m: Message, options: RenderOptions) -> String {
        let style = Style(enabled: options.color)
        switch m.level {
        case .info: return m.text + "\n"
        case .warning: return style.apply("warning:", .yellow, .bold) + " " + m.text + "\n"
        }
    }
}
