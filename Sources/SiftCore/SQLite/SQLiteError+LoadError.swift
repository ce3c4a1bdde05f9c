extension LoadError {
    /// A load failure caused by SQLite, naming the file and what was being read (`table trials`).
    init(path: String, record: String? = nil, sqlite error: SQLiteError) {
        self.init(path: path, record: record, message: error.description, hint: error.hint)
    }
}

extension SQLiteDatabase {
    /// Opens `path` read-only for a loader, turning SQLite's failure into a `LoadError`.
    static func openForLoading(_ path: String) throws(LoadError) -> SQLiteDatabase {
        if let cut = truncation(path) {
            throw LoadError(path: path, message: "the database is truncated: its header promises \(cut.expected) bytes, the file has \(cut.actual)",
                            hint: "the file may have been copied while being written; copy it again")
        }
        do {
            return try SQLiteDatabase(readOnlyPath: path)
        } catch {
            throw LoadError(path: path, sqlite: error)
        }
    }

    /// The tables of the database, or a `LoadError`.
    func tableNames(path: String) throws(LoadError) -> [String] {
        do {
            return try tableNames()
        } catch {
            throw LoadError(path: path, record: "sqlite_master", sqlite: error)
        }
    }

    /// Fails with a `LoadError` naming the missing ones unless every table in `required` exists.
    func requireTables(_ required: [String], kind: String, path: String) throws(LoadError) {
        let present = Set(try tableNames(path: path))
        let missing = required.filter { !present.contains($0) }
        guard missing.isEmpty else {
            throw LoadError(path: path,
                            message: "not a complete \(kind) database: missing table\(missing.count == 1 ? "" : "s") "
                                + missing.map { "\"\($0)\"" }.joined(separator: ", "),
                            hint: "tables found: " + (present.isEmpty ? "none" : present.sorted().joined(separator: ", ")))
        }
    }
}

extension SQLiteDatabase {
    /// Runs `sql` for a loader; a failure names `record` (`table trials`) in the `LoadError`.
    func rows(_ sql: String, _ bindings: [SQLiteValue] = [], path: String, record: String) throws(LoadError) -> [[SQLiteValue]] {
        do {
            return try rows(sql, bindings)
        } catch {
            throw LoadError(path: path, record: record, sqlite: error)
        }
    }

    /// The columns of `table` for a loader (empty when there is no such table).
    func columnNames(of table: String, path: String) throws(LoadError) -> Set<String> {
        do {
            return Set(try columnNames(of: table))
        } catch {
            throw LoadError(path: path, record: "table \(table)", sqlite: error)
        }
    }
}
