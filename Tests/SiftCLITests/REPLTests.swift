import Foundation
import Testing

/// The REPL driven through a real pseudo-terminal (tmux): prompt, Tab, history, Ctrl-C, Ctrl-D, UTF-8.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed (apt-get install tmux); REPL tests skipped"))
struct REPLTests {
    /// A fresh home folder, so history and start-up files are the test's own.
    static func makeHome(_ name: String) throws -> URL {
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("sift-repl-\(getpid())-\(name)")
        try? FileManager.default.removeItem(at: home)
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        return home
    }

    /// The shell command that runs sift on the terminal and then says how it exited.
    /// Leak detection is off for the child (it only matters in an AddressSanitizer build, where libedit's
    /// line buffers, kept until exit, would print a leak report onto the screen); the test process keeps it.
    /// A REPL in `home` that has loaded `Examples/sweep.csv` (its prompt shows the 405 runs).
    static func sessionWithSweep(home: URL) throws -> TmuxSession {
        let session = try TmuxSession(command: command(home: home))
        try session.wait { $0.screenLines.contains(where: isPrompt) }
        try session.type("load \"Examples/sweep.csv\"")
        try session.press("Enter")
        try session.wait { lastPrompt($0).contains("405") }
        return session
    }

    static func command(home: URL, arguments: String = "") -> String {
        "cd \(packageRoot().path) && env -i HOME=\(home.path) TERM=xterm LANG=C.UTF-8 PATH=/usr/bin:/bin "
            + "ASAN_OPTIONS=detect_leaks=0 LSAN_OPTIONS=detect_leaks=0 "
            + "\(siftExecutable().path) \(arguments); echo \"[exit $?]\"; sleep 30"
    }

    /// The last line that shows a prompt.
    static func lastPrompt(_ screen: String) -> String {
        screen.screenLines.last { $0.hasPrefix("sift [") || $0.hasPrefix("   ...>") } ?? ""
    }

    static func isPrompt(_ line: String) -> Bool {
        line.hasPrefix("sift [") && line.contains("]>")
    }

    @Test func editsCompletesRecallsAndExits() throws {
        let home = try Self.makeHome("main")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TmuxSession(command: Self.command(home: home))

        // Welcome line and a prompt showing the view.
        var screen = try session.wait { $0.screenLines.contains(where: Self.isPrompt) }
        #expect(screen.contains("type `help` for statements"), "\(screen)")
        #expect(Self.isPrompt(Self.lastPrompt(screen)), "\(screen)")

        // Tab completes a dot-command name; the command then runs without output.
        try session.type(".ti")
        try session.press("Tab")
        screen = try session.wait { Self.lastPrompt($0).hasSuffix("]> .timer") }
        #expect(Self.lastPrompt(screen).hasSuffix("]> .timer"), "\(screen)")
        try session.type("on")
        try session.press("Enter")

        // A failing statement: the error with its caret, then a new prompt; the session goes on.
        try session.type("frobnicate 1")
        try session.press("Enter")
        screen = try session.wait { $0.contains("<input>:1:1: error:") && Self.lastPrompt($0).hasSuffix("]>") }
        #expect(screen.contains("<input>:1:1: error:"), "\(screen)")
        #expect(screen.screenLines.contains { $0.hasSuffix("| frobnicate 1") })

        // Ctrl-C drops the line being typed and gives a fresh prompt.
        try session.type("half a line")
        // The terminal discards input not read yet when Ctrl-C comes: wait until sift has read (echoed) it.
        try session.wait { Self.lastPrompt($0).hasSuffix("]> half a line") }
        try session.press("C-c")
        screen = try session.wait { $0.contains("half a line^C") && Self.lastPrompt($0).hasSuffix("]>") }
        #expect(screen.contains("half a line^C"), "\(screen)")
        #expect(Self.isPrompt(Self.lastPrompt(screen)) && Self.lastPrompt(screen).hasSuffix("]>"), "\(screen)")

        // Up recalls the last statement.
        try session.press("Up")
        screen = try session.wait { Self.lastPrompt($0).hasSuffix("]> frobnicate 1") }
        #expect(Self.lastPrompt(screen).hasSuffix("]> frobnicate 1"), "\(screen)")
        try session.press("C-u")

        // UTF-8 input survives line editing.
        try session.type("héllo wörld")
        try session.press("Enter")
        screen = try session.wait { $0.contains("| héllo wörld") }
        #expect(screen.contains("| héllo wörld"), "\(screen)")

        // Ctrl-D on an empty line leaves with status 0.
        try session.wait { Self.lastPrompt($0).hasSuffix("]>") }
        try session.press("C-d")
        screen = try session.wait { $0.contains("[exit ") }
        #expect(screen.contains("[exit 0]"), "\(screen)")

        // History was saved (libedit's format: spaces written as \040), one copy per line.
        let history = try String(contentsOf: home.appendingPathComponent(".sift_history"), encoding: .utf8)
        #expect(history.contains("frobnicate\\0401"), "\(history)")
        #expect(history.components(separatedBy: "frobnicate").count == 2, "\(history)")
    }

    @Test func historyPersistsAcrossSessions() throws {
        let home = try Self.makeHome("persist")
        defer { try? FileManager.default.removeItem(at: home) }
        do {
            let first = try TmuxSession(command: Self.command(home: home))
            try first.wait { $0.screenLines.contains(where: Self.isPrompt) }
            try first.type("frobnicate 42")
            try first.press("Enter")
            try first.wait { $0.contains("<input>:1:1: error:") && Self.lastPrompt($0).hasSuffix("]>") }
            try first.press("C-d")
            try first.wait { $0.contains("[exit ") }
        }
        let second = try TmuxSession(command: Self.command(home: home))
        try second.wait { $0.screenLines.contains(where: Self.isPrompt) }
        try second.press("Up")
        let screen = try second.wait { Self.lastPrompt($0).hasSuffix("]> frobnicate 42") }
        #expect(Self.lastPrompt(screen).hasSuffix("]> frobnicate 42"), "\(screen)")
    }

    @Test func historyKeepsAStatementWithACommentWhole() throws {
        let home = try Self.makeHome("comment")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try Self.sessionWithSweep(home: home)

        // Over two lines, a comment after a trailing `and`.
        try session.type("filter learning_rate < 0.01 and # small")
        try session.press("Enter")
        try session.wait { Self.lastPrompt($0).hasPrefix("   ...>") }
        try session.type("epochs > 10")
        try session.press("Enter")
        var screen = try session.wait { $0.contains("filtered") && Self.lastPrompt($0).hasPrefix("sift [") }
        let view = Self.lastPrompt(screen)

        // Recalled, it is one line without the comment, and runs the same (both conditions).
        try session.press("Up")
        screen = try session.wait { Self.lastPrompt($0).hasSuffix("]> filter learning_rate < 0.01 and epochs > 10") }
        #expect(Self.lastPrompt(screen).hasSuffix("]> filter learning_rate < 0.01 and epochs > 10"), "\(screen)")
        try session.press("Enter")
        screen = try session.wait { $0.components(separatedBy: "filtered").count == 3 && Self.lastPrompt($0).hasSuffix("]>") }
        #expect(Self.lastPrompt(screen) == view, "\(screen)")
        try session.press("C-d")
        try session.wait { $0.contains("[exit ") }
        let history = try String(contentsOf: home.appendingPathComponent(".sift_history"), encoding: .utf8)
        #expect(!history.contains("#") && history.contains("epochs"), "\(history)")
    }

    @Test func startupFileRunsBeforeThePromptUnlessNoRC() throws {
        let home = try Self.makeHome("rc")
        defer { try? FileManager.default.removeItem(at: home) }
        try ".mode json\n.tables\nfrobnicate 7\n".write(to: home.appendingPathComponent(".siftrc"), atomically: true, encoding: .utf8)
        let session = try TmuxSession(command: Self.command(home: home))
        var screen = try session.wait { $0.screenLines.contains(where: Self.isPrompt) }
        // A bad dot-command and a bad statement are both reported at their line of the file.
        #expect(screen.contains("\(home.path)/.siftrc:2:1: error: unknown command \".tables\""), "\(screen)")
        #expect(screen.contains("\(home.path)/.siftrc:3:1: error:"), "\(screen)")
        let skipped = try TmuxSession(command: Self.command(home: home, arguments: "--no-rc"))
        screen = try skipped.wait { $0.screenLines.contains(where: Self.isPrompt) }
        #expect(!screen.contains(".siftrc"), "\(screen)")
    }

    @Test func completesFromTheInterpreterAndContinuesUnfinishedStatements() throws {
        let home = try Self.makeHome("interp")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TmuxSession(command: Self.command(home: home))
        try session.wait { $0.screenLines.contains(where: Self.isPrompt) }

        // A path inside the string after `load`: completed and the string closed.
        try session.type("load \"Examples/swe")
        try session.press("Tab")
        var screen = try session.wait { Self.lastPrompt($0).hasSuffix("]> load \"Examples/sweep.csv\"") }
        #expect(Self.lastPrompt(screen).hasSuffix("]> load \"Examples/sweep.csv\""), "\(screen)")
        try session.press("Enter")
        // The prompt shows the view once runs are loaded.
        screen = try session.wait { Self.lastPrompt($0).contains("405") }
        #expect(Self.lastPrompt(screen).contains("405"), "\(screen)")

        // A statement keyword, then a param name of the loaded runs.
        try session.type("descr")
        try session.press("Tab")
        screen = try session.wait { Self.lastPrompt($0).hasSuffix("]> describe") }
        #expect(Self.lastPrompt(screen).hasSuffix("]> describe"), "\(screen)")
        try session.type("learning_r")
        try session.press("Tab")
        screen = try session.wait { Self.lastPrompt($0).hasSuffix("]> describe learning_rate") }
        #expect(Self.lastPrompt(screen).hasSuffix("]> describe learning_rate"), "\(screen)")
        try session.press("C-u")

        // An open bracket asks for more; the statement runs once it is closed.
        try session.type("filter optimizer in [\"adam\",")
        try session.press("Enter")
        screen = try session.wait { Self.lastPrompt($0).hasPrefix("   ...>") }
        #expect(Self.lastPrompt(screen).hasPrefix("   ...>"), "\(screen)")
        try session.type("\"sgd\"]")
        try session.press("Enter")
        screen = try session.wait { $0.contains("filtered 405") && Self.lastPrompt($0).hasSuffix("]>") }
        #expect(screen.contains("filtered 405"), "\(screen)")
        try session.press("C-d")
        screen = try session.wait { $0.contains("[exit ") }
        #expect(screen.contains("[exit 0]"), "\(screen)")
    }

    @Test func completesOddNamesInBackticks() throws {
        let home = try Self.makeHome("backticks")
        defer { try? FileManager.default.removeItem(at: home) }
        try "name,lr/warmup,val loss\nr1,1,0.5\nr2,2,0.25\n"
            .write(to: home.appendingPathComponent("odd.csv"), atomically: true, encoding: .utf8)
        let session = try TmuxSession(command: Self.command(home: home))
        try session.wait { $0.screenLines.contains(where: Self.isPrompt) }
        try session.type("load \"\(home.path)/odd.csv\"")
        try session.press("Enter")
        try session.wait { Self.lastPrompt($0).contains("2/2") }

        // A name that is not a plain word is inserted in backticks.
        try session.type("filter lr")
        try session.press("Tab")
        var screen = try session.wait { Self.lastPrompt($0).hasSuffix("]> filter `lr/warmup`") }
        #expect(Self.lastPrompt(screen).hasSuffix("]> filter `lr/warmup`"), "\(screen)")
        // Inside an open backtick name, blanks and all.
        try session.type("> 1 and `val l")
        try session.press("Tab")
        screen = try session.wait { Self.lastPrompt($0).hasSuffix("]> filter `lr/warmup` > 1 and `val loss`") }
        #expect(Self.lastPrompt(screen).hasSuffix("]> filter `lr/warmup` > 1 and `val loss`"), "\(screen)")
        try session.type("< 1")
        try session.press("Enter")
        screen = try session.wait { $0.contains("filtered") && Self.lastPrompt($0).contains("1/2") }
        #expect(Self.lastPrompt(screen).contains("1/2"), "\(screen)")
    }

    @Test func unterminatedStringEndsTheStatement() throws {
        let home = try Self.makeHome("unterminated")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TmuxSession(command: Self.command(home: home))
        try session.wait { $0.screenLines.contains(where: Self.isPrompt) }

        // Strings cannot span lines: the statement ends, the error points at the quote, no `...>` prompt.
        try session.type("load \"Examples/sweep")
        try session.press("Enter")
        var screen = try session.wait { $0.contains("error: unterminated string") && Self.lastPrompt($0).hasSuffix("]>") }
        #expect(screen.contains("<input>:1:6: error: unterminated string"), "\(screen)")
        #expect(Self.isPrompt(Self.lastPrompt(screen)), "\(screen)")
        #expect(!screen.contains("...>"), "\(screen)")

        // The same for a backtick name, even inside an open bracket.
        try session.type("filter x in [`odd")
        try session.press("Enter")
        screen = try session.wait { $0.contains("error: unterminated backtick name") && Self.lastPrompt($0).hasSuffix("]>") }
        #expect(screen.contains("error: unterminated backtick name"), "\(screen)")
        #expect(!screen.contains("...>"), "\(screen)")

        // The next line is a statement of its own.
        try session.type("load \"Examples/sweep.csv\"")
        try session.press("Enter")
        screen = try session.wait { Self.lastPrompt($0).contains("405") }
        #expect(Self.lastPrompt(screen).contains("405"), "\(screen)")
        try session.press("C-d")
        screen = try session.wait { $0.contains("[exit ") }
        #expect(screen.contains("[exit 0]"), "\(screen)")
    }

    @Test func controlCCancelsALongStatementAndKeepsTheSession() throws {
        let home = try Self.makeHome("cancel")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try Self.sessionWithSweep(home: home)
        try session.type("set trees = 10000")
        try session.press("Enter")
        try session.wait { $0.contains("trees = 10000") && Self.lastPrompt($0).hasSuffix("]>") }
        try session.type("importance val_loss")
        try session.press("Enter")
        // Work over half a second shows a progress line on stderr (the terminal).
        var screen = try session.wait { $0.contains("forest [") }
        #expect(screen.contains("forest ["), "\(screen)")
        let pressed = Date()
        try session.press("C-c")
        screen = try session.wait { $0.contains("cancelled") && Self.lastPrompt($0).hasSuffix("]>") }
        // A plain note, not an error: no location, no caret, no source line.
        #expect(screen.screenLines.contains("cancelled"), "\(screen)")
        #expect(!screen.contains("error:") && !screen.contains("<input>:") && !screen.contains("^"), "\(screen)")
        #expect(Date().timeIntervalSince(pressed) < 5, "cancelling took too long")
        #expect(!screen.screenLines.contains { $0.hasPrefix("forest [") }, "progress line left behind: \(screen)")
        // The session is intact: the runs are still loaded and the next statement works.
        #expect(Self.lastPrompt(screen).contains("405"), "\(screen)")
        try session.type("describe seed")
        try session.press("Enter")
        screen = try session.wait { $0.contains("describe seed") && Self.lastPrompt($0).hasSuffix("]>") && !$0.hasSuffix("describe seed") }
        try session.press("C-d")
        screen = try session.wait { $0.contains("[exit ") }
        #expect(screen.contains("[exit 0]"), "\(screen)")
    }

    @Test func quitDotCommandLeaves() throws {
        let home = try Self.makeHome("quit")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TmuxSession(command: Self.command(home: home))
        try session.wait { $0.screenLines.contains(where: Self.isPrompt) }
        try session.type(".quit")
        try session.press("Enter")
        let screen = try session.wait { $0.contains("[exit ") }
        #expect(screen.contains("[exit 0]"), "\(screen)")
    }
}
