/// Σw and Σw·y of a set of training rows (`x`: weight, `y`: weighted target sum): what the squared-error
/// criterion needs. One SIMD pair, so a histogram bin is updated with a single vector add.
typealias Sums = SIMD2<Double>

/// The squared-error criterion on a node with totals `W = Σw`, `S = Σw·y`.
///
/// Splitting the node into L and R decreases `Σw · impurity` (impurity: weighted variance) by
/// `(S_L)²/W_L + (S_R)²/W_R − S²/W` (scikit-learn `_criterion.pyx`, `MSE.proxy_impurity_improvement`),
/// which equals `(S_L·W − S·W_L)² / (W_L · W_R · W)`. Candidates of one node share `W`, so a split is
/// scored by its *gain* `(S_L·W − S·W_L)² / (W_L · W_R)`: one division per candidate, and no cancellation
/// between the large `S²/W` terms of the proxy form. Targets are scaled to about unit size before the fit
/// (`TreeWorkspace`), so the products stay far from overflow.
///
/// Ties (equivalent splits such as the one-hot columns of a two-valued param) go to the first candidate
/// scanned, up to rounding: the same rule as scikit-learn's strict `>`.
enum SquaredError {
    /// The gain of sending `left` left at a node with totals `total` (nil if a side is empty).
    @inline(__always)
    static func gain(left: Sums, total: Sums) -> Double? {
        let rightWeight = total.x - left.x
        guard left.x > 0 && rightWeight > 0 else { return nil }
        let d = left.y * total.x - total.y * left.x
        return d * d / (left.x * rightWeight)
    }

}
