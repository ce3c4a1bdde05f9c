import Foundation

/// Reads a CSV or TSV file of runs: one header row naming the columns, one row per run (RFC 4180).
///
/// Quoted fields may hold delimiters, doubled quotes and line breaks; lines may end in LF or CRLF;
/// a UTF-8 byte-order mark is skipped; empty cells are missing; `NaN` and `inf` are numbers. The
/// delimiter is a tab for `.tsv`/`.tab`, otherwise the most frequent of `,` tab `;` in the header line.
/// Roles come from `RoleConventions`.
///
/// The file is read in pieces of a megabyte by `CSVPieceReader`, so memory holds the columns and one piece,
/// not the file; a file of 4 MiB or more is read as two halves on two threads, split at a line break, and the
/// second half's columns appended to the first's (`CSVColumnAccumulator.append`). Bytes are parsed in file
/// order, numbers read without making Strings. (The file is read, not mapped: a mapped file truncated by
/// another process during the load faults the process with SIGBUS.)
///
/// The result is always that of reading the file whole in one pass. When the pieces or the halves cannot
/// stand for it (an error, a quote that makes a cut or the split fall inside a quoted field, a column's
/// halves that cannot be joined exactly), the file is read whole in one pass, which then also reports
/// any error with its line and column.
enum CSVLoader {
    /// How a file is read; tests and fuzzing shrink the sizes to reach every path with small inputs.
    struct Reading: Sendable {
        /// Bytes read at a time.
        var piece = 1 << 20
        /// Data of at least this many bytes is read as two halves on two threads (when there are two cores).
        var halvesFrom = 4 << 20
        /// Whether to read in pieces at all; false: read the file whole, in one pass.
        var inPieces = true

        static let standard = Reading()
    }

    static func load(path: String, options: LoadOptions, reading: Reading = .standard,
                     watch: LoadWatch = LoadWatch()) throws(LoadError) -> RunTable {
        if reading.inPieces,
           let scanned = CSVByteSource.withFile(path, { inPieces($0, path: path, reading: reading, watch: watch) }) {
            return try scanned.table(path: path, options: options)
        }
        if watch.isCancelled { throw LoadError(path: path, message: "cancelled") }
        // The file's bytes are freed before the columns are built: a column's distinct texts become Strings
        // then, and holding the bytes too would add the file's size to the peak (3× instead of 2× for a
        // file that is one huge cell).
        try FieldGuard.check(path: path, syntax: .csv)
        let scanned = try scan(path: path)
        return try scanned.table(path: path, options: options)
    }

    /// Parses `bytes`, the whole contents of a file named `path` (a byte-order mark included), which names it
    /// in errors and picks the delimiter by its extension.
    static func load(file bytes: [UInt8], path: String, options: LoadOptions,
                     reading: Reading = .standard) throws(LoadError) -> RunTable {
        if reading.inPieces, let scanned = inPieces(CSVByteSource(bytes: bytes), path: path, reading: reading) {
            return try scanned.table(path: path, options: options)
        }
        let scanned = try SourceBytes(file: bytes).bytes.withUnsafeBufferPointer { (b) throws(LoadError) -> Scanned in
            try scan(bytes: b, path: path)
        }
        return try scanned.table(path: path, options: options)
    }

    /// A file's header names and its columns as read, not yet typed: one accumulator per column, or two
    /// (`rest`: the second half's, to append) when the file was read in halves.
    struct Scanned {
        let names: [String]
        var columns: [CSVColumnAccumulator]
        let rest: [CSVColumnAccumulator]?
        let rows: Int

        /// Types the columns and makes the table; the columns are joined and built in parallel, in place
        /// (the first half's cells are neither copied nor moved when the second's are appended).
        consuming func table(path: String, options: LoadOptions) throws(LoadError) -> RunTable {
            let roles = RoleConventions.assign(names).columns
            var columns: [CSVColumnAccumulator] = []
            swap(&columns, &self.columns)
            let built = Parallel.map(&columns) { [rest] c, column in
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

    /// The file read in pieces, in two halves when it is large (see the type's note); nil when that cannot
    /// stand for the one-pass reading.
    static func inPieces(_ source: CSVByteSource, path: String, reading: Reading,
                         watch: LoadWatch = LoadWatch()) -> Scanned? {
        // The header comes from the first 64 KiB; the pieces read (and check) the rows after it.
        let headLength = min(source.count, 1 << 16)
        guard headLength > 0 else { return nil }
        var head = [UInt8](repeating: 0, count: headLength)
        guard head.withUnsafeMutableBufferPointer({ source.read(into: $0.baseAddress!, headLength, at: 0) }) else {
            return nil
        }
        let bom = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let whole = headLength == source.count
        let header: (names: [String], delimiter: UInt8, end: Int)? = head.withUnsafeMutableBufferPointer { raw in
            let b = UnsafeMutableBufferPointer(rebasing: raw[bom...])
            guard let base = b.baseAddress else { return nil }
            let end = whole ? b.count : CSVPieceReader.cut(base, b.count)
            let text = UnsafeBufferPointer(start: base, count: end)
            let sniffed = CSVRowScanner.sniff(text)
            // The delimiter must come from a whole first line, as when the file is read whole.
            guard end > 0, sniffed.lineEnded || whole else { return nil }
            let ext = (path as NSString).pathExtension.lowercased()
            let delimiter = ext == "tsv" || ext == "tab" ? 0x09 : sniffed.delimiter
            let scanner = CSVRowScanner(delimiter: delimiter, base: base, count: end)
            guard let (names, dataStart) = try? Self.header(scanner),
                  SourceBytes.firstInvalidUTF8(in: UnsafeBufferPointer(start: base, count: dataStart)) == nil else {
                return nil
            }
            return (names, delimiter, bom + dataStart)
        }
        guard let header else { return nil }
        let dataStart = header.end, dataBytes = source.count - dataStart
        let width = header.names.count
        let reader = CSVPieceReader(source: source, delimiter: header.delimiter, width: width, size: reading.piece,
                                    watch: watch)
        watch.start(total: dataBytes)
        if dataBytes >= max(reading.halvesFrom, 1), ProcessInfo.processInfo.activeProcessorCount >= 2,
           let split = lineStart(in: source, after: dataStart + dataBytes / 2) {
            // The first half's columns get room for every row: the second's are appended in place.
            let bounds = [(dataStart, split, dataBytes), (split, source.count, source.count - split)]
            let halves = Parallel.map(2) { h in reader.read(from: bounds[h].0, to: bounds[h].1, roomFor: bounds[h].2) }
            if let first = halves[0], let second = halves[1],
               (0..<width).allSatisfy({ first.columns[$0].canAppend(second.columns[$0]) }) {
                return Scanned(names: header.names, columns: first.columns, rest: second.columns,
                               rows: first.rows + second.rows)
            }
            // A split inside a quoted field makes the first half fail (its last row's quote is never closed)
            // and the pieces alone may do; a first half read whole makes the split a row start, so a failing
            // second half would fail them too.
            if (halves[0] != nil && halves[1] == nil) || watch.isCancelled { return nil }
            watch.start(total: dataBytes)
        }
        guard let one = reader.read(from: dataStart, to: source.count, roomFor: dataBytes) else { return nil }
        return Scanned(names: header.names, columns: one.columns, rest: nil, rows: one.rows)
    }

    /// The place after the first line break at or after `offset` (within 64 KiB), or nil when there is none
    /// before the end of the file.
    private static func lineStart(in source: CSVByteSource, after offset: Int) -> Int? {
        let n = min(1 << 16, source.count - offset)
        guard n > 0 else { return nil }
        var window = [UInt8](repeating: 0, count: n)
        guard window.withUnsafeMutableBufferPointer({ source.read(into: $0.baseAddress!, n, at: offset) }),
              let k = window.firstIndex(of: 0x0A), offset + k + 1 < source.count else { return nil }
        return offset + k + 1
    }

    /// Reads the file `path` whole and scans it in one pass; its bytes are freed when this returns.
    private static func scan(path: String) throws(LoadError) -> Scanned {
        let source = try SourceBytes.load(path: path)
        return try source.bytes.withUnsafeBufferPointer { (bytes) throws(LoadError) -> Scanned in
            try scan(bytes: bytes, path: path)
        }
    }

    /// Checks the bytes (a file's, without a byte-order mark) are UTF-8 and reads the header and every row
    /// into per-column accumulators, in one pass.
    private static func scan(bytes: UnsafeBufferPointer<UInt8>, path: String) throws(LoadError) -> Scanned {
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
        let delimiter = ext == "tsv" || ext == "tab" ? 0x09 : CSVRowScanner.sniff(bytes).delimiter
        guard let base = bytes.baseAddress, !bytes.isEmpty else { throw fail(.emptyFile, delimiter) }
        let scanner = CSVRowScanner(delimiter: delimiter, base: base, count: bytes.count)
        do throws(CSVRowScanner.Failure) {
            let (names, dataStart) = try header(scanner)
            let start = scanner.skipBlankLines(dataStart)
            // Room for about as many rows as the first row's length suggests.
            var rowBytes = 64
            if start < scanner.count, let first = try? scanner.scanRow(at: start, limit: 0, { _, _, _, _ in }) {
                rowBytes = max(8, first.next - start)
            }
            let capacity = (scanner.count - start) / rowBytes + 8
            var columns = (0..<names.count).map { _ in CSVColumnAccumulator(capacity: capacity) }
            let (_, rows) = try columns.withUnsafeMutableBufferPointer { (buffer) throws(CSVRowScanner.Failure) in
                try scanner.scanRows(from: start, to: scanner.count, into: buffer)
            }
            return Scanned(names: names, columns: columns, rest: nil, rows: rows)
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
