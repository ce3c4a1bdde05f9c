import Foundation
import Testing
@testable import SiftCore

/// Checks the Ray Tune loader against Ray's own ResultGrid for the fixture sweep
/// (Fixtures/ray/expected.json, written by scripts/reference/stores/make_fixtures.py).
@Suite struct RayTuneLoaderTests {
    /// (config key flattened with dots, value) pairs of a nested config.
    private func flatten(_ v: JSONLike, prefix: String = "") -> [(String, JSONLike)] {
        if case .object(let pairs) = v {
            return pairs.flatMap { flatten($0.1, prefix: prefix.isEmpty ? $0.0 : prefix + "." + $0.0) }
        }
        return [(prefix, v)]
    }

    private func checkAgainstRay(_ folder: String) throws {
        let expected = StoreFixtures.items(try StoreFixtures.expected("ray/expected.json"))
        let table = try RunLoader.load(path: StoreFixtures.path(folder))
        #expect(table.rowCount == expected.count)
        #expect(Set(table.names(withRole: .param)) == ["lr", "model.layers", "model.act"])
        #expect(Set(table.names(withRole: .metric)) == ["loss", "acc", "epoch"])
        for (row, trial) in expected.enumerated() {
            func at(_ name: String) -> Value { table.column(named: name)?[row] ?? .missing }
            #expect(at("name") == StoreFixtures.cell(trial["path"]))
            #expect(at("trial_id") == StoreFixtures.cell(trial["trial_id"]))
            #expect(at("state") == .string("terminated"))
            for (key, value) in flatten(try #require(trial["config"])) {
                #expect(at(key) == StoreFixtures.cell(value), "config \(key)")
            }
            for (key, value) in StoreFixtures.members(trial["metrics"]) {
                #expect(at(key) == StoreFixtures.cell(value), "metric \(key)")
            }
        }
        for skipped in ["timestamp", "pid", "node_ip", "done", "time_this_iter_s", "config", "config.lr"] {
            #expect(table.column(named: skipped) == nil, "\(skipped) should be skipped")
        }
        #expect(table.column(named: "training_iteration")?.role == .meta)
        #expect(table.column(named: "time_total_s")?.role == .meta)
    }

    @Test func csvHeadersAreReadAsWritten() {
        #expect(RayTrial.headerNames("\u{FEFF}loss,\"config/a,b\",config/lr\r\n1,2,3\n") == ["loss", "config/a,b", "config/lr"])
    }

    @Test func detectsTheExperimentFolder() throws {
        #expect(try RunLoader.detect(path: StoreFixtures.path("ray/sweep")) == .rayTune)
    }

    @Test func lastResultsMatchWhatRayReported() throws {
        try checkAgainstRay("ray/sweep")
    }

    @Test func progressCSVStandsInForResultJSON() throws {
        try checkAgainstRay("ray/progress-only")
    }

    @Test func legacyConfigColumnsBecomeDottedParams() throws {
        let table = try RunLoader.load(path: StoreFixtures.path("ray/legacy"))
        #expect(table.rowCount == 1)
        #expect(table.names(withRole: .param) == ["lr", "model.layers", "model.act"])
        #expect(table.column(named: "model.layers")?[0] == .number(2))
        #expect(table.column(named: "loss")?[0] == .number(0.4))
        #expect(table.column(named: "experiment_tag")?[0] == .string("0_lr=0.1"))
    }

    @Test func aSingleTrialFolderLoads() throws {
        let sweep = StoreFixtures.path("ray/sweep")
        let first = try #require(try FileManager.default.contentsOfDirectory(atPath: sweep).sorted().first { $0.hasPrefix("trainable_") })
        let table = try RunLoader.load(path: sweep + "/" + first)
        #expect(table.rowCount == 1)
        #expect(table.column(named: "lr")?[0] == .number(0.001))
    }
}

/// Broken Ray Tune folders, made in a temporary folder.
@Suite struct RayTuneMalformedTests {
    private func trial(_ files: [String: String]) throws -> String {
        let root = try StoreFixtures.scratch()
        let dir = root + "/train_x_00000_0"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8) }
        return root
    }

    @Test func aBadResultLineNamesItsLine() throws {
        let root = try trial(["params.json": "{\"lr\": 0.1}", "result.json": "{\"loss\": 1}\n{\"loss\": \n"])
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: root) }
        #expect(e == LoadError(path: root + "/train_x_00000_0/result.json", line: 2, column: 10,
                               message: "bad JSON: unexpected end of JSON"))
    }

    @Test func paramsThatAreNotAnObjectAreAnError() throws {
        let root = try trial(["params.json": "[1, 2]", "result.json": "{\"loss\": 1}\n"])
        let e = StoreFixtures.loadError { _ = try RunLoader.load(path: root) }
        #expect(e == LoadError(path: root + "/train_x_00000_0/params.json", message: "expected a JSON object of the trial's config"))
    }

    @Test func anErroredTrialIsMarked() throws {
        let root = try trial(["params.json": "{\"lr\": 0.1}", "result.json": "{\"loss\": 1, \"note\": \"x\"}\n",
                              "error.txt": "Traceback"])
        let t = try RunLoader.load(path: root)
        #expect(t.column(named: "state")?[0] == .string("error"))
        #expect(t.column(named: "note")?.role == .meta)
        #expect(t.column(named: "loss")?.role == .metric)
    }

    @Test func configKeysKeepTheirNamesWhenRayMetaWantsThem() throws {
        let root = try trial(["params.json": "{\"name\": \"resnet\", \"state\": 1}",
                              "result.json": "{\"loss\": 1, \"hostname\": \"h\", \"trial_id\": \"t1\"}\n"])
        let t = try RunLoader.load(path: root)
        #expect(t.column(named: "name")?[0] == .string("resnet"))
        #expect(t.column(named: "name")?.role == .param)
        #expect(t.column(named: "state")?[0] == .number(1))
        #expect(t.column(named: "ray.name")?[0] == .string("train_x_00000_0"))
        #expect(t.column(named: "ray.state")?[0] == .string("terminated"))
        #expect(t.column(named: "hostname")?[0] == .string("h"))
        #expect(t.column(named: "trial_id")?.role == .meta)
    }

    /// A reported metric named like a config key (a scheduler reporting `lr`, a nested `model.width`)
    /// becomes `metrics.NAME`; the param keeps its name and values.
    @Test func aMetricNamedLikeAParamKeepsBoth() throws {
        let root = try trial(["params.json": "{\"lr\": 0.1, \"model\": {\"width\": 64}}",
                              "result.json": "{\"lr\": 0.1, \"loss\": 2}\n{\"lr\": 0.05, \"loss\": 1, \"model\": {\"width\": 32}}\n"])
        let t = try RunLoader.load(path: root)
        #expect(t.column(named: "lr")?.role == .param)
        #expect(t.column(named: "lr")?[0] == .number(0.1))
        #expect(t.column(named: "metrics.lr")?.role == .metric)
        #expect(t.column(named: "metrics.lr")?[0] == .number(0.05))
        #expect(t.column(named: "model.width")?[0] == .number(64))
        #expect(t.column(named: "metrics.model.width")?[0] == .number(32))
        #expect(t.column(named: "loss")?[0] == .number(1))
    }

    @Test func anEmptyFolderHoldsNoRuns() throws {
        let root = try StoreFixtures.scratch()
        let e = StoreFixtures.loadError { _ = try RayTuneLoader.load(path: root, options: LoadOptions()) }
        #expect(e == LoadError(path: root, message: "no Ray Tune trial folders here",
                               hint: "expected folders holding params.json and result.json or progress.csv"))
    }
}
