import Dispatch
import Foundation
import SiftCore
import Synchronization

/// Settings of a random forest regressor (defaults as scikit-learn's `RandomForestRegressor`).
public struct ForestOptions: Sendable, Equatable {
    /// The most trees a front end lets a user ask for: importance intervals narrow as 1/√trees, so past a
    /// few thousand trees only time and memory grow (each tree is kept until the forest is combined).
    public static let maxTrees = 10_000

    /// Number of trees.
    public var trees: Int
    /// Seed of all randomness (bootstrap, feature subsets, permutations); tree `t` draws from stream `t`.
    public var seed: UInt64
    /// Features tried per split; nil: all of them (scikit-learn's regressor default, `max_features=1.0`).
    public var maxFeatures: Int?
    /// Minimum distinct rows in a leaf.
    public var minSamplesLeaf: Int
    /// Maximum depth; nil: grow until leaves are pure or too small.
    public var maxDepth: Int?
    /// Worker threads; 0: one per core. Results do not depend on it.
    public var threads: Int
    /// Feature groups permuted together for out-of-bag permutation importance (one group per param);
    /// nil: not computed.
    public var permutationGroups: [[Int]]?
    /// Rows drawn together by the bootstrap (replicates of one config, see `ReplicateGroups`): each tree
    /// draws as many groups as there are, with replacement, and every row of a drawn group enters the bag
    /// once per draw, so a row is out of bag exactly when its whole group is. Rows in no group are always
    /// out of bag. nil: rows are drawn one by one (scikit-learn's bootstrap).
    public var bootstrapGroups: [[Int]]?
    /// Whether the fitted forest keeps its trees; false: only what each tree contributes (out-of-bag
    /// predictions, impurity importances, permutation increases), which is all the importance panels need
    /// and spares copying every tree out of the builder.
    public var keepTrees: Bool

    /// Makes options.
    public init(trees: Int = 100, seed: UInt64 = 0, maxFeatures: Int? = nil, minSamplesLeaf: Int = 1,
                maxDepth: Int? = nil, threads: Int = 0, permutationGroups: [[Int]]? = nil,
                bootstrapGroups: [[Int]]? = nil, keepTrees: Bool = true) {
        self.trees = trees
        self.seed = seed
        self.maxFeatures = maxFeatures
        self.minSamplesLeaf = minSamplesLeaf
        self.maxDepth = maxDepth
        self.threads = threads
        self.permutationGroups = permutationGroups
        self.bootstrapGroups = bootstrapGroups
        self.keepTrees = keepTrees
    }
}

/// A fitted random forest regressor (Breiman 2001): bootstrap rows per tree, CART trees on binned features.
public struct RandomForest: Sendable {
    /// The features the trees split on (tree feature indices index it).
    public var schema: FeatureSchema
    /// The trees, in order (empty when fitted without `ForestOptions.keepTrees`).
    public var trees: [RegressionTree]
    /// Per tree that splits at least once, in tree order: its normalised impurity importance per feature
    /// (`ImpurityImportance.tree`).
    public var treeImportances: [[Double]]
    /// Per training row, the mean prediction of the trees for which it was out of bag (NaN if none).
    public var oobPrediction: [Double]
    /// Out-of-bag R² over rows with at least one out-of-bag prediction (nil when fewer than 2 such rows,
    /// or when the target is constant on them).
    public var oobR2: Double?
    /// Per tree, per permutation group: the increase of the tree's out-of-bag mean squared error when the
    /// group's features are permuted among its out-of-bag rows (Breiman 2001 §10). Empty if not requested;
    /// a tree's list is empty when its bootstrap drew every row (it has no out-of-bag rows).
    public var permutationIncrease: [[Double]]
    /// The options used.
    public var options: ForestOptions

    /// The forest's prediction (mean of the trees); `x(f)` gives feature `f` (NaN when missing).
    public func predict(_ x: (Int) -> Double) -> Double {
        guard !trees.isEmpty else { return .nan }
        var s = 0.0
        for t in trees { s += t.predict(x) }
        return s / Double(trees.count)
    }

    /// Fits a forest on `matrix`. Trees are grown in parallel; each tree's randomness comes from its own
    /// stream, and per-tree results are combined in tree order, so the forest is bit-identical whatever
    /// the thread count. Throws `Cancelled` when `cancellation` is raised (checked between trees).
    public static func fit(_ matrix: FeatureMatrix, options: ForestOptions, progress: ProgressSink = .silent,
                           cancellation: CancellationToken? = nil) throws -> RandomForest {
        let treeCount = max(0, options.trees)
        let binned = BinnedFeatures(matrix)
        let settings = TreeSettings(maxFeatures: options.maxFeatures ?? matrix.featureCount,
                                    minSamplesLeaf: options.minSamplesLeaf, maxDepth: options.maxDepth)
        let builder = TreeBuilder(data: binned, matrix: matrix, settings: settings)
        let rows = RowMajor(matrix)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(options.threads > 0 ? options.threads : cores, treeCount))
        let results = Locked<[TreeResult?]>(Array(repeating: nil, count: treeCount))
        let counters = Counters()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let workspace = builder.makeWorkspace()
            while cancellation?.isCancelled != true {
                let t = counters.next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard t < treeCount else { break }
                let result = fitTree(t, matrix: matrix, rows: rows, builder: builder, workspace: workspace,
                                     options: options)
                results.withLock { $0[t] = result }
                let done = counters.done.wrappingAdd(1, ordering: .relaxed).newValue
                progress("forest", Double(done) / Double(treeCount))
            }
        }
        if cancellation?.isCancelled == true { throw Cancelled() }
        let perTree = results.withLock { $0 }.compactMap { $0 }
        return combine(perTree, matrix: matrix, options: options)
    }

    /// The per-tree work: bootstrap (of rows, or of `options.bootstrapGroups`), grow, out-of-bag predictions and permutation increases.
    static func fitTree(_ t: Int, matrix: FeatureMatrix, rows: RowMajor, builder: TreeBuilder,
                        workspace: TreeWorkspace, options: ForestOptions) -> TreeResult {
        let n = matrix.rowCount
        var rng = Xoshiro256(seed: options.seed, stream: UInt64(t))
        var weights = [Double](repeating: 0, count: n)
        if let groups = options.bootstrapGroups, !groups.isEmpty {
            for _ in 0..<groups.count {
                for r in groups[rng.nextInt(below: groups.count)] { weights[r] += 1 }
            }
        } else {
            for _ in 0..<n { weights[rng.nextInt(below: n)] += 1 }
        }
        builder.growNodes(weights: weights, rng: &rng, workspace: workspace)
        let nodes = workspace.nodes
        let tree = options.keepTrees ? nodes.makeTree() : RegressionTree()
        let p = matrix.featureCount
        let importance = nodes.count > 1 ? nodes.impurityImportance(featureCount: p) : nil
        var oobRows: [Int32] = []
        for r in 0..<n where weights[r] == 0 { oobRows.append(Int32(r)) }
        var oobPred = [Double](repeating: 0, count: oobRows.count)
        guard nodes.count > 0 else {
            return TreeResult(tree: tree, importance: nil, oobRows: [], oobPred: [], increase: [])
        }
        var increase: [Double] = []
        rows.values.withUnsafeBufferPointer { x in
            builder.data.rowBins.withUnsafeBufferPointer { bins in
                oobRows.withUnsafeBufferPointer { oob in
                    guard let x = x.baseAddress, let bins = bins.baseAddress else { return }
                    oobPred.withUnsafeMutableBufferPointer { pred in
                        guard let out = pred.baseAddress else { return }
                        nodes.predict(rows: oob, rowBins: bins, features: p, values: x, into: out)
                    }
                    if let groups = options.permutationGroups, !oob.isEmpty {
                        increase = permutationIncreases(groups, oob: oob, oobPred: oobPred, nodes: nodes,
                                                        matrix: matrix, rowBins: bins, values: x, rng: &rng)
                    }
                }
            }
        }
        return TreeResult(tree: tree, importance: importance, oobRows: oobRows, oobPred: oobPred, increase: increase)
    }

    /// Per group of features: how much the tree's mean squared error on its out-of-bag rows grows when the
    /// group's values are permuted among those rows (each group drawing a fresh permutation from `rng`).
    ///
    /// A row's permuted path is its own path down to the first node that splits on a feature of the group;
    /// only rows that reach such a node are walked again, from that node on, and the others keep their
    /// prediction `oobPred` (the same numbers as walking every row from the root).
    static func permutationIncreases(_ groups: [[Int]], oob: UnsafeBufferPointer<Int32>, oobPred: [Double],
                                     nodes: NodeBuffer, matrix: FeatureMatrix, rowBins: UnsafePointer<UInt8>,
                                     values: UnsafePointer<Double>, rng: inout Xoshiro256) -> [Double] {
        let p = matrix.featureCount, count = oob.count
        var base = 0.0
        for (i, r) in oob.enumerated() {
            let d = matrix.target[Int(r)] - oobPred[i]
            base += d * d
        }
        let paths = nodes.paths(rows: oob, rowBins: rowBins, features: p, values: values)
        var inGroup = [Bool](repeating: false, count: p)
        var perm = Array(oob)
        // The rows walked again for the current group: their place among `oob`, row, donor and start node.
        var walked: [Int] = [], walkRows: [Int32] = [], donors: [Int32] = [], starts: [Int32] = []
        var predicted = [Double](repeating: 0, count: count)
        var increase: [Double] = []
        increase.reserveCapacity(groups.count)
        for group in groups {
            for f in group { inGroup[f] = true }
            for i in stride(from: perm.count - 1, to: 0, by: -1) {
                perm.swapAt(i, rng.nextInt(below: i + 1))
            }
            walked.removeAll(keepingCapacity: true)
            walkRows.removeAll(keepingCapacity: true)
            donors.removeAll(keepingCapacity: true)
            starts.removeAll(keepingCapacity: true)
            for i in 0..<count {
                for k in paths.offsets[i]..<paths.offsets[i + 1] where inGroup[Int(paths.features[k])] {
                    walked.append(i)
                    walkRows.append(oob[i])
                    donors.append(perm[i])
                    starts.append(paths.nodes[k])
                    break
                }
            }
            walkRows.withUnsafeBufferPointer { rows in
                donors.withUnsafeBufferPointer { donors in starts.withUnsafeBufferPointer { starts in
                    inGroup.withUnsafeBufferPointer { permuted in predicted.withUnsafeMutableBufferPointer { out in
                        guard let donors = donors.baseAddress, let starts = starts.baseAddress,
                              let permuted = permuted.baseAddress, let out = out.baseAddress else { return }
                        nodes.predict(rows: rows, donors: donors, starts: starts, permuted: permuted,
                                      rowBins: rowBins, features: p, values: values, into: out)
                    } }
                } }
            }
            var sse = 0.0
            var j = 0
            for (i, r) in oob.enumerated() {
                var prediction = oobPred[i]
                if j < walked.count && walked[j] == i {
                    prediction = predicted[j]
                    j += 1
                }
                let d = matrix.target[Int(r)] - prediction
                sse += d * d
            }
            increase.append((sse - base) / Double(count))
            for f in group { inGroup[f] = false }
        }
        return increase
    }

    /// Combines per-tree results in tree order.
    static func combine(_ perTree: [TreeResult], matrix: FeatureMatrix, options: ForestOptions) -> RandomForest {
        let n = matrix.rowCount
        var sum = [Double](repeating: 0, count: n)
        var count = [Int](repeating: 0, count: n)
        for result in perTree {
            for (i, r) in result.oobRows.enumerated() {
                sum[Int(r)] += result.oobPred[i]
                count[Int(r)] += 1
            }
        }
        var prediction = [Double](repeating: .nan, count: n)
        var ys: [Double] = [], ps: [Double] = []
        for r in 0..<n where count[r] > 0 {
            prediction[r] = sum[r] / Double(count[r])
            ys.append(matrix.target[r])
            ps.append(prediction[r])
        }
        return RandomForest(schema: matrix.schema, trees: options.keepTrees ? perTree.map(\.tree) : [],
                            treeImportances: perTree.compactMap(\.importance), oobPrediction: prediction,
                            oobR2: rSquared(ys, ps), permutationIncrease: perTree.map(\.increase),
                            options: options)
    }

    /// R² = 1 − SS_res / SS_tot (nil when fewer than 2 rows or a constant target).
    static func rSquared(_ y: [Double], _ p: [Double]) -> Double? {
        guard y.count >= 2 else { return nil }
        let mean = y.reduce(0, +) / Double(y.count)
        var res = 0.0, tot = 0.0
        for i in 0..<y.count {
            res += (y[i] - p[i]) * (y[i] - p[i])
            tot += (y[i] - mean) * (y[i] - mean)
        }
        return tot > 0 ? 1 - res / tot : nil
    }
}

/// The feature matrix row by row (feature `f` of row `r` at `values[r * featureCount + f]`): a tree walk
/// reads one row's features, which then share a few cache lines instead of one line per feature.
struct RowMajor: Sendable {
    let values: [Double]

    init(_ matrix: FeatureMatrix) {
        let n = matrix.rowCount, p = matrix.featureCount
        var values = [Double](repeating: 0, count: n * p)
        for f in 0..<p {
            for r in 0..<n { values[r * p + f] = matrix.values[f * n + r] }
        }
        self.values = values
    }
}

/// What one tree contributes to the forest.
struct TreeResult: Sendable {
    /// The tree (empty unless kept).
    var tree: RegressionTree
    /// Its normalised impurity importances; nil for a tree that never splits.
    var importance: [Double]?
    var oobRows: [Int32]
    var oobPred: [Double]
    var increase: [Double]
}

/// Shared work counters of a fit.
private final class Counters: Sendable {
    let next = Atomic<Int>(0)
    let done = Atomic<Int>(0)
}
