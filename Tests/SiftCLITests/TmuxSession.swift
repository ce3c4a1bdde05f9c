import Foundation

/// A program running in a detached tmux session on a private socket: type keys, read the screen.
/// Used to drive the real `sift` REPL through a pseudo-terminal.
final class TmuxSession {
    /// Whether tmux is installed (REPL tests are skipped, saying so, when it is not).
    static let available: Bool = {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    /// Path of the server's socket (ours to remove).
    private let socket: String
    private static let tmux: String = {
        ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
            FileManager.default.isExecutableFile(atPath: $0)
        } ?? "tmux"
    }()

    /// Starts `command` (a shell command line) in a `columns`×`rows` terminal.
    init(command: String, columns: Int = 100, rows: Int = 40) throws {
        socket = FileManager.default.temporaryDirectory
            .appendingPathComponent("sift-tmux-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        // The server this starts keeps the client's stdout open: no pipe for it, or reading would never end.
        try tmux(["-f", "/dev/null", "new-session", "-d", "-x", String(columns), "-y", String(rows), command],
                 capture: false)
    }

    deinit {
        _ = try? tmux(["kill-server"], capture: false)
        unlink(socket)
    }

    /// Types `text` literally.
    func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", text], capture: false)
    }

    /// Presses keys by tmux name (`Enter`, `Tab`, `Up`, `C-c`, `C-d`).
    func press(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "0"] + keys, capture: false)
    }

    /// Resizes the terminal (the program gets SIGWINCH).
    func resize(columns: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", "0", "-x", String(columns), "-y", String(rows)], capture: false)
    }

    /// The visible screen, trailing blank lines removed. `joined`: lines the terminal wrapped are joined
    /// back into one (so a line wider than the terminal shows as wider).
    func screen(joined: Bool = false) throws -> String {
        var text = try tmux(["capture-pane", "-p"] + (joined ? ["-J"] : []) + ["-t", "0"])
        while text.hasSuffix("\n\n") { text.removeLast() }
        return text
    }

    /// Polls the screen until `condition` holds (or `timeout` passes); returns the last screen.
    @discardableResult
    func wait(timeout: Double = 10, until condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            usleep(30_000)
        }
        return last
    }

    @discardableResult
    private func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let output = capture ? "\(socket)-\(UInt32.random(in: 0...UInt32.max)).out" : "/dev/null"
        defer { if capture { unlink(output) } }
        try ChildProcess.run([Self.tmux, "-S", socket] + arguments, stdout: output)
        return capture ? (try String(contentsOfFile: output, encoding: .utf8)) : ""
    }
}

/// tmux could not be run.
struct TmuxError: Error {
    let message: String
}

extension String {
    /// Lines of a captured screen.
    var screenLines: [String] { split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}
