import Foundation

/// Where results go: standard output, or a file named by `--output` / `.output`.
final class ResultSink {
    /// The file's path, nil for standard output.
    let path: String?
    private let stream: StandardStream
    /// Whether results land on a terminal (colour and Unicode only then).
    let isTerminal: Bool

    private init(path: String?, stream: StandardStream, isTerminal: Bool) {
        self.path = path
        self.stream = stream
        self.isTerminal = isTerminal
    }

    /// Standard output.
    static func standardOutput() -> ResultSink {
        ResultSink(path: nil, stream: .output, isTerminal: isatty(1) == 1)
    }

    /// A file, created or emptied now.
    static func file(_ path: String) throws -> ResultSink {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SinkError(path: path, reason: String(cString: strerror(errno)))
        }
        return ResultSink(path: path, stream: StandardStream(descriptor: descriptor), isTerminal: false)
    }

    /// Writes rendered results.
    func write(_ text: String) { stream.write(text) }

    deinit {
        if path != nil { close(stream.descriptor) }
    }
}

/// A results file that could not be opened.
struct SinkError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot write \"\(path)\": \(reason)" }
}
