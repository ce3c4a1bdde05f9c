/// Weighted sums of a set of training rows: what the squared-error criterion needs.
///
/// For rows with bootstrap weights `w` and targets `y`, a node's squared-error impurity is
/// `Σw(y − ȳ)² / Σw`. Splitting a node into L and R decreases `Σw · impurity` by
/// `(Σ_L wy)² / Σ_L w + (Σ_R wy)² / Σ_R w − (Σ wy)² / Σ w`, so the best split maximises the
/// *proxy* `(Σ_L wy)² / Σ_L w + (Σ_R wy)² / Σ_R w` (scikit-learn `_criterion.pyx`, `MSE.proxy_impurity_improvement`).
struct SplitStats: Sendable {
    /// Distinct rows.
    var count: Int = 0
    /// Σ w.
    var weight: Double = 0
    /// Σ w·y.
    var sum: Double = 0

    /// Adds another set of rows.
    @inline(__always)
    mutating func add(_ o: SplitStats) {
        count += o.count
        weight += o.weight
        sum += o.sum
    }

    /// The rows of `self` not in `o` (a subset).
    @inline(__always)
    func minus(_ o: SplitStats) -> SplitStats {
        SplitStats(count: count - o.count, weight: weight - o.weight, sum: sum - o.sum)
    }

    /// `(Σ wy)² / Σ w`, the part of the split proxy this side contributes.
    @inline(__always)
    var proxyTerm: Double { weight > 0 ? sum * sum / weight : 0 }

    /// Weighted mean target.
    var mean: Double { weight > 0 ? sum / weight : 0 }
}

/// The squared-error criterion: node statistics and the proxy of a candidate split.
enum SquaredError {
    /// The proxy of splitting into `left` and `right` (larger is better; see `SplitStats`).
    @inline(__always)
    static func proxy(_ left: SplitStats, _ right: SplitStats) -> Double {
        left.proxyTerm + right.proxyTerm
    }
}
