#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A text file's bytes, read whole, with the helpers text loaders (CSV, JSON) share:
/// UTF-8 validation and turning a byte offset into a 1-based line and column.
struct SourceBytes: Sendable {
    /// The file's bytes, without a leading UTF-8 byte-order mark.
    let bytes: [UInt8]
    /// Bytes skipped at the start (3 for a BOM), so offsets can be reported in file terms.
    let skipped: Int

    /// Reads `path` whole. Throws a `LoadError` naming the path when it cannot be read.
    static func load(path: String) throws(LoadError) -> SourceBytes {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else {
            throw LoadError(path: path, message: "cannot open the file (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw LoadError(path: path, message: "cannot read the file (\(String(cString: strerror(errno))))")
        }
        let size = Int(info.st_size)
        var failed: Int32 = 0
        var bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            count = 0
            guard let base = buffer.baseAddress else { return }
            var done = 0
            while done < size {
                let n = read(fd, base + done, size - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = errno
                    break
                }
                if n == 0 { break }
                done += n
            }
            count = done
        }
        if failed != 0 {
            throw LoadError(path: path, message: "cannot read the file (\(String(cString: strerror(failed))))")
        }
        var skipped = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes.removeFirst(3)
            skipped = 3
        }
        return SourceBytes(bytes: bytes, skipped: skipped)
    }

    /// The 1-based line and column (in characters) of byte `offset`.
    func location(of offset: Int) -> (line: Int, column: Int) {
        bytes.withUnsafeBufferPointer { Self.location(of: offset, in: $0) }
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when all of it is.
    func firstInvalidUTF8() -> Int? {
        bytes.withUnsafeBufferPointer { Self.firstInvalidUTF8(in: $0) }
    }

    /// The 1-based line and column (in characters) of byte `offset`. Lines end at `\n`, `\r\n` or a lone `\r`.
    static func location(of offset: Int, in b: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        do {
            var i = 0
            let end = min(offset, b.count)
            while i < end {
                let c = b[i]
                if c == 0x0A {
                    line += 1
                    lineStart = i + 1
                } else if c == 0x0D {
                    if i + 1 < b.count, b[i + 1] == 0x0A { i += 1 }
                    line += 1
                    lineStart = i + 1
                }
                i += 1
            }
        }
        var column = 1
        var i = lineStart
        while i < min(offset, b.count) {
            // Count characters: every byte that does not continue a UTF-8 sequence starts one.
            if b[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (line, column)
    }

    /// The offset of the first byte that is not valid UTF-8, or nil when all of it is.
    static func firstInvalidUTF8(in b: UnsafeBufferPointer<UInt8>) -> Int? {
        do {
            let n = b.count
            var i = 0
            while i < n {
                // Fast path: ASCII 32 bytes, then eight bytes, at a time.
                if i + 32 <= n {
                    let raw = UnsafeRawBufferPointer(b)
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                        | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        i += 32
                        continue
                    }
                }
                if i + 8 <= n {
                    let word = UnsafeRawBufferPointer(b).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0 {
                        i += 8
                        continue
                    }
                }
                let c = b[i]
                if c < 0x80 {
                    i += 1
                    continue
                }
                let length: Int
                var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
                switch c {
                case 0xC2...0xDF: length = 2
                case 0xE0: length = 3; lower = 0xA0
                case 0xE1...0xEC, 0xEE...0xEF: length = 3
                case 0xED: length = 3; upper = 0x9F
                case 0xF0: length = 4; lower = 0x90
                case 0xF1...0xF3: length = 4
                case 0xF4: length = 4; upper = 0x8F
                default: return i
                }
                guard i + length <= n else { return i }
                let second = b[i + 1]
                guard second >= lower && second <= upper else { return i }
                var k = 2
                while k < length {
                    guard b[i + k] & 0xC0 == 0x80 else { return i }
                    k += 1
                }
                i += length
            }
            return nil
        }
    }
}

extension SourceBytes {
    /// The whole contents of a file, given in memory; a leading byte-order mark is skipped.
    init(file bytes: [UInt8]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            self.init(bytes: Array(bytes.dropFirst(3)), skipped: 3)
        } else {
            self.init(bytes: bytes, skipped: 0)
        }
    }
}
