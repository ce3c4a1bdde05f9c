import Foundation
import SiftAnalysis
import SiftCore

/// `sift-bench forest PATH [fit|panel|permutation] [TREES] [REPEATS] [THREADS]`: times the random forest on
/// an all-numeric CSV whose last column is the metric.
///
/// - `fit`: `RandomForest.fit` on the params plus impurity importances: the work scikit-learn's
///   `RandomForestRegressor(...).fit(X, y).feature_importances_` does.
/// - `panel`: the whole `importance` panel (`Analysis.importance`: noise columns, intervals, correlations).
/// - `permutation`: the panel with out-of-bag permutation importance.
///
/// Prints `seconds` (median), `min`, `oob_r2`, `rows`, `params` and `peak_rss_bytes`.
enum ForestBench {
    /// Runs the benchmark and returns the process exit code.
    static func run(_ arguments: [String]) -> Int32 {
        guard let path = arguments.first else {
            FileHandle.standardError.write(Data("usage: sift-bench forest PATH [fit|panel|permutation] [TREES] [REPEATS] [THREADS]\n".utf8))
            return 2
        }
        let mode = arguments.count > 1 ? arguments[1] : "fit"
        let trees = arguments.count > 2 ? Int(arguments[2]) ?? 100 : 100
        let repeats = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 3) : 3
        let threads = arguments.count > 4 ? Int(arguments[4]) ?? 0 : 0
        guard let table = readNumericCSV(path) else {
            FileHandle.standardError.write(Data("sift-bench: cannot read \(path)\n".utf8))
            return 1
        }
        let names = table.columns.map(\.name)
        let metric = names[names.count - 1]
        let params = Array(names.dropLast())
        let rows = Array(0..<table.rowCount)
        var times: [Double] = []
        var r2: Double?
        do {
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                switch mode {
                case "panel", "permutation":
                    let request = ImportanceRequest(metric: metric, method: mode == "panel" ? .forest : .permutation,
                                                    trees: trees, seed: 0, threads: threads)
                    let panel = try Analysis.importance(table: table, rows: rows, params: params, request: request)
                    r2 = panel.oobR2
                default:
                    let matrix = try Encoding.encode(table: table, rows: rows, params: params, metric: metric)
                    let forest = try RandomForest.fit(matrix, options: ForestOptions(trees: trees, seed: 0, threads: threads))
                    _ = ImpurityImportance.forest(forest)
                    r2 = forest.oobR2
                }
                let elapsed = ContinuousClock.now - start
                times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
        } catch {
            FileHandle.standardError.write(Data("sift-bench: \(error)\n".utf8))
            return 1
        }
        times.sort()
        print("seconds=\(times[times.count / 2]) min=\(times[0]) oob_r2=\(r2.map { "\($0)" } ?? "nan") "
              + "rows=\(table.rowCount) params=\(params.count) peak_rss_bytes=\(peakRSS())")
        return 0
    }

    /// The table of a CSV of numbers with a header (empty cell: missing), read by sift's own loader; not
    /// timed.
    static func readNumericCSV(_ path: String) -> RunTable? {
        try? RunLoader.load(path: path)
    }

    /// Peak resident memory of this process (Linux `VmHWM`), in bytes; 0 if unknown.
    static func peakRSS() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kb = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kb * 1024
        }
        return 0
    }
}
