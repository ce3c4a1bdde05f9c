import Foundation
import SiftAnalysis
import SiftCore

/// `sift-bench pedanova PATH METRIC [REPEATS] [THREADS]`: times the `using pedanova` panel (point estimate,
/// bootstrap intervals and noise baseline) on a CSV of runs; prints the median wall time, CPU time, and each
/// param's importance with its interval.
enum PedAnovaBench {
    /// Runs the benchmark and returns the process exit code.
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: sift-bench pedanova PATH METRIC [REPEATS] [THREADS]\n".utf8))
            return 2
        }
        let path = arguments[0], metric = arguments[1]
        let repeats = arguments.count > 2 ? max(1, Int(arguments[2]) ?? 5) : 5
        let threads = arguments.count > 3 ? max(0, Int(arguments[3]) ?? 0) : 0
        do {
            let table = try readSimpleCSV(path, metric: metric)
            let params = table.names(withRole: .param)
            let rows = Array(0..<table.rowCount)
            let request = ImportanceRequest(metric: metric, method: .pedanova, seed: 0, threads: threads)
            var times: [Double] = []
            var panel: ImportancePanel?
            let cpuStart = FanovaBench.cpuSeconds()
            for _ in 0..<repeats {
                let start = ContinuousClock.now
                panel = try Analysis.importance(table: table, rows: rows, params: params, request: request)
                times.append(FanovaBench.seconds(ContinuousClock.now - start))
            }
            let cpu = (FanovaBench.cpuSeconds() - cpuStart) / Double(repeats)
            times.sort()
            let rowsOut = panel?.params.map {
                String(format: "%@:%.3f[%.3f,%.3f]%@", $0.name, $0.importance, $0.importanceLow, $0.importanceHigh,
                       $0.belowNoise ? "~" : "")
            } ?? []
            print("seconds=\(times[times.count / 2]) min=\(times[0]) cpu_seconds=\(cpu) rows=\(table.rowCount) "
                  + "params=\(params.count) noise=\(panel?.noiseImportance ?? .nan) noise_high=\(panel?.noiseImportanceHigh ?? .nan) "
                  + "params=\(rowsOut.joined(separator: ","))")
            return 0
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 1
        }
    }
}
