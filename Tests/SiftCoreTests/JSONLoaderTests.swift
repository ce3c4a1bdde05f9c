import Foundation
import Testing
@testable import SiftCore

private func fixture(_ name: String) -> String {
    Bundle.module.resourceURL?.appendingPathComponent("Fixtures/json/\(name)").path ?? name
}

@Suite struct JSONLoaderTests {
    @Test func wandbApiShape() throws {
        let t = try RunLoader.load(path: fixture("wandb_runs.json"))
        #expect(t.rowCount == 2)
        #expect(t.names(withRole: .meta) == ["name", "id", "state", "tags"])
        #expect(t.names(withRole: .param) == ["lr", "optimizer", "model.layers", "model.width", "widths", "momentum"])
        #expect(t.names(withRole: .metric) == ["val_loss", "val_acc", "eval.f1"])
        #expect(t.column(named: "lr")?[0] == .number(0.001))
        #expect(t.column(named: "model.width")?[1] == .number(256))
        #expect(t.column(named: "widths")?[0] == .string("[64,64]"))
        #expect(t.column(named: "momentum")?.isMissing(0) == true)
        #expect(t.column(named: "tags")?[0] == .string("baseline, small"))
        #expect(t.column(named: "tags")?.isMissing(1) == true)
        #expect(t.column(named: "val_loss")?[1].number?.isNaN == true)
        #expect(t.column(named: "val_acc")?[1] == .number(-.infinity))
        #expect(t.column(named: "eval.f1")?.isMissing(1) == true)
        #expect(t.column(named: "_runtime") == nil)
        #expect(t.column(named: "confusion._type") == nil)
    }

    @Test func keepInternalMakesUnderscoreKeysMeta() throws {
        let t = try RunLoader.load(path: fixture("wandb_runs.json"), options: LoadOptions(keepInternal: true))
        #expect(t.column(named: "_runtime")?.role == .meta)
        #expect(t.column(named: "_runtime")?[0] == .number(812.5))
        #expect(t.column(named: "_wandb.cli_version")?[0] == .string("0.19.1"))
        #expect(t.column(named: "_step")?.isMissing(1) == true)
    }

    @Test func jsonLinesWrittenByPython() throws {
        let t = try RunLoader.load(path: fixture("wandb_runs.jsonl"))
        #expect(t.columns.map(\.name) == ["name", "id", "state", "tags", "lr", "optimizer", "model.layers", "val_loss"])
        #expect(t.column(named: "val_loss")?[1].number?.isNaN == true)
        #expect(t.column(named: "model.layers")?.isInteger == true)
    }

    @Test func mlflowShapes() throws {
        let t = try RunLoader.load(path: fixture("mlflow_runs.json"))
        #expect(t.rowCount == 2)
        #expect(t.column(named: "lr")?.role == .param)
        #expect(t.column(named: "lr")?[1] == .number(0.01))
        #expect(t.column(named: "use_bn")?.kind == .boolean)
        #expect(t.column(named: "val_loss")?.role == .metric)
        #expect(t.column(named: "metric.lr")?.role == .metric)
        #expect(t.column(named: "metric.lr")?[0] == .number(0.0001))
        #expect(t.column(named: "run_id")?.role == .meta)
        #expect(t.column(named: "run_id")?[1] == .string("7a2b3c4d"))
        #expect(t.column(named: "mlflow.runName")?[1] == .string("calm-owl-2"))
    }

    /// A name that is a param in one run and a metric in another stays two columns in every run: the clash
    /// is decided over all runs, not run by run (a W&B summary `lr` in a run without a config `lr` became
    /// the param's value). The same for MLflow-shaped records.
    @Test func clashesAreDecidedOverAllRuns() throws {
        func load(_ text: String) throws -> RunTable {
            try JSONRunLoader.load(source: SourceBytes(file: Array(text.utf8)), path: "runs.jsonl",
                                   options: LoadOptions())
        }
        let wandb = try load("""
            {"name": "a", "config": {"lr": 0.1}, "summary": {"lr": 0.01, "loss": 1}}
            {"name": "b", "config": {}, "summary": {"lr": 0.02, "loss": 2}}
            {"name": "c", "config": {"lr": 0.3}, "summary": {"loss": 3}}
            """)
        #expect(wandb.column(named: "lr")?.role == .param)
        #expect((0..<3).map { wandb.column(named: "lr")?[$0] } == [.number(0.1), .missing, .number(0.3)])
        #expect(wandb.column(named: "summary.lr")?.role == .metric)
        #expect((0..<3).map { wandb.column(named: "summary.lr")?[$0] } == [.number(0.01), .number(0.02), .missing])
        let mlflow = try load("""
            {"metrics": {"lr": 0.02}, "params": {"opt": "adam"}}
            {"params": {"lr": "0.1"}, "metrics": {"lr": 0.01}}
            """)
        #expect(mlflow.column(named: "lr")?.role == .param)
        #expect((0..<2).map { mlflow.column(named: "lr")?[$0] } == [.missing, .number(0.1)])
        #expect((0..<2).map { mlflow.column(named: "metric.lr")?[$0] } == [.number(0.02), .number(0.01)])
    }

    @Test func flatRecordsUseTheNameRule() throws {
        let t = try RunLoader.load(path: fixture("flat.jsonl"))
        #expect(t.names(withRole: .param) == ["lr", "model.layers", "model.act", "layers_list", "seed", "big", "huge"])
        #expect(t.names(withRole: .metric) == ["val_loss", "test_acc"])
        #expect(t.column(named: "big")?[1] == .number(1.2345678901234568e29))
        #expect(t.column(named: "huge")?[1] == .number(.infinity))
        #expect(t.column(named: "layers_list")?[0] == .string("[1,2]"))
    }

    @Test func wrapperAndEmptyArray() throws {
        let t = try RunLoader.load(path: fixture("wrapped.json"))
        #expect(t.rowCount == 2)
        #expect(t.column(named: "loss")?[1] == .number(1.25))
        #expect(t.column(named: "loss")?.role == .metric)
        let empty = try RunLoader.load(path: fixture("empty_array.json"))
        #expect(empty.rowCount == 0)
    }

    @Test(arguments: [
        ("empty.json", ":1:1: empty file: no runs\nhelp: expected a JSON array of run objects, or one JSON object per line"),
        ("truncated.json", ":3:28: unexpected end of file: this \"{\" is never closed\nhelp: the file may be truncated"),
        ("truncated.jsonl", ":2:22: expected a JSON value\nhelp: each line must hold one complete JSON object (JSON Lines)"),
        ("not_object.json", ":3:3: record 2 is a number, expected an object with the run's fields\nhelp: each run is a JSON object such as {\"name\": \"r1\", \"config\": {…}, \"summary\": {…}}"),
        ("not_object.jsonl", ":2:1: record 2 is a string, expected an object with the run's fields\nhelp: each run is a JSON object such as {\"name\": \"r1\", \"config\": {…}, \"summary\": {…}}"),
        ("scalar.json", ":1:1: record 1 is a number, expected an object with the run's fields\nhelp: each run is a JSON object such as {\"name\": \"r1\", \"config\": {…}, \"summary\": {…}}"),
        ("bad_utf8.jsonl", ":2:12: invalid UTF-8 byte 0xFF\nhelp: save the file as UTF-8"),
        ("bad_json.jsonl", ":2:26: expected a string key\nhelp: each line must hold one complete JSON object (JSON Lines)"),
    ])
    func malformedFilesSayWhereAndWhy(file: String, expected: String) throws {
        let path = fixture(file)
        let error = try #require(throws: LoadError.self) { try RunLoader.load(path: path) }
        #expect(error.description == path + expected)
    }
}
