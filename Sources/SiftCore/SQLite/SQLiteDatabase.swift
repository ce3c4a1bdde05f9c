import CSQLite
import Foundation

/// A read-only connection to an SQLite file; sift never writes to its inputs.
///
/// The file is opened with `SQLITE_OPEN_READONLY` through a `file:` URI with `mode=ro`. A database in
/// WAL mode with no `-wal` file beside it (every write checkpointed, no writer attached) is opened with
/// `immutable=1`, because a read-only WAL reader would otherwise create `-wal` and `-shm` files next to
/// it and could not remove them. A WAL database whose `-wal` exists is read through it (a writer is
/// there or left it; its files are already beside the database).
final class SQLiteDatabase {
    private let handle: OpaquePointer

    /// Opens `path` read-only and checks that it is a readable database (the schema can be read).
    init(readOnlyPath path: String) throws(SQLiteError) {
        let immutable = Self.isCheckpointedWAL(path)
        do {
            handle = try Self.openChecked(path: path, immutable: immutable)
        } catch where !immutable && (error.code == SQLITE_CANTOPEN || error.code == SQLITE_READONLY) {
            handle = try Self.openChecked(path: path, immutable: true)
        }
    }

    /// The size the header promises and the file's real size, when the file is shorter (a truncated copy).
    ///
    /// The header's page count (bytes 28–31) times its page size (bytes 16–17; 1 means 65536) is trusted
    /// only when its change counter (bytes 24–27) equals its version-valid-for number (bytes 92–95).
    static func truncation(_ path: String) -> (expected: UInt64, actual: UInt64)? {
        guard let file = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? file.close() }
        guard let head = try? file.read(upToCount: 100), head.count == 100,
              head.starts(with: Array("SQLite format 3\u{0}".utf8)),
              let end = try? file.seekToEnd() else { return nil }
        let h = Array(head)
        func u32(_ at: Int) -> UInt64 { h[at..<(at + 4)].reduce(0) { $0 << 8 | UInt64($1) } }
        let rawPageSize = UInt64(h[16]) << 8 | UInt64(h[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        guard u32(24) == u32(92), pageSize >= 512 else { return nil }
        let expected = u32(28) * pageSize
        return end < expected ? (expected, end) : nil
    }

    /// True when the header says WAL mode (bytes 18 and 19 are 2) and there is no `-wal` file.
    static func isCheckpointedWAL(_ path: String) -> Bool {
        guard let file = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? file.close() }
        guard let head = try? file.read(upToCount: 20), head.count == 20,
              head.starts(with: Array("SQLite format 3\u{0}".utf8)) else { return false }
        return head[head.startIndex + 18] == 2 && head[head.startIndex + 19] == 2
            && !FileManager.default.fileExists(atPath: path + "-wal")
    }

    deinit {
        sqlite3_close_v2(handle)
    }

    /// The names of the tables in the database (not views or indexes), sorted.
    func tableNames() throws(SQLiteError) -> [String] {
        let stmt = try prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        var names: [String] = []
        while try stmt.step() {
            if let name = stmt.text(0) { names.append(name) }
        }
        return names
    }

    /// The column names of `table`, in declaration order (empty when there is no such table).
    func columnNames(of table: String) throws(SQLiteError) -> [String] {
        let stmt = try prepare("SELECT name FROM pragma_table_info(?1)")
        try stmt.bind(1, .text(table))
        var names: [String] = []
        while try stmt.step() {
            if let name = stmt.text(0) { names.append(name) }
        }
        return names
    }

    /// Compiles one SQL statement.
    func prepare(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else { throw SQLiteError(code: rc, db: handle) }
        return SQLiteStatement(handle: stmt, db: handle, owner: self)
    }

    /// Runs `sql` with `bindings` (`?1`, `?2`…) and returns every row as values.
    func rows(_ sql: String, _ bindings: [SQLiteValue] = []) throws(SQLiteError) -> [[SQLiteValue]] {
        let stmt = try prepare(sql)
        for (i, b) in bindings.enumerated() { try stmt.bind(Int32(i + 1), b) }
        var out: [[SQLiteValue]] = []
        while try stmt.step() {
            out.append((0..<stmt.columnCount).map { stmt.value($0) })
        }
        return out
    }

    private static func open(path: String, immutable: Bool) throws(SQLiteError) -> OpaquePointer {
        var db: OpaquePointer?
        let uri = "file:" + uriEscaped(path) + "?mode=ro" + (immutable ? "&immutable=1" : "")
        let rc = sqlite3_open_v2(uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nil)
        guard rc == SQLITE_OK, let db else {
            let error = SQLiteError(code: rc, db: db)
            if let db { sqlite3_close_v2(db) }
            throw error
        }
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, 250)
        return db
    }

    /// Opens `path` and reads its schema once, closing it again on failure.
    private static func openChecked(path: String, immutable: Bool) throws(SQLiteError) -> OpaquePointer {
        let db = try open(path: path, immutable: immutable)
        do {
            try checkReadable(db)
        } catch {
            sqlite3_close_v2(db)
            throw error
        }
        return db
    }

    /// Reads the schema once, so a file that is not a database (or is locked) fails at open.
    private static func checkReadable(_ db: OpaquePointer) throws(SQLiteError) {
        var stmt: OpaquePointer?
        var rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &stmt, nil)
        defer { sqlite3_finalize(stmt) }
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, db: db) }
        rc = sqlite3_step(stmt)
        guard rc == SQLITE_ROW else { throw SQLiteError(code: rc, db: db) }
    }

    /// Percent-escapes the bytes a `file:` URI path may not hold literally (`%`, `?`, `#`, controls, non-ASCII).
    static func uriEscaped(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "#"), 0..<0x20, 0x7f...0xff:
                out += "%" + (byte < 0x10 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            default:
                out.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return out
    }
}
