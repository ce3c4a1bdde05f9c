import Foundation

/// Where results go: standard output, or a file named by `--output` / `.output`.
final class ResultSink {
    /// The file's path, nil for standard output.
    let path: String?
    private let stream: StandardStream
    /// Whether results land on a terminal (colour and Unicode only then).
    let isTerminal: Bool
    /// A file's old contents are still there: they go at the first write (or at the end), so a file the
    /// session reads first (`sift -o runs.csv -e 'load "runs.csv"'`) is read before it is replaced.
    private var staleContents: Bool

    private init(path: String?, stream: StandardStream, isTerminal: Bool) {
        self.path = path
        self.stream = stream
        self.isTerminal = isTerminal
        staleContents = path != nil
    }

    /// Standard output.
    static func standardOutput() -> ResultSink {
        ResultSink(path: nil, stream: .output, isTerminal: isatty(1) == 1)
    }

    /// A file, created now and emptied at the first write.
    static func file(_ path: String) throws -> ResultSink {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SinkError(path: path, reason: String(cString: strerror(errno)))
        }
        return ResultSink(path: path, stream: StandardStream(descriptor: descriptor), isTerminal: false)
    }

    /// Writes rendered results.
    func write(_ text: String) {
        emptyStaleContents()
        stream.write(text)
    }

    /// Ends the results: a file nothing was written to is left empty, as the run asked for.
    func finish() { emptyStaleContents() }

    private func emptyStaleContents() {
        guard staleContents else { return }
        staleContents = false
        _ = ftruncate(stream.descriptor, 0)
    }

    deinit {
        guard path != nil else { return }
        emptyStaleContents()
        close(stream.descriptor)
    }
}

extension ResultSink {
    /// Whether `output` names the same file as `input` (both exist and share device and inode).
    static func sameFile(_ output: String, _ input: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(output, &a) == 0, stat(input, &b) == 0 else { return false }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}

/// A results file that could not be opened.
struct SinkError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "cannot write \"\(path)\": \(reason)" }
}
