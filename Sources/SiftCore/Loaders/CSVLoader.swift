import Foundation

/// Reads a CSV or TSV file of runs: one header row naming the columns, one row per run (RFC 4180).
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; lines may end in LF or CRLF;
/// a UTF-8 byte-order mark is skipped; empty cells are missing; `NaN` and `inf` are numbers. The
/// delimiter is a tab for `.tsv`/`.tab`, otherwise the most frequent of `,` tab `;` in the header line.
/// Roles come from `RoleConventions`.
///
/// The file is read into memory whole and parsed from bytes in file order, numbers read without making
/// Strings. (It is read, not mapped: a mapped file truncated by another process during the load faults the
/// process with SIGBUS; a copy costs a few percent and cannot crash.) A file of 4 MiB or more is read as
/// two halves on two threads, split at a row start, and the second half's columns appended to the
/// first's (`CSVColumnAccumulator.append`). The result is always the one-pass result: when the split is not
/// a row start of the one-pass reading, when a half fails, or when a column's two halves cannot be joined
/// exactly, the file is read again in one pass, which then also reports any error as it always has.
enum CSVLoader {
    static func load(path: String, options: LoadOptions) throws(LoadError) -> RunTable {
        // The file's bytes are freed before the columns are built: a column's distinct texts become Strings
        // then, and holding the bytes too would add the file's size to the peak (3× instead of 2× for a
        // file that is one huge cell).
        let scanned = try scan(path: path)
        return try scanned.table(path: path, options: options)
    }

    /// Parses `bytes` (a file's contents without a BOM) as the file `path`, which names it in errors and
    /// picks the delimiter by its extension.
    static func load(bytes: UnsafeBufferPointer<UInt8>, path: String, options: LoadOptions,
                     halvesFrom: Int = halvesFrom) throws(LoadError) -> RunTable {
        try scan(bytes: bytes, path: path, halvesFrom: halvesFrom).table(path: path, options: options)
    }

    /// Data of at least this many bytes is read as two halves on two threads (when there are two cores).
    static let halvesFrom = 4 << 20

    /// A file's header names and its columns as read, not yet typed: one accumulator per column, or two
    /// (`rest`: the second half's, to append) when the file was read in halves.
    struct Scanned {
        let names: [String]
        let columns: [CSVColumnAccumulator]
        let rest: [CSVColumnAccumulator]?
        let rows: Int

        /// Types the columns and makes the table; the columns are joined and built in parallel.
        func table(path: String, options: LoadOptions) throws(LoadError) -> RunTable {
            let roles = RoleConventions.assign(names).columns
            let built = Parallel.map(columns.count) { [columns, rest] c in
                var column = columns[c]
                if let rest { column.append(rest[c]) }
                return column.build(name: roles[c].name, role: roles[c].role)
            }
            do throws(TableError) {
                return try RunTable(columns: built, rowCount: rows, source: options.alias ?? path)
            } catch {
                // Header names are unique (checked) and RoleConventions never makes two equal.
                throw LoadError(path: path, line: 1, column: 1, message: error.description)
            }
        }
    }

    /// Reads the file `path` and scans it; its bytes are freed when this returns.
    private static func scan(path: String) throws(LoadError) -> Scanned {
        try FieldGuard.check(path: path, syntax: .csv)
        let source = try SourceBytes.load(path: path)
        return try source.bytes.withUnsafeBufferPointer { (bytes) throws(LoadError) -> Scanned in
            try scan(bytes: bytes, path: path)
        }
    }

    /// Checks the bytes are UTF-8 and reads the header and every row into per-column accumulators.
    private static func scan(bytes: UnsafeBufferPointer<UInt8>, path: String,
                             halvesFrom: Int = halvesFrom) throws(LoadError) -> Scanned {
        let ext = (path as NSString).pathExtension.lowercased()
        func fail(_ failure: CSVRowScanner.Failure, _ delimiter: UInt8) -> LoadError {
            describe(failure, path: path, bytes: bytes, delimiter: delimiter)
        }
        if let bad = SourceBytes.firstInvalidUTF8(in: bytes) {
            let at = SourceBytes.location(of: bad, in: bytes)
            throw LoadError(path: path, line: at.line, column: at.column,
                            message: "invalid UTF-8 byte 0x" + String(bytes[bad], radix: 16, uppercase: true),
                            hint: "save the file as UTF-8")
        }
        let delimiter = ext == "tsv" || ext == "tab" ? 0x09 : CSVRowScanner.sniffDelimiter(bytes)
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw fail(.emptyFile, delimiter) }
        let scanner = CSVRowScanner(delimiter: delimiter, base: base, count: bytes.count)
        do throws(CSVRowScanner.Failure) {
            let (names, dataStart) = try header(scanner)
            let read = try readRows(scanner, from: dataStart, width: names.count, halvesFrom: halvesFrom)
            return Scanned(names: names, columns: read.columns, rest: read.rest, rows: read.rows)
        } catch {
            throw fail(error, delimiter)
        }
    }

    /// The header's names (unquoted, unique) and the offset where the data rows start. An empty first
    /// name is pandas' index column (`index`); other empty names become `column_N`.
    private static func header(_ scanner: CSVRowScanner) throws(CSVRowScanner.Failure) -> ([String], Int) {
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

    /// Reads every data row into one accumulator per column, in file order: in two halves when the data
    /// holds at least `halvesFrom` bytes and two cores are there (`rest`: the second half's accumulators),
    /// else (or when the halves cannot stand for the one pass) in one pass.
    private static func readRows(_ scanner: CSVRowScanner, from start: Int, width: Int, halvesFrom: Int)
        throws(CSVRowScanner.Failure) -> (columns: [CSVColumnAccumulator], rest: [CSVColumnAccumulator]?, rows: Int) {
        let dataStart = scanner.skipBlankLines(start)
        // Room for about as many rows as the first row's length suggests.
        var rowBytes = 64
        if dataStart < scanner.count, let first = try? scanner.scanRow(at: dataStart, limit: 0, { _, _, _, _ in }) {
            rowBytes = max(8, first.next - dataStart)
        }
        let capacity = (scanner.count - dataStart) / rowBytes + 8
        if scanner.count - dataStart >= halvesFrom, ProcessInfo.processInfo.activeProcessorCount >= 2,
           let halves = readHalves(scanner, from: dataStart, width: width, capacity: capacity) {
            return halves
        }
        var columns = (0..<width).map { _ in CSVColumnAccumulator(capacity: capacity) }
        let (_, rows) = try columns.withUnsafeMutableBufferPointer { (buffer) throws(CSVRowScanner.Failure) in
            try scanner.scanRows(from: dataStart, to: scanner.count, into: buffer)
        }
        return (columns, nil, rows)
    }

    /// The rows from `dataStart` read as two halves on two threads, or nil when they would not join into
    /// exactly the one-pass reading (see the type's note).
    private static func readHalves(_ scanner: CSVRowScanner, from dataStart: Int, width: Int, capacity: Int)
        -> (columns: [CSVColumnAccumulator], rest: [CSVColumnAccumulator]?, rows: Int)? {
        guard let split = scanner.rowStart(after: dataStart + (scanner.count - dataStart) / 2),
              split < scanner.count else { return nil }
        let bounds = [(dataStart, split), (split, scanner.count)]
        let shared = SendableScanner(scanner)
        let halves = Parallel.map(2) { h -> (columns: [CSVColumnAccumulator], end: Int, rows: Int)? in
            var columns = (0..<width).map { _ in CSVColumnAccumulator(capacity: capacity / 2 + 8) }
            let read = try? columns.withUnsafeMutableBufferPointer { (buffer) throws(CSVRowScanner.Failure) in
                try shared.scanner.scanRows(from: bounds[h].0, to: bounds[h].1, into: buffer)
            }
            return read.map { (columns, $0.end, $0.rows) }
        }
        // The first half must end where the one-pass reading starts a row: then the second half reads the
        // same rows the one pass would, whatever the quotes before the split.
        guard let first = halves[0], let second = halves[1], first.end == scanner.skipBlankLines(split),
              (0..<width).allSatisfy({ first.columns[$0].canAppend(second.columns[$0]) }) else { return nil }
        return (first.columns, second.columns, first.rows + second.rows)
    }

    /// A scanner handed to the two halves' threads: it only reads the file's bytes, which outlive them.
    private struct SendableScanner: @unchecked Sendable {
        let scanner: CSVRowScanner
        init(_ scanner: CSVRowScanner) { self.scanner = scanner }
    }

    /// A `LoadError` at the place the scanner stopped.
    private static func describe(_ failure: CSVRowScanner.Failure, path: String, bytes: UnsafeBufferPointer<UInt8>,
                                 delimiter: UInt8) -> LoadError {
        func at(_ offset: Int, _ message: String, _ hint: String?) -> LoadError {
            let loc = SourceBytes.location(of: offset, in: bytes)
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
