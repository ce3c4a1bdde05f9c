import Foundation
import Testing

/// Resizing the terminal (SIGWINCH): the line being typed is redrawn at the new width, and results are fitted
/// to the width the terminal has when they are printed.
extension REPLTests {
    @Test func resizingAtThePromptRedrawsTheLineAtTheNewWidth() throws {
        let home = try Self.makeHome("resize")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TmuxSession(command: Self.command(home: home), columns: 100)
        var screen = try session.wait { $0.screenLines.contains(where: Self.isPrompt) }
        let prompt = Self.lastPrompt(screen) + " "  // the capture drops trailing spaces
        // Fits on one row of 100 columns, needs two of 60.
        let typed = "describe " + String(repeating: "a", count: 100 - prompt.count - 20)
        try session.type(typed)
        try session.wait { Self.lastPrompt($0).hasSuffix(typed) }

        try session.resize(columns: 60, rows: 40)
        // Keys that reach sift before the SIGWINCH would be edited at the old width (a race a person typing
        // after resizing does not run); give the redraw time to happen first (generously: sanitizer runs are slow).
        usleep(1_000_000)
        // Ctrl-A goes to the start of the line, which only lands after the prompt if the editor knows the new
        // width (with the old one it thinks the line is on one row and goes to the wrong one).
        try session.press("C-a")
        try session.type("X")
        let line = prompt + "X" + typed
        let rows = [String(line.prefix(60)), String(line.dropFirst(60))]
        screen = try session.wait { $0.screenLines.contains(rows[0]) && $0.screenLines.contains(rows[1]) }
        let lines = screen.screenLines
        let first = try #require(lines.firstIndex(of: rows[0]), "\(screen)")
        #expect(first + 1 < lines.count && lines[first + 1] == rows[1], "\(screen)")
        // Redrawn in place: one prompt on the screen, not a copy per redraw.
        #expect(lines.filter { $0.hasPrefix("sift [") }.count == 1, "\(screen)")

        // The edited line is what runs.
        try session.press("Enter")
        screen = try session.wait { $0.contains("error:") && Self.lastPrompt($0).hasSuffix("]>") }
        #expect(screen.contains("Xdescribe"), "\(screen)")
    }

    @Test func resultsFollowTheTerminalWidthOfEachStatement() throws {
        let home = try Self.makeHome("width")
        defer { try? FileManager.default.removeItem(at: home) }
        let session = try TmuxSession(command: Self.command(home: home), columns: 120, rows: 60)
        try session.wait { $0.screenLines.contains(where: Self.isPrompt) }
        try session.type("load \"Examples/sweep.csv\"")
        try session.press("Enter")
        try session.wait { Self.lastPrompt($0).contains("405") }

        try session.type("runs 3")
        try session.press("Enter")
        try session.wait { $0.contains("runs 3") && Self.lastPrompt($0).hasSuffix("]>") }
        let wide = try session.screen(joined: true).screenLines.map(\.count).max() ?? 0
        #expect(wide > 64, "the panel should use more than 64 of 120 columns")

        try session.press("C-l")
        try session.resize(columns: 64, rows: 60)
        try session.type("runs 3")
        try session.press("Enter")
        let screen = try session.wait { $0.contains("runs 3") && Self.lastPrompt($0).hasSuffix("]>") }
        let lines = try session.screen(joined: true).screenLines
        #expect(lines.allSatisfy { $0.count <= 64 }, "a line wider than the 64-column terminal:\n\(screen)")
    }
}
