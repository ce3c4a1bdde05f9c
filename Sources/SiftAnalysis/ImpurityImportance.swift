/// Mean decrease in impurity (Breiman 2001; scikit-learn's `feature_importances_`).
///
/// For a tree, feature `f`'s importance is `Σ (W_n·i_n − W_l·i_l − W_r·i_r) / W_root` over the nodes `n`
/// split on `f` (W: bootstrap-weighted rows, i: squared-error impurity), normalised to sum to 1 within the
/// tree. The forest's importance averages the trees that split at all, renormalised to sum to 1.
public enum ImpurityImportance {
    /// One tree's normalised importances per feature (all zero for a tree that never splits).
    public static func tree(_ tree: RegressionTree, featureCount: Int) -> [Double] {
        guard tree.nodeCount > 1 else { return [Double](repeating: 0, count: featureCount) }
        return normalisedDecrease(nodeCount: tree.nodeCount, featureCount: featureCount,
                                  feature: { tree.feature[$0] }, left: { tree.left[$0] }, right: { tree.right[$0] },
                                  weighted: { tree.weightedSamples[$0] }, impurity: { tree.impurity[$0] })
    }

    /// `tree` over node fields read through accessors (a `RegressionTree`, or the builder's buffers while a
    /// tree is grown): per feature, the sum of its nodes' decreases, normalised to sum to 1.
    @inline(__always)
    static func normalisedDecrease(nodeCount: Int, featureCount: Int, feature: (Int) -> Int32,
                                   left: (Int) -> Int32, right: (Int) -> Int32, weighted: (Int) -> Double,
                                   impurity: (Int) -> Double) -> [Double] {
        var imp = [Double](repeating: 0, count: featureCount)
        for i in 0..<nodeCount where feature(i) >= 0 {
            let l = Int(left(i)), r = Int(right(i))
            let decrease = weighted(i) * impurity(i) - weighted(l) * impurity(l) - weighted(r) * impurity(r)
            imp[Int(feature(i))] += decrease
        }
        let total = imp.reduce(0, +)
        guard total > 0 else { return [Double](repeating: 0, count: featureCount) }
        return imp.map { $0 / total }
    }

    /// Per-tree normalised importances of the trees that split at least once, in tree order (computed
    /// while fitting, so they are there whether or not the forest kept its trees).
    public static func perTree(_ forest: RandomForest) -> [[Double]] { forest.treeImportances }

    /// The forest's importances per feature, summing to 1 (all zero when no tree splits).
    public static func forest(_ forest: RandomForest) -> [Double] {
        let trees = perTree(forest)
        var mean = [Double](repeating: 0, count: forest.schema.count)
        for t in trees { for f in t.indices { mean[f] += t[f] } }
        let total = mean.reduce(0, +)
        return total > 0 ? mean.map { $0 / total } : mean
    }
}
