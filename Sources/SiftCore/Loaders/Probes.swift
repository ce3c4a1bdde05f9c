import Foundation

/// Recognises directory layouts.
enum DirectoryProbe {
    /// W&B (`run-*`, `offline-run-*`, `wandb/`, or one run folder), MLflow (`mlruns/`, a folder named `mlruns`, or
    /// `<id>/meta.yaml` children), Ray Tune (trial folders with `params.json`, `result.json` or
    /// `progress.csv`, or a single trial folder); nil otherwise.
    static func format(of path: String) -> RunLoader.Format? {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: path) else { return nil }
        if entries.contains(where: { $0.hasPrefix("run-") || $0.hasPrefix("offline-run-") }) { return .wandbDirectory }
        if entries.contains("wandb") { return .wandbDirectory }
        let name = (path as NSString).lastPathComponent
        if name.hasPrefix("run-") || name.hasPrefix("offline-run-")
            || fm.fileExists(atPath: path + "/files/config.yaml") || fm.fileExists(atPath: path + "/files/wandb-summary.json") {
            return .wandbDirectory  // one W&B run folder (older clients: files/ only)
        }
        if entries.contains("mlruns") || (path as NSString).lastPathComponent == "mlruns"
            || entries.contains(where: { fm.fileExists(atPath: path + "/" + $0 + "/meta.yaml") }) {
            return .mlflowFileStore
        }
        if entries.contains(where: { RayTuneLoader.isTrialFolder(path + "/" + $0) }) || RayTuneLoader.isTrialFolder(path) {
            return .rayTune
        }
        return nil
    }
}

/// Tells an Optuna storage from an MLflow backend by their tables.
enum SQLiteProbe {
    /// Tables every MLflow tracking database has.
    static let mlflowTables = ["experiments", "runs", "params", "latest_metrics"]
    /// Tables every Optuna RDB storage has (`trial_values` only since Optuna 2.4, so not required).
    static let optunaTables = ["studies", "trials", "trial_params"]

    /// The store `path` holds, or an error naming the tables found.
    static func format(of path: String) throws(LoadError) -> RunLoader.Format {
        let db = try SQLiteDatabase.openForLoading(path)
        let tables = try db.tableNames(path: path)
        let present = Set(tables)
        if mlflowTables.allSatisfy(present.contains) { return .mlflowSQLite }
        if optunaTables.allSatisfy(present.contains) { return .optunaSQLite }
        throw LoadError(path: path, message: "not an MLflow or Optuna database",
                        hint: tables.isEmpty ? "the database holds no tables"
                            : "tables found: " + tables.joined(separator: ", "))
    }
}
