import Dispatch
import Foundation
import SiftCore
import Synchronization

/// Functional ANOVA over a random forest (Hutter, Hoos & Leyton-Brown, ICML 2014).
///
/// Each tree's prediction is decomposed exactly over the box of observed inputs (see `FanovaTree`);
/// the share of the tree's variance explained by each input alone, and by each pair of the most
/// important inputs jointly beyond their single effects, is averaged over the trees with non-zero
/// variance. Differences from Optuna's `FanovaImportanceEvaluator`: categoricals are split natively
/// (marginals over category subsets, not over one-hot corners that no run can take); a log-scaled param
/// (see `LogScale`) is measured on log scale; the box is the observed range, not the declared search
/// space; missing values lie outside the box; a forest of zero variance gives zero importances rather
/// than an error; results are deterministic for a seed.
public enum Fanova {
    /// Per-feature shares of variance, per tree, and pairwise interaction shares.
    public struct Decomposition: Sendable {
        /// `singles[t][f]`: the share of tree t's variance that feature f's marginal explains (trees with
        /// zero variance are left out).
        public var singles: [[Double]]
        /// Pairs of features with their mean interaction share, highest first.
        public var pairs: [(first: Int, second: Int, share: Double)]
        /// Trees of the forest; trees with non-zero variance.
        public var trees: Int
        public var treesUsed: Int
    }

    /// Domains of the matrix's features: observed ranges (log for a log-scaled numeric feature),
    /// present category codes, or the single value of a constant feature.
    static func domains(_ matrix: FeatureMatrix) -> [FanovaTree.Domain] {
        matrix.schema.features.indices.map { f in
            let present = matrix.column(f).filter { !$0.isNaN }
            guard let lo = present.min(), let hi = present.max() else { return .fixed(nil) }
            if lo == hi { return .fixed(lo) }
            switch matrix.schema.features[f].kind {
            case .categorical:
                return .categorical(codes: Array(Set(present.map { Int($0) })).sorted())
            case .numeric:
                if matrix.schema.features[f].param >= 0, LogScale.applies(to: Array(present)) {
                    return .numeric(low: Foundation.log(lo), high: Foundation.log(hi), log: true)
                }
                return .numeric(low: lo, high: hi, log: false)
            }
        }
    }

    /// Decomposes every tree of `forest` (fitted on `matrix`); interactions among the `pairsAmong`
    /// features with the largest single shares (features of params only, not noise columns).
    public static func decompose(forest: RandomForest, matrix: FeatureMatrix, pairsAmong: Int = 5,
                                 threads: Int = 0) -> Decomposition {
        let domains = domains(matrix)
        let p = domains.count
        let trees = forest.trees
        let perTree = Parallel.map(trees.count, threads: threads) { t -> [Double]? in
            let d = FanovaTree(tree: trees[t], domains: domains)
            guard d.variance > 0 else { return nil }
            return (0..<p).map { Swift.max(0, d.singleVariance($0).variance) / d.variance }
        }
        let singles = perTree.compactMap { $0 }
        var mean = Array(repeating: 0.0, count: p)
        for row in singles { for f in 0..<p { mean[f] += row[f] / Double(singles.count) } }
        let candidates = (0..<p).filter { matrix.schema.features[$0].param >= 0 && mean[$0] > 0 }
            .sorted { mean[$0] != mean[$1] ? mean[$0] > mean[$1] : $0 < $1 }.prefix(pairsAmong)
        let pairList: [(Int, Int)] = candidates.enumerated().flatMap { i, f in
            candidates.dropFirst(i + 1).map { (f, $0) }
        }
        let candidateSet = Set(candidates)
        var pairs: [(first: Int, second: Int, share: Double)] = []
        if !pairList.isEmpty {
            let perTreePairs = Parallel.map(trees.count, threads: threads) { t -> [Double]? in
                let d = FanovaTree(tree: trees[t], domains: domains)
                guard d.variance > 0 else { return nil }
                let single = (0..<p).map { candidateSet.contains($0) ? d.singleVariance($0).variance : 0 }
                return pairList.map { f, g in
                    Swift.max(0, d.pairVariance(f, g) - single[f] - single[g]) / d.variance
                }
            }.compactMap { $0 }
            for (k, (f, g)) in pairList.enumerated() {
                let share = perTreePairs.reduce(0) { $0 + $1[k] } / Double(Swift.max(perTreePairs.count, 1))
                pairs.append((f, g, share))
            }
            pairs.sort { $0.share != $1.share ? $0.share > $1.share : ($0.first, $0.second) < ($1.first, $1.second) }
        }
        return Decomposition(singles: singles, pairs: pairs, trees: trees.count, treesUsed: singles.count)
    }
}
