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

    /// The command line as plain values.
    var invocation: Invocation {
        Invocation(files: files, statements: statements, format: format, noColor: noColor, seed: seed,
                   threads: threads, maxRows: maxRows, expanded: expanded, keepGoing: keepGoing, quiet: quiet,
                   output: output, noRC: noRC)
    }

    func run() throws {
        try invocation.run()
    }
}

extension OutputFormat: ExpressibleByArgument {}
