import Dispatch
import Foundation
import Synchronization

/// Reads a CSV or TSV file of runs: one header row naming the columns, one row per run (RFC 4180).
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; lines may end in LF or CRLF;
/// a UTF-8 byte-order mark is skipped; empty cells are missing; `NaN` and `inf` are numbers. The
/// delimiter is a tab for `.tsv`/`.tab`, otherwise the most frequent of `,` tab `;` in the header line.
/// Roles come from `RoleConventions`.
///
/// The file is read whole and parsed from bytes in file order. Large files are cut in two at a line
/// break outside quotes and the halves are read on two threads, then joined; if the cut turns out not
/// to be a row boundary the second half is read again after the first, so the table (and the error, the
/// earliest in the file) is the same whatever the threads do.
enum CSVLoader {
    /// Loads `path`; files with at least `splitBytes` of data rows are read in two halves on two threads.
    static func load(path: String, options: LoadOptions, splitBytes: Int = 4 << 20) throws(LoadError) -> RunTable {
        let source = try SourceBytes.load(path: path)
        if let bad = source.firstInvalidUTF8() {
            let at = source.location(of: bad)
            throw LoadError(path: path, line: at.line, column: at.column,
                            message: "invalid UTF-8 byte 0x" + String(source.bytes[bad], radix: 16, uppercase: true),
                            hint: "save the file as UTF-8")
        }
        let ext = (path as NSString).pathExtension.lowercased()
        return try source.bytes.withUnsafeBufferPointer { (bytes) throws(LoadError) -> RunTable in
            let delimiter = ext == "tsv" || ext == "tab" ? 0x09 : CSVRowScanner.sniffDelimiter(bytes)
            guard let base = bytes.baseAddress else {
                throw describe(.emptyFile, path: path, source: source, delimiter: delimiter)
            }
            let scanner = CSVRowScanner(delimiter: delimiter, base: base, count: bytes.count)
            let names: [String], accumulators: [CSVColumnAccumulator], rows: Int
            do throws(CSVRowScanner.Failure) {
                let dataStart: Int
                (names, dataStart) = try header(scanner, path: path, source: source)
                (accumulators, rows) = try readRows(scanner, from: dataStart, width: names.count, splitBytes: splitBytes)
            } catch {
                throw describe(error, path: path, source: source, delimiter: delimiter)
            }
            let roles = RoleConventions.assign(names).columns
            let columns = accumulators.indices.map { accumulators[$0].build(name: roles[$0].name, role: roles[$0].role) }
            do throws(TableError) {
                return try RunTable(columns: columns, rowCount: rows, source: options.alias ?? path)
            } catch {
                // Header names are unique (checked) and RoleConventions never makes two equal.
                throw LoadError(path: path, line: 1, column: 1, message: error.description)
            }
        }
    }

    /// The header's names (unquoted, unique) and the offset where the data rows start. An empty first
    /// name is pandas' index column (`index`); other empty names become `column_N`.
    private static func header(_ scanner: CSVRowScanner, path: String,
                               source: SourceBytes) throws(CSVRowScanner.Failure) -> ([String], Int) {
        let start = scanner.skipBlankLines(0)
        guard start < scanner.count else { throw .emptyFile }
        var cells: [(start: Int, count: Int, escaped: Bool)] = []
        let row = try scanner.scanRow(at: start, limit: Int.max) { _, s, n, e in cells.append((s, n, e)) }
        var names: [String] = []
        var firstIndex: [String: Int] = [:]
        var scratch: [UInt8] = []
        for (k, cell) in cells.enumerated() {
            let text = UnsafeBufferPointer(start: scanner.base + cell.start, count: cell.count)
            var name: String
            if cell.escaped {
                CSVColumnAccumulator.unescape(text, into: &scratch)
                name = String(decoding: scratch, as: UTF8.self)
            } else {
                name = String(decoding: text, as: UTF8.self)
            }
            if name.isEmpty { name = k == 0 ? "index" : "column_\(k + 1)" }
            if let first = firstIndex[name] {
                let quoted = cell.start > 0 && scanner.base[cell.start - 1] == 0x22
                throw .duplicateName(name, at: quoted ? cell.start - 1 : cell.start, firstColumn: first + 1)
            }
            firstIndex[name] = k
            names.append(name)
        }
        return (names, row.next)
    }

    /// Reads every data row into one accumulator per column, in two halves on two threads when the
    /// file is large enough to gain from it.
    private static func readRows(_ scanner: CSVRowScanner, from start: Int, width: Int,
                                 splitBytes: Int) throws(CSVRowScanner.Failure) -> ([CSVColumnAccumulator], Int) {
        let dataStart = scanner.skipBlankLines(start)
        // Room for about as many rows as the first row's length suggests.
        var firstRowBytes = 64
        if dataStart < scanner.count, let first = try? scanner.scanRow(at: dataStart, limit: 0, { _, _, _, _ in }) {
            firstRowBytes = max(8, first.next - dataStart)
        }
        let rowBytes = firstRowBytes
        let remaining = scanner.count - dataStart
        guard remaining >= max(1, splitBytes), let cut = splitPoint(scanner, from: dataStart) else {
            var columns = (0..<width).map { _ in CSVColumnAccumulator(capacity: remaining / rowBytes + 8) }
            let (_, rows) = try columns.withUnsafeMutableBufferPointer { (buffer) throws(CSVRowScanner.Failure) in
                try scanner.scanRows(from: dataStart, to: scanner.count, into: buffer)
            }
            return (columns, rows)
        }
        let halves = HalfResults()
        let shared = SharedScanner(scanner: scanner)
        let bounds = [(dataStart, cut), (cut, scanner.count)]
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            let (from, to) = bounds[half]
            var columns = (0..<width).map { _ in CSVColumnAccumulator(capacity: (to - from) / rowBytes + 8) }
            let result = Result { () throws(CSVRowScanner.Failure) in
                try columns.withUnsafeMutableBufferPointer { (buffer) throws(CSVRowScanner.Failure) in
                    try shared.scanner.scanRows(from: from, to: to, into: buffer)
                }
            }
            halves.store(half, result.map { (columns, $0.end, $0.rows) })
        }
        var (columns, firstEnd, firstRows) = try halves.take(0).get()
        var second: ([CSVColumnAccumulator], Int, Int)
        if firstEnd == scanner.skipBlankLines(cut) {
            second = try halves.take(1).get()
        } else {
            // The cut fell inside a quoted field after all: read the rest after the first half.
            var rest = (0..<width).map { _ in CSVColumnAccumulator(capacity: (scanner.count - firstEnd) / rowBytes + 8) }
            let (end, rows) = try rest.withUnsafeMutableBufferPointer { (buffer) throws(CSVRowScanner.Failure) in
                try scanner.scanRows(from: firstEnd, to: scanner.count, into: buffer)
            }
            second = (rest, end, rows)
        }
        for c in 0..<width { columns[c].append(second.0[c]) }
        firstRows += second.2
        firstEnd = second.1
        return (columns, firstRows)
    }

    /// A line break near the middle of the data that quote parity says is outside quotes, as the offset
    /// just after it; nil when there is none.
    private static func splitPoint(_ scanner: CSVRowScanner, from start: Int) -> Int? {
        let middle = start + (scanner.count - start) / 2
        var quotes = 0
        var i = start
        // Count quote bytes eight at a time: a byte of `x` is zero exactly where the text has a quote.
        while i + 8 <= middle {
            let x = UnsafeRawPointer(scanner.base + i).loadUnaligned(as: UInt64.self) ^ 0x2222_2222_2222_2222
            let low7 = (x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F
            quotes += (~(low7 | x | 0x7F7F_7F7F_7F7F_7F7F)).nonzeroBitCount
            i += 8
        }
        while i < middle {
            if scanner.base[i] == 0x22 { quotes += 1 }
            i += 1
        }
        while i < scanner.count {
            let c = scanner.base[i]
            if c == 0x22 { quotes += 1 }
            if c == 0x0A && quotes % 2 == 0 { return i + 1 < scanner.count ? i + 1 : nil }
            i += 1
        }
        return nil
    }

    /// A `LoadError` at the place the scanner stopped.
    private static func describe(_ failure: CSVRowScanner.Failure, path: String, source: SourceBytes,
                                 delimiter: UInt8) -> LoadError {
        func at(_ offset: Int, _ message: String, _ hint: String?) -> LoadError {
            let loc = source.location(of: offset)
            return LoadError(path: path, line: loc.line, column: loc.column, message: message, hint: hint)
        }
        switch failure {
        case .emptyFile:
            return LoadError(path: path, line: 1, column: 1, message: "empty file: no header row",
                             hint: "the first line must name the columns, e.g. name,lr,val_loss")
        case .unterminatedQuote(let opened):
            return at(opened, "unterminated quoted field: the quote opened here is never closed",
                      "close the quote, or double it (\"\") to put a quote inside a quoted field")
        case .textAfterClosingQuote(let offset):
            return at(offset, "unexpected text after a closing quote",
                      "a quoted field ends at its closing quote; double a quote (\"\") to put one inside")
        case .ragged(let offset, let got, let expected):
            let name = delimiter == 0x09 ? "a tab" : "\"\(Character(UnicodeScalar(delimiter)))\""
            let hint = got > expected
                ? "quote fields that contain \(name)"
                : "every row needs a field (possibly empty) for each column"
            return at(offset, "row has \(got) field\(got == 1 ? "" : "s"), expected \(expected) like the header", hint)
        case .duplicateName(let name, let offset, let first):
            return at(offset, "duplicate column name \"\(name)\" (also column \(first))", "rename one of the columns")
        }
    }
}

/// The scanner, shared read-only by the two half readers (its bytes outlive them: the caller waits).
private struct SharedScanner: @unchecked Sendable {
    let scanner: CSVRowScanner
}

/// What each half reader produced, stored by the thread that read it and taken after both finished.
private final class HalfResults: Sendable {
    typealias Half = Result<([CSVColumnAccumulator], Int, Int), CSVRowScanner.Failure>
    private let slots = Mutex<[Half?]>([nil, nil])

    func store(_ index: Int, _ result: Half) {
        slots.withLock { $0[index] = result }
    }

    func take(_ index: Int) -> Half {
        slots.withLock { $0[index] } ?? .failure(.emptyFile)
    }
}
