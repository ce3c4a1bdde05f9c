/// The study of an Optuna storage that a load reads, with its objectives' names and directions.
struct OptunaStudy {
    /// `studies.study_id`.
    var id: Int64
    /// `studies.study_name`.
    var name: String
    /// One name per objective: `study:metric_names` when Optuna recorded them (3.2+), else `value`
    /// for one objective and `value_0`, `value_1`… for several.
    var objectiveNames: [String]
    /// The direction of each objective, where set.
    var directions: [Goal?]

    /// Picks the study `wanted` (a name, or a numeric id) or the only one; several and none chosen is an error.
    static func choose(in db: SQLiteDatabase, wanted: String?, path: String) throws(LoadError) -> OptunaStudy {
        let rows = try db.rows("SELECT study_id, study_name FROM studies ORDER BY study_id", path: path, record: "table studies")
        let studies: [(Int64, String)] = rows.compactMap { r in
            guard case .integer(let id) = r[0] else { return nil }
            return (id, r[1].text ?? "")
        }
        let names = studies.map(\.1)
        let picked: (Int64, String)
        if let wanted {
            if let s = studies.first(where: { $0.1 == wanted }) ?? studies.first(where: { String($0.0) == wanted }) {
                picked = s
            } else {
                let near = Suggest.closest(to: wanted, among: names)
                throw LoadError(path: path, message: "no study \"\(wanted)\" in this Optuna storage",
                                hint: near.map { "did you mean \"\($0)\"?" } ?? "studies: " + quotedList(names))
            }
        } else if studies.count == 1 {
            picked = studies[0]
        } else if studies.isEmpty {
            throw LoadError(path: path, message: "the Optuna storage holds no studies")
        } else {
            throw LoadError(path: path, message: "the Optuna storage holds \(studies.count) studies: " + quotedList(names),
                            hint: "choose one: load \"\(path)\" study \"\(names[0])\"")
        }
        let directions = try readDirections(db, studyID: picked.0, path: path)
        let names0 = try readMetricNames(db, studyID: picked.0, path: path)
        let count = max(directions.count, 1)
        let objectiveNames: [String]
        if let names0, names0.count == count, Set(names0).count == count {
            objectiveNames = names0
        } else {
            objectiveNames = count == 1 ? ["value"] : (0..<count).map { "value_\($0)" }
        }
        return OptunaStudy(id: picked.0, name: picked.1, objectiveNames: objectiveNames,
                           directions: directions.isEmpty ? [nil] : directions)
    }

    /// Directions per objective from `study_directions` (Optuna 2.4+) or `studies.direction` (older).
    private static func readDirections(_ db: SQLiteDatabase, studyID: Int64, path: String) throws(LoadError) -> [Goal?] {
        if try !db.columnNames(of: "study_directions", path: path).isEmpty {
            let rows = try db.rows("SELECT objective, direction FROM study_directions WHERE study_id = ?1 ORDER BY objective",
                                   [.integer(studyID)], path: path, record: "table study_directions")
            return rows.map { goal($0[1].text) }
        }
        if try db.columnNames(of: "studies", path: path).contains("direction") {
            let rows = try db.rows("SELECT direction FROM studies WHERE study_id = ?1", [.integer(studyID)],
                                   path: path, record: "table studies")
            return rows.map { goal($0[0].text) }
        }
        return []
    }

    /// `study:metric_names` from the study's system attributes, when present and a list of strings.
    private static func readMetricNames(_ db: SQLiteDatabase, studyID: Int64, path: String) throws(LoadError) -> [String]? {
        guard try !db.columnNames(of: "study_system_attributes", path: path).isEmpty else { return nil }
        let rows = try db.rows("SELECT value_json FROM study_system_attributes WHERE study_id = ?1 AND key = 'study:metric_names'",
                               [.integer(studyID)], path: path, record: "table study_system_attributes")
        guard let text = rows.first?[0].text, case .array(let items)? = try? JSONReader.parse(text) else { return nil }
        let names = items.compactMap { item -> String? in
            if case .string(let s) = item { return s }
            return nil
        }
        return names.count == items.count ? names : nil
    }

    private static func goal(_ text: String?) -> Goal? {
        switch text?.uppercased() {
        case "MINIMIZE", "1": return .minimize
        case "MAXIMIZE", "2": return .maximize
        default: return nil
        }
    }

    private static func quotedList(_ names: [String]) -> String {
        names.map { "\"\($0)\"" }.joined(separator: ", ")
    }
}
