import Foundation
import Testing
@testable import SiftCore

/// The W&B loader against run folders written by the real client (wandb 0.31.0).
@Suite struct WandbLoaderTests {
    /// Every value the fixture script logged comes back, with roles and meta, for both layouts.
    @Test(arguments: [("offline", "offline"), ("synced", "synced"), ("offline/wandb", "offline"),
                      ("synced/wandb", "synced"), ("long", "long")])
    func loadsWhatTheClientLogged(path: String, layout: String) throws {
        let expected = try WandbFixture.expected(layout)
        let table = try RunLoader.load(path: WandbFixture.root + "/" + path)
        #expect(table.rowCount == expected.count)
        for run in expected {
            let row = try #require(WandbFixture.row(of: run.id, in: table))
            #expect(table.column(named: "name")?[row] == .string(run.name))
            #expect(table.column(named: "state")?[row] == .string(run.state))
            #expect(table.column(named: "tags")?[row] == (run.tags.isEmpty ? .missing : .string(run.tags.joined(separator: ", "))))
            #expect(table.column(named: "created")?[row] == .string(WandbFixture.iso(run.startTime)))
            #expect(table.column(named: "runtime")?[row].number.map { $0 >= 0 } == true)
            #expect(table.column(named: "folder")?[row].string?.hasSuffix("-" + run.id) == true)
            for (name, value) in run.params {
                #expect(table.column(named: name)?.role == .param, "\(name)")
                #expect(table.column(named: name)?[row] == value, "\(run.id) \(name)")
            }
            for (name, value) in run.metrics {
                #expect(table.column(named: name)?.role == .metric, "\(name)")
                #expect(table.column(named: name)?[row] == value, "\(run.id) \(name)")
            }
        }
        let names = Set(table.columns.map(\.name))
        for internalName in ["_runtime", "_step", "_timestamp", "_wandb", "_wandb.runtime"] {
            #expect(!names.contains(internalName))
        }
        let params = Set(table.names(withRole: .param))
        let metrics = Set(table.names(withRole: .metric))
        #expect(params == Set(expected.flatMap(\.params.keys)))
        // Metrics logged at several steps also get their best over the history (HistoryColumns); step_sq
        // tells no goal, so it gets both extremes.
        let companions: Set<String> = layout == "long" ? ["train_loss.best", "step_sq.min", "step_sq.max"]
            : ["val_loss.best", "val_acc.best"]
        #expect(metrics == Set(expected.flatMap(\.metrics.keys)).union(companions))
        if layout != "long" {
            // The script logged best_val_loss as the smallest val_loss it logged.
            for run in expected {
                let row = try #require(WandbFixture.row(of: run.id, in: table))
                #expect(table.column(named: "val_loss.best")?[row] == run.metrics["best_val_loss"], "\(run.id)")
            }
        }
        #expect(table.sources == [WandbFixture.root + "/" + path])
    }

    /// One run folder on its own is one run.
    @Test func loadsOneRunFolder() throws {
        let expected = try WandbFixture.expected("offline")[2]
        let folder = try #require(try WandbFixture.runFolders(WandbFixture.root + "/offline/wandb").first { $0.hasSuffix("-" + expected.id) })
        let table = try RunLoader.load(path: folder)
        #expect(table.rowCount == 1)
        #expect(table.column(named: "id")?[0] == .string(expected.id))
        #expect(table.column(named: "lr")?[0] == expected.params["lr"])
    }

    /// `keepInternal` keeps `_`-prefixed summary keys, as meta.
    @Test func keepsInternalsWhenAsked() throws {
        let table = try RunLoader.load(path: WandbFixture.root + "/offline", options: LoadOptions(keepInternal: true))
        #expect(table.column(named: "_step")?.role == .meta)
        #expect(table.column(named: "_wandb.runtime")?.role == .meta)
        let row = try #require(WandbFixture.row(of: "off0", in: table))
        #expect(table.column(named: "_step")?[row] == .number(3))  // four steps logged: 0…3
    }

    /// A run whose exit code was 1 is `failed`; the others are `finished`.
    @Test func stateComesFromTheExitRecord() throws {
        let table = try RunLoader.load(path: WandbFixture.root + "/synced")
        let states = (0..<table.rowCount).compactMap { table.column(named: "state")?[$0].string }
        #expect(states.filter { $0 == "failed" }.count == 1)
        #expect(states.filter { $0 == "finished" }.count == 5)
    }

    /// Synced folders without the `.wandb` file (older clients' layout): config.yaml and
    /// wandb-summary.json alone give the same params and metrics; the name falls back to the id.
    @Test func syncedFilesAloneGiveTheSameValues() throws {
        let dir = try WandbFixture.copy("synced")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for folder in try WandbFixture.runFolders(dir + "/wandb") { try FileManager.default.removeItem(atPath: try WandbFixture.log(in: folder)) }
        let table = try RunLoader.load(path: dir)
        for run in try WandbFixture.expected("synced") {
            let row = try #require(WandbFixture.row(of: run.id, in: table))
            #expect(table.column(named: "name")?[row] == .string(run.id))
            #expect(table.column(named: "state")?[row] == .missing)
            let created = try #require(table.column(named: "created")?[row].string)
            #expect(created.hasPrefix(String(WandbFixture.iso(run.startTime).prefix(13))))  // same hour, from wandb-metadata.json
            for (name, value) in run.params { #expect(table.column(named: name)?[row] == value, "\(name)") }
            for (name, value) in run.metrics { #expect(table.column(named: name)?[row] == value, "\(name)") }
        }
    }

    /// A run folder with nothing readable is skipped when other runs load.
    @Test func skipsAnEmptyRunFolderBesideOthers() throws {
        let dir = try WandbFixture.copy("offline")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/wandb/run-20990101_000000-empty1", withIntermediateDirectories: true)
        let table = try RunLoader.load(path: dir)
        #expect(table.rowCount == 6)
        #expect(WandbFixture.row(of: "empty1", in: table) == nil)
    }
}
