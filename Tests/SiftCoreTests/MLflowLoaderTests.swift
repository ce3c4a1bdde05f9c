import CSQLite
import Foundation
import Testing
@testable import SiftCore

/// Checks both MLflow stores against what MLflow's own client reported for the logged runs
/// (Fixtures/mlflow/expected-*.json, written by scripts/reference/stores/make_fixtures.py).
@Suite struct MLflowLoaderTests {
    static let stores: [(path: String, expected: String)] = [
        ("mlflow/mlruns", "mlflow/expected-filestore.json"),
        ("mlflow/mlflow.db", "mlflow/expected-sqlite.json"),
    ]

    @Test func detectsBothStores() throws {
        #expect(try RunLoader.detect(path: StoreFixtures.path("mlflow/mlruns")) == .mlflowFileStore)
        #expect(try RunLoader.detect(path: StoreFixtures.path("mlflow")) == .mlflowFileStore)
        #expect(try RunLoader.detect(path: StoreFixtures.path("mlflow/mlflow.db")) == .mlflowSQLite)
    }

    @Test(arguments: stores)
    func runsMatchWhatMLflowReported(store: (path: String, expected: String)) throws {
        let expected = StoreFixtures.items(try StoreFixtures.expected(store.expected))
        let table = try RunLoader.load(path: StoreFixtures.path(store.path))
        #expect(table.rowCount == expected.count)
        let ids = (0..<table.rowCount).map { table.column(named: "run_id")?[$0] ?? .missing }
        for run in expected {
            let row = try #require(ids.firstIndex(of: StoreFixtures.cell(run["run_id"])))
            func at(_ name: String) -> Value { table.column(named: name)?[row] ?? .missing }
            #expect(at("name") == StoreFixtures.cell(run["name"]))
            #expect(at("experiment") == StoreFixtures.cell(run["experiment"]))
            #expect(at("state") == .string(StoreFixtures.cell(run["status"]).string?.lowercased() ?? ""))
            let start = try #require(StoreFixtures.cell(run["start_time"]).number)
            let end = try #require(StoreFixtures.cell(run["end_time"]).number)
            #expect(at("runtime") == .number((end - start) / 1000))
            #expect(at("created") == .string(SQLDateTime.iso8601(millisecondsSinceEpoch: Int64(start))))
            for (key, value) in StoreFixtures.members(run["params"]) {
                #expect(table.column(named: key)?.role == .param)
                // MLflow keeps params as text; sift infers numbers and booleans as for CSV cells.
                let text = try #require(StoreFixtures.cell(value).string)
                #expect(at(key) == Value.infer(fromText: Substring(text)), "param \(key)")
            }
            for (key, value) in StoreFixtures.members(run["metrics"]) {
                #expect(table.column(named: key)?.role == .metric)
                #expect(StoreFixtures.same(at(key), StoreFixtures.cell(value)), "metric \(key)")
            }
            for (key, value) in StoreFixtures.members(run["tags"]) where !key.hasPrefix("mlflow.") {
                #expect(at("tags." + key) == StoreFixtures.cell(value))
            }
            #expect(at("user") == .string("ada") || StoreFixtures.cell(run["experiment"]) == .string("other"))
        }
        // The deleted run is not loaded.
        #expect(!(0..<table.rowCount).contains { table.column(named: "name")?[$0] == .string("deleted-run") })
    }

    @Test(arguments: stores)
    func paramTypesAreInferredFromText(store: (path: String, expected: String)) throws {
        let table = try RunLoader.load(path: StoreFixtures.path(store.path), options: LoadOptions(study: "sweep"))
        #expect(table.rowCount == 4)
        #expect(table.column(named: "lr")?.kind == .numeric)
        #expect(table.column(named: "layers")?.isInteger == true)
        #expect(table.column(named: "use_bn")?.kind == .boolean)
        #expect(table.column(named: "optimizer")?.kind == .categorical)
        #expect(table.column(named: "model/width")?.kind == .numeric)
        // Metrics logged at two or more steps also get their best over the steps (`diverged` was logged once).
        #expect(Set(table.names(withRole: .metric)) == ["val_acc", "val_loss", "val_loss_noisy", "diverged",
                                                        "val_acc.best", "val_loss.best", "val_loss_noisy.best"])
        // The script's curves make each run's best its latest value: val_loss falls, the later val_acc and
        // the val_loss_noisy of the highest step are the larger and the smaller one.
        for name in ["val_acc", "val_loss", "val_loss_noisy"] {
            let last = try #require(table.column(named: name)), best = try #require(table.column(named: name + ".best"))
            #expect((0..<table.rowCount).allSatisfy { last[$0] == best[$0] }, "\(name)")
        }
        #expect(table.goals.isEmpty)
    }

    @Test(arguments: stores)
    func anExperimentIsChosenByNameOrId(store: (path: String, expected: String)) throws {
        let path = StoreFixtures.path(store.path)
        let other = try RunLoader.load(path: path, options: LoadOptions(study: "other"))
        #expect(other.rowCount == 1)
        #expect(other.column(named: "alpha")?[0] == .number(0.5))
        #expect(other.column(named: "score")?[0] == .number(3))
        let id = try #require(StoreFixtures.items(try StoreFixtures.expected(store.expected))
            .first { $0["experiment"] == .string("other") }?["experiment_id"])
        let byID = try RunLoader.load(path: path, options: LoadOptions(study: StoreFixtures.cell(id).string))
        #expect(byID.column(named: "name")?[0] == .string("lonely"))
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: path, options: LoadOptions(study: "swep")) }
        #expect(e == LoadError(path: path, message: "no experiment \"swep\" in this MLflow store", hint: "did you mean \"sweep\"?"))
    }

    /// A copy of `store` where every run of the sweep also logged a metric `lr` (as Hugging Face's
    /// `MLflowCallback` logs `learning_rate`, a param too) decaying from twice the param over three steps.
    private func storeWithMetricLR(_ store: String) throws -> String {
        let copy = try StoreFixtures.scratch() + "/" + (store as NSString).lastPathComponent
        try FileManager.default.copyItem(atPath: StoreFixtures.path(store), toPath: copy)
        let steps = [(2.0, 0), (1.0, 1), (0.5, 2)]  // factor of the param lr, step
        if store.hasSuffix(".db") {
            var writer: OpaquePointer?
            #expect(sqlite3_open(copy, &writer) == SQLITE_OK)
            defer { sqlite3_close(writer) }
            for (factor, step) in steps {
                let insert = """
                    INSERT INTO metrics (key, value, timestamp, run_uuid, step, is_nan)
                    SELECT 'lr', CAST(value AS REAL) * \(factor), 1000 + \(step), run_uuid, \(step), 0
                    FROM params WHERE key = 'lr'
                    """
                #expect(sqlite3_exec(writer, insert, nil, nil, nil) == SQLITE_OK)
            }
            let latest = """
                INSERT INTO latest_metrics (key, value, timestamp, step, is_nan, run_uuid)
                SELECT key, value, timestamp, step, is_nan, run_uuid FROM metrics WHERE key = 'lr' AND step = 2
                """
            #expect(sqlite3_exec(writer, latest, nil, nil, nil) == SQLITE_OK)
        } else {
            let fm = FileManager.default
            for exp in try fm.contentsOfDirectory(atPath: copy) {
                for run in (try? fm.contentsOfDirectory(atPath: copy + "/" + exp)) ?? [] {
                    let folder = copy + "/" + exp + "/" + run
                    guard let text = try? String(contentsOfFile: folder + "/params/lr", encoding: .utf8),
                          let lr = Double(text) else { continue }
                    let lines = steps.map { "\(1000 + $0.1) \(lr * $0.0) \($0.1)\n" }.joined()
                    try fm.createDirectory(atPath: folder + "/metrics", withIntermediateDirectories: true)
                    try lines.write(toFile: folder + "/metrics/lr", atomically: true, encoding: .utf8)
                }
            }
        }
        return copy
    }

    /// A param and a metric with one key: the param keeps the name, the metric becomes `metrics.KEY`
    /// and its history companions follow it (`lr` tells no goal, so `.min` and `.max`).
    @Test(arguments: stores)
    func aMetricNamedLikeAParamKeepsBoth(store: (path: String, expected: String)) throws {
        let t = try RunLoader.load(path: try storeWithMetricLR(store.path), options: LoadOptions(study: "sweep"))
        let names = (0..<t.rowCount).map { t.column(named: "name")?[$0] }
        let row = try #require(names.firstIndex(of: .string("trial-1")))  // lr 0.1
        #expect(t.column(named: "lr")?.role == .param)
        #expect(t.column(named: "lr")?[row] == .number(0.1))
        #expect(t.column(named: "metrics.lr")?.role == .metric)
        #expect(t.column(named: "metrics.lr")?[row] == .number(0.05))
        #expect(t.column(named: "metrics.lr.min")?[row] == .number(0.05))
        #expect(t.column(named: "metrics.lr.max")?[row] == .number(0.2))
        #expect(t.column(named: "lr.min") == nil && t.column(named: "lr.max") == nil)
        // The other metrics and the meta columns keep their names.
        #expect(t.column(named: "val_loss.best")?.role == .metric)
        #expect(t.column(named: "state")?.role == .meta)
    }

    @Test func aSingleExperimentFolderLoads() throws {
        let root = StoreFixtures.path("mlflow/mlruns")
        let folders = try FileManager.default.contentsOfDirectory(atPath: root)
        let sweep = try #require(folders.first { (try? String(contentsOfFile: root + "/" + $0 + "/meta.yaml", encoding: .utf8))?
            .contains("name: sweep") == true })
        let table = try RunLoader.load(path: root + "/" + sweep)
        #expect(table.rowCount == 4)
    }
}

/// Broken MLflow stores, made in a temporary folder from the fixture.
@Suite struct MLflowMalformedTests {
    /// A copy of the fixture's file store, and the folder of its run named `trial-0`.
    private func copyStore() throws -> (root: String, run: String) {
        let root = try StoreFixtures.scratch() + "/mlruns"
        try FileManager.default.copyItem(atPath: StoreFixtures.path("mlflow/mlruns"), toPath: root)
        let fm = FileManager.default
        for exp in try fm.contentsOfDirectory(atPath: root) {
            for run in (try? fm.contentsOfDirectory(atPath: root + "/" + exp)) ?? [] {
                let meta = root + "/" + exp + "/" + run + "/meta.yaml"
                if let text = try? String(contentsOfFile: meta, encoding: .utf8), text.contains("run_name: trial-0") {
                    return (root, root + "/" + exp + "/" + run)
                }
            }
        }
        throw LoadError(path: root, message: "fixture run trial-0 not found")
    }

    @Test func badYAMLNamesTheLineAndColumn() throws {
        let (root, run) = try copyStore()
        try "run_id: abc\nstatus: [3\nstart_time: 1\n".write(toFile: run + "/meta.yaml", atomically: true, encoding: .utf8)
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: root) }
        #expect(e?.path == run + "/meta.yaml")
        #expect(e?.line == 3)
        #expect(e?.message.hasPrefix("bad YAML: ") == true)
    }

    @Test func metaYAMLThatIsNotAMappingIsAnError() throws {
        let (root, run) = try copyStore()
        try "- just\n- a list\n".write(toFile: run + "/meta.yaml", atomically: true, encoding: .utf8)
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: root) }
        #expect(e == LoadError(path: run + "/meta.yaml", message: "expected a YAML mapping of run or experiment fields"))
    }

    @Test func aParamThatIsAnEmptyFolderIsAnError() throws {
        let (root, run) = try copyStore()
        try FileManager.default.removeItem(atPath: run + "/params/lr")
        try FileManager.default.createDirectory(atPath: run + "/params/lr", withIntermediateDirectories: false)
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: root) }
        #expect(e == LoadError(path: run + "/params/lr", message: "\"lr\" is a folder holding no value",
                               hint: "MLflow keeps each param, metric and tag in a file named after its key"))
    }

    @Test func aBadMetricLineNamesItsLine() throws {
        let (root, run) = try copyStore()
        try "1000 0.5 0\n1001 oops 1\n".write(toFile: run + "/metrics/val_loss", atomically: true, encoding: .utf8)
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: root) }
        #expect(e == LoadError(path: run + "/metrics/val_loss", line: 2,
                               message: "expected \"timestamp value step\", found \"1001 oops 1\""))
    }

    /// MLflow 3 writes `timestamp value step dataset_name dataset_digest` for a metric logged with `dataset=`
    /// (its file_store.py, `_log_run_metric`). The step is read as written, as the SQLite store keeps it
    /// (MLflow's own file-store reader takes such lines as step 0).
    @Test func metricLinesWithADatasetLoad() throws {
        let (root, run) = try copyStore()
        try "5 0.9 0 train_ds 2981c147\n3 0.2 2 train_ds 2981c147\n9 0.4 1 train_ds 2981c147\n"
            .write(toFile: run + "/metrics/val_loss", atomically: true, encoding: .utf8)
        let t = try RunLoader.load(path: root, options: LoadOptions(study: "sweep"))
        let row = try #require((0..<t.rowCount).first { t.column(named: "name")?[$0] == .string("trial-0") })
        #expect(t.column(named: "val_loss")?[row] == .number(0.2))
        #expect(t.column(named: "val_loss.best")?[row] == .number(0.2))
    }

    @Test func theLatestMetricValueIsByStepThenTimestamp() throws {
        let (root, run) = try copyStore()
        try "5 1.0 2\n9 2.0 1\n3 3.0 2\n7 4.0 2\n".write(toFile: run + "/metrics/val_loss", atomically: true, encoding: .utf8)
        let t = try RunLoader.load(path: root, options: LoadOptions(study: "sweep"))
        let row = try #require((0..<t.rowCount).first { t.column(named: "name")?[$0] == .string("trial-0") })
        #expect(t.column(named: "val_loss")?[row] == .number(4.0))
    }

    @Test func paramsKeepTheirNamesWhenMLflowMetaWantsThem() throws {
        let (root, run) = try copyStore()
        try "3".write(toFile: run + "/params/state", atomically: true, encoding: .utf8)
        let t = try RunLoader.load(path: root, options: LoadOptions(study: "sweep"))
        let row = try #require((0..<t.rowCount).first { t.column(named: "name")?[$0] == .string("trial-0") })
        #expect(t.column(named: "state")?.role == .param)
        #expect(t.column(named: "state")?[row] == .number(3))
        #expect(t.column(named: "state")?.missingCount == 3)
        #expect(t.column(named: "mlflow.state")?[row] == .string("finished"))
    }

    @Test func anEmptyStoreIsAnError() throws {
        let root = try StoreFixtures.scratch() + "/mlruns"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: root + "/.trash", withIntermediateDirectories: true)
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: root) }
        #expect(e == LoadError(path: root, message: "the MLflow store holds no experiments",
                               hint: "expected folders <experiment_id>/meta.yaml under \(root)"))
    }

    @Test func aStoreWithOnlyEmptyExperimentsHasNoRuns() throws {
        let root = try StoreFixtures.scratch() + "/mlruns"
        try FileManager.default.createDirectory(atPath: root + "/0", withIntermediateDirectories: true)
        try "experiment_id: '0'\nlifecycle_stage: active\nname: Default\n"
            .write(toFile: root + "/0/meta.yaml", atomically: true, encoding: .utf8)
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: root) }
        #expect(e == LoadError(path: root, message: "the MLflow store holds no active runs"))
    }

    @Test func anMLflowDatabaseMissingATableSaysWhich() throws {
        // optuna.db has none of MLflow's tables: loading it as MLflow names the missing ones.
        let path = StoreFixtures.path("optuna/optuna.db")
        let e = StoreFixtures.loadError { _ = try MLflowLoader.loadSQLite(path: path, options: LoadOptions()) }
        #expect(e?.message == "not a complete MLflow database: missing tables \"experiments\", \"runs\", \"params\", \"latest_metrics\"")
        #expect(e?.hint?.hasPrefix("tables found: alembic_version, studies") == true)
    }
}

extension MLflowMalformedTests {
    /// PyYAML writes a run or experiment name like `1e3` or `0o17` unquoted (to PyYAML it is no number);
    /// it stays the text MLflow shows, and a `study` clause finds the experiment by it.
    @Test func namesPyYAMLWritesBareStayText() throws {
        let (root, run) = try copyStore()
        let meta = run + "/meta.yaml"
        let text = try String(contentsOfFile: meta, encoding: .utf8)
        try text.replacingOccurrences(of: "run_name: trial-0", with: "run_name: 1e3")
            .write(toFile: meta, atomically: true, encoding: .utf8)
        let experimentMeta = (run as NSString).deletingLastPathComponent + "/meta.yaml"
        let experiment = try String(contentsOfFile: experimentMeta, encoding: .utf8)
        try experiment.replacingOccurrences(of: "name: sweep", with: "name: 0o17")
            .write(toFile: experimentMeta, atomically: true, encoding: .utf8)
        let t = try RunLoader.load(path: root, options: LoadOptions(study: "0o17"))
        #expect(t.rowCount == 4)
        #expect((0..<t.rowCount).contains { t.column(named: "name")?[$0] == .string("1e3") })
        #expect(t.column(named: "experiment")?[0] == .string("0o17"))
    }
}

extension MLflowLoaderTests {
    /// MLflow's SQLite store keeps ±infinity as ±1.7976931348623157e308 (`sanitize_metric_value`); sift reads
    /// exactly that back as ±infinity, as the file store writes `inf`, and leaves other values alone.
    @Test func theSQLiteStoresClampedInfinityIsInfinity() throws {
        let file = try StoreFixtures.scratch() + "/inf.db"
        try FileManager.default.copyItem(atPath: StoreFixtures.path("mlflow/mlflow.db"), toPath: file)
        var writer: OpaquePointer?
        #expect(sqlite3_open(file, &writer) == SQLITE_OK)
        let update = """
            UPDATE latest_metrics SET value = CASE key WHEN 'val_loss' THEN 1.7976931348623157e308
                                                       WHEN 'val_acc' THEN -1.7976931348623157e308
                                                       ELSE 1.7976931348623155e308 END
            WHERE run_uuid = (SELECT run_uuid FROM runs WHERE name = 'trial-0')
            """
        #expect(sqlite3_exec(writer, update, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(writer)
        let t = try RunLoader.load(path: file, options: LoadOptions(study: "sweep"))
        let row = try #require((0..<t.rowCount).first { t.column(named: "name")?[$0] == .string("trial-0") })
        #expect(t.column(named: "val_loss")?[row] == .number(.infinity))
        #expect(t.column(named: "val_acc")?[row] == .number(-.infinity))
        #expect(t.column(named: "val_loss_noisy")?[row] == .number(1.7976931348623155e308))
    }
}
