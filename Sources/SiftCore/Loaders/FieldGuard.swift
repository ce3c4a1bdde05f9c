#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Refuses a large CSV or JSON file holding an absurd field before the file is read whole, in bounded memory.
///
/// The JSON loader, and the CSV loader when its pieces cannot stand for the one-pass reading (an error to
/// report, see `CSVLoader`), read a file whole (`SourceBytes`): memory is a few times the file, whatever its shape.
/// Runs are many short values; a file over `largeFile` bytes is first streamed in `chunk`-byte reads, and a
/// field longer than `maxField` bytes (no param, metric or note is) stops the load with its line and column,
/// having held one chunk. The scans follow the readers' rules loosely on purpose, so they never see a field
/// longer than the real one:
/// - CSV: any of `,` tab `;` and line ends outside quotes ends a field (whatever the delimiter turns out to
///   be); a quote opens a quoted field only at a field's start, `""` inside one being a quote; quoted line
///   breaks count as lines.
/// - JSON: a field is a string (from its opening quote, escapes included) or a run of other characters up
///   to whitespace or one of `{}[],:`.
enum FieldGuard {
    /// The file's syntax.
    enum Syntax: Sendable { case csv, json }

    /// Files at least this large are checked (256 MiB).
    static let largeFile = 256 << 20
    /// The longest field accepted in such a file (64 MiB).
    static let maxField = 64 << 20
    /// Bytes read at a time.
    static let chunk = 1 << 20

    /// Throws when the file at `path` is at least `largeFile` bytes and holds a field longer than `maxField`.
    static func check(path: String, syntax: Syntax, largeFile: Int = largeFile,
                      maxField: Int = maxField) throws(LoadError) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return }  // SourceBytes.load reports it
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, Int(info.st_size) >= largeFile else { return }
        var scan = Scan(syntax: syntax, maxField: maxField)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: chunk)
        defer { buffer.deallocate() }
        while true {
            let n = read(fd, buffer, chunk)
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }  // end of file, or an error SourceBytes.load reports
            if !scan.feed(UnsafeBufferPointer(start: buffer, count: n)) {
                throw LoadError(path: path, line: scan.fieldLine, column: scan.fieldColumn,
                                message: "a field longer than \(maxField >> 20) MiB starts here; "
                                    + "no param, metric or note is that long",
                                hint: "sift reads tables of runs: is this the right file?")
            }
        }
    }

    /// The scanner's state between chunks.
    struct Scan {
        let syntax: Syntax
        let maxField: Int
        var line = 1
        var column = 0
        var fieldLine = 1
        var fieldColumn = 1
        var fieldLength = 0
        var atFieldStart = true
        var inQuotes = false
        var quotePending = false

        var escaped = false

        init(syntax: Syntax, maxField: Int) {
            self.syntax = syntax
            self.maxField = maxField
        }

        /// Consumes `bytes`; false as soon as a field is longer than `maxField`.
        mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            switch syntax {
            case .csv: feedCSV(bytes)
            case .json: feedJSON(bytes)
            }
        }

        private mutating func feedJSON(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for c in bytes {
                if c & 0xC0 != 0x80 { column += 1 }
                if inQuotes {
                    if escaped {
                        escaped = false
                    } else if c == UInt8(ascii: "\\") {
                        escaped = true
                    } else if c == UInt8(ascii: "\"") {
                        inQuotes = false
                        atFieldStart = true
                        fieldLength = 0
                        continue
                    }
                    if c == 0x0A { nextLine() }
                } else {
                    switch c {
                    case 0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["),
                         UInt8(ascii: "]"), UInt8(ascii: ","), UInt8(ascii: ":"):
                        atFieldStart = true
                        fieldLength = 0
                        if c == 0x0A { nextLine() }
                        continue
                    case UInt8(ascii: "\""):
                        inQuotes = true
                        atFieldStart = true
                        fieldLength = 0
                    default:
                        break
                    }
                }
                if !count() { return false }
            }
            return true
        }

        /// Counts the current byte into the field (starting one if needed); false past `maxField`.
        private mutating func count() -> Bool {
            if atFieldStart {
                atFieldStart = false
                fieldLine = line
                fieldColumn = max(column, 1)
            }
            fieldLength += 1
            return fieldLength <= maxField
        }

        private mutating func feedCSV(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            for c in bytes {
                if c & 0xC0 != 0x80 { column += 1 }
                if inQuotes {
                    if quotePending {
                        quotePending = false
                        if c != UInt8(ascii: "\"") { inQuotes = false }
                    } else if c == UInt8(ascii: "\"") {
                        quotePending = true
                    }
                }
                if !inQuotes {
                    switch c {
                    case UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, 0x0A, 0x0D:
                        atFieldStart = true
                        fieldLength = 0
                        if c == 0x0A { nextLine() }
                        continue
                    case UInt8(ascii: "\"") where atFieldStart:
                        inQuotes = true
                    default:
                        break
                    }
                } else if c == 0x0A {
                    nextLine()
                }
                if !count() { return false }
            }
            return true
        }

        private mutating func nextLine() {
            line += 1
            column = 0
        }
    }
}
