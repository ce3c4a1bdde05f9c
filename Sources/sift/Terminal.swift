import CLibEdit
import Foundation

/// What the process is attached to: which standard streams are terminals, and whether colour was refused.
struct Terminal: Sendable {
    var stdinIsTerminal: Bool
    var stdoutIsTerminal: Bool
    var stderrIsTerminal: Bool
    /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
    var noColorRequested: Bool

    /// The terminal this process runs in.
    static func current() -> Terminal {
        let noColor = ProcessInfo.processInfo.environment["NO_COLOR"].map { !$0.isEmpty } ?? false
        return Terminal(stdinIsTerminal: isatty(0) == 1, stdoutIsTerminal: isatty(1) == 1,
                        stderrIsTerminal: isatty(2) == 1, noColorRequested: noColor)
    }

    /// Columns of the terminal on `descriptor`, or nil when it is not a terminal.
    static func columns(of descriptor: Int32) -> Int? {
        let columns = Int(sift_terminal_columns(descriptor))
        return columns > 0 ? columns : nil
    }
}
