#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file's bytes mapped read-only into memory for the length of a call (no copy into an array), with a
/// leading UTF-8 byte-order mark left out. Falls back to reading the file when it cannot be mapped.
enum MappedFile {
    /// Calls `body` with the file's bytes (without a BOM); they are valid only during the call.
    static func withBytes<R>(path: String,
                             _ body: (UnsafeBufferPointer<UInt8>) throws(LoadError) -> R) throws(LoadError) -> R {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw LoadError(path: path, message: "cannot open the file (\(String(cString: strerror(errno))))")
        }
        var info = stat()
        let size = fstat(fd, &info) == 0 ? Int(info.st_size) : -1
        var flags = MAP_PRIVATE
        #if os(Linux)
        flags |= MAP_POPULATE
        #endif
        let mapped = size > 0 ? mmap(nil, size, PROT_READ, flags, fd, 0) : nil
        close(fd)
        guard let mapped, mapped != MAP_FAILED else {
            let source = try SourceBytes.load(path: path)
            return try source.bytes.withUnsafeBufferPointer { (b) throws(LoadError) -> R in try body(b) }
        }
        defer { munmap(mapped, size) }
        let all = UnsafeBufferPointer(start: mapped.assumingMemoryBound(to: UInt8.self), count: size)
        let bom = size >= 3 && all[0] == 0xEF && all[1] == 0xBB && all[2] == 0xBF
        return try body(bom ? UnsafeBufferPointer(rebasing: all[3...]) : all)
    }
}
