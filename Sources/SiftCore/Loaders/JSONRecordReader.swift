/// Finds the run records of a JSON file: the elements of a top-level array, the runs of a
/// `{"runs": [...]}` wrapper, a single run object, or one object per line (JSON Lines).
///
/// Each record keeps the byte offset where it starts, so errors can name its line and column. Values are
/// parsed by `JSONReader` (RFC 8259 plus Python's `NaN`/`Infinity`, key order kept).
struct JSONRecordReader {
    /// A record and where it starts.
    struct Record {
        var value: JSONLike
        var offset: Int
    }

    /// Why the file holds no records sift can read, at a byte offset.
    struct Failure: Error {
        var offset: Int
        var message: String
        var hint: String?
    }

    let bytes: [UInt8]

    /// Gives each record to `visit` in file order, as soon as it is parsed (no record is kept here).
    /// `linesOnly` reads JSON Lines even when the file starts with `[`.
    func records(linesOnly: Bool, _ visit: (Record) throws(Failure) -> Void) throws(Failure) {
        let start = skipSpace(0)
        guard start < bytes.count else {
            throw Failure(offset: 0, message: "empty file: no runs",
                          hint: "expected a JSON array of run objects, or one JSON object per line")
        }
        if !linesOnly && bytes[start] == UInt8(ascii: "[") {
            return try arrayElements(openAt: start, visit)
        }
        if !linesOnly && bytes[start] == UInt8(ascii: "{"), let whole = try? JSONReader.parse(bytes) {
            if case .array(let runs)? = whole["runs"] {
                for run in runs { try visit(Record(value: run, offset: start)) }
            } else {
                try visit(Record(value: whole, offset: start))
            }
            return
        }
        try lines(visit)
    }

    /// One record per non-blank line.
    private func lines(_ visit: (Record) throws(Failure) -> Void) throws(Failure) {
        var lineStart = 0
        while lineStart < bytes.count {
            var end = lineStart
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            let first = skipSpace(lineStart, limit: end)
            if first < end {
                let value: JSONLike
                do throws(JSONReader.Malformed) {
                    value = try JSONReader.parse(Array(bytes[first..<end]))
                } catch {
                    throw Failure(offset: first + error.offset, message: error.message,
                                  hint: "each line must hold one complete JSON object (JSON Lines)")
                }
                try visit(Record(value: value, offset: first))
            }
            lineStart = end + 1
        }
    }

    /// The elements of the array opening at `open`, each parsed on its own.
    private func arrayElements(openAt open: Int, _ visit: (Record) throws(Failure) -> Void) throws(Failure) {
        var i = skipSpace(open + 1)
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
            return try trailing(after: i + 1)
        }
        while true {
            guard i < bytes.count else { throw unclosed(open) }
            let end = try valueEnd(from: i, array: open)
            let value: JSONLike
            do throws(JSONReader.Malformed) {
                value = try JSONReader.parse(Array(bytes[i..<end]))
            } catch {
                throw Failure(offset: i + error.offset, message: error.message, hint: nil)
            }
            try visit(Record(value: value, offset: i))
            i = skipSpace(end)
            guard i < bytes.count else { throw unclosed(open) }
            if bytes[i] == UInt8(ascii: ",") {
                i = skipSpace(i + 1)
                continue
            }
            if bytes[i] == UInt8(ascii: "]") { return try trailing(after: i + 1) }
            throw Failure(offset: i, message: "expected \",\" or \"]\" after a record", hint: nil)
        }
    }

    private func trailing(after i: Int) throws(Failure) {
        let rest = skipSpace(i)
        guard rest == bytes.count else {
            throw Failure(offset: rest, message: "unexpected text after the array of runs", hint: nil)
        }
    }

    private func unclosed(_ open: Int) -> Failure {
        Failure(offset: open, message: "unexpected end of file: this \"[\" is never closed",
                hint: "the file may be truncated")
    }

    /// The offset just past the value starting at `i`: strings, brackets and braces are matched; a scalar
    /// ends at the next `,`, `]` or space. Hitting the end inside a value is a truncated file.
    private func valueEnd(from start: Int, array open: Int) throws(Failure) -> Int {
        var depth = 0
        var i = start
        var opens: [Int] = []
        while i < bytes.count {
            let c = bytes[i]
            switch c {
            case UInt8(ascii: "\""):
                let quote = i
                i += 1
                while i < bytes.count, bytes[i] != UInt8(ascii: "\"") { i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1 }
                guard i < bytes.count else {
                    throw Failure(offset: quote, message: "unexpected end of file inside this string",
                                  hint: "the file may be truncated")
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                opens.append(i)
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 { return i }
                depth -= 1
                opens.removeLast()
                if depth == 0 { return i + 1 }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                if depth == 0 { return i }
            default:
                break
            }
            i += 1
        }
        if let innermost = opens.last {
            let bracket = Character(UnicodeScalar(bytes[innermost]))
            throw Failure(offset: innermost, message: "unexpected end of file: this \"\(bracket)\" is never closed",
                          hint: "the file may be truncated")
        }
        if depth == 0 && i > start { return i }
        throw unclosed(open)
    }

    private func skipSpace(_ i: Int, limit: Int? = nil) -> Int {
        let end = limit ?? bytes.count
        var i = i
        while i < end, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        return i
    }
}
