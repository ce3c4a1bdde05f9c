import CSQLite
import Foundation
import Testing
@testable import SiftCore

/// Paths of the store fixtures and scratch folders for malformed copies.
enum StoreFixtures {
    /// `Fixtures/<relative>` in the test bundle.
    static func path(_ relative: String) -> String {
        guard let root = Bundle.module.resourcePath else { return relative }
        return root + "/Fixtures/" + relative
    }

    /// A fresh empty folder under the temporary directory.
    static func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sift-stores-" + UUID().uuidString).path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Parses an expected.json written by scripts/reference/stores/make_fixtures.py. (Foundation's
    /// JSONSerialization misrounds some doubles on Linux, so sift's JSON parser reads it; its rounding is
    /// checked against `Double(_:)` in `SQLiteWrapperTests.theJSONParserRoundsLikeTheStandardLibrary`.)
    static func expected(_ relative: String) throws -> JSONLike {
        let text = try String(contentsOfFile: path(relative), encoding: .utf8)
        return try JSONReader.parse(text)
    }

    /// The value expected.json gives, as sift should hold it; the script wrote non-finite floats as
    /// "nan", "inf", "-inf".
    static func cell(_ v: JSONLike?) -> Value {
        switch v {
        case .string("nan")?: return .number(.nan)
        case .string("inf")?: return .number(.infinity)
        case .string("-inf")?: return .number(-.infinity)
        case let v?: return v.scalarValue
        case nil: return .missing
        }
    }

    /// The members of an expected.json object, in order.
    static func members(_ v: JSONLike?) -> [(String, JSONLike)] {
        if case .object(let pairs)? = v { return pairs }
        return []
    }

    /// The items of an expected.json array.
    static func items(_ v: JSONLike?) -> [JSONLike] {
        if case .array(let items)? = v { return items }
        return []
    }

    /// Whether two cells hold the same value, NaN equal to NaN.
    static func same(_ a: Value, _ b: Value) -> Bool {
        if case .number(let x) = a, case .number(let y) = b, x.isNaN, y.isNaN { return true }
        return a == b
    }

    /// The `LoadError` `body` throws, or nil (any other error is recorded as a test issue).
    static func loadError(_ body: () throws -> Void) -> LoadError? {
        do {
            try body()
            return nil
        } catch let error as LoadError {
            return error
        } catch {
            Issue.record("unexpected error \(error)")
            return nil
        }
    }
}

@Suite struct SQLiteWrapperTests {
    @Test func readsTablesRowsAndTypedColumns() throws {
        let db = try SQLiteDatabase(readOnlyPath: StoreFixtures.path("optuna/optuna.db"))
        let tables = try db.tableNames()
        #expect(tables.contains("trials") && tables.contains("studies"))
        #expect(try db.columnNames(of: "studies") == ["study_id", "study_name"])
        #expect(try db.columnNames(of: "no_such_table").isEmpty)
        let stmt = try db.prepare("SELECT study_id, study_name, NULL, 2.5 FROM studies WHERE study_name = ?1")
        try stmt.bind(1, .text("multi"))
        #expect(try stmt.step())
        #expect(stmt.integer(0) == 2)
        #expect(stmt.text(1) == "multi")
        #expect(stmt.isNull(2) && stmt.text(2) == nil && stmt.value(2) == .null)
        #expect(stmt.double(3) == 2.5 && stmt.value(3) == .real(2.5))
        #expect(try !stmt.step())
        #expect(try db.rows("SELECT count(*) FROM studies") == [[.integer(3)]])
    }

    @Test(arguments: ["0.43599490214200376", "0.00038642916535526494", "1e-300", "-2.5E+10", "123456789012345678",
                      "4.9e-324", "1.7976931348623157e308", "0.30000000000000004"])
    func theJSONParserRoundsLikeTheStandardLibrary(text: String) throws {
        // Optuna's distribution_json, Ray's params.json and the fixtures' expected.json go through it.
        #expect(try JSONReader.parse("[\(text)]") == .array([.number(try #require(Double(text)))]))
    }

    @Test func badSQLReportsSQLitesMessage() throws {
        let db = try SQLiteDatabase(readOnlyPath: StoreFixtures.path("optuna/optuna.db"))
        #expect(throws: SQLiteError(code: SQLITE_ERROR, message: "no such table: nope")) {
            _ = try db.rows("SELECT * FROM nope")
        }
    }

    @Test func neverWritesToTheFile() throws {
        let dir = try StoreFixtures.scratch()
        let copy = dir + "/optuna.db"
        try FileManager.default.copyItem(atPath: StoreFixtures.path("optuna/optuna.db"), toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let db = try SQLiteDatabase(readOnlyPath: copy)
        #expect(throws: SQLiteError.self) { _ = try db.rows("CREATE TABLE x (a)") }
        _ = try RunLoader.load(path: copy, options: LoadOptions(study: "single"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["optuna.db"])
    }

    @Test func aWALDatabaseIsReadWithoutCreatingFilesBesideIt() throws {
        let dir = try StoreFixtures.scratch()
        let file = dir + "/wal.db"
        try FileManager.default.copyItem(atPath: StoreFixtures.path("optuna/optuna.db"), toPath: file)
        var writer: OpaquePointer?
        #expect(sqlite3_open(file, &writer) == SQLITE_OK)
        #expect(sqlite3_exec(writer, "PRAGMA journal_mode=WAL", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(writer)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["wal.db"])
        #expect(SQLiteDatabase.isCheckpointedWAL(file))
        let t = try RunLoader.load(path: file, options: LoadOptions(study: "multi"))
        #expect(t.rowCount == 4)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["wal.db"])
    }

    @Test func aLiveWALIsReadThrough() throws {
        let file = try StoreFixtures.scratch() + "/live.db"
        try FileManager.default.copyItem(atPath: StoreFixtures.path("optuna/optuna.db"), toPath: file)
        var writer: OpaquePointer?
        #expect(sqlite3_open(file, &writer) == SQLITE_OK)
        defer { sqlite3_close(writer) }
        #expect(sqlite3_exec(writer, "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0;", nil, nil, nil) == SQLITE_OK)
        #expect(sqlite3_exec(writer, "INSERT INTO studies (study_id, study_name) VALUES (9, 'fresh')", nil, nil, nil) == SQLITE_OK)
        #expect(FileManager.default.fileExists(atPath: file + "-wal"))
        #expect(!SQLiteDatabase.isCheckpointedWAL(file))
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: file) }
        #expect(e?.message == "the Optuna storage holds 4 studies: \"single\", \"multi\", \"multi unnamed\", \"fresh\"")
    }

    @Test func pathsWithURICharactersOpen() throws {
        let dir = try StoreFixtures.scratch() + "/a?b #c%20é"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: StoreFixtures.path("optuna/optuna.db"), toPath: dir + "/o.db")
        let t = try RunLoader.load(path: dir + "/o.db", options: LoadOptions(study: "multi"))
        #expect(t.rowCount == 4)
    }

    @Test func aTextFileNamedDbIsNotADatabase() throws {
        let file = try StoreFixtures.scratch() + "/notes.db"
        try "hello, this is not sqlite\n".write(toFile: file, atomically: true, encoding: .utf8)
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: file) }
        #expect(e == LoadError(path: file, message: "not an SQLite database (file is not a database)"))
    }

    @Test func aTruncatedDatabaseIsAnErrorNotACrash() throws {
        let original = try Data(contentsOf: URL(fileURLWithPath: StoreFixtures.path("optuna/optuna.db")))
        let dir = try StoreFixtures.scratch()
        // Inside the header, sqlite itself finds the file malformed; past it, sift compares the header's size.
        for size in [0, 50, 99] {
            let file = dir + "/cut\(size).db"
            try original.prefix(size).write(to: URL(fileURLWithPath: file))
            let e = StoreFixtures.loadError { _ = try OptunaLoader.load(path: file, options: LoadOptions(study: "single")) }
            #expect(e?.path == file)
            #expect(e?.message.hasPrefix(size == 0 ? "not a complete Optuna database" : "the database is corrupt or truncated") == true,
                    "\(size): \(e?.message ?? "loaded")")
        }
        for size in stride(from: 100, to: original.count, by: 509) {
            let file = dir + "/cut\(size).db"
            try original.prefix(size).write(to: URL(fileURLWithPath: file))
            let e = StoreFixtures.loadError { _ = try RunLoader.load(path: file, options: LoadOptions(study: "single")) }
            #expect(e == LoadError(path: file, message: "the database is truncated: its header promises \(original.count) bytes, the file has \(size)",
                                   hint: "the file may have been copied while being written; copy it again"), "\(size) bytes")
        }
    }

    @Test func aDatabaseOfOtherTablesNamesThem() {
        let file = StoreFixtures.path("sqlite/other.db")
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: file) }
        #expect(e == LoadError(path: file, message: "not an MLflow or Optuna database", hint: "tables found: bar, foo"))
    }

    @Test func aLockedDatabaseSaysSo() throws {
        let file = try StoreFixtures.scratch() + "/busy.db"
        try FileManager.default.copyItem(atPath: StoreFixtures.path("optuna/optuna.db"), toPath: file)
        var writer: OpaquePointer?
        #expect(sqlite3_open(file, &writer) == SQLITE_OK)
        defer { sqlite3_close(writer) }
        #expect(sqlite3_exec(writer, "BEGIN EXCLUSIVE", nil, nil, nil) == SQLITE_OK)
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: file, options: LoadOptions(study: "single")) }
        #expect(e?.message == "the database is locked by another process (database is locked)")
        #expect(e?.hint?.hasPrefix("wait for the writer") == true)
        sqlite3_exec(writer, "ROLLBACK", nil, nil, nil)
    }
}
