import Foundation

/// Reads runs from any supported source, choosing the format by content and extension.
public enum RunLoader {
    /// The formats sift reads.
    public enum Format: String, Sendable, CaseIterable {
        case csv, tsv, json, jsonl, wandbDirectory, mlflowFileStore, mlflowSQLite, optunaSQLite, rayTune
    }

    /// Loads `path` into a new table whose runs all record `options.alias ?? path` as their source.
    /// Roles come from the source's own structure, then conventions, then `options` (which win).
    /// A load reports its progress to `progress` (the share of a CSV or JSON file read, of the runs of a
    /// folder or store) and stops with a "cancelled" error when `cancellation` is raised.
    public static func load(path: String, options: LoadOptions = LoadOptions(), progress: ProgressSink = .silent,
                            cancellation: CancellationToken? = nil) throws(LoadError) -> RunTable {
        let format = try detect(path: path)
        var table: RunTable
        let watch = LoadWatch(progress, cancellation)
        switch format {
        case .csv, .tsv: table = try CSVLoader.load(path: path, options: options, watch: watch)
        case .json, .jsonl: table = try JSONRunLoader.load(path: path, options: options, watch: watch)
        case .wandbDirectory: table = try WandbLoader.load(path: path, options: options, watch: watch)
        case .mlflowFileStore: table = try MLflowLoader.loadFileStore(path: path, options: options, watch: watch)
        case .mlflowSQLite: table = try MLflowLoader.loadSQLite(path: path, options: options)
        case .optunaSQLite: table = try OptunaLoader.load(path: path, options: options)
        case .rayTune: table = try RayTuneLoader.load(path: path, options: options, watch: watch)
        }
        try RoleRules.applyUserRoles(to: &table, options: options, path: path)
        return table
    }

    /// Decides the format of `path` from what is there.
    public static func detect(path: String) throws(LoadError) -> Format {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else {
            throw LoadError(path: path, message: "no such file or directory")
        }
        if isDir.boolValue {
            if let f = DirectoryProbe.format(of: path) { return f }
            throw LoadError(path: path, message: "directory holds no runs sift can read",
                            hint: "expected a wandb/ folder (run-*/), an mlruns/ store, or a Ray Tune experiment")
        }
        guard fm.isReadableFile(atPath: path) else {
            throw LoadError(path: path, message: "permission denied")
        }
        let ext = (path as NSString).pathExtension.lowercased()
        if let head = try? FileHandle(forReadingFrom: URL(fileURLWithPath: path)).read(upToCount: 16),
           head.starts(with: Array("SQLite format 3".utf8)) {
            return try SQLiteProbe.format(of: path)
        }
        switch ext {
        case "tsv", "tab": return .tsv
        case "json": return .json
        case "jsonl", "ndjson": return .jsonl
        case "db", "sqlite", "sqlite3": return try SQLiteProbe.format(of: path)
        default: return .csv
        }
    }
}
