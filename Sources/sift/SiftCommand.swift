import ArgumentParser
import Foundation
import SiftLanguage
import SiftRender

/// `sift`: the REPL on a terminal, otherwise a batch runner of scripts, `-e` statements or standard input.
@main
struct SiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sift",
        abstract: "Which hyperparameters mattered? Importance and correlation of a sweep's params, from the terminal.",
        discussion: """
            With no FILE and no -e, sift reads statements from standard input: a prompt with line editing when \
            it is a terminal, a script otherwise. Exit status: 0 success, 1 a statement failed, 2 bad usage.
            """,
        version: SiftVersion.string
    )

    @Argument(help: "Scripts to run, in order (- is standard input).", completion: .file(extensions: ["sift"]))
    var files: [String] = []

    @Option(name: .customShort("e"), help: ArgumentHelp("Statements to run (repeatable; before any FILE).",
                                                        valueName: "statements"))
    var statements: [String] = []

    @Option(help: "Format of results on stdout: text, json (JSON Lines), csv or markdown.")
    var format: OutputFormat = .text

    @Flag(name: .customLong("no-color"), help: "No ANSI colour (also when NO_COLOR is set or stdout is not a terminal).")
    var noColor = false

    @Option(help: "Random seed of the analyses.")
    var seed: UInt64?

    @Option(help: "Worker threads (0: one per core).")
    var threads: Int?

    @Option(name: .customLong("max-rows"), help: "Show at most this many table rows, then say how many were left out.")
    var maxRows: Int?

    @Flag(help: "Show wide rows one field per line.")
    var expanded = false

    @Flag(name: .customLong("keep-going"), help: "In scripts, run the statements after a failed one (default: stop).")
    var keepGoing = false

    @Flag(name: .shortAndLong, help: "No notes, welcome line or progress on stderr; only results and errors.")
    var quiet = false

    @Option(name: .shortAndLong, help: ArgumentHelp("Write results to this file instead of stdout.", valueName: "file"))
    var output: String?

    @Flag(name: .customLong("no-rc"), help: "Do not run the start-up file (~/.siftrc) before the first prompt.")
    var noRC = false

    func validate() throws {
        if let maxRows, maxRows < 1 { throw ValidationError("--max-rows must be at least 1") }
        if let threads, threads < 0 { throw ValidationError("--threads must be 0 (one per core) or more") }
    }

    func run() throws {
        let terminal = Terminal.current()
        var options = SessionOptions(format: format, maxRows: maxRows, expanded: expanded,
                                     color: !noColor && !terminal.noColorRequested)
        if let seed { options.seed = seed }
        if let threads { options.threads = threads }
        let sink: ResultSink
        if let output {
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
        if status != 0 { throw ExitCode(status) }
    }
}

extension OutputFormat: ExpressibleByArgument {}
