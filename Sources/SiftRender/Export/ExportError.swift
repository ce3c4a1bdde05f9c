/// Why an export could not be written. Nothing is left behind when one is thrown.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name's extension is not one sift writes.
    case unknownExtension(path: String, known: [String])
    /// The folder the file should go in does not exist.
    case noDirectory(path: String, directory: String)
    /// The folder exists but cannot be written to.
    case notWritable(path: String, directory: String)
    /// The file exists and its permissions do not let the user write it.
    case readOnly(path: String)
    /// The format needs an importance panel (SVG, HTML) but the result is something else.
    case needsPanel(path: String, format: String)
    /// The operating system refused (disk full, path is a folder…).
    case failed(path: String, reason: String)

    /// How to fix it, when there is something to say beyond the message.
    public var hint: String? {
        switch self {
        case .readOnly: return "make it writable (chmod u+w) or export to another name"
        default: return nil
        }
    }

    /// The message for people: what failed, where, and what to do.
    public var description: String {
        switch self {
        case .unknownExtension(let p, let known):
            return "cannot export to \"\(p)\": unknown file type; use one of "
                + known.map { "." + $0 }.joined(separator: ", ")
        case .noDirectory(let p, let d):
            return "cannot export to \"\(p)\": folder \"\(d)\" does not exist"
        case .notWritable(let p, let d):
            return "cannot export to \"\(p)\": folder \"\(d)\" is not writable"
        case .readOnly(let p):
            return "cannot export to \"\(p)\": the file is read-only"
        case .needsPanel(let p, let f):
            return "cannot export to \"\(p)\": \(f) export needs an importance panel (run `importance METRIC` first)"
        case .failed(let p, let reason):
            return "cannot export to \"\(p)\": \(reason)"
        }
    }
}
