/// Splits CSV bytes into rows and fields (RFC 4180) and hands each field to a sink, in file order.
///
/// Quoted fields may hold delimiters, line breaks and doubled quotes (`""`); the sink gets the text
/// between the quotes and a flag saying doubled quotes remain to be undone. A quote inside an unquoted
/// field is kept as text. Rows end at LF, CRLF or a lone CR; blank lines are skipped.
struct CSVRowScanner {
    /// The delimiter byte (`,`, tab or `;`).
    let delimiter: UInt8
    /// The bytes scanned; offsets are into this buffer.
    let base: UnsafePointer<UInt8>
    /// The number of bytes.
    let count: Int

    /// A structural problem at a byte offset.
    enum Failure: Error, Equatable {
        case unterminatedQuote(openedAt: Int)
        case textAfterClosingQuote(at: Int)
        case ragged(at: Int, got: Int, expected: Int)
        case duplicateName(String, at: Int, firstColumn: Int)
        case emptyFile
    }

    /// Where a row ended: the offset after its line break, its field count, and where a surplus field
    /// started (-1 if none) or the line ended, for error messages.
    struct RowEnd {
        var next: Int
        var fields: Int
        var extraAt: Int
        var lineEnd: Int
    }

    /// The high bit of each byte of `x` that is zero, exactly (no borrow between bytes).
    @inline(__always)
    static func zeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x | 0x7F7F_7F7F_7F7F_7F7F)
    }

    /// The offset of the first byte at or after `i` that is not part of a blank line.
    @inline(__always)
    func skipBlankLines(_ i: Int) -> Int {
        var i = i
        while i < count, base[i] == 0x0A || base[i] == 0x0D { i += 1 }
        return i
    }

    /// Scans the row starting at `i` (not blank), giving the first `limit` fields to `sink` as
    /// `(index, start, length, escaped)`.
    @inline(__always)
    func scanRow(at start: Int, limit: Int,
                 _ sink: (Int, Int, Int, Bool) -> Void) throws(Failure) -> RowEnd {
        let n = count
        let delim = delimiter
        let delimWord = UInt64(delim) &* 0x0101_0101_0101_0101
        var i = start
        var fields = 0
        var extraAt = -1
        while true {
            let fieldStart = i
            if i < n, base[i] == 0x22 {
                i += 1
                let contentStart = i
                var escaped = false
                while true {
                    while i < n, base[i] != 0x22 { i += 1 }
                    guard i < n else { throw .unterminatedQuote(openedAt: fieldStart) }
                    if i + 1 < n, base[i + 1] == 0x22 {
                        escaped = true
                        i += 2
                        continue
                    }
                    break
                }
                let length = i - contentStart
                i += 1
                if i < n {
                    let c = base[i]
                    if c != delim && c != 0x0A && c != 0x0D { throw .textAfterClosingQuote(at: i) }
                }
                if fields < limit { sink(fields, contentStart, length, escaped) }
            } else {
                // Eight bytes at a time while none of them ends the field.
                while i + 8 <= n {
                    let w = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                    let stop = Self.zeroBytes(w ^ delimWord) | Self.zeroBytes(w ^ 0x0A0A_0A0A_0A0A_0A0A)
                        | Self.zeroBytes(w ^ 0x0D0D_0D0D_0D0D_0D0D)
                    if stop != 0 {
                        i += UInt64(littleEndian: stop).trailingZeroBitCount / 8
                        break
                    }
                    i += 8
                }
                while i < n {
                    let c = base[i]
                    if c == delim || c == 0x0A || c == 0x0D { break }
                    i += 1
                }
                if fields < limit { sink(fields, fieldStart, i - fieldStart, false) }
            }
            if fields == limit && extraAt < 0 { extraAt = fieldStart }
            fields += 1
            if i < n, base[i] == delim {
                i += 1
                continue
            }
            break
        }
        let lineEnd = i
        if i < n { i += (base[i] == 0x0D && i + 1 < n && base[i + 1] == 0x0A) ? 2 : 1 }
        return RowEnd(next: i, fields: fields, extraAt: extraAt, lineEnd: lineEnd)
    }

    /// Scans the rows that start in `from..<to` into `columns` (one accumulator per header column),
    /// checking each has `columns.count` fields. Returns where the last row ended and how many rows there were.
    func scanRows(from: Int, to: Int,
                  into columns: UnsafeMutableBufferPointer<CSVColumnAccumulator>) throws(Failure) -> (end: Int, rows: Int) {
        let expected = columns.count
        var scratch: [UInt8] = []
        var i = skipBlankLines(from)
        var rows = 0
        while i < to {
            let row = try scanRow(at: i, limit: expected) { index, start, length, escaped in
                columns[index].add(base + start, length, escaped: escaped, scratch: &scratch)
            }
            if row.fields != expected {
                throw .ragged(at: row.fields > expected ? row.extraAt : row.lineEnd, got: row.fields, expected: expected)
            }
            rows += 1
            i = skipBlankLines(row.next)
        }
        return (i, rows)
    }

    /// Picks the delimiter from the first non-blank line: the most frequent of comma, tab and semicolon
    /// outside quotes (comma when none occurs, or on a tie). `lineEnded`: the line ended within `b` (else
    /// more bytes could change the pick).
    static func sniff(_ b: UnsafeBufferPointer<UInt8>) -> (delimiter: UInt8, lineEnded: Bool) {
        var commas = 0, tabs = 0, semicolons = 0
        var inQuotes = false
        var sawText = false
        var lineEnded = false
        for c in b {
            if c == 0x22 { inQuotes.toggle(); sawText = true; continue }
            if inQuotes { continue }
            if c == 0x0A || c == 0x0D {
                if sawText {
                    lineEnded = true
                    break
                }
                continue
            }
            sawText = true
            switch c {
            case UInt8(ascii: ","): commas += 1
            case 0x09: tabs += 1
            case UInt8(ascii: ";"): semicolons += 1
            default: break
            }
        }
        if tabs > commas && tabs >= semicolons { return (0x09, lineEnded) }
        if semicolons > commas && semicolons > tabs { return (UInt8(ascii: ";"), lineEnded) }
        return (UInt8(ascii: ","), lineEnded)
    }
}
