import Foundation
import SiftAnalysis
import SiftCore

/// `sift-bench fingerprint PATH METRIC [TREES]`: one line per forest setting with a hash of every tree
/// (structure, thresholds, category sets, values, impurities; bit patterns) and the out-of-bag R², and a
/// last line with a hash of the out-of-bag permutation increases of a forest with permuted groups.
///
/// A speed change to the tree builder that keeps its arithmetic must leave every line unchanged: run it
/// before and after on a table with categoricals and missing cells (`Examples/sweep.csv val_loss`) and on
/// a numeric one (`Benchmarks/data/forest_2000x20.csv y`).
enum FingerprintBench {
    /// Runs the check and returns the process exit code.
    static func run(_ arguments: [String]) -> Int32 {
        guard arguments.count >= 2 else {
            FileHandle.standardError.write(Data("usage: sift-bench fingerprint PATH METRIC [TREES]\n".utf8))
            return 2
        }
        let trees = arguments.count > 2 ? Int(arguments[2]) ?? 20 : 20
        do {
            let table = try RunLoader.load(path: arguments[0])
            let metric = arguments[1]
            let params = table.columns.filter { $0.role == .param && $0.name != metric }.map(\.name)
            let rows = (0..<table.rowCount).filter { r in
                table.column(named: metric).map { !$0.isMissing(r) } ?? false
            }
            let matrix = try Encoding.encode(table: table, rows: rows, params: params, metric: metric)
            let p = matrix.featureCount
            let settings: [(String, ForestOptions)] = [
                ("default", ForestOptions(trees: trees, seed: 3)),
                ("max_features=p/3", ForestOptions(trees: trees, seed: 3, maxFeatures: max(1, p / 3))),
                ("min_samples_leaf=3", ForestOptions(trees: trees, seed: 3, minSamplesLeaf: 3)),
                ("max_depth=6", ForestOptions(trees: trees, seed: 3, maxDepth: 6)),
            ]
            for (name, options) in settings {
                let forest = try RandomForest.fit(matrix, options: options)
                var hash = Hash()
                for tree in forest.trees { hash.add(tree) }
                let nodes = forest.trees.reduce(0) { $0 + $1.nodeCount }
                // Rows searched, summed over internal nodes: the work a split search scales with.
                let searched = forest.trees.reduce(0) { total, tree in
                    (0..<tree.nodeCount).reduce(total) { $0 + (tree.feature[$1] >= 0 ? Int(tree.nodeSamples[$1]) : 0) }
                }
                print("\(name): hash=\(String(hash.value, radix: 16)) nodes=\(nodes) "
                      + "searched_rows=\(searched) oob_r2=\(forest.oobR2.map { "\($0)" } ?? "nil")")
            }
            // Out-of-bag permutation increases: one group per feature, and the first two features together.
            let groups = (0..<p).map { [$0] } + (p >= 2 ? [[0, 1]] : [])
            let permuted = try RandomForest.fit(matrix, options: ForestOptions(trees: trees, seed: 3,
                                                                               permutationGroups: groups))
            var hash = Hash()
            for increases in permuted.permutationIncrease {
                for increase in increases { hash.add(increase.bitPattern) }
            }
            print("permutation: hash=\(String(hash.value, radix: 16)) trees=\(permuted.permutationIncrease.count)")
        } catch {
            FileHandle.standardError.write(Data("sift-bench: \(error)\n".utf8))
            return 1
        }
        return 0
    }

    /// FNV-1a over 64-bit words.
    struct Hash {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325

        mutating func add(_ word: UInt64) {
            value = (value ^ word) &* 0x100_0000_01b3
        }

        mutating func add(_ tree: RegressionTree) {
            add(UInt64(tree.nodeCount))
            for i in 0..<tree.nodeCount {
                add(UInt64(bitPattern: Int64(tree.feature[i])))
                add(tree.threshold[i].bitPattern)
                add(UInt64(bitPattern: Int64(tree.categorySet[i])))
                add(tree.missingGoesLeft[i] ? 1 : 0)
                add(UInt64(bitPattern: Int64(tree.left[i])))
                add(UInt64(bitPattern: Int64(tree.right[i])))
                add(tree.value[i].bitPattern)
                add(UInt64(bitPattern: Int64(tree.nodeSamples[i])))
                add(tree.weightedSamples[i].bitPattern)
                add(tree.impurity[i].bitPattern)
            }
            for word in tree.categoryWords { add(word) }
        }
    }
}
