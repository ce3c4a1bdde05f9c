import Foundation

/// Recognises directory layouts.
enum DirectoryProbe {
    static func format(of path: String) -> RunLoader.Format? {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: path) else { return nil }
        if entries.contains(where: { $0.hasPrefix("run-") || $0.hasPrefix("offline-run-") }) { return .wandbDirectory }
        if entries.contains("wandb") { return .wandbDirectory }
        if entries.contains("mlruns") || entries.contains(where: { fm.fileExists(atPath: path + "/" + $0 + "/meta.yaml") }) {
            return .mlflowFileStore
        }
        if entries.contains(where: { fm.fileExists(atPath: path + "/" + $0 + "/params.json") }) { return .rayTune }
        return nil
    }
}

/// Tells an Optuna storage from an MLflow backend by their tables.
enum SQLiteProbe {
    static func format(of path: String) throws(LoadError) -> RunLoader.Format {
        throw LoadError(path: path, message: "SQLite stores are not supported yet")
    }
}
