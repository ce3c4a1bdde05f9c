import Foundation
import SiftCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `sift-bench csv PATH [REPEATS]`: times `RunLoader.load` on a CSV file.
enum CSVBench {
    /// Runs the benchmark and returns the process exit code.
    static func run(_ arguments: [String]) -> Int32 {
        guard let path = arguments.first else {
            FileHandle.standardError.write(Data("usage: sift-bench csv PATH [REPEATS]\n".utf8))
            return 2
        }
        let repeats = arguments.count > 1 ? max(1, Int(arguments[1]) ?? 5) : 5
        var times: [Double] = []
        var cpuTimes: [Double] = []
        var last = RunTable()
        for _ in 0..<repeats {
            let cpuStart = processCPUSeconds()
            let start = ContinuousClock.now
            do {
                last = try RunLoader.load(path: path)
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                return 1
            }
            let elapsed = ContinuousClock.now - start
            times.append(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
            cpuTimes.append(processCPUSeconds() - cpuStart)
        }
        times.sort()
        cpuTimes.sort()
        let median = times[times.count / 2]
        let fileSize = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let memory = TableMemory.bytes(of: last)
        print("seconds=\(median) min=\(times[0]) cpu_seconds=\(cpuTimes[cpuTimes.count / 2]) rows=\(last.rowCount) columns=\(last.columns.count) "
              + "table_bytes=\(memory) file_bytes=\(fileSize)")
        return 0
    }
}

/// CPU time used by the whole process so far (all threads).
private func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}

/// An estimate of the bytes a table's cells take: storage arrays plus category labels.
enum TableMemory {
    /// Sum over columns of the cell arrays and the level strings (UTF-8 bytes plus a String header).
    static func bytes(of table: RunTable) -> Int {
        var total = 0
        for column in table.columns {
            switch column.storage {
            case .numeric(let values, _):
                total += values.count * MemoryLayout<Double>.stride + column.missing.count
            case .categorical(let codes, let levels, _):
                total += codes.count * MemoryLayout<Int32>.stride
                total += levels.reduce(0) { $0 + $1.utf8.count + MemoryLayout<String>.stride }
            case .boolean(let b):
                total += b.count
            }
        }
        return total
    }
}
