import CSQLite
import Foundation
import Testing
@testable import SiftCore

/// Checks the Optuna loader against what Optuna itself reported for the fixture's studies
/// (Fixtures/optuna/expected.json, written by scripts/reference/stores/make_fixtures.py).
@Suite struct OptunaLoaderTests {
    let db = StoreFixtures.path("optuna/optuna.db")

    private func expectedStudy(_ name: String) throws -> JSONLike {
        try #require(try StoreFixtures.expected("optuna/expected.json")[name])
    }

    private func completeTrials(_ study: JSONLike) -> [JSONLike] {
        StoreFixtures.items(study["trials"]).filter { $0["state"] == .string("COMPLETE") }
    }

    private func cell(_ v: JSONLike?) -> Value { StoreFixtures.cell(v) }

    @Test func detectsTheStorage() throws {
        #expect(try RunLoader.detect(path: db) == .optunaSQLite)
    }

    @Test(arguments: ["single", "multi", "multi unnamed"])
    func completeTrialsMatchWhatOptunaReported(study: String) throws {
        let expected = try expectedStudy(study)
        let table = try RunLoader.load(path: db, options: LoadOptions(study: study))
        let trials = completeTrials(expected)
        #expect(table.rowCount == trials.count)
        let directions = StoreFixtures.items(expected["directions"]).compactMap { cell($0).string }
        let named = StoreFixtures.items(expected["metric_names"]).compactMap { cell($0).string }
        let metricNames = !named.isEmpty ? named
            : (directions.count == 1 ? ["value"] : directions.indices.map { "value_\($0)" })
        #expect(table.names(withRole: .metric) == metricNames)
        #expect(table.goals == Dictionary(uniqueKeysWithValues: zip(metricNames, directions.map { Goal(rawValue: $0)! })))

        let paramNames = Set(trials.flatMap { StoreFixtures.members($0["params"]).map(\.0) })
        #expect(Set(table.names(withRole: .param)) == paramNames)
        for (row, trial) in trials.enumerated() {
            #expect(table.column(named: "number")?[row] == cell(trial["number"]))
            #expect(table.column(named: "state")?[row] == .string("COMPLETE"))
            #expect(table.column(named: "study")?[row] == .string(study))
            #expect(table.column(named: "datetime_start")?[row] == cell(trial["datetime_start"]))
            #expect(table.column(named: "datetime_complete")?[row] == cell(trial["datetime_complete"]))
            for name in paramNames {
                let got = table.column(named: name)?[row] ?? .missing
                #expect(StoreFixtures.same(got, cell(trial["params"]?[name])), "trial \(row) param \(name)")
            }
            let values = StoreFixtures.items(trial["values"])
            for (k, name) in metricNames.enumerated() {
                #expect(StoreFixtures.same(table.column(named: name)?[row] ?? .missing, cell(values[k])))
            }
        }
    }

    @Test func userAttributesAreFlattenedMeta() throws {
        let expected = try expectedStudy("single")
        let trials = completeTrials(expected)
        let table = try RunLoader.load(path: db, options: LoadOptions(study: "single"))
        for name in ["seed", "info.gpu", "info.host", "spread"] {
            #expect(table.column(named: name)?.role == .meta, "\(name)")
        }
        for (row, trial) in trials.enumerated() {
            let attrs = try #require(trial["user_attrs"])
            let info = try #require(attrs["info"])
            #expect(table.column(named: "seed")?[row] == cell(attrs["seed"]))
            #expect(table.column(named: "info.gpu")?[row] == cell(info["gpu"]))
            #expect(table.column(named: "info.host")?[row] == cell(info["host"]))
            #expect(StoreFixtures.same(table.column(named: "spread")?[row] ?? .missing, cell(attrs["spread"])))
        }
        // The conditional param is missing where the objective did not ask for it.
        let momentum = try #require(table.column(named: "momentum"))
        let optimizer = try #require(table.column(named: "optimizer"))
        for row in 0..<table.rowCount {
            #expect(momentum.isMissing(row) == (optimizer[row] != .string("sgd")))
        }
        #expect(table.column(named: "n_layers")?.isInteger == true)
        #expect(table.column(named: "optimizer")?.kind == .categorical)
    }

    @Test func durationIsSecondsBetweenStartAndComplete() throws {
        let table = try RunLoader.load(path: db, options: LoadOptions(study: "multi"))
        let start = try #require(table.column(named: "datetime_start")?[0].string)
        let end = try #require(table.column(named: "datetime_complete")?[0].string)
        let d = try #require(table.column(named: "duration")?[0].number)
        #expect(abs(d - (try #require(SQLDateTime.seconds(end)) - (try #require(SQLDateTime.seconds(start))))) < 1e-9)
        #expect(d > 0 && d < 60)
        #expect(SQLDateTime.seconds("1970-01-02 00:00:01.5") == 86_401.5)
        #expect(SQLDateTime.seconds("2000-03-01T00:00:00") == 951_868_800)
        #expect(SQLDateTime.seconds("yesterday") == nil)
    }

    @Test func theSchemaBeforeOptuna24Loads() throws {
        // Made by Optuna 2.3: one objective in trials.value, the direction in studies.direction, and the
        // old distribution names (Uniform, LogUniform, IntUniform, DiscreteUniform).
        let expected = try StoreFixtures.expected("optuna/expected-2.3.json")
        let trials = completeTrials(expected)
        let table = try RunLoader.load(path: StoreFixtures.path("optuna/optuna-2.3.db"))
        #expect(table.rowCount == trials.count)
        #expect(table.goals == ["value": .maximize])
        #expect(table.names(withRole: .param) == ["x", "lr", "n", "d", "c"])
        for (row, trial) in trials.enumerated() {
            for (name, value) in StoreFixtures.members(trial["params"]) {
                #expect(table.column(named: name)?[row] == cell(value), "trial \(row) param \(name)")
            }
            #expect(table.column(named: "value")?[row] == cell(trial["value"]))
            #expect(table.column(named: "tag")?[row] == cell(trial["user_attrs"]?["tag"]))
        }
    }

    @Test func paramsKeepTheirNamesWhenOptunaMetaWantsThem() throws {
        let file = try StoreFixtures.scratch() + "/clash.db"
        try FileManager.default.copyItem(atPath: db, toPath: file)
        var writer: OpaquePointer?
        #expect(sqlite3_open(file, &writer) == SQLITE_OK)
        let insert = """
            INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json)
            SELECT trial_id, 'state', 1.0, '{"name": "CategoricalDistribution", "attributes": {"choices": ["off", "on"]}}'
            FROM trials WHERE study_id = 2
            """
        #expect(sqlite3_exec(writer, insert, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(writer)
        let t = try RunLoader.load(path: file, options: LoadOptions(study: "multi"))
        #expect(t.column(named: "state")?.role == .param)
        #expect(t.column(named: "state")?[0] == .string("on"))
        #expect(t.column(named: "optuna.state")?[0] == .string("COMPLETE"))
        #expect(t.column(named: "number")?.role == .meta)
    }

    @Test func infiniteObjectiveValuesStayInfinite() throws {
        let file = try StoreFixtures.scratch() + "/inf.db"
        try FileManager.default.copyItem(atPath: db, toPath: file)
        var writer: OpaquePointer?
        #expect(sqlite3_open(file, &writer) == SQLITE_OK)
        // Optuna stores ±inf as a NULL value with value_type INF_POS / INF_NEG.
        let update = """
            UPDATE trial_values SET value = NULL, value_type = CASE objective WHEN 0 THEN 'INF_POS' ELSE 'INF_NEG' END
            WHERE trial_id = (SELECT min(trial_id) FROM trials WHERE study_id = 2)
            """
        #expect(sqlite3_exec(writer, update, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(writer)
        let t = try RunLoader.load(path: file, options: LoadOptions(study: "multi"))
        #expect(t.column(named: "loss")?[0] == .number(.infinity))
        #expect(t.column(named: "accuracy")?[0] == .number(-.infinity))
    }

    @Test func aStudyIsChosenByIdToo() throws {
        let table = try RunLoader.load(path: db, options: LoadOptions(study: "2"))
        #expect(table.column(named: "study")?[0] == .string("multi"))
    }

    @Test func severalStudiesAndNoneChosenListsThem() {
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: db) }
        #expect(e == LoadError(path: db, message: "the Optuna storage holds 3 studies: \"single\", \"multi\", \"multi unnamed\"",
                               hint: "choose one: load \"\(db)\" study \"single\""))
    }

    @Test func anUnknownStudySuggestsTheClosest() {
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: db, options: LoadOptions(study: "singel")) }
        #expect(e == LoadError(path: db, message: "no study \"singel\" in this Optuna storage", hint: "did you mean \"single\"?"))
    }

    @Test func categoricalIndexOutsideTheChoicesIsAnError() throws {
        let json = #"{"name": "CategoricalDistribution", "attributes": {"choices": ["a", "b"]}}"#
        guard case .failure(let f) = OptunaParams.decode(internal: 2, distributionJSON: json) else {
            Issue.record("decoded an index past the choices")
            return
        }
        #expect(f.message == "categorical index 2 is outside its 2 choices")
        #expect(try OptunaParams.decode(internal: 1, distributionJSON: json).get() == .string("b"))
        let ints = #"{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": 1, "high": 5}}"#
        #expect(try OptunaParams.decode(internal: 3, distributionJSON: ints).get() == .number(3))
        if case .success = OptunaParams.decode(internal: 0, distributionJSON: "{oops") { Issue.record("bad JSON decoded") }
    }

    /// An objective named like a param (here the default `value`, a param too) becomes `values.NAME`,
    /// as `trials_dataframe` calls it; its goal and its intermediate values' companion follow it.
    @Test func anObjectiveNamedLikeAParamKeepsBoth() throws {
        let file = try StoreFixtures.scratch() + "/objective-clash.db"
        try FileManager.default.copyItem(atPath: StoreFixtures.path("history/optuna.db"), toPath: file)
        var writer: OpaquePointer?
        #expect(sqlite3_open(file, &writer) == SQLITE_OK)
        let insert = """
            INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json)
            SELECT trial_id, 'value', 7.0, '{"name": "IntDistribution", "attributes": {"log": false, "step": 1, "low": 0, "high": 9}}'
            FROM trials WHERE study_id = 1
            """
        #expect(sqlite3_exec(writer, insert, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(writer)
        let t = try RunLoader.load(path: file, options: LoadOptions(study: "history-min"))
        let plain = try RunLoader.load(path: StoreFixtures.path("history/optuna.db"), options: LoadOptions(study: "history-min"))
        #expect(t.column(named: "value")?.role == .param)
        #expect(t.column(named: "value")?[0] == .number(7))
        #expect(t.column(named: "values.value")?.role == .metric)
        #expect(t.column(named: "values.value.best")?.role == .metric)
        for row in 0..<t.rowCount {
            #expect(t.column(named: "values.value")?[row] == plain.column(named: "value")?[row])
            #expect(t.column(named: "values.value.best")?[row] == plain.column(named: "value.best")?[row])
        }
        #expect(t.goals == ["values.value": .minimize, "values.value.best": .minimize])
    }

    /// A user attribute whose flattened name is a param's (`info` = {"host": …} beside a param `info.host`)
    /// becomes `user_attrs.info.host`; the param keeps its values and the attribute's other leaves their names.
    @Test func aNestedUserAttributeNamedLikeAParamKeepsBoth() throws {
        let file = try StoreFixtures.scratch() + "/attr-clash.db"
        try FileManager.default.copyItem(atPath: db, toPath: file)
        var writer: OpaquePointer?
        #expect(sqlite3_open(file, &writer) == SQLITE_OK)
        let insert = """
            INSERT INTO trial_params (trial_id, param_name, param_value, distribution_json)
            SELECT trial_id, 'info.host', 0.25, '{"name": "FloatDistribution", "attributes": {"step": null, "low": 0.0, "high": 1.0, "log": false}}'
            FROM trials WHERE study_id = 1
            """
        #expect(sqlite3_exec(writer, insert, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(writer)
        let t = try RunLoader.load(path: file, options: LoadOptions(study: "single"))
        let trials = completeTrials(try expectedStudy("single"))
        #expect(t.column(named: "info.host")?.role == .param)
        #expect(t.column(named: "user_attrs.info.host")?.role == .meta)
        #expect(t.column(named: "info.gpu")?.role == .meta)
        for (row, trial) in trials.enumerated() {
            let info = try #require(trial["user_attrs"]?["info"])
            #expect(t.column(named: "info.host")?[row] == .number(0.25))
            #expect(t.column(named: "user_attrs.info.host")?[row] == cell(info["host"]))
            #expect(t.column(named: "info.gpu")?[row] == cell(info["gpu"]))
        }
    }
}
