import Foundation
import SiftCore
import SiftLanguage
import SiftRender

/// Runs source through the interpreter and prints what happens: results to the sink, the rest to stderr.
/// The REPL and batch mode share it, so a script and the same lines typed at the prompt print the same.
final class StatementRunner {
    let interpreter: Interpreter
    /// Where results go (`--output`, `.output`).
    var sink: ResultSink
    let terminal: Terminal
    /// No notes on stderr (`--quiet`).
    let quiet: Bool
    /// The progress line on stderr, when stderr is a terminal and not quiet.
    let progress: ProgressLine?
    /// A `quit` statement ran.
    private(set) var quitRequested = false

    init(interpreter: Interpreter, sink: ResultSink, terminal: Terminal, quiet: Bool) {
        self.interpreter = interpreter
        self.sink = sink
        self.terminal = terminal
        self.quiet = quiet
        if terminal.stderrIsTerminal && !quiet {
            let line = ProgressLine { Terminal.columns(of: 2) ?? 80 }
            progress = line
            interpreter.progress = ProgressSink { label, fraction in line.report(label, fraction) }
        } else {
            progress = nil
        }
    }

    /// Runs every statement of `source`; false if one failed. Stops at the first failure unless `keepGoing`.
    @discardableResult
    func run(_ source: String, file: String, keepGoing: Bool) -> Bool {
        interpreter.cancellation.reset()
        progress?.begin()
        var failed = false
        var cancelled = false
        let succeeded = interpreter.run(source, file: file, keepGoing: keepGoing) { event in
            progress?.clear()
            switch event {
            case .output(let output):
                sink.write(render(output))
            case .note(let text):
                if !quiet { StandardStream.error.write(text.hasSuffix("\n") ? text : text + "\n") }
            case .error(let diagnostic):
                failed = true
                if Self.isCancellation(diagnostic, token: interpreter.cancellation) {
                    cancelled = true
                } else {
                    StandardStream.error.write(diagnostic.rendered(color: errorColor))
                }
            case .finished(let seconds):
                if interpreter.options.timer { StandardStream.error.write(Self.timing(seconds)) }
            case .quit:
                quitRequested = true
            }
        }
        progress?.end()
        // Ctrl-C is not a mistake in the source: a plain note, no location or caret (said even when quiet,
        // since it is why the statement printed nothing).
        if cancelled {
            StandardStream.error.write("cancelled\n")
        }
        return succeeded && !failed
    }

    /// Prints a diagnostic found outside the interpreter (a bad dot-command in a start-up file) as the
    /// interpreter's are printed.
    func report(_ diagnostic: Diagnostic) {
        progress?.clear()
        StandardStream.error.write(diagnostic.rendered(color: errorColor))
    }

    /// Whether `diagnostic` only says that the statement stopped because `token` was cancelled (Ctrl-C).
    static func isCancellation(_ diagnostic: Diagnostic, token: CancellationToken) -> Bool {
        token.isCancelled && diagnostic.message == "cancelled"
    }

    /// `output` as the current options ask (format, rows, expanded, colour only on a terminal).
    func render(_ output: Output) -> String {
        let options = interpreter.options
        let onTerminal = sink.isTerminal
        let renderOptions = RenderOptions(
            width: onTerminal ? (Terminal.columns(of: 1) ?? 100) : 100,
            color: onTerminal && options.color && !terminal.noColorRequested,
            unicode: onTerminal,
            maxRows: options.maxRows,
            expanded: options.expanded)
        let text = Renderer.render(output, format: options.format, options: renderOptions)
        return text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    }

    /// The `.timer` line for a statement that took `seconds`.
    static func timing(_ seconds: Double) -> String {
        "time: " + String(format: "%.3f", seconds) + " s\n"
    }

    /// Whether error messages on stderr get colour.
    private var errorColor: Bool {
        terminal.stderrIsTerminal && interpreter.options.color && !terminal.noColorRequested
    }

    /// Flushes and closes what the session opened.
    func finish() {
        progress?.end()
    }
}
