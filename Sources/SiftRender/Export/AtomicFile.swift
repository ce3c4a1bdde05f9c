#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so readers see the old contents or the new, never a part: a temporary file in the same
/// folder, `fsync`, then `rename` over the target. The temporary file is removed on any failure.
enum AtomicFile {
    /// Writes `contents` to `path` atomically.
    static func write(_ contents: String, to path: String) throws(ExportError) {
        let directory = parent(of: path)
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .noDirectory(path: path, directory: directory)
        }
        guard access(directory, W_OK) == 0 else { throw .notWritable(path: path, directory: directory) }
        let base = path.split(separator: "/").last.map(String.init) ?? "export"
        var template = Array((directory + "/." + base + ".sift-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { buf -> Int32 in
            guard let p = buf.baseAddress else { return -1 }
            return mkstemp(p)
        }
        guard fd >= 0 else { throw .failed(path: path, reason: "cannot create a temporary file: \(errorText())") }
        let tempPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var ok = false
        defer {
            if !ok { unlink(tempPath) }
        }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw -> Int in
                guard let b = raw.baseAddress else { return 0 }
                return systemWrite(fd, b + written, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = errorText()
                close(fd)
                throw .failed(path: path, reason: reason)
            }
            written += n
        }
        // mkstemp makes the file private (0600); an export is an ordinary file.
        fchmod(fd, 0o644)
        guard fsync(fd) == 0 else {
            let reason = errorText()
            close(fd)
            throw .failed(path: path, reason: reason)
        }
        guard close(fd) == 0 else { throw .failed(path: path, reason: errorText()) }
        guard rename(tempPath, path) == 0 else { throw .failed(path: path, reason: errorText()) }
        ok = true
        // Make the rename itself durable; failure here does not undo a complete write.
        let dfd = open(directory, O_RDONLY)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    /// The folder holding `path` (`.` for a bare file name).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = String(path[..<slash])
        return dir.isEmpty ? "/" : dir
    }

    static func errorText() -> String { String(cString: strerror(errno)) }
}

/// `write(2)`, named apart from `AtomicFile.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    return Glibc.write(fd, buffer, count)
    #elseif canImport(Musl)
    return Musl.write(fd, buffer, count)
    #else
    return Darwin.write(fd, buffer, count)
    #endif
}
