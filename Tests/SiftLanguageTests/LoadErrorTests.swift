import Foundation
import SiftCore
import Testing
@testable import SiftLanguage

/// How `load` reports a loader's error: where in the loaded path, then what.
@Suite struct LoadErrorMessageTests {
    static let cases: [(error: LoadError, loaded: String, place: String)] = [
        // The file loaded itself: its line and column in words.
        (LoadError(path: "runs.csv", line: 2, column: 5, message: "m"), "runs.csv", "line 2, column 5: "),
        (LoadError(path: "optuna.db", record: "table trials", message: "m"), "optuna.db", "table trials: "),
        (LoadError(path: "mlruns", message: "m"), "mlruns/", ""),
        // A file inside the loaded folder: its path from there, `path:line:col`, then the record.
        (LoadError(path: "mlruns/1/abc/metrics/loss", line: 2, message: "m"), "mlruns", "1/abc/metrics/loss:2: "),
        (LoadError(path: "mlruns//1/abc/meta.yaml", line: 3, column: 1, message: "m"), "mlruns/", "1/abc/meta.yaml:3:1: "),
        (LoadError(path: "w/wandb/offline-run-1-abc/run-abc.wandb", record: "byte 91", message: "m"), "w",
         "wandb/offline-run-1-abc/run-abc.wandb: byte 91: "),
        // Elsewhere: the whole path.
        (LoadError(path: "/other/file", message: "m"), "w", "/other/file: "),
    ]

    @Test(arguments: cases)
    func placeNamesTheFileInsideTheLoadedFolder(c: (error: LoadError, loaded: String, place: String)) {
        #expect(Interpreter.place(of: c.error, loaded: c.loaded) == c.place)
    }

    /// A bad metric line in an MLflow file store names the metric file and its line.
    @Test func aBadFileInsideAStoreIsNamed() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sift-loaderr-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let run = root + "/mlruns/1/abc"
        try FileManager.default.createDirectory(atPath: run + "/metrics", withIntermediateDirectories: true)
        try "experiment_id: '1'\nlifecycle_stage: active\nname: e\n".write(toFile: root + "/mlruns/1/meta.yaml", atomically: true,
                                                                          encoding: .utf8)
        try "run_id: abc\nexperiment_id: '1'\nlifecycle_stage: active\nstatus: 3\nstart_time: 1\n"
            .write(toFile: run + "/meta.yaml", atomically: true, encoding: .utf8)
        try "1 0.5 0\ngarbage line\n".write(toFile: run + "/metrics/loss", atomically: true, encoding: .utf8)
        let i = Interpreter()
        var errors: [String] = []
        #expect(!i.run("load \"\(root)/mlruns\"", file: "t") { if case .error(let d) = $0 { errors.append(d.message) } })
        #expect(errors == ["cannot load \"\(root)/mlruns\": 1/abc/metrics/loss:2: expected \"timestamp value step\", found \"garbage line\""])
    }
}
