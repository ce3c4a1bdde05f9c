import ArgumentParser
import Foundation
import SiftLanguage
import SiftRender

/// What one `sift` command line asks for, as plain values: parsed by `SiftCommand`, or the defaults when there
/// are no arguments at all (`Main.swift` then skips swift-argument-parser, which is a third of the start-up).
/// The defaults must be `SiftCommand`'s; a test checks that parsing no arguments gives `Invocation()`.
struct Invocation: Equatable {
    var files: [String] = []
    var statements: [String] = []
    var format: OutputFormat = .text
    var noColor = false
    var seed: UInt64?
    var threads: Int?
    var maxRows: Int?
    var expanded = false
    var keepGoing = false
    var quiet = false
    var output: String?
    var noRC = false

    /// Runs the REPL or batch mode; throws `ExitCode` for a non-zero status.
    func run() throws {
        let terminal = Terminal.current()
        var options = SessionOptions(format: format, maxRows: maxRows, expanded: expanded,
                                     color: !noColor && !terminal.noColorRequested)
        if let seed { options.seed = seed }
        if let threads { options.threads = threads }
        let sink: ResultSink
        if let output {
            if let script = files.first(where: { ResultSink.sameFile(output, $0) }) {
                StandardStream.error.write("sift: --output \"\(output)\" is the script \"\(script)\": writing results "
                                           + "there would replace it\nhint: name another file for the results\n")
                throw ExitCode(2)
            }
            do { sink = try ResultSink.file(output) } catch {
                StandardStream.error.write("sift: \(error)\n")
                throw ExitCode(2)
            }
        } else {
            sink = ResultSink.standardOutput()
        }
        let runner = StatementRunner(interpreter: Interpreter(options: options), sink: sink, terminal: terminal,
                                     quiet: quiet)
        let interactive = files.isEmpty && statements.isEmpty && terminal.stdinIsTerminal
        let status: Int32
        if interactive {
            status = REPL(runner: runner, runStartupFile: !noRC).run()
        } else {
            status = BatchMode(runner: runner, keepGoing: keepGoing).run(statements: statements, files: files)
        }
        runner.finish()
        runner.sink.finish()
        if status != 0 { throw ExitCode(status) }
    }
}
