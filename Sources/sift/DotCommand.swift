import SiftLanguage
import SiftRender

/// Shell habits at the prompt (sqlite3, psql, duckdb): a line starting with `.`. Display settings map onto
/// the same session options `set` changes; `.output` is the prompt's own (scripts use `--output`).
enum DotCommand: Equatable {
    /// `.timer on|off` — `set timer = on|off`.
    case timer(Bool)
    /// `.output FILE` / `.output` — results to a file, or back to stdout.
    case output(String?)
    /// `.mode text|json|csv|markdown` — `set format = …`.
    case mode(OutputFormat)
    /// `.expanded on|off` — `set expanded = on|off`.
    case expanded(Bool)
    /// `.maxrows N|off` — `set maxrows = N`.
    case maxRows(Int?)
    /// `.help`
    case help
    /// `.quit`, `.exit`
    case quit

    /// Whether `line` is a dot-command (rather than a statement).
    static func isDotCommand(_ line: String) -> Bool {
        line.drop(while: { $0 == " " || $0 == "\t" }).first == "."
    }

    /// The names Tab offers at the start of a line.
    static let names = [".expanded", ".help", ".maxrows", ".mode", ".output", ".quit", ".timer"]

    /// Completions when the cursor is in the first word of a dot-command line, else nil (not a dot-command).
    static func completions(line: String, cursor: Int) -> [String]? {
        let before = String(decoding: line.utf8.prefix(cursor), as: UTF8.self)
        let word = before.drop(while: { $0 == " " || $0 == "\t" })
        guard word.first == ".", !word.contains(" ") else { return nil }
        return names.filter { $0.hasPrefix(word) }
    }

    /// Tab completion when the cursor is in the first word of a dot-command line (the word starts after the
    /// leading blanks), else nil.
    static func tabCompletion(line: String, cursor: Int) -> TabCompletion? {
        guard let names = completions(line: line, cursor: cursor) else { return nil }
        let blanks = line.utf8.prefix { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }.count
        return TabCompletion(start: blanks, candidates: names)
    }

    /// Parses one dot-command line.
    static func parse(_ line: String) -> Result<DotCommand, DotCommandError> {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let name = words.first else { return .failure(DotCommandError("empty command")) }
        let arguments = Array(words.dropFirst())
        func switchValue() -> Result<Bool, DotCommandError> {
            guard arguments.count == 1, let on = onOff(arguments[0]) else {
                return .failure(DotCommandError("\(name) takes on or off"))
            }
            return .success(on)
        }
        switch name {
        case ".timer": return switchValue().map { .timer($0) }
        case ".expanded", ".x": return switchValue().map { .expanded($0) }
        case ".mode", ".format":
            guard arguments.count == 1, let format = OutputFormat(rawValue: arguments[0].lowercased()) else {
                return .failure(DotCommandError("\(name) takes one of: text, json, csv, markdown"))
            }
            return .success(.mode(format))
        case ".maxrows":
            // The values `set maxrows` and `--max-rows` take: a whole number ≥ 1, or off (0 is not "off").
            let bad = DotCommandError(".maxrows takes a whole number ≥ 1, or off")
            guard arguments.count == 1 else { return .failure(bad) }
            if ["off", "none", "all"].contains(arguments[0].lowercased()) { return .success(.maxRows(nil)) }
            guard let rows = Int(arguments[0]), rows > 0 else { return .failure(bad) }
            return .success(.maxRows(rows))
        case ".output", ".out":
            let rest = line.drop(while: { $0 == " " || $0 == "\t" }).drop(while: { $0 != " " && $0 != "\t" })
            let path = trimmed(rest, removing: [" ", "\t", "\""])
            return .success(.output(path.isEmpty ? nil : path))
        case ".help", ".h": return .success(.help)
        case ".quit", ".exit", ".q": return .success(.quit)
        default:
            return .failure(DotCommandError("unknown command \"\(name)\" (.help lists them)"))
        }
    }

    private static func onOff(_ word: String) -> Bool? {
        switch word.lowercased() {
        case "on", "true", "yes", "1": true
        case "off", "false", "no": false
        default: nil
        }
    }

    /// What `.help` prints.
    static let helpText = """
        Statements: type `help` for the list, `help NAME` for one. Shell commands:
          .mode text|json|csv|markdown   format of results (same as: set format = json)
          .maxrows N|off                 show at most N table rows (same as: set maxrows = N)
          .expanded on|off               one field per line (same as: set expanded = on)
          .timer on|off                  time each statement, on stderr (same as: set timer = on)
          .output FILE                   results to FILE; `.output` alone: back to the terminal
          .help                          this list
          .quit                          leave (or Ctrl-D on an empty line)
        Keys: Tab completes, Up/Down walk the history, Ctrl-C cancels the line or a running statement.

        """
}

/// A dot-command that cannot be run, with the reason.
struct DotCommandError: Error, Equatable, CustomStringConvertible {
    let message: String
    init(_ message: String) { self.message = message }
    var description: String { message }
}

/// `text` without the given characters at either end.
private func trimmed(_ text: Substring, removing set: Set<Character>) -> String {
    String(text.drop(while: { set.contains($0) }).reversed().drop(while: { set.contains($0) }).reversed())
}
