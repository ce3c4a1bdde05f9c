import Foundation
import SiftCore

/// A one-line progress report on stderr for work that runs over half a second, redrawn at most ten times a
/// second and erased when the work ends or something else is printed. Reports may come from any thread.
final class ProgressLine: Sendable {
    private struct State {
        var started: ContinuousClock.Instant?
        var drawn: ContinuousClock.Instant?
        var visible = false
        /// Width of the terminal when the statement started (it may have been resized since the last one).
        var columns = 80
    }

    private let state = Locked(State())
    private let measureColumns: @Sendable () -> Int
    /// Work shorter than this shows nothing.
    static let delay: Duration = .milliseconds(500)
    /// At most one redraw per interval.
    static let interval: Duration = .milliseconds(100)

    /// A progress line fitted to the width `columns` reports, asked again at the start of each statement.
    init(columns: @escaping @Sendable () -> Int) {
        measureColumns = columns
    }

    /// A statement starts.
    func begin() {
        let columns = max(20, measureColumns())
        state.withLock { $0 = State(started: .now, columns: columns) }
    }

    /// Work reports `fraction` (0…1) done of `label`.
    func report(_ label: String, _ fraction: Double) {
        let now = ContinuousClock.now
        state.withLock { state in
            guard let started = state.started, now - started >= Self.delay else { return }
            if let drawn = state.drawn, now - drawn < Self.interval { return }
            StandardStream.error.write("\r\u{1B}[2K" + Self.line(label, fraction, columns: state.columns))
            state.drawn = now
            state.visible = true
        }
    }

    /// Erases the line if it is showing (before other output).
    func clear() {
        state.withLock { state in
            guard state.visible else { return }
            StandardStream.error.write("\r\u{1B}[2K")
            state.visible = false
            state.drawn = nil
        }
    }

    /// The statement ended.
    func end() {
        clear()
        state.withLock { $0.started = nil }
    }

    /// `label [#####.....]  42%`, fitted to `columns`.
    static func line(_ label: String, _ fraction: Double, columns: Int) -> String {
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let percent = String(Int((clamped * 100).rounded(.down))) + "%"
        let barWidth = 20
        let filled = Int((clamped * Double(barWidth)).rounded(.down))
        let bar = "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled) + "]"
        let room = columns - 1 - bar.count - percent.count - 3
        let name = label.count > room ? String(label.prefix(max(0, room - 1))) + "…" : label
        return "\(name) \(bar) \(percent)"
    }
}
