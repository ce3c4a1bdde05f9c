// sift-bench: timing harness for sift's hot paths, used by the scripts under Benchmarks/.
//
//     swift build -c release --product sift-bench
//     .build/release/sift-bench csv PATH [REPEATS]
//
// The first argument picks the benchmark; each prints one line of `key=value` figures so the
// Python drivers can parse them.
import Foundation
import SiftCore

let arguments = Array(CommandLine.arguments.dropFirst())
let usage = """
    usage: sift-bench <benchmark> [arguments]
      csv PATH [REPEATS]   load a CSV file REPEATS times (default 5); print the median seconds and the table's memory
      fanova PATH METRIC [TREES] [REPEATS]   time the fANOVA panel (Optuna's forest settings: 64 trees, depth 64)
      fingerprint PATH METRIC [TREES]   hash every tree of forests under four settings (same output = same forests)
      forest PATH [fit|panel|permutation] [TREES] [REPEATS] [THREADS]
                           random forest on a numeric CSV (last column: the metric)
      pedanova PATH METRIC [REPEATS] [THREADS]   time the PED-ANOVA panel (bootstrap intervals, noise baseline)
    """

guard let command = arguments.first else {
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}

switch command {
case "csv":
    exit(CSVBench.run(Array(arguments.dropFirst())))
case "fanova":
    exit(FanovaBench.run(Array(arguments.dropFirst())))
case "pedanova":
    exit(PedAnovaBench.run(Array(arguments.dropFirst())))
case "fingerprint":
    exit(FingerprintBench.run(Array(arguments.dropFirst())))
case "forest":
    exit(ForestBench.run(Array(arguments.dropFirst())))
default:
    FileHandle.standardError.write(Data("sift-bench: unknown benchmark \"\(command)\"\n\(usage)\n".utf8))
    exit(2)
}
