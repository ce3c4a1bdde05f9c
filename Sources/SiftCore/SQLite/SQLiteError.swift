import CSQLite

/// A failure reported by SQLite: its result code and its own message.
struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The primary result code (`SQLITE_NOTADB`, `SQLITE_BUSY`…); extended codes are reduced to it.
    var code: Int32
    /// SQLite's message (`file is not a database`), lowercase as SQLite writes it.
    var message: String

    /// Reads the code and message of the last failure on `db` (or of `code` alone when there is no handle).
    init(code: Int32, db: OpaquePointer?) {
        self.code = code & 0xff
        if let db, let text = sqlite3_errmsg(db) {
            message = String(cString: text)
        } else if let text = sqlite3_errstr(code) {
            message = String(cString: text)
        } else {
            message = "sqlite error \(code)"
        }
    }

    /// A failure sift itself detects (a value of an unexpected type…).
    init(code: Int32 = SQLITE_MISMATCH, message: String) {
        self.code = code
        self.message = message
    }

    /// What went wrong in words a user can act on, with SQLite's own message kept.
    var description: String {
        switch code {
        case SQLITE_NOTADB: return "not an SQLite database (\(message))"
        case SQLITE_CORRUPT: return "the database is corrupt or truncated (\(message))"
        case SQLITE_BUSY, SQLITE_LOCKED: return "the database is locked by another process (\(message))"
        case SQLITE_CANTOPEN: return "cannot open the database (\(message))"
        case SQLITE_PERM, SQLITE_AUTH: return "permission denied (\(message))"
        default: return message
        }
    }

    /// A hint for failures a user can do something about.
    var hint: String? {
        switch code {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return "wait for the writer (a running study or tracking server) to finish, or load a copy of the file"
        case SQLITE_CORRUPT: return "the file may have been copied while being written; copy it again"
        default: return nil
        }
    }
}
