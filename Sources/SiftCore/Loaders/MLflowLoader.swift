import Foundation

/// Reads MLflow tracking data: the file store (`mlruns/`) and the SQLite backend (`mlflow.db`).
///
/// Both give the same columns (see `table(of:path:source:)`). Only active runs of active experiments are
/// read; `options.study` picks one experiment by name or id, otherwise all are loaded.
enum MLflowLoader {
    /// Loads an `mlruns/` folder, a folder holding one, or a single experiment's folder.
    /// The run folders are read on all cores (`watch` counts them).
    static func loadFileStore(path: String, options: LoadOptions, watch: LoadWatch = LoadWatch()) throws(LoadError) -> RunTable {
        let store = MLflowFileStore(path: path)
        let experiments = try store.experiments()
        let chosen = try choose(experiments, wanted: options.study, path: path)
        var runs: [MLflowRun] = []
        for e in chosen { runs += try store.runs(of: e, watch: watch) }
        return try table(of: runs, path: path, source: options.alias ?? path)
    }

    /// Picks the experiment named (or numbered) `wanted`, or all of them.
    static func choose(_ experiments: [MLflowExperiment], wanted: String?,
                       path: String) throws(LoadError) -> [MLflowExperiment] {
        guard let wanted else { return experiments }
        if let e = experiments.first(where: { $0.name == wanted }) ?? experiments.first(where: { $0.id == wanted }) {
            return [e]
        }
        let names = experiments.map(\.name)
        throw LoadError(path: path, message: "no experiment \"\(wanted)\" in this MLflow store",
                        hint: Suggest.closest(to: wanted, among: names).map { "did you mean \"\($0)\"?" }
                            ?? "experiments: " + names.map { "\"\($0)\"" }.joined(separator: ", "))
    }
}

/// An MLflow experiment: its id, name and (for the file store) folder.
struct MLflowExperiment {
    var id: String
    var name: String
    var folder: String = ""
}
