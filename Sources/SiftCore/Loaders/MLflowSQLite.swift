extension MLflowLoader {
    /// Loads an MLflow SQLite backend (`mlflow.db`): tables `experiments`, `runs`, `params`, `latest_metrics`, `tags`.
    static func loadSQLite(path: String, options: LoadOptions) throws(LoadError) -> RunTable {
        let db = try SQLiteDatabase.openForLoading(path)
        try db.requireTables(SQLiteProbe.mlflowTables, kind: "MLflow", path: path)
        let expRows = try db.rows("""
            SELECT experiment_id, name FROM experiments WHERE lifecycle_stage = 'active' ORDER BY experiment_id
            """, path: path, record: "table experiments")
        let experiments = expRows.map { MLflowExperiment(id: $0[0].text ?? "", name: $0[1].text ?? "") }
        let chosen = try choose(experiments, wanted: options.study, path: path)
        let names = Dictionary(chosen.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })

        // Older schemas lack some columns (`runs.name` came with MLflow 1.x): read NULL for those.
        let runColumns = try db.columnNames(of: "runs", path: path)
        func column(_ name: String) -> String { runColumns.contains(name) ? name : "NULL" }
        let runRows = try db.rows("""
            SELECT run_uuid, \(column("name")), experiment_id, \(column("status")), \(column("start_time")),
                   \(column("end_time")), \(column("user_id")) FROM runs
            WHERE \(runColumns.contains("lifecycle_stage") ? "lifecycle_stage = 'active'" : "1")
            ORDER BY \(column("start_time")), run_uuid
            """, path: path, record: "table runs")
        var runs: [MLflowRun] = []
        var index: [String: Int] = [:]
        for r in runRows {
            guard let id = r[0].text, let exp = r[2].text, let expName = names[exp] else { continue }
            index[id] = runs.count
            runs.append(MLflowRun(runID: id, name: r[1].text.flatMap { $0.isEmpty ? nil : $0 }, experimentID: exp,
                                  experimentName: expName, status: r[3].text,
                                  startTime: integer(r[4]), endTime: integer(r[5]), user: r[6].text))
        }
        for r in try db.rows("SELECT run_uuid, key, value FROM params ORDER BY key", path: path, record: "table params") {
            guard let id = r[0].text, let i = index[id], let key = r[1].text else { continue }
            runs[i].params.append((key, r[2].text ?? ""))
        }
        let hasIsNaN = try db.columnNames(of: "latest_metrics", path: path).contains("is_nan")
        for r in try db.rows("SELECT run_uuid, key, value, \(hasIsNaN ? "is_nan" : "0") FROM latest_metrics ORDER BY key",
                             path: path, record: "table latest_metrics") {
            guard let id = r[0].text, let i = index[id], let key = r[1].text else { continue }
            let isNaN = (r[3].number ?? 0) != 0
            guard let x = isNaN ? .nan : r[2].number else { continue }
            runs[i].metrics.append((key, infinityRestored(x)))
        }
        try readHistory(db, into: &runs, index: index, path: path)
        if try !db.columnNames(of: "tags", path: path).isEmpty {
            for r in try db.rows("SELECT run_uuid, key, value FROM tags ORDER BY key", path: path, record: "table tags") {
                guard let id = r[0].text, let i = index[id], let key = r[1].text else { continue }
                runs[i].tags.append((key, r[2].text ?? ""))
            }
        }
        return try table(of: runs, path: path, source: options.alias ?? path)
    }

    /// Every logged step of each metric from table `metrics`, aggregated by SQLite: the count of steps and
    /// the extremes of the finite ones. MLflow stores NaN as `is_nan = 1` and ±infinity as ±1.7976931348623157e308
    /// (the largest double): both are left out of the extremes.
    private static func readHistory(_ db: SQLiteDatabase, into runs: inout [MLflowRun], index: [String: Int],
                                    path: String) throws(LoadError) {
        let columns = try db.columnNames(of: "metrics", path: path)
        guard ["run_uuid", "key", "value"].allSatisfy(columns.contains) else { return }
        let finite = (columns.contains("is_nan") ? "is_nan = 0 AND " : "") + "abs(value) < 1.79769313486231e308"
        let rows = try db.rows("""
            SELECT run_uuid, key, COUNT(*), MIN(CASE WHEN \(finite) THEN value END), MAX(CASE WHEN \(finite) THEN value END)
            FROM metrics GROUP BY run_uuid, key ORDER BY run_uuid, key
            """, path: path, record: "table metrics")
        for r in rows {
            guard let id = r[0].text, let i = index[id], let key = r[1].text, let n = integer(r[2]) else { continue }
            runs[i].history.add(key, steps: Int(n), min: r[3].number, max: r[4].number)
        }
    }

    /// MLflow's SQLite store clamps ±infinity to ±1.7976931348623157e308, the largest double
    /// (`sqlalchemy_store.py`, `sanitize_metric_value`); exactly that value is read back as ±infinity,
    /// as the file store keeps it.
    static func infinityRestored(_ x: Double) -> Double {
        x.magnitude == .greatestFiniteMagnitude ? (x < 0 ? -.infinity : .infinity) : x
    }

    private static func integer(_ v: SQLiteValue) -> Int64? {
        switch v {
        case .integer(let i): return i
        case .real(let x): return Int64(exactly: x.rounded(.towardZero))  // nil past Int64, not a trap
        default: return nil
        }
    }
}
