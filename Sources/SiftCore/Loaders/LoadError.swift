/// Why a file could not be loaded, and where. Nothing is loaded when this is thrown.
public struct LoadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory.
    public var path: String
    /// 1-based line (text formats), when known.
    public var line: Int?
    /// 1-based column (text formats), when known.
    public var column: Int?
    /// What is at fault when there is no line: `record 12`, `run abc123`, `table trials`.
    public var record: String?
    /// What is wrong, lowercase, names in quotes.
    public var message: String
    /// How to fix it, when there is something to say.
    public var hint: String?
    /// The name given in the load's `metrics`/`params` list that is at fault, so a front end can point at it.
    public var roleName: String?

    public init(path: String, line: Int? = nil, column: Int? = nil, record: String? = nil,
                message: String, hint: String? = nil) {
        self.path = path
        self.line = line
        self.column = column
        self.record = record
        self.message = message
        self.hint = hint
    }

    /// `path:line:col: message` (or `path: record: message`), then the hint on its own line.
    public var description: String {
        var s = path
        if let line {
            s += ":\(line)"
            if let column { s += ":\(column)" }
        }
        s += ": "
        if let record { s += "\(record): " }
        s += message
        if let hint { s += "\nhelp: \(hint)" }
        return s
    }
}
