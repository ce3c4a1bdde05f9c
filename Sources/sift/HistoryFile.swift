import CLibEdit
import Foundation

/// The REPL's history on disk, in libedit's own format (read back only through libedit).
struct HistoryFile {
    /// Lines kept.
    static let limit = 1000
    /// The file.
    let path: String

    /// `$XDG_STATE_HOME/sift/history` when XDG_STATE_HOME is set, else `~/.sift_history`; nil without a home.
    static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> HistoryFile? {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            return HistoryFile(path: state + "/sift/history")
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return HistoryFile(path: home + "/.sift_history")
    }

    /// Reads the file into `history` (nothing when it does not exist yet).
    func load(into history: OpaquePointer) {
        guard FileManager.default.fileExists(atPath: path) else { return }
        sift_history_load(history, path)
    }

    /// Writes `history` to a temporary file next to the real one, then renames it over (never half a file).
    func save(from history: OpaquePointer) {
        let directory = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let temporary = path + ".tmp-\(getpid())"
        if sift_history_save(history, temporary) >= 0 {
            if rename(temporary, path) != 0 { unlink(temporary) }
        } else {
            unlink(temporary)
        }
    }
}
