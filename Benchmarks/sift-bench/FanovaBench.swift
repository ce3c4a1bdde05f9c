import Foundation
import SiftAnalysis
import SiftCore

/// A plain comma-separated file (header row, no quoting) as a table: `metric` is the metric, every other
/// column a param. Kept here so the benchmark does not depend on the CSV loader's role rules.
func readSimpleCSV(_ path: String, metric: String) throws -> RunTable {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard let header = lines.first else { return RunTable() }
    let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var cells = Array(repeating: [Value](), count: names.count)
    for line in lines.dropFirst() {
        for (i, cell) in line.split(separator: ",", omittingEmptySubsequences: false).enumerated() where i < names.count {
            cells[i].append(Value.infer(fromText: cell))
        }
    }
    let columns = zip(names, cells).map { Column(name: $0, role: $0 == metric ? .metric : .param, values: $1) }
    return try RunTable(columns: columns, rowCount: lines.count - 1, source: path)
}

/// `sift-bench fanova PATH METRIC [TREES] [REPEATS]`: times the `using fanova` panel on a CSV of runs
/// (every other numeric or categorical column a param), forest settings as Optuna's evaluator
/// (TREES trees, default 64, max depth 64).
enum FanovaBench {
    /// CPU time (user + system) used by the process so far, all threads.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let user = Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) * 1e-6
        let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) * 1e-6
        return user + system
    }

    /// A duration in seconds.
    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    /// Runs the benchmark and returns the process exit code.
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: sift-bench fanova PATH METRIC [TREES] [REPEATS]\n".utf8))
            return 2
        }
        let path = arguments[0], metric = arguments[1]
        let trees = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 64) : 64
        let repeats = arguments.count > 3 ? max(1, Int(arguments[3]) ?? 3) : 3
        do {
            let table = try readSimpleCSV(path, metric: metric)
            let params = table.names(withRole: .param)
            let rows = Array(0..<table.rowCount)
            let request = ImportanceRequest(metric: metric, method: .fanova, trees: trees, seed: 0, maxDepth: 64)
            var times: [Double] = []
            var panel: ImportancePanel?
            let cpuStart = cpuSeconds()
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                panel = try Analysis.importance(table: table, rows: rows, params: params, request: request)
                let elapsed = ContinuousClock.now - start
                times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            }
            let cpu = (cpuSeconds() - cpuStart) / Double(repeats)
            times.sort()
            // Breakdown: forest fit vs decomposition (singles + interactions).
            let matrix = try Encoding.encode(table: table, rows: rows, params: params, metric: metric)
            let clock = ContinuousClock()
            var forest: RandomForest?
            let fit = try clock.measure {
                forest = try RandomForest.fit(matrix, options: ForestOptions(trees: trees, seed: 0, maxDepth: 64))
            }
            var decomposition: Fanova.Decomposition?
            let decompose = clock.measure {
                if let forest { decomposition = Fanova.decompose(forest: forest, matrix: matrix) }
            }
            let leaves = forest?.trees.reduce(0) { $0 + $1.feature.filter { $0 < 0 }.count } ?? 0
            print("fit_seconds=\(seconds(fit)) decompose_seconds=\(seconds(decompose)) leaves_per_tree=\(leaves / trees) pairs=\(decomposition?.pairs.count ?? 0)")
            let top = panel?.params.prefix(5).map { "\($0.name):\(String(format: "%.3f", $0.importance))" } ?? []
            print("seconds=\(times[times.count / 2]) min=\(times[0]) cpu_seconds=\(cpu) rows=\(table.rowCount) params=\(params.count) "
                  + "trees=\(trees) top=\(top.joined(separator: ","))")
            return 0
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 1
        }
    }
}
