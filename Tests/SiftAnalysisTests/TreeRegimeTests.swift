import Foundation
import Testing
@testable import SiftAnalysis

/// The tree builder searches a node one of three ways: full histograms with subtraction (large nodes, all
/// features), one histogram per drawn feature (large nodes, `max_features < p`), or a sorted subtree
/// (nodes of at most 256 rows). Which one handles a node is set by `histogramNodeSize`; whichever does,
/// the tree must split the rows the same way, node for node.
@Suite struct TreeRegimeTests {
    /// Three continuous params with distinct values, a six-level categorical, and a conditional param
    /// missing in 40 % of the rows; the target depends on all but `x2`.
    static func matrix(rows n: Int) -> FeatureMatrix {
        var rng = Xoshiro256(seed: 11)
        var x0: [Double] = [], x1: [Double] = [], x2: [Double] = [], c: [Double] = [], m: [Double] = []
        var y: [Double] = []
        for _ in 0..<n {
            let a = rng.nextUnit(), b = rng.nextUnit(), d = rng.nextUnit()
            let code = Double(rng.nextInt(below: 6))
            let conditional = rng.nextUnit() < 0.4 ? Double.nan : rng.nextUnit()
            x0.append(a)
            x1.append(b)
            x2.append(d)
            c.append(code)
            m.append(conditional)
            y.append(sin(3 * a) + b * b + (code == 2 ? 0.5 : 0) + (conditional.isNaN ? 0 : conditional)
                     + 0.2 * (rng.nextUnit() - 0.5))
        }
        let schema = FeatureSchema(features: [
            .init(name: "x0", kind: .numeric(min: 0, max: 1), param: 0),
            .init(name: "x1", kind: .numeric(min: 0, max: 1), param: 1),
            .init(name: "x2", kind: .numeric(min: 0, max: 1), param: 2),
            .init(name: "c", kind: .categorical(levels: 6), param: 3),
            .init(name: "m", kind: .numeric(min: 0, max: 1), param: 4),
        ], params: ["x0", "x1", "x2", "c", "m"])
        return FeatureMatrix(schema: schema, values: x0 + x1 + x2 + c + m, target: y)
    }

    /// A few trees on bootstrap samples under `settings`, with full histograms down to `histogramNodeSize`
    /// rows; with each, the prediction of every in-bag row (NaN out of bag).
    static func trees(_ matrix: FeatureMatrix, settings: TreeSettings,
                      histogramNodeSize: Int) -> [(tree: RegressionTree, inBag: [Double])] {
        var builder = TreeBuilder(data: BinnedFeatures(matrix), matrix: matrix, settings: settings)
        builder.histogramNodeSize = histogramNodeSize
        let workspace = builder.makeWorkspace()
        let n = matrix.rowCount
        return (0..<4).map { t in
            var rng = Xoshiro256(seed: 5, stream: UInt64(t))
            var weights = [Double](repeating: 0, count: n)
            for _ in 0..<n { weights[rng.nextInt(below: n)] += 1 }
            let tree = builder.grow(weights: weights, rng: &rng, workspace: workspace)
            let inBag = (0..<n).map { r in
                weights[r] > 0 ? tree.predict { matrix.value(row: r, feature: $0) } : .nan
            }
            return (tree, inBag)
        }
    }

    @Test(arguments: [
        TreeSettings(maxFeatures: 5, minSamplesLeaf: 1, maxDepth: nil),
        TreeSettings(maxFeatures: 2, minSamplesLeaf: 1, maxDepth: nil),
        TreeSettings(maxFeatures: 5, minSamplesLeaf: 3, maxDepth: nil),
        TreeSettings(maxFeatures: 5, minSamplesLeaf: 1, maxDepth: 7),
    ])
    func everyRegimeSplitsTheRowsAlike(_ settings: TreeSettings) {
        let matrix = Self.matrix(rows: 1500)
        // 2: every node of two or more rows from full histograms (sorted subtrees only when features are
        // drawn); 256: the default mix; .max: large nodes from one histogram per feature, small ones in
        // sorted subtrees.
        let reference = Self.trees(matrix, settings: settings, histogramNodeSize: 2)
        for size in [256, Int.max] {
            let trees = Self.trees(matrix, settings: settings, histogramNodeSize: size)
            for (a, b) in zip(reference, trees) {
                // Equivalent splits score alike up to rounding, so a node may take another feature, or the
                // mirror image, for the same partition: the rows must still end in the same leaves, with
                // the same values.
                #expect(a.tree.nodeCount == b.tree.nodeCount, "histogramNodeSize \(size)")
                let differing = zip(a.inBag, b.inBag).filter { !($0.isNaN && $1.isNaN) && $0 != $1 }.count
                #expect(differing == 0, "histogramNodeSize \(size): \(differing) in-bag rows predicted differently")
                #expect(a.tree.nodeCount > 200, "the trees should be deep enough to use every regime")
            }
        }
    }
}

/// Trying features in turn, a later feature takes a node only by beating the best so far strictly, so of
/// two identical columns the first always wins, however the search is organised (the sorted subtrees
/// bound every feature first and settle only the most promising).
@Suite struct TieTests {
    /// Three exact copies of x1 (before it, itself, and after the categorical `c`, where a node is searched
    /// feature by feature): they tie at every split, so within one tree the copy first in the tree's random
    /// feature order takes every split any of them would, and the other two none; across trees different
    /// copies win (ties went to the first column before, which biased importances by column order).
    @Test func tiesGoToOneFeatureByTheTreesRandomOrder() {
        let base = TreeRegimeTests.matrix(rows: 1500)
        let n = base.rowCount
        let copy = (0..<n).map { base.value(row: $0, feature: 1) }
        var values: [Double] = []
        for f in 0..<base.featureCount {
            if f == 1 { values += copy }
            values += (0..<n).map { base.value(row: $0, feature: f) }
        }
        values += copy
        var features = base.schema.features
        features.insert(.init(name: "x1 copy", kind: features[1].kind, param: 5), at: 1)
        features.append(.init(name: "x1 last copy", kind: features[1].kind, param: 6))
        let schema = FeatureSchema(features: features, params: base.schema.params + ["x1 copy", "x1 last copy"])
        let matrix = FeatureMatrix(schema: schema, values: values, target: base.target)
        var winners: Set<Int> = []
        for size in [2, 256, Int.max] {
            let trees = TreeRegimeTests.trees(matrix, settings: TreeSettings(maxFeatures: 7, minSamplesLeaf: 1,
                                                                             maxDepth: nil),
                                              histogramNodeSize: size)
            for t in trees {
                let tree: RegressionTree = t.tree
                let used = Set((0..<tree.nodeCount).map { Int(tree.feature[$0]) })
                let splitting: [Int] = [1, 2, 6].filter { used.contains($0) }
                #expect(splitting.count == 1, "histogramNodeSize \(size): copies of x1 splitting: \(splitting)")
                winners.formUnion(splitting)
            }
        }
        #expect(winners.count >= 2, "the same copy won every tree: \(winners)")
    }
}

/// Out-of-bag predictions walk a tree on the rows' bins (`NodeBuffer.predict`), reading a value only at a
/// bin that straddles a threshold; they must equal the tree's own prediction from the values.
@Suite struct BinnedWalkTests {
    @Test func binnedWalkPredictsEveryRowAsTheTreeDoes() {
        // 1,500 rows: the continuous params have more distinct values than bins, so bins hold several
        // values and deep nodes put thresholds inside bins absent from them.
        let matrix = TreeRegimeTests.matrix(rows: 1500)
        let data = BinnedFeatures(matrix)
        let builder = TreeBuilder(data: data, matrix: matrix,
                                  settings: TreeSettings(maxFeatures: 5, minSamplesLeaf: 1, maxDepth: nil))
        let workspace = builder.makeWorkspace()
        let n = matrix.rowCount, p = matrix.featureCount
        let rowMajor = RowMajor(matrix)
        let rows = (0..<n).map(Int32.init)
        var straddled = 0
        for t in 0..<4 {
            var rng = Xoshiro256(seed: 9, stream: UInt64(t))
            var weights = [Double](repeating: 0, count: n)
            for _ in 0..<n { weights[rng.nextInt(below: n)] += 1 }
            let tree = builder.grow(weights: weights, rng: &rng, workspace: workspace)
            var walked = [Double](repeating: .nan, count: n)
            rowMajor.values.withUnsafeBufferPointer { x in
                data.rowBins.withUnsafeBufferPointer { bins in
                    rows.withUnsafeBufferPointer { rows in
                        walked.withUnsafeMutableBufferPointer { out in
                            workspace.nodes.predict(rows: rows, rowBins: bins.baseAddress!, features: p,
                                                    values: x.baseAddress!, into: out.baseAddress!)
                        }
                    }
                }
            }
            let expected = (0..<n).map { r in tree.predict { matrix.value(row: r, feature: $0) } }
            let differing = (0..<n).filter { walked[$0] != expected[$0] }.count
            #expect(differing == 0, "tree \(t): \(differing) rows walked differently")
            // The straddling path must have been taken: a numeric threshold with rows of one bin on both sides.
            for i in 0..<tree.nodeCount where !tree.isLeaf(i) && tree.categorySet[i] < 0 && tree.threshold[i].isFinite {
                let f = Int(tree.feature[i]), threshold = tree.threshold[i]
                var sides: [UInt8: (Bool, Bool)] = [:]
                for r in 0..<n {
                    let v = matrix.value(row: r, feature: f)
                    guard !v.isNaN else { continue }
                    let bin = data.bins[f * n + r]
                    var seen = sides[bin] ?? (false, false)
                    if v <= threshold { seen.0 = true } else { seen.1 = true }
                    sides[bin] = seen
                }
                if sides.values.contains(where: { $0.0 && $0.1 }) { straddled += 1 }
            }
        }
        #expect(straddled > 0, "no threshold fell inside a bin: the straddling path went untested")
    }
}

extension TreeSettings: CustomTestStringConvertible {
    public var testDescription: String {
        "max_features \(maxFeatures), min_samples_leaf \(minSamplesLeaf), max_depth \(maxDepth.map(String.init) ?? "none")"
    }
}
