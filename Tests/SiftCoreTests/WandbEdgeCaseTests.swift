import Foundation
import Testing
@testable import SiftCore

/// W&B rules the real-client fixtures do not reach: history fallback, media, name clashes,
/// older config.yaml, resumed runs. Logs are hand-made with WandbSynthetic.
@Suite struct WandbEdgeCaseTests {
    func load(_ records: [[UInt8]], id: String = "synth1", options: LoadOptions = LoadOptions()) throws -> RunTable {
        let (dir, _) = try WandbSynthetic.runWithLog(WandbSynthetic.log(records.map { (1, $0) }), id: id)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try RunLoader.load(path: dir, options: options)
    }

    /// Without any summary record the summary is the last history value of each key.
    @Test func historyGivesTheSummaryWhenThereIsNone() throws {
        let t = try load([
            WandbSynthetic.historyRecord([(["loss"], "0.9"), (["acc"], "0.1"), (["_step"], "0")]),
            WandbSynthetic.historyRecord([(["loss"], "0.5"), (["_step"], "1")]),
            WandbSynthetic.historyRecord([(["eval", "f1"], "0.7"), (["_step"], "2")]),
        ])
        #expect(t.column(named: "loss")?[0] == .number(0.5))
        #expect(t.column(named: "acc")?[0] == .number(0.1))
        #expect(t.column(named: "eval.f1")?[0] == .number(0.7))
        #expect(t.column(named: "loss")?.role == .metric)
        #expect(t.column(named: "_step") == nil)
    }

    /// Summary records win over history; nested paths merge; removals remove.
    @Test func summaryUpdatesApplyInOrder() throws {
        let t = try load([
            WandbSynthetic.historyRecord([(["loss"], "0.1")]),
            WandbSynthetic.summaryRecord([(["loss"], "0.9"), (["eval"], "{\"f1\": 0.5, \"p\": 1}")]),
            WandbSynthetic.summaryRecord([(["eval", "f1"], "0.75"), (["gone"], "1")]),
            WandbSynthetic.field(3, WandbSynthetic.field(2, WandbSynthetic.item(["gone"], ""))),
        ])
        #expect(t.column(named: "loss")?[0] == .number(0.9))
        #expect(t.column(named: "eval.f1")?[0] == .number(0.75))
        #expect(t.column(named: "eval.p")?[0] == .number(1))
        #expect(t.column(named: "gone") == nil)
    }

    /// Media and histogram summaries (objects with `_type`) are not metrics; arrays stay one value.
    @Test func mediaIsLeftOut() throws {
        let t = try load([WandbSynthetic.summaryRecord([
            (["sample"], "{\"_type\": \"image-file\", \"path\": \"media/x.png\"}"),
            (["grads"], "{\"_type\": \"histogram\", \"values\": [1, 2]}"),
            (["curve"], "[1, 2.5, NaN]"),
            (["score"], "Infinity"),
        ])])
        #expect(t.column(named: "sample.path") == nil)
        #expect(t.column(named: "sample._type") == nil)
        #expect(t.column(named: "grads.values") == nil)
        #expect(t.column(named: "curve")?[0] == .string("[1,2.5,NaN]"))
        #expect(t.column(named: "score")?[0] == .number(.infinity))
    }

    /// A config key named like a meta column, and a summary key named like a config key, are renamed.
    @Test func clashingNamesArePrefixed() throws {
        let t = try load([
            WandbSynthetic.runRecord(id: "synth1", name: "my run", tags: ["a", "b"]),
            WandbSynthetic.configRecord("name", "\"resnet\""),
            WandbSynthetic.configRecord("lr", "0.1"),
            WandbSynthetic.summaryRecord([(["lr"], "0.001"), (["state"], "\"done\"")]),
            WandbSynthetic.exitRecord,
        ])
        #expect(t.column(named: "name")?[0] == .string("my run"))
        #expect(t.column(named: "config.name")?[0] == .string("resnet"))
        #expect(t.column(named: "config.name")?.role == .param)
        #expect(t.column(named: "lr")?[0] == .number(0.1))
        #expect(t.column(named: "summary.lr")?[0] == .number(0.001))
        #expect(t.column(named: "summary.lr")?.role == .metric)
        #expect(t.column(named: "summary.state")?[0] == .string("done"))
        #expect(t.column(named: "state")?[0] == .string("finished"))
        #expect(t.column(named: "tags")?[0] == .string("a, b"))
    }

    /// Older clients wrote `wandb_version: 1` and `desc:` beside each `value:`.
    @Test func olderConfigYAML() throws {
        let dir = NSTemporaryDirectory() + "sift-wandb-" + UUID().uuidString
        let files = dir + "/wandb/run-20200101_000000-old1/files"
        try FileManager.default.createDirectory(atPath: files, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let yaml = """
            wandb_version: 1

            _wandb:
              desc: null
              value:
                cli_version: 0.10.0
            lr:
              desc: learning rate
              value: 0.001
            optimizer:
              desc: null
              value: 'yes'
            model:
              desc: null
              value:
                layers: 3
                widths: [64, 32]
            use_amp:
              desc: null
              value: true
            """
        try Data(yaml.utf8).write(to: URL(fileURLWithPath: files + "/config.yaml"))
        try Data("{\"val_loss\": 0.25, \"_runtime\": 12.5}".utf8).write(to: URL(fileURLWithPath: files + "/wandb-summary.json"))
        let t = try RunLoader.load(path: dir)
        #expect(t.names(withRole: .param) == ["lr", "optimizer", "model.layers", "model.widths", "use_amp"])
        #expect(t.column(named: "lr")?[0] == .number(0.001))
        #expect(t.column(named: "optimizer")?[0] == .string("yes"))  // quoted: a string, not YAML 1.1's bool
        #expect(t.column(named: "model.widths")?[0] == .string("[64,32]"))
        #expect(t.column(named: "use_amp")?[0] == .bool(true))
        #expect(t.column(named: "val_loss")?[0] == .number(0.25))
        #expect(t.column(named: "runtime")?[0] == .number(12.5))
        #expect(t.column(named: "id")?[0] == .string("old1"))
        #expect(t.column(named: "name")?[0] == .string("old1"))
        #expect(t.column(named: "state")?[0] == .missing)
    }

    /// Two folders of one resumed run are one run; the later folder's values win, and the first folder's
    /// name stays when the later one names no run.
    @Test func resumedRunIsOneRun() throws {
        let dir = NSTemporaryDirectory() + "sift-wandb-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let parts: [(String, [[UInt8]])] = [
            ("offline-run-20990101_000000-res1", [WandbSynthetic.runRecord(id: "res1", name: "r", tags: []),
                                                  WandbSynthetic.configRecord("lr", "0.1"),
                                                  WandbSynthetic.summaryRecord([(["loss"], "0.9"), (["acc"], "0.2")])]),
            // A resumed run's record names no run (wandb writes an empty display name there).
            ("offline-run-20990102_000000-res1", [WandbSynthetic.runRecord(id: "res1", name: "", tags: []),
                                                  WandbSynthetic.configRecord("epochs", "20"),
                                                  WandbSynthetic.summaryRecord([(["loss"], "0.4")]),
                                                  WandbSynthetic.exitRecord]),
        ]
        for (name, records) in parts {
            let folder = dir + "/wandb/" + name
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Data(WandbSynthetic.log(records.map { (1, $0) })).write(to: URL(fileURLWithPath: folder + "/run-res1.wandb"))
        }
        let t = try RunLoader.load(path: dir)
        #expect(t.rowCount == 1)
        #expect(t.column(named: "lr")?[0] == .number(0.1))
        #expect(t.column(named: "epochs")?[0] == .number(20))
        #expect(t.column(named: "loss")?[0] == .number(0.4))
        #expect(t.column(named: "acc")?[0] == .number(0.2))
        #expect(t.column(named: "state")?[0] == .string("finished"))
        #expect(t.column(named: "folder")?[0] == .string("offline-run-20990102_000000-res1"))
        #expect(t.column(named: "name")?[0] == .string("r"))
    }
}

extension WandbEdgeCaseTests {
    /// Summary keys come in no stable order from the client; metrics are listed by name. Params keep
    /// the order the run gave them.
    @Test func metricsInNameOrderParamsAsGiven() throws {
        let t = try load([
            WandbSynthetic.configRecord("zeta", "1"),
            WandbSynthetic.configRecord("alpha", "2"),
            WandbSynthetic.summaryRecord([(["val_loss"], "1"), (["acc"], "{\"top5\": 1, \"top1\": 0}"), (["b"], "2")]),
        ])
        #expect(t.names(withRole: .param) == ["zeta", "alpha"])
        #expect(t.names(withRole: .metric) == ["acc.top1", "acc.top5", "b", "val_loss"])
    }
}

extension WandbEdgeCaseTests {
    /// A summary key renamed `summary.lr` (the config has `lr`) keeps its history companions, named after
    /// the column.
    @Test func aRenamedSummaryKeyKeepsItsHistory() throws {
        let t = try load([
            WandbSynthetic.configRecord("lr", "0.1"),
            WandbSynthetic.historyRecord([(["lr"], "0.1"), (["val_loss"], "0.9")]),
            WandbSynthetic.historyRecord([(["lr"], "0.05"), (["val_loss"], "0.4")]),
            WandbSynthetic.historyRecord([(["lr"], "0.02"), (["val_loss"], "0.6")]),
            WandbSynthetic.summaryRecord([(["lr"], "0.02"), (["val_loss"], "0.6")]),
        ])
        #expect(t.column(named: "lr")?[0] == .number(0.1))
        #expect(t.column(named: "lr")?.role == .param)
        #expect(t.column(named: "summary.lr")?[0] == .number(0.02))
        #expect(t.column(named: "summary.lr.min")?[0] == .number(0.02))
        #expect(t.column(named: "summary.lr.max")?[0] == .number(0.1))
        #expect(t.column(named: "summary.lr.max")?.role == .metric)
        #expect(t.column(named: "lr.min") == nil && t.column(named: "lr.max") == nil)
        #expect(t.column(named: "val_loss.best")?[0] == .number(0.4))
    }

    /// `define_metric("val_loss", summary="min")` keeps the summary `{"min": …}`, the column `val_loss.min`:
    /// its companions read the steps logged as `val_loss`, so `importance val_loss.min best` finds them.
    @Test func aDefineMetricSummaryTakesTheLoggedKeysHistory() throws {
        let t = try load([
            WandbSynthetic.historyRecord([(["val_loss"], "0.9"), (["val_acc"], "0.5")]),
            WandbSynthetic.historyRecord([(["val_loss"], "0.4"), (["val_acc"], "0.8")]),
            WandbSynthetic.historyRecord([(["val_loss"], "0.6"), (["val_acc"], "0.7")]),
            WandbSynthetic.summaryRecord([(["val_loss"], "{\"min\": 0.4}"), (["val_acc"], "{\"last\": 0.7}")]),
        ])
        #expect(t.column(named: "val_loss.min")?[0] == .number(0.4))
        #expect(t.column(named: "val_loss.min.best")?[0] == .number(0.4))
        #expect(t.column(named: "val_acc.last")?[0] == .number(0.7))
        #expect(t.column(named: "val_acc.last.best")?[0] == .number(0.8))
        #expect(t.column(named: "val_loss.best") == nil)
    }
}
