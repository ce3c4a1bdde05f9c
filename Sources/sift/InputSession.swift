import Foundation
import SiftLanguage

/// Typed (or start-up file) lines turned into statements and dot-commands: gathers unfinished statements
/// over several lines, runs complete ones, applies dot-commands.
final class InputSession {
    let runner: StatementRunner
    private var pending: [String] = []
    /// Line (1-based) in its file where the pending statement started.
    private var pendingLine = 1
    /// `.quit` or `quit` ran.
    private(set) var finished = false
    /// The start-up file being run, so a bad dot-command in it is reported at its file and line.
    private var fileBeingRun: String?

    init(runner: StatementRunner) {
        self.runner = runner
    }

    /// An unfinished statement is waiting for more lines.
    var isContinuing: Bool { !pending.isEmpty }

    /// Forgets the unfinished statement (Ctrl-C).
    func discard() { pending = [] }

    /// Takes one line; runs it when it completes a statement or is a dot-command. Returns the history entry
    /// for what ran (nil while unfinished or empty).
    @discardableResult
    func feed(_ line: String, file: String, lineNumber: Int = 1, watchInterrupts: Bool = false) -> String? {
        if pending.isEmpty {
            if line.allSatisfy({ $0 == " " || $0 == "\t" }) { return nil }
            if DotCommand.isDotCommand(line) {
                apply(line, lineNumber: lineNumber)
                return line
            }
            pendingLine = lineNumber
        }
        pending.append(line)
        let chunk = pending.joined(separator: "\n")
        guard runner.interpreter.isComplete(chunk) else { return nil }
        pending = []
        // Blank lines in front keep the diagnostics' line numbers right for start-up files.
        let source = String(repeating: "\n", count: max(0, pendingLine - 1)) + chunk
        if watchInterrupts {
            let watcher = InterruptWatcher(token: runner.interpreter.cancellation)
            runner.run(source, file: file, keepGoing: false)
            watcher.stop()
        } else {
            runner.run(source, file: file, keepGoing: false)
        }
        if runner.quitRequested { finished = true }
        return runner.interpreter.historyLine(chunk)
    }

    /// Runs a start-up file line by line, as if typed (dot-commands allowed); errors are reported, not fatal.
    func runFile(_ path: String) {
        guard case .success(let text) = BatchMode.read(path) else {
            StandardStream.error.write("sift: cannot read start-up file \(path)\n")
            return
        }
        fileBeingRun = path
        defer { fileBeingRun = nil }
        var lines = text.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        for (index, line) in lines.enumerated() {
            feed(line, file: path, lineNumber: index + 1)
            if finished { return }
        }
        if isContinuing {
            StandardStream.error.write("\(path):\(pendingLine): unfinished statement at the end of the file, ignored\n")
            discard()
        }
    }

    /// Runs a dot-command line (line `lineNumber` of the start-up file, when one is being run).
    private func apply(_ line: String, lineNumber: Int) {
        switch DotCommand.parse(line) {
        case .failure(let error):
            if let file = fileBeingRun {
                runner.report(InputSession.diagnostic(error, line: line, file: file, lineNumber: lineNumber))
            } else {
                StandardStream.error.write("error: \(error)\n")
            }
        case .success(let command):
            apply(command)
        }
    }

    /// A bad dot-command of a file as a located diagnostic, like a statement's: `FILE:LINE:COL: error: …`, the
    /// line, and a caret under the command.
    static func diagnostic(_ error: DotCommandError, line: String, file: String, lineNumber: Int) -> Diagnostic {
        var source = line
        if source.hasSuffix("\r") { source.removeLast() }
        let blanks = source.prefix { $0 == " " || $0 == "\t" }.count
        let word = source.dropFirst(blanks).prefix { $0 != " " && $0 != "\t" }
        return Diagnostic(file: file, line: lineNumber, column: blanks + 1, length: max(1, word.count),
                          message: error.message, sourceLine: source)
    }

    private func apply(_ command: DotCommand) {
        let interpreter = runner.interpreter
        switch command {
        case .timer(let on): interpreter.options.timer = on
        case .expanded(let on): interpreter.options.expanded = on
        case .mode(let format): interpreter.options.format = format
        case .maxRows(let rows): interpreter.options.maxRows = rows
        case .help: StandardStream.error.write(DotCommand.helpText)
        case .quit: finished = true
        case .output(let path):
            guard let path else {
                runner.sink = ResultSink.standardOutput()
                return
            }
            do {
                runner.sink = try ResultSink.file(path)
            } catch {
                StandardStream.error.write("error: \(error)\n")
            }
        }
    }
}
