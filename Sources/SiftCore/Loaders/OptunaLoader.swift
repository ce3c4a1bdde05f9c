/// Reads an Optuna RDB storage (`optuna.db`, SQLite): the complete trials of one study.
///
/// Columns: `number` (meta); the trial's params (decoded through their distributions, so a categorical
/// gives its choice); the objective values as metrics, named from the study's `study:metric_names` or
/// `value` / `value_0`, `value_1`… (`values.NAME` when a param has the name); the trial's user attributes
/// as meta (JSON objects flattened with dots; a flattened name that clashes with a param, metric or meta
/// column becomes `user_attrs.NAME`: `user_attrs.model.lr` beside a param `model.lr`); then `state`,
/// `datetime_start`, `datetime_complete`, `duration` (seconds) and `study`, all meta (one of these
/// names that a param or metric already uses becomes `optuna.NAME`). A single-objective study whose
/// trials reported intermediate values also gets `OBJECTIVE.best`, the best of them by the study's
/// direction (``HistoryColumns``).
/// Trials that are running, pruned, failed or waiting are skipped. The study's directions become the
/// table's `goals`.
enum OptunaLoader {
    static func load(path: String, options: LoadOptions) throws(LoadError) -> RunTable {
        let db = try SQLiteDatabase.openForLoading(path)
        try db.requireTables(["studies", "trials", "trial_params"], kind: "Optuna", path: path)
        let study = try OptunaStudy.choose(in: db, wanted: options.study, path: path)
        let sid: [SQLiteValue] = [.integer(study.id)]

        let trialRows = try db.rows("""
            SELECT trial_id, number, state, datetime_start, datetime_complete FROM trials
            WHERE study_id = ?1 ORDER BY number, trial_id
            """, sid, path: path, record: "table trials")
        var trials: [Trial] = []
        var skipped: [String: Int] = [:]
        for r in trialRows {
            guard case .integer(let id) = r[0] else { continue }
            let state = r[2].text ?? ""
            guard state == "COMPLETE" else {
                skipped[state.lowercased(), default: 0] += 1
                continue
            }
            trials.append(Trial(id: id, number: r[1].number, start: r[3].text, complete: r[4].text))
        }
        guard !trials.isEmpty else {
            let detail = skipped.keys.sorted().map { "\(skipped[$0] ?? 0) \($0)" }.joined(separator: ", ")
            throw LoadError(path: path, message: "study \"\(study.name)\" has no complete trials"
                            + (detail.isEmpty ? "" : " (\(detail))"))
        }
        let index = Dictionary(uniqueKeysWithValues: trials.enumerated().map { ($1.id, $0) })

        try readParams(db, study: study, into: &trials, index: index, path: path)
        try readValues(db, study: study, into: &trials, index: index, path: path)
        try readUserAttributes(db, study: study, into: &trials, index: index, path: path)
        try readIntermediateValues(db, study: study, into: &trials, index: index, path: path)
        return build(trials, study: study, source: options.alias ?? path)
    }

    /// One complete trial's fields.
    struct Trial {
        var id: Int64
        var number: Double?
        var start: String?
        var complete: String?
        var params: [(String, Value)] = []
        var values: [Int: Double] = [:]
        var userAttributes: [(String, JSONLike)] = []
        /// The reported intermediate values (`trial.report`), as extremes, under the objective's name.
        var history = MetricHistory()
    }

    private static func readParams(_ db: SQLiteDatabase, study: OptunaStudy, into trials: inout [Trial],
                                   index: [Int64: Int], path: String) throws(LoadError) {
        let rows = try db.rows("""
            SELECT p.trial_id, p.param_name, p.param_value, p.distribution_json FROM trial_params p
            JOIN trials t ON t.trial_id = p.trial_id
            WHERE t.study_id = ?1 AND t.state = 'COMPLETE' ORDER BY p.param_id
            """, [.integer(study.id)], path: path, record: "table trial_params")
        for r in rows {
            guard case .integer(let tid) = r[0], let i = index[tid], let name = r[1].text else { continue }
            guard let x = r[2].number, let json = r[3].text else {
                throw LoadError(path: path, record: trialRecord(trials[i], param: name),
                                message: "the stored value or distribution is missing")
            }
            switch OptunaParams.decode(internal: x, distributionJSON: json) {
            case .success(let v): trials[i].params.append((name, v))
            case .failure(let f): throw LoadError(path: path, record: trialRecord(trials[i], param: name), message: f.message)
            }
        }
    }

    private static func readValues(_ db: SQLiteDatabase, study: OptunaStudy, into trials: inout [Trial],
                                   index: [Int64: Int], path: String) throws(LoadError) {
        let sid: [SQLiteValue] = [.integer(study.id)]
        let valueColumns = try db.columnNames(of: "trial_values", path: path)
        if !valueColumns.contains("objective") {
            // Optuna before 2.4 kept one objective in trials.value (its trial_values held intermediate values).
            guard try db.columnNames(of: "trials", path: path).contains("value") else { return }
            let rows = try db.rows("SELECT trial_id, value FROM trials WHERE study_id = ?1 AND state = 'COMPLETE'",
                                   sid, path: path, record: "table trials")
            for r in rows {
                if case .integer(let tid) = r[0], let i = index[tid], let x = r[1].number { trials[i].values[0] = x }
            }
            return
        }
        let typed = valueColumns.contains("value_type")
        let rows = try db.rows("""
            SELECT v.trial_id, v.objective, v.value, \(typed ? "v.value_type" : "NULL") FROM trial_values v
            JOIN trials t ON t.trial_id = v.trial_id
            WHERE t.study_id = ?1 AND t.state = 'COMPLETE'
            """, sid, path: path, record: "table trial_values")
        for r in rows {
            guard case .integer(let tid) = r[0], let i = index[tid], case .integer(let objective) = r[1] else { continue }
            let x: Double?
            switch r[3].text {
            case "INF_POS": x = .infinity
            case "INF_NEG": x = -.infinity
            default: x = r[2].number
            }
            guard objective >= 0, Int(objective) < study.objectiveNames.count else {
                throw LoadError(path: path, record: trialRecord(trials[i], param: nil),
                                message: "objective \(objective) but the study has \(study.objectiveNames.count)")
            }
            if let x { trials[i].values[Int(objective)] = x }
        }
    }

    private static func readUserAttributes(_ db: SQLiteDatabase, study: OptunaStudy, into trials: inout [Trial],
                                           index: [Int64: Int], path: String) throws(LoadError) {
        guard try !db.columnNames(of: "trial_user_attributes", path: path).isEmpty else { return }
        let rows = try db.rows("""
            SELECT a.trial_id, a.key, a.value_json FROM trial_user_attributes a
            JOIN trials t ON t.trial_id = a.trial_id
            WHERE t.study_id = ?1 AND t.state = 'COMPLETE' ORDER BY a.trial_user_attribute_id
            """, [.integer(study.id)], path: path, record: "table trial_user_attributes")
        for r in rows {
            guard case .integer(let tid) = r[0], let i = index[tid], let key = r[1].text else { continue }
            guard let text = r[2].text, let value = try? JSONReader.parse(text) else {
                throw LoadError(path: path, record: trialRecord(trials[i], param: nil),
                                message: "user attribute \"\(key)\" is not JSON")
            }
            trials[i].userAttributes.append((key, value))
        }
    }

    /// The intermediate values each trial reported, aggregated by SQLite: the count of steps and the extremes
    /// of the finite ones. Optuna stores NaN and ±infinity as NULL with `intermediate_value_type` `NAN`,
    /// `INF_POS`, `INF_NEG` (2.x+); before 2.4 they sat in `trial_values (trial_id, step, value)`. Only a
    /// study with one objective has them (`trial.report` refuses several).
    private static func readIntermediateValues(_ db: SQLiteDatabase, study: OptunaStudy, into trials: inout [Trial],
                                               index: [Int64: Int], path: String) throws(LoadError) {
        guard study.objectiveNames.count == 1 else { return }
        let table: String, value: String
        if try db.columnNames(of: "trial_intermediate_values", path: path).contains("intermediate_value") {
            (table, value) = ("trial_intermediate_values", "intermediate_value")
        } else if try db.columnNames(of: "trial_values", path: path).contains("step") {
            (table, value) = ("trial_values", "value")
        } else {
            return
        }
        let finite = "abs(i.\(value)) < 1.79769313486231e308"
        let rows = try db.rows("""
            SELECT i.trial_id, COUNT(*), MIN(CASE WHEN \(finite) THEN i.\(value) END),
                   MAX(CASE WHEN \(finite) THEN i.\(value) END)
            FROM \(table) i JOIN trials t ON t.trial_id = i.trial_id
            WHERE t.study_id = ?1 AND t.state = 'COMPLETE' GROUP BY i.trial_id
            """, [.integer(study.id)], path: path, record: "table \(table)")
        for r in rows {
            guard case .integer(let tid) = r[0], let i = index[tid], case .integer(let n) = r[1] else { continue }
            trials[i].history.add(study.objectiveNames[0], steps: Int(n), min: r[2].number, max: r[3].number)
        }
    }

    private static func build(_ trials: [Trial], study: OptunaStudy, source: String) -> RunTable {
        let paramNames = Set(trials.flatMap { $0.params.map(\.0) })
        // An objective named like a param (`set_metric_names(["lr"])`) becomes `values.NAME`, as
        // `trials_dataframe` calls it, so that neither hides the other.
        let objectiveColumns = study.objectiveNames.map { paramNames.contains($0) ? "values." + $0 : $0 }
        let userNames = paramNames.union(objectiveColumns)
        let meta = MetaNames(taken: userNames, prefix: "optuna.")
        let goals = Dictionary(zip(objectiveColumns, study.directions).compactMap { n, g in g.map { (n, $0) } },
                               uniquingKeysWith: { a, _ in a })
        let taken = userNames.union(fixedMeta)
        let logged = Dictionary(zip(objectiveColumns, study.objectiveNames), uniquingKeysWith: { a, _ in a })
        let companions = HistoryColumns(histories: trials.map(\.history), metrics: logged, goals: goals, taken: taken)
        let attributeTaken = taken.union(companions.companions.map(\.column))
        var b = RecordsBuilder()
        for t in trials {
            b.beginRun()
            b.set(meta("number"), t.number.map(Value.number) ?? .missing, role: .meta)
            for (name, v) in t.params { b.set(name, v, role: .param) }
            for (k, name) in objectiveColumns.enumerated() {
                b.set(name, t.values[k].map(Value.number) ?? .missing, role: .metric)
            }
            companions.set(t.history, into: &b)
            for (key, v) in t.userAttributes {
                // Each flattened leaf (`model.lr` of {"lr": …}) named like a param, metric or meta column
                // becomes `user_attrs.NAME`; the others keep their names.
                for (name, cell) in v.leaves(prefix: key) {
                    b.set(attributeTaken.contains(name) ? "user_attrs." + name : name, cell, role: .meta)
                }
            }
            b.set(meta("state"), .string("COMPLETE"), role: .meta)
            b.set(meta("datetime_start"), t.start.map(Value.string) ?? .missing, role: .meta)
            b.set(meta("datetime_complete"), t.complete.map(Value.string) ?? .missing, role: .meta)
            b.set(meta("duration"), duration(t.start, t.complete).map(Value.number) ?? .missing, role: .meta)
            b.set(meta("study"), .string(study.name), role: .meta)
        }
        var table = b.build(source: source)
        table.goals = goals.merging(companions.goals) { mine, _ in mine }
        return table
    }

    private static let fixedMeta = ["number", "state", "datetime_start", "datetime_complete", "duration", "study"]

    private static func trialRecord(_ t: Trial, param: String?) -> String {
        let trial = "trial " + (t.number.map(NumberFormatting.plain) ?? "id \(t.id)")
        return param.map { trial + " param \"\($0)\"" } ?? trial
    }

    /// Seconds between two of Optuna's `YYYY-MM-DD HH:MM:SS[.ffffff]` timestamps.
    static func duration(_ start: String?, _ end: String?) -> Double? {
        guard let start, let end, let a = SQLDateTime.seconds(start), let b = SQLDateTime.seconds(end) else { return nil }
        return b - a
    }
}
