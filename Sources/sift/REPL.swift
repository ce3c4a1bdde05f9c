import Foundation

/// The interactive prompt: libedit line editing, history, completion, multi-line statements, Ctrl-C.
struct REPL {
    let runner: StatementRunner
    /// Run `~/.siftrc` (or `$XDG_CONFIG_HOME/sift/siftrc`) before the first prompt.
    let runStartupFile: Bool

    /// The prompt for a new statement, showing the view.
    static func prompt(viewSummary: String) -> String { "sift [\(viewSummary)]> " }
    /// The prompt while a statement is unfinished.
    static let continuationPrompt = "   ...> "

    /// Runs until Ctrl-D, `.quit` or `quit`; returns the exit status (0).
    func run() -> Int32 {
        Locale.enableMultibyteInput()
        let session = InputSession(runner: runner)
        let toStandardError = !runner.terminal.stdoutIsTerminal
        let screen = StandardStream(descriptor: toStandardError ? 2 : 1)
        if !runner.quiet {
            screen.write("sift \(SiftVersion.string): type `help` for statements, `.help` for shell commands, Ctrl-D to leave.\n")
        }
        Interrupts.install(reading: false)
        if runStartupFile, let path = StartupFile.locate() {
            session.runFile(path)
            if session.finished { return 0 }
        }
        let interpreter = runner.interpreter
        guard let editor = LineEditor(program: "sift", historyFile: HistoryFile.standard(),
                                      outputToStandardError: toStandardError,
                                      completer: { line, cursor in
                                          DotCommand.tabCompletion(line: line, cursor: cursor)
                                              ?? interpreter.tabCompletion(line: line, cursor: cursor)
                                      })
        else {
            StandardStream.error.write("sift: cannot start line editing on this terminal\n")
            return 1
        }
        while !session.finished {
            let prompt = session.isContinuing ? Self.continuationPrompt : Self.prompt(viewSummary: interpreter.viewSummary)
            Interrupts.install(reading: true)
            let input = editor.readLine(prompt: prompt)
            Interrupts.install(reading: false)
            switch input {
            case .endOfInput:
                if !session.isContinuing { screen.write("\n"); return 0 }
                session.discard()
                screen.write("\n")
            case .interrupted:
                session.discard()
            case .line(let line):
                if let entry = session.feed(line, file: "<input>", watchInterrupts: true) {
                    editor.remember(entry)
                }
            }
        }
        return 0
    }
}

extension Locale {
    /// libedit drops non-ASCII input unless the C library's character type is a UTF-8 locale.
    static func enableMultibyteInput() {
        setlocale(LC_CTYPE, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET)))
        if codeset.uppercased().replacingOccurrences(of: "-", with: "") != "UTF8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
    }
}

/// The start-up file run before the first prompt.
enum StartupFile {
    /// `$XDG_CONFIG_HOME/sift/siftrc` (default `~/.config/sift/siftrc`) if it exists, else `~/.siftrc` if it exists.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        let home = environment["HOME"] ?? ""
        var candidates: [String] = []
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") {
            candidates.append(config + "/sift/siftrc")
        } else if !home.isEmpty {
            candidates.append(home + "/.config/sift/siftrc")
        }
        if !home.isEmpty { candidates.append(home + "/.siftrc") }
        return candidates.first { FileManager.default.isReadableFile(atPath: $0) }
    }
}
