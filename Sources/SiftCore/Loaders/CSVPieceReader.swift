#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A CSV file's bytes read by offset, never held whole: a regular file read with `pread`, or bytes in
/// memory (tests and fuzzing).
struct CSVByteSource: Sendable {
    private enum Storage: Sendable {
        case file(Int32)
        case memory([UInt8])
    }

    private let storage: Storage
    /// The number of bytes (a file's size when it was opened).
    let count: Int

    /// Bytes in memory, standing for a whole file (a byte-order mark included).
    init(bytes: [UInt8]) {
        storage = .memory(bytes)
        count = bytes.count
    }

    private init(descriptor: Int32, count: Int) {
        storage = .file(descriptor)
        self.count = count
    }

    /// `body` on the regular file at `path`, closed afterwards; nil when it cannot be opened or is not a
    /// regular file (a pipe, a device), which the whole-file reading then reads or reports.
    static func withFile<R>(_ path: String, _ body: (CSVByteSource) -> R?) -> R? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        return body(CSVByteSource(descriptor: fd, count: Int(info.st_size)))
    }

    /// Reads the `n` bytes at `offset` into `into`; false when they cannot all be read (an error, or the
    /// file shrank since it was opened).
    func read(into: UnsafeMutablePointer<UInt8>, _ n: Int, at offset: Int) -> Bool {
        guard n > 0 else { return n == 0 }
        switch storage {
        case .memory(let bytes):
            guard offset >= 0, offset + n <= bytes.count else { return false }
            bytes.withUnsafeBufferPointer { into.update(from: $0.baseAddress! + offset, count: n) }
            return true
        case .file(let fd):
            var done = 0
            while done < n {
                let got = pread(fd, into + done, n - done, off_t(offset + done))
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { return false }
                done += got
            }
            return true
        }
    }
}

/// Reads a range of a CSV file's rows piece by piece, holding one piece at a time instead of the file.
///
/// A piece (`size` bytes) is read into a buffer and cut after its last line break outside quotes; the
/// rows before the cut are scanned as the one-pass reading scans them, and the bytes after it are carried
/// into the next piece. A piece without such a line break is read again twice as large (up to `maxSize`).
///
/// Quotes are counted from the piece's start, which is a row start, so the cut is a row start of the
/// one-pass reading unless a quote appears inside an unquoted field (`ab"c`, which the scanner keeps as
/// text). Then, as with any structural error, invalid UTF-8, or a file that shrank, the reading fails
/// (nil) and the caller reads the file whole, which reports errors with their lines.
struct CSVPieceReader {
    let source: CSVByteSource
    let delimiter: UInt8
    /// Columns per row.
    let width: Int
    /// Bytes read at a time.
    let size: Int
    /// The largest piece tried for one row (64 MiB: no row of runs is longer).
    var maxSize = 64 << 20
    /// Told of every piece read; stops the reading when the load is cancelled.
    var watch = LoadWatch()

    /// The rows starting in `from..<to` (`from` a row start, `to` a row start or the end of the file) read
    /// into one accumulator per column, with room reserved for the rows of `roomFor` bytes (as estimated
    /// from the first piece), or nil when the pieces cannot stand for the one-pass reading.
    func read(from: Int, to: Int, roomFor: Int) -> (columns: [CSVColumnAccumulator], rows: Int)? {
        var capacity = Swift.max(Swift.min(size, to - from), 1)
        var buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var columns = (0..<width).map { _ in CSVColumnAccumulator(capacity: 0) }
        var rows = 0, carry = 0, offset = from, done = 0
        var reserved = false
        while offset < to {
            let want = Swift.min(capacity - carry, to - offset)
            guard source.read(into: buffer + carry, want, at: offset) else { return nil }
            offset += want
            let length = carry + want
            let cut = offset == to ? length : Self.cut(buffer, length)
            if cut == 0 {
                // Not one whole row in the piece: read it again larger.
                guard capacity < maxSize else { return nil }
                let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
                larger.update(from: buffer, count: length)
                buffer.deallocate()
                buffer = larger
                capacity *= 2
                carry = length
                continue
            }
            guard SourceBytes.firstInvalidUTF8(in: UnsafeBufferPointer(start: buffer, count: cut)) == nil else {
                return nil
            }
            let scanner = CSVRowScanner(delimiter: delimiter, base: buffer, count: cut)
            guard let read = try? columns.withUnsafeMutableBufferPointer({ (b) throws(CSVRowScanner.Failure) in
                try scanner.scanRows(from: 0, to: cut, into: b)
            }) else { return nil }
            rows += read.rows
            done += cut
            guard watch.advance(cut) else { return nil }
            if !reserved && rows > 0 && offset < to {
                // Room for as many rows as this piece's rows suggest (5 % more: memory never touched costs
                // nothing), so the columns are not copied as they grow, nor when the halves are joined.
                let expected = Int(Double(rows) / Double(done) * Double(roomFor) * 1.05) + 16
                for c in columns.indices { columns[c].reserve(expected) }
                reserved = true
            }
            carry = length - cut
            if carry > 0 { UnsafeMutableRawPointer(buffer).copyMemory(from: buffer + cut, byteCount: carry) }
        }
        return (columns, rows)
    }

    /// The place after the last line break of `buffer[0..<length]` outside quotes (quotes counted from the
    /// start), or 0 when there is none.
    static func cut(_ buffer: UnsafeMutablePointer<UInt8>, _ length: Int) -> Int {
        guard memchr(buffer, 0x22, length) != nil else {
            var i = length
            while i > 0 && buffer[i - 1] != 0x0A { i -= 1 }
            return i
        }
        var last = 0
        var inQuotes = false
        for i in 0..<length {
            let c = buffer[i]
            if c == 0x22 {
                inQuotes.toggle()
            } else if c == 0x0A && !inQuotes {
                last = i + 1
            }
        }
        return last
    }
}
