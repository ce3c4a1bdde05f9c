import Foundation
import Testing
@testable import SiftCore

private func fixture(_ name: String) -> String {
    Bundle.module.resourceURL?.appendingPathComponent("Fixtures/csv/\(name)").path ?? name
}

private func roles(_ table: RunTable) -> [String: Role] {
    Dictionary(uniqueKeysWithValues: table.columns.map { ($0.name, $0.role) })
}

@Suite struct RolesTests {
    @Test func wandbExportSplitsSortedConfigFromSortedSummary() throws {
        let t = try RunLoader.load(path: fixture("wandb_export.csv"))
        #expect(t.names(withRole: .meta) == ["Name", "State", "Notes", "User", "Tags", "Created", "Runtime", "Sweep"])
        #expect(t.names(withRole: .param) == ["batch_size", "dropout", "epochs", "learning_rate", "model.layers",
                                              "optimizer", "seed", "wandb_project"])
        // `lr` and `epoch` sort after `wandb_project`, so W&B wrote them as summary keys: metrics.
        #expect(t.names(withRole: .metric) == ["accuracy", "epoch", "lr", "train/loss", "val/loss", "val_acc"])
        #expect(t.column(named: "Runtime")?.kind == .numeric)
        #expect(t.column(named: "val/loss")?[0] == .number(0.30941200256347656))
        #expect(t.column(named: "val/loss")?.isMissing(2) == true)
        #expect(t.column(named: "train/loss")?[2].number?.isNaN == true)
    }

    @Test func mlflowPrefixesAreStripped() throws {
        let t = try RunLoader.load(path: fixture("mlflow_runs.csv"))
        let r = roles(t)
        #expect(r["lr"] == .param && r["optimizer"] == .param && r["layers"] == .param)
        #expect(r["val_loss"] == .metric && r["accuracy"] == .metric)
        #expect(r["mlflow.runName"] == .meta && r["run_id"] == .meta && r["status"] == .meta && r["index"] == .meta)
        #expect(t.column(named: "lr")?[1] == .number(0.01))
        #expect(t.column(named: "accuracy")?.isMissing(2) == true)
    }

    @Test func optunaTrialsDataframe() throws {
        // Written by scripts/reference/make_optuna_trials_csv.py (optuna + pandas to_csv).
        let t = try RunLoader.load(path: fixture("optuna_trials.csv"))
        #expect(t.names(withRole: .param) == ["layers", "lr", "momentum", "optimizer"])
        #expect(t.names(withRole: .metric) == ["value"])
        #expect(t.names(withRole: .meta) == ["index", "number", "datetime_start", "datetime_complete", "duration",
                                             "user_attrs_note", "state"])
        #expect(t.column(named: "lr")?[1] == .number(0.048851653361716096))
        #expect(t.column(named: "momentum")?.isMissing(1) == true)
        #expect(t.column(named: "value")?.isMissing(3) == true)
        #expect(t.column(named: "layers")?.isInteger == true)
    }

    @Test func configSummaryPrefixes() throws {
        let t = try RunLoader.load(path: fixture("prefixed.csv"))
        #expect(t.columns.map(\.name) == ["name", "lr", "model.layers", "val_loss", "_runtime", "state"])
        #expect(t.columns.map(\.role) == [.meta, .param, .param, .metric, .meta, .meta])
    }

    @Test func rayTuneConfigColumns() throws {
        let t = try RunLoader.load(path: fixture("ray_progress.csv"))
        #expect(t.names(withRole: .param) == ["lr", "model.layers"])
        #expect(t.names(withRole: .metric) == ["mean_accuracy", "loss"])
        #expect(t.column(named: "done")?.kind == .boolean)
    }

    @Test func plainNamesByTheDefaultRule() throws {
        let t = try RunLoader.load(path: fixture("plain_names.csv"))
        #expect(t.names(withRole: .param) == ["lr", "batch_size", "eval_interval", "test_size"])
        #expect(t.names(withRole: .metric) == ["val_loss", "train_acc", "best_val_f1"])
        #expect(t.names(withRole: .meta) == ["name", "epoch", "_step"])
    }

    @Test(arguments: [
        ("val_loss", Role.metric), ("valLoss", .metric), ("top1_acc", .metric), ("acc5", .metric), ("train/loss", .metric),
        ("eval/bleu", .metric), ("reward_mean", .metric), ("test_size", .param), ("val_split", .param),
        ("eval_interval", .param), ("train_steps", .param), ("lr", .param), ("learning_rate", .param),
        ("gradient_accumulation_steps", .param), ("model.layers", .param), ("Name", .meta), ("run_id", .meta),
        ("created_at", .meta), ("_timestamp", .meta), ("State", .meta), ("perplexity", .metric), ("score", .metric),
    ])
    func defaultRule(name: String, role: Role) {
        #expect(RoleConventions.defaultRole(of: name) == role)
    }

    @Test func sortedBlocksSplitNeedsExactlyOneDescent() {
        #expect(RoleConventions.sortedBlocksSplit(["a", "b", "z", "c", "d"]) == 3)
        #expect(RoleConventions.sortedBlocksSplit(["a", "b", "c"]) == nil)
        #expect(RoleConventions.sortedBlocksSplit(["b", "a", "c", "b"]) == nil)
        // Browsers sort case-insensitively: "Beta" after "alpha" is not a descent then.
        #expect(RoleConventions.sortedBlocksSplit(["alpha", "Beta", "gamma", "acc"]) == 3)
    }

    @Test func prefixStrippingNeverMergesColumns() {
        let (convention, columns) = RoleConventions.assign(["params.x", "metrics.x", "params.lr"])
        #expect(convention == .mlflow)
        #expect(columns.map(\.name) == ["params.x", "metrics.x", "lr"])
        #expect(columns.map(\.role) == [.param, .metric, .param])
    }

    @Test(arguments: [
        ("val_loss", Goal?.some(.minimize)), ("test_error_rate", .minimize), ("perplexity", .minimize), ("wer", .minimize),
        ("val_acc", .maximize), ("accuracy", .maximize), ("auc", .maximize), ("f1_macro", .maximize), ("top5", .maximize),
        ("mean_reward", .maximize), ("score", .maximize), ("value", nil), ("values_0", nil), ("throughput_k", .maximize),
    ])
    func goalFromName(name: String, goal: Goal?) {
        #expect(GoalInference.goal(forMetric: name) == goal)
    }
}
