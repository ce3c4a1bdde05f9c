#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so readers see the old contents or the new, never a part: a temporary file in the same
/// folder, `fsync`, then `rename` over the target. The temporary file is removed on any failure.
///
/// The rename replaces what `path` names, so two things are done by hand that an in-place write would do by
/// itself: a symbolic link is followed (the file it points to is replaced, the link stays), and an existing
/// file keeps its permission bits (and its owner and group, where the system lets us set them). A file its
/// permissions do not let the user write is refused, although the rename would succeed.
enum AtomicFile {
    /// The most symbolic links followed from one path (Linux's `MAXSYMLINKS`).
    static let maxLinks = 40

    /// Writes `contents` to `path` atomically.
    static func write(_ contents: String, to path: String) throws(ExportError) {
        let target = try resolvingLinks(path)
        let directory = parent(of: target)
        var info = stat()
        guard stat(directory, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw .noDirectory(path: path, directory: directory)
        }
        var existing = stat()
        let exists = lstat(target, &existing) == 0 && (existing.st_mode & S_IFMT) == S_IFREG
        if exists && !isWritable(target, existing) { throw .readOnly(path: path) }
        guard access(directory, W_OK) == 0 else { throw .notWritable(path: path, directory: directory) }
        let base = target.split(separator: "/").last.map(String.init) ?? "export"
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
        // mkstemp makes the file private (0600): give it the replaced file's owner and mode, else an ordinary
        // file's. (Owner first: changing it may clear set-id bits.)
        if exists {
            _ = fchown(fd, existing.st_uid, existing.st_gid)
            fchmod(fd, existing.st_mode & 0o7777)
        } else {
            fchmod(fd, 0o644)
        }
        guard fsync(fd) == 0 else {
            let reason = errorText()
            close(fd)
            throw .failed(path: path, reason: reason)
        }
        guard close(fd) == 0 else { throw .failed(path: path, reason: errorText()) }
        guard rename(tempPath, target) == 0 else { throw .failed(path: path, reason: errorText()) }
        ok = true
        // Make the rename itself durable; failure here does not undo a complete write.
        let dfd = open(directory, O_RDONLY)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    /// The file `path` ends at after following symbolic links (a link's relative target is taken from the
    /// link's folder); `path` itself when it is not a link. The end need not exist (a dangling link is
    /// written through, as a shell's `>` does).
    static func resolvingLinks(_ path: String) throws(ExportError) -> String {
        var current = path
        for _ in 0..<maxLinks {
            var info = stat()
            guard lstat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { throw .failed(path: path, reason: errorText()) }
            let link = String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = link.hasPrefix("/") ? link : parent(of: current) + "/" + link
        }
        throw .failed(path: path, reason: "too many levels of symbolic links")
    }

    /// Whether the user may write the existing file `path` (with status `info`). Root may write any file,
    /// but a file without any write permission is treated as read-only for root too, as editors do.
    static func isWritable(_ path: String, _ info: stat) -> Bool {
        if geteuid() == 0 { return info.st_mode & 0o222 != 0 }
        return access(path, W_OK) == 0
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
