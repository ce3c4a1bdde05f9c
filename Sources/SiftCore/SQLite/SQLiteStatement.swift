import CSQLite

/// One cell read from SQLite, in its storage class.
enum SQLiteValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    /// The number held by an integer or real cell (text is not converted).
    var number: Double? {
        switch self {
        case .integer(let i): return Double(i)
        case .real(let x): return x
        default: return nil
        }
    }

    /// The text of a text cell, or the decimal spelling of an integer one.
    var text: String? {
        switch self {
        case .text(let s): return s
        case .integer(let i): return String(i)
        default: return nil
        }
    }
}

/// A compiled statement: bind, then `step()` through rows and read columns of the current row.
final class SQLiteStatement {
    private let handle: OpaquePointer
    private let db: OpaquePointer
    // Keeps the connection open while the statement lives.
    private let owner: SQLiteDatabase

    init(handle: OpaquePointer, db: OpaquePointer, owner: SQLiteDatabase) {
        self.handle = handle
        self.db = db
        self.owner = owner
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// Binds `value` to parameter `index` (1-based, as `?1`).
    func bind(_ index: Int32, _ value: SQLiteValue) throws(SQLiteError) {
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let i): rc = sqlite3_bind_int64(handle, index, i)
        case .real(let x): rc = sqlite3_bind_double(handle, index, x)
        case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, sift_sqlite_transient())
        case .blob(let bytes):
            rc = bytes.withUnsafeBytes { raw in
                sqlite3_bind_blob(handle, index, raw.baseAddress, Int32(raw.count), sift_sqlite_transient())
            }
        }
        guard rc == SQLITE_OK else { throw SQLiteError(code: rc, db: db) }
    }

    /// Moves to the next row; false when there are no more.
    func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw SQLiteError(code: rc, db: db)
        }
    }

    /// The number of columns in each row.
    var columnCount: Int32 { sqlite3_column_count(handle) }

    /// Whether column `i` of the current row is NULL.
    func isNull(_ i: Int32) -> Bool { sqlite3_column_type(handle, i) == SQLITE_NULL }

    /// Column `i` as text, nil when NULL. Invalid UTF-8 is repaired with U+FFFD.
    func text(_ i: Int32) -> String? {
        guard !isNull(i), let p = sqlite3_column_text(handle, i) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, i))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    /// Column `i` as a 64-bit integer, nil when NULL.
    func integer(_ i: Int32) -> Int64? {
        isNull(i) ? nil : sqlite3_column_int64(handle, i)
    }

    /// Column `i` as a double, nil when NULL.
    func double(_ i: Int32) -> Double? {
        isNull(i) ? nil : sqlite3_column_double(handle, i)
    }

    /// Column `i` in its storage class.
    func value(_ i: Int32) -> SQLiteValue {
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT: return .text(text(i) ?? "")
        case SQLITE_BLOB:
            let n = Int(sqlite3_column_bytes(handle, i))
            guard n > 0, let p = sqlite3_column_blob(handle, i) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: p, count: n)))
        default: return .null
        }
    }
}
