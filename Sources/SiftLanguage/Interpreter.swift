import SiftCore
import SiftRender

/// Session options a front end sets from its command line (`--seed`, `--threads`…); `set` changes them later.
///
/// The display fields (`format`, `maxRows`, `expanded`, `color`, `timer`) are read by the front end before it
/// renders each result, so `set format = json` in a script and `.mode json` at the prompt change the same thing.
public struct SessionOptions: Sendable, Equatable {
    /// Seed of every random choice (`set seed`, `--seed`).
    public var seed: UInt64
    /// Trees in the forest when a statement does not say (`set trees`).
    public var trees: Int
    /// Worker threads, 0 for all cores (results do not depend on it).
    public var threads: Int
    /// Format of results on stdout (`set format = json`, `.mode json`, `--format json`).
    public var format: OutputFormat
    /// At most this many table rows, then a footer (`set maxrows = 20`, `.maxrows 20`, `--max-rows 20`); nil: all.
    public var maxRows: Int?
    /// One field per line (`set expanded = on`, `.expanded on`).
    public var expanded: Bool
    /// Colour allowed (`set color = off`, `--no-color`); the front end still uses it only on a terminal.
    public var color: Bool
    /// Print each statement's wall time on stderr (`set timer = on`, `.timer on`).
    public var timer: Bool
    /// Options with the documented defaults.
    public init(seed: UInt64 = 0, trees: Int = 100, threads: Int = 0, format: OutputFormat = .text,
                maxRows: Int? = nil, expanded: Bool = false, color: Bool = true, timer: Bool = false) {
        self.seed = seed
        self.trees = trees
        self.threads = threads
        self.format = format
        self.maxRows = maxRows
        self.expanded = expanded
        self.color = color
        self.timer = timer
    }
}

/// A located problem with the input: rendered by front ends as `file:line:col: error: …`, the source line
/// and a caret.
public struct Diagnostic: Error, Sendable, Equatable {
    /// The script (or `<stdin>`, `-e`) the problem is in.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column, in characters.
    public var column: Int
    /// Characters to underline (at least 1).
    public var length: Int
    /// What is wrong, lowercase, names in quotes.
    public var message: String
    /// How to fix it, when there is something to say.
    public var hint: String?
    /// The source line the caret points into.
    public var sourceLine: String

    /// A diagnostic at a place in a file.
    public init(file: String, line: Int, column: Int, length: Int = 1, message: String, hint: String? = nil,
                sourceLine: String) {
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    /// The whole message: location, source line, caret, help.
    public func rendered(color: Bool = false) -> String {
        let gutter = String(line)
        let pad = String(repeating: " ", count: gutter.count)
        var s = "\(file):\(line):\(column): error: \(message)\n"
        s += "\(pad) |\n\(gutter) | \(sourceLine)\n"
        s += "\(pad) | " + caretLine + "\n"
        if let hint { s += "\(pad) = help: \(hint)\n" }
        return s
    }

    /// The carets under `column` and `length` (counted in Unicode scalars), lined up with the source line as
    /// a terminal shows it: a tab where the source has one, two columns under a wide character or an emoji.
    var caretLine: String {
        let scalars = Array(sourceLine.unicodeScalars)
        let start = min(max(0, column - 1), scalars.count)
        let end = min(start + max(1, length), scalars.count)
        func mirrored(_ part: ArraySlice<Unicode.Scalar>, _ mark: String) -> (text: String, width: Int) {
            var text = ""
            var width = 0
            for c in String(String.UnicodeScalarView(part)) {
                if c == "\t" {
                    text += "\t"
                } else {
                    let w = DisplayWidth.of(c)
                    text += String(repeating: mark, count: w)
                    width += w
                }
            }
            return (text, width)
        }
        // A column past the end of the line (an error at its end) gets spaces for the rest.
        let before = mirrored(scalars[..<start], " ").text + String(repeating: " ", count: max(0, column - 1 - start))
        let under = mirrored(scalars[start..<end], "^")
        return before + (under.width > 0 ? under.text : "^")
    }
}

/// What happened to one statement.
public enum StatementEvent: Sendable {
    /// A result to print on stdout.
    case output(Output)
    /// A note for stderr (warnings, `filtered 412 → 312 runs` when quiet is off).
    case note(String)
    /// The statement failed.
    case error(Diagnostic)
    /// The statement finished; its wall time in seconds (for `.timer`).
    case finished(seconds: Double)
    /// `quit` was run.
    case quit
}

/// Runs sift source against one session. The interpreter never prints: it hands events to `handler`.
public final class Interpreter {
    /// Raised by the front end (Ctrl-C) to stop a long statement.
    public let cancellation = CancellationToken()
    /// Progress of long statements.
    public var progress: ProgressSink = .silent
    /// The session's options; `set` changes them, and a front end may too (dot-commands at the prompt).
    public var options: SessionOptions
    /// Loaded runs, view, undo history, last result.
    var session = Session()
    /// Set by `quit`, so a `quit` inside a sourced script stops the caller too.
    var quitRequested = false

    /// An interpreter with an empty session.
    public init(options: SessionOptions = SessionOptions()) {
        self.options = options
    }

    /// Runs every statement of `source` (from `file`, for diagnostics). Stops at the first failed statement
    /// unless `keepGoing`. Returns false if any statement failed.
    ///
    /// The whole chunk is parsed first: without `keepGoing`, a syntax error anywhere means nothing runs and
    /// every syntax error is reported; with it, the statements that parsed run and the errors are reported
    /// in source order.
    @discardableResult
    public func run(_ source: String, file: String, keepGoing: Bool = false,
                    handler: (StatementEvent) -> Void) -> Bool {
        cancellation.reset()
        quitRequested = false
        return runChunk(source, file: file, keepGoing: keepGoing, handler: handler)
    }

    /// Whether `source` is a complete chunk (no open bracket, string, or trailing operator), for the REPL's
    /// continuation prompt.
    public func isComplete(_ source: String) -> Bool { Completeness.isComplete(source) }

    /// A complete chunk typed over several lines as one line that reads the same, for the REPL's history
    /// (comments before the last line are dropped: on one line they would swallow what follows).
    public func historyLine(_ source: String) -> String { Completeness.joinedLine(source) }

    /// Completions for the word before `cursor` (a UTF-8 offset into `line`), context-aware.
    ///
    /// Each candidate is the whole word that replaces the word before the cursor: the run of characters back to
    /// the last space, quote, bracket, comma, semicolon or operator (so inside `load "Examples/sw` the word is
    /// `Examples/sw`, and `model.la` is one word). A directory candidate ends with `/`.
    public func completions(line: String, cursor: Int) -> [String] {
        tabCompletion(line: line, cursor: cursor).candidates
    }

    /// Where the word before `cursor` (a UTF-8 offset into `line`) starts and what can replace it: after an
    /// open quote, the path typed so far; after an open backtick, the name typed so far with its backtick
    /// (candidates are then all in backticks); elsewhere the run back to the last space, bracket, comma,
    /// semicolon or operator. Names that are not plain words are offered in backticks (`` `lr/warmup` ``,
    /// `` `and` ``).
    public func tabCompletion(line: String, cursor: Int) -> TabCompletion {
        Completer(table: session.state.table).complete(line: line, cursor: cursor)
    }

    /// A short summary of the view for the prompt, e.g. `312/412 runs`.
    public var viewSummary: String { session.summary }

    /// The current table: all loaded runs, or the collapsed ones after `collapse` (for reports that plot runs).
    public var table: RunTable { session.state.table }

    /// The current view of `table`: rows in view, hidden params, grouping.
    public var view: View { session.state.view }

    /// The last result a statement produced (what `export` writes).
    public var lastResult: Output? { session.lastResult }

    /// Adds runs that a front end or a test built itself, as `load` would (appends; the view shows all runs).
    public func add(_ table: RunTable) {
        appendRuns(table)
    }
}
