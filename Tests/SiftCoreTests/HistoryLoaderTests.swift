import CSQLite
import Foundation
import Testing
@testable import SiftCore

/// Checks the `METRIC.best` (or `.min`/`.max`) companion columns the W&B, MLflow and Optuna loaders derive
/// from a metric's history, against the extremes of the steps each client itself reports
/// (Fixtures/history/expected.json, written by scripts/reference/history/make_fixtures.py).
@Suite struct HistoryLoaderTests {
    /// The companions the fixture's metrics get: a goal the name tells gives `.best`; `grad_norm` tells
    /// none and gets both extremes; `test_acc`, logged once per run, gets none.
    static let companions: [(column: String, metric: String, pick: String)] = [
        ("val_loss.best", "val_loss", "min"),
        ("val_acc.best", "val_acc", "max"),
        ("grad_norm.min", "grad_norm", "min"),
        ("grad_norm.max", "grad_norm", "max"),
    ]

    static let stores: [(path: String, expected: String, idColumn: String, idKey: String)] = [
        ("history/wandb", "wandb", "id", "id"),
        ("history/mlruns", "mlflow-filestore", "run_id", "run_id"),
        ("history/mlflow.db", "mlflow-sqlite", "run_id", "run_id"),
    ]

    /// The extreme `pick` of `metric` in an expected run, as a cell (missing when no step was finite).
    private func expectedCell(_ run: JSONLike, _ metric: String, _ pick: String) -> Value {
        guard let x = run["history"]?[metric]?[pick], x != .null else { return .missing }
        return StoreFixtures.cell(x)
    }

    @Test(arguments: stores)
    func bestOverTheStepsMatchesTheClient(store: (path: String, expected: String, idColumn: String, idKey: String)) throws {
        let expected = StoreFixtures.items(try StoreFixtures.expected("history/expected.json")[store.expected]?["runs"])
        let table = try RunLoader.load(path: StoreFixtures.path(store.path))
        #expect(table.rowCount == 5)
        for run in expected {
            let row = try #require((0..<table.rowCount).first {
                table.column(named: store.idColumn)?[$0] == StoreFixtures.cell(run[store.idKey])
            })
            for c in Self.companions {
                let column = try #require(table.column(named: c.column), "\(c.column)")
                #expect(column.role == .metric)
                #expect(column[row] == expectedCell(run, c.metric, c.pick), "\(c.column) of \(run[store.idKey] ?? .null)")
            }
        }
        // Logged once per run: no history to speak of, no companion.
        #expect(table.column(named: "test_acc") != nil)
        for name in ["test_acc.best", "test_acc.min", "test_acc.max", "val_loss.min", "val_acc.max"] {
            #expect(table.column(named: name) == nil, "\(name)")
        }
    }

    @Test func theFixtureHasHistoriesWhoseBestIsNotTheLastValue() throws {
        // Otherwise the test above could not tell a best from a last value.
        let table = try RunLoader.load(path: StoreFixtures.path("history/mlruns"))
        let last = try #require(table.column(named: "val_loss")), best = try #require(table.column(named: "val_loss.best"))
        #expect((0..<table.rowCount).contains { last[$0].number != nil && last[$0] != best[$0] })
    }

    @Test func stepsThatAreNaNOrInfiniteAreNeverTheBest() throws {
        // Run 1 logged val_acc as NaN at step 2 and +inf at step 4; run 4 logged val_loss as NaN at every step.
        for path in ["history/wandb", "history/mlruns", "history/mlflow.db"] {
            let table = try RunLoader.load(path: StoreFixtures.path(path))
            let acc = try #require(table.column(named: "val_acc.best")), loss = try #require(table.column(named: "val_loss.best"))
            #expect((0..<table.rowCount).allSatisfy { acc[$0].number?.isFinite == true }, "\(path)")
            #expect((0..<table.rowCount).filter { loss[$0].isMissing }.count == 1, "\(path)")
        }
    }

    @Test func nestedLoggedValuesGetCompanionsToo() throws {
        // run.log({"eval": {"loss": …}}) is the metric eval.loss.
        let expected = StoreFixtures.items(try StoreFixtures.expected("history/expected.json")["wandb"]?["runs"])
        let table = try RunLoader.load(path: StoreFixtures.path("history/wandb"))
        for run in expected {
            let row = try #require((0..<table.rowCount).first { table.column(named: "id")?[$0] == StoreFixtures.cell(run["id"]) })
            #expect(table.column(named: "eval.loss.best")?[row] == expectedCell(run, "eval.loss", "min"))
        }
    }

    static let studies: [(name: String, pick: String)] = [("history-min", "min"), ("history-max", "max")]

    @Test(arguments: studies)
    func optunaIntermediateValuesFollowTheStudyDirection(study: (name: String, pick: String)) throws {
        let expected = try StoreFixtures.expected("history/expected.json")["optuna"]?["studies"]?[study.name]
        let complete = StoreFixtures.items(expected?["trials"]).filter { $0["state"] == .string("COMPLETE") }
        let table = try RunLoader.load(path: StoreFixtures.path("history/optuna.db"), options: LoadOptions(study: study.name))
        #expect(table.rowCount == complete.count)
        let best = try #require(table.column(named: "value.best"))
        #expect(best.role == .metric)
        // The companion has the study's direction, as the objective has.
        #expect(table.goals["value.best"] == (study.pick == "min" ? .minimize : .maximize))
        for trial in complete {
            let row = try #require((0..<table.rowCount).first { table.column(named: "number")?[$0] == StoreFixtures.cell(trial["number"]) })
            let x = trial["intermediate"]?[study.pick]
            #expect(best[row] == (x == .null ? .missing : StoreFixtures.cell(x)), "trial \(trial["number"] ?? .null)")
        }
    }

    @Test func aStoreWithoutHistoryGetsNoCompanion() throws {
        // The stores fixture's single study reports no intermediate values.
        let table = try RunLoader.load(path: StoreFixtures.path("optuna/optuna.db"), options: LoadOptions(study: "single"))
        #expect(!table.columns.contains { $0.name.hasPrefix("value.") })
    }

    @Test func optunaBefore24KeptIntermediateValuesInTrialValues() throws {
        // The Optuna 2.3 fixture (a maximize study) reported none: add steps to its first two complete
        // trials the way that schema kept them, (trial_id, step, value), NULL for NaN.
        let file = try StoreFixtures.scratch() + "/legacy.db"
        try FileManager.default.copyItem(atPath: StoreFixtures.path("optuna/optuna-2.3.db"), toPath: file)
        var writer: OpaquePointer?
        #expect(sqlite3_open(file, &writer) == SQLITE_OK)
        let insert = """
            WITH c AS (SELECT trial_id, row_number() OVER (ORDER BY number) AS k FROM trials WHERE state = 'COMPLETE')
            INSERT INTO trial_values (trial_id, step, value)
            SELECT trial_id, s.step, s.value FROM c JOIN (
                SELECT 1 AS k, 0 AS step, 0.25 AS value UNION ALL SELECT 1, 1, 0.75 UNION ALL SELECT 1, 2, NULL
                UNION ALL SELECT 1, 3, 0.5 UNION ALL SELECT 2, 0, 0.125) s ON s.k = c.k
            """
        #expect(sqlite3_exec(writer, insert, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(writer)
        let table = try RunLoader.load(path: file)
        let best = try #require(table.column(named: "value.best"))
        #expect(best[0] == .number(0.75) && best[1] == .number(0.125))
        #expect((2..<table.rowCount).allSatisfy { best.isMissing($0) })
        #expect(table.goals["value.best"] == .maximize)
    }

    @Test func wandbHistoryJSONLinesIsReadWhenTheLogHasNone() throws {
        // An older client's synced run folder: no .wandb log, the history in files/wandb-history.jsonl.
        let root = try StoreFixtures.scratch()
        for (i, lines) in [
            ["{\"_step\": 0, \"loss\": 0.9, \"acc\": 0.2}", "{\"_step\": 1, \"loss\": 0.4, \"acc\": NaN}",
             "{\"_step\": 2, \"loss\": 0.6, \"acc\": 0.5, \"img\": {\"_type\": \"image-file\", \"x\": 1}}"],
            ["{\"loss\": 0.7}", "", "{\"loss\": Infinity, \"note\": \"text\"}"],
        ].enumerated() {
            let files = root + "/wandb/run-20240101_00000\(i)-r\(i)/files"
            try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
            try "lr:\n  value: 0.\(i + 1)\n".write(toFile: files + "/config.yaml", atomically: true, encoding: .utf8)
            try "{\"loss\": 0.6, \"acc\": 0.5}".write(toFile: files + "/wandb-summary.json", atomically: true, encoding: .utf8)
            try lines.joined(separator: "\n").write(toFile: files + "/wandb-history.jsonl", atomically: true, encoding: .utf8)
        }
        let table = try RunLoader.load(path: root)
        func cells(_ name: String) -> [Value] { (0..<table.rowCount).map { table.column(named: name)?[$0] ?? .missing } }
        #expect(table.column(named: "loss.best") != nil && table.column(named: "acc.best") != nil)
        #expect(cells("loss.best") == [.number(0.4), .number(0.7)])
        #expect(cells("acc.best") == [.number(0.5), .missing])
        #expect(table.column(named: "_step.best") == nil && table.column(named: "img.x.best") == nil)
    }

    @Test func aBadWandbHistoryLineNamesItsLine() throws {
        let root = try StoreFixtures.scratch()
        let files = root + "/run-20240101_000000-bad/files"
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        try "{\"loss\": 1}".write(toFile: files + "/wandb-summary.json", atomically: true, encoding: .utf8)
        try "{\"loss\": 1}\n{\"loss\": }\n".write(toFile: files + "/wandb-history.jsonl", atomically: true, encoding: .utf8)
        let error = try #require(StoreFixtures.loadError { _ = try RunLoader.load(path: root + "/run-20240101_000000-bad") })
        #expect(error.line == 2 && error.column == 10)
        #expect(error.path.hasSuffix("files/wandb-history.jsonl"))
    }
}

/// The running extremes loaders keep instead of whole histories.
@Suite struct StepExtremesTests {
    static let cases: [(steps: [Double], min: Double?, max: Double?)] = [
        ([], nil, nil),
        ([.nan, .infinity, -.infinity], nil, nil),
        ([3, .nan, 1, 2], 1, 3),
        ([-.infinity, 0.5, .infinity], 0.5, 0.5),
    ]

    @Test(arguments: cases)
    func keepsTheFiniteExtremes(c: (steps: [Double], min: Double?, max: Double?)) {
        var e = StepExtremes()
        for x in c.steps { e.add(x) }
        #expect(e.steps == c.steps.count)
        #expect(e.min == c.min && e.max == c.max)
        #expect(e.best(.minimize) == c.min && e.best(.maximize) == c.max)
    }

    @Test func companionsFollowTheGoalAndLeaveTheSourcesNamesAlone() {
        var a = MetricHistory(), b = MetricHistory()
        for x in [0.5, 0.2, 0.3] { a.add("val_loss", x); a.add("objective", x); a.add("score", x) }
        a.add("once", 1)
        b.add("val_loss", 0.1)
        let metrics = ["val_loss": "val_loss", "objective": "objective", "score": "score", "once": "once"]
        let plan = HistoryColumns(histories: [a, b], metrics: metrics, goals: ["score": .minimize], taken: ["objective.max"])
        #expect(plan.goals == ["score.best": .minimize])
        #expect(plan.companions == [
            .init(column: "objective.min", metric: "objective", pick: .min),
            .init(column: "score.best", metric: "score", pick: .min),
            .init(column: "val_loss.best", metric: "val_loss", pick: .min),
        ])
    }

    /// A metric column renamed from its logged key (`metrics.lr` beside a param `lr`) names its companions
    /// after the column and reads the key's steps; its goal comes from the column's name.
    @Test func companionsFollowARenamedMetric() {
        var a = MetricHistory()
        for x in [0.2, 0.1, 0.05] { a.add("lr", x); a.add("val_loss", x) }
        let plan = HistoryColumns(histories: [a], metrics: ["metrics.lr": "lr", "summary.val_loss": "val_loss"],
                                  goals: [:], taken: ["lr", "metrics.lr", "summary.val_loss"])
        #expect(plan.companions == [
            .init(column: "metrics.lr.min", metric: "lr", pick: .min),
            .init(column: "metrics.lr.max", metric: "lr", pick: .max),
            .init(column: "summary.val_loss.best", metric: "val_loss", pick: .min),
        ])
        var b = RecordsBuilder()
        b.beginRun()
        plan.set(a, into: &b)
        let t = b.build(source: "test")
        #expect(t.column(named: "metrics.lr.max")?[0] == .number(0.2))
        #expect(t.column(named: "summary.val_loss.best")?[0] == .number(0.05))
    }
}
