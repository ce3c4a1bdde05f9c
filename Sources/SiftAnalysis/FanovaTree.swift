import Foundation

/// The functional ANOVA decomposition of one regression tree over a bounded input box.
///
/// Hutter, Hoos & Leyton-Brown, "An Efficient Approach for Assessing Hyperparameter Importance"
/// (ICML 2014): a tree is a piecewise-constant function on a partition of the input space into leaf
/// boxes, so its marginal in any subset of inputs is exact and cheap. Each input's domain is cut into
/// *atoms*: for a numeric input, the intervals between the tree's thresholds on it (widths measured on
/// log scale for a log-scaled input); for a categorical one, its categories (equal widths). A leaf covers
/// a contiguous atom range (numeric) or a set of atoms (categorical) per input, and its volume is the
/// product of covered width fractions. Then, with μ = Σ v·V over leaves:
/// - the marginal of input f at atom a is m_f(a) = Σ_{leaves ∋ a} v·V / w_f, and its variance
///   V_f = Σ_a width(a)·(m_f(a) − μ)²;
/// - the pairwise marginal m_fg(a, b) = Σ v·V / (w_f·w_g) over leaves covering both, and the interaction
///   variance V_fg = Var(m_fg) − V_f − V_g;
/// - the total variance is Σ V·(v − μ)².
/// Marginals are accumulated with difference arrays, so a single input costs O(leaves + atoms) and a
/// pair O(leaves + atoms_f · atoms_g). Missing values are outside the box: the decomposition integrates
/// over present values only (the learned missing direction plays no part).
struct FanovaTree {
    /// One input's domain.
    enum Domain: Sendable {
        /// Values in low…high (already log-transformed where `log`); thresholds are mapped likewise.
        case numeric(low: Double, high: Double, log: Bool)
        /// Category codes present in the data (a code outside this list has no volume).
        case categorical(codes: [Int])
        /// A constant input (its value), or an all-missing one (nil): no volume to split, rows follow it.
        case fixed(Double?)
    }

    /// A leaf's extent on one input.
    struct Extent {
        var leaf: Int32
        /// Covered atoms: `lo ..< hi` for numeric inputs; for categorical ones, the runs of `mask`.
        var lo: Int32
        var hi: Int32
        var mask: AtomMask
        /// Covered width fraction.
        var fraction: Double
    }

    /// Leaf value and volume per kept leaf.
    private(set) var values: [Double] = []
    private(set) var volumes: [Double] = []
    /// Per input: atom widths (fractions summing to 1) and the extents of leaves constrained on it.
    private(set) var widths: [[Double]]
    private(set) var extents: [[Extent]]
    /// μ and the total variance of the tree over the box.
    private(set) var mean = 0.0
    private(set) var variance = 0.0

    /// Decomposes `tree` over `domains` (one per feature of the tree's schema).
    init(tree: RegressionTree, domains: [Domain]) {
        let p = domains.count
        widths = Array(repeating: [1], count: p)
        extents = Array(repeating: [], count: p)
        guard tree.nodeCount > 0 else { return }
        // Atom boundaries per numeric input: the tree's thresholds strictly inside the domain.
        var cuts: [[Double]] = Array(repeating: [], count: p)
        for i in 0..<tree.nodeCount where tree.feature[i] >= 0 && tree.categorySet[i] < 0 {
            let f = Int(tree.feature[i])
            guard case .numeric(let low, let high, let log) = domains[f] else { continue }
            let t = FanovaTree.scale(tree.threshold[i], log: log)
            if t > low && t < high { cuts[f].append(t) }
        }
        for f in 0..<p {
            switch domains[f] {
            case .numeric(let low, let high, _):
                cuts[f].sort()
                var unique: [Double] = []
                for c in cuts[f] where unique.last != c { unique.append(c) }
                cuts[f] = unique
                let bounds = [low] + unique + [high]
                let span = high - low
                widths[f] = (0..<(bounds.count - 1)).map { k in
                    span.isFinite ? (bounds[k + 1] - bounds[k]) / span
                        // A domain wider than the largest Double (-1.7e308 to 1.7e308) is measured in halves,
                        // or every width would be NaN or 0 and the param's importance 0.
                        : (bounds[k + 1] / 2 - bounds[k] / 2) / (high / 2 - low / 2)
                }
            case .categorical(let codes):
                widths[f] = Array(repeating: 1 / Double(Swift.max(codes.count, 1)), count: Swift.max(codes.count, 1))
            case .fixed:
                widths[f] = [1]
            }
        }
        var walker = FanovaWalker(tree: tree, domains: domains, cuts: cuts, widths: widths)
        walker.walk(node: 0)
        values = walker.values
        volumes = walker.volumes
        extents = walker.extents
        var mu = 0.0, total = 0.0
        for i in values.indices { mu += values[i] * volumes[i] }
        for i in values.indices { total += volumes[i] * (values[i] - mu) * (values[i] - mu) }
        mean = mu
        variance = total
    }

    /// A threshold or value on the domain's scale.
    @inline(__always)
    static func scale(_ x: Double, log: Bool) -> Double { log ? Foundation.log(x) : x }

    /// The variance of input `f`'s marginal, and the marginal per atom.
    func singleVariance(_ f: Int) -> (variance: Double, marginal: [Double]) {
        let atoms = widths[f].count
        guard atoms > 1 else { return (0, Array(repeating: mean, count: atoms)) }
        var constrained = 0.0
        var diff = Array(repeating: 0.0, count: atoms + 1)
        var marginal = Array(repeating: 0.0, count: atoms)
        for e in extents[f] {
            let share = values[Int(e.leaf)] * volumes[Int(e.leaf)]
            constrained += share
            let density = share / e.fraction
            if e.hi >= 0 {
                diff[Int(e.lo)] += density
                diff[Int(e.hi)] -= density
            } else {
                forEachAtom(e.mask, atoms) { marginal[$0] += density }
            }
        }
        let base = mean - constrained
        var running = 0.0, v = 0.0
        for a in 0..<atoms {
            running += diff[a]
            marginal[a] += base + running
            v += widths[f][a] * (marginal[a] - mean) * (marginal[a] - mean)
        }
        return (v, marginal)
    }

    /// The variance of the joint marginal of inputs `f` and `g` (not yet minus the single effects).
    func pairVariance(_ f: Int, _ g: Int) -> Double {
        let af = widths[f].count, ag = widths[g].count
        guard af > 1, ag > 1 else { return 0 }
        var extentF = [Int32: Int](), extentG = [Int32: Int]()
        for (k, e) in extents[f].enumerated() { extentF[e.leaf] = k }
        for (k, e) in extents[g].enumerated() { extentG[e.leaf] = k }
        // grid[(a)(ag+1) + b] is a 2-D difference array; rows/cols add 1-D terms.
        var grid = Array(repeating: 0.0, count: (af + 1) * (ag + 1))
        var rows = Array(repeating: 0.0, count: af + 1), cols = Array(repeating: 0.0, count: ag + 1)
        var base = mean
        let stride = ag + 1
        func ranges(_ e: Extent, _ atoms: Int) -> [(Int, Int)] {
            if e.hi >= 0 { return [(Int(e.lo), Int(e.hi))] }
            var out: [(Int, Int)] = []
            forEachAtom(e.mask, atoms) { a in
                if let last = out.last, last.1 == a { out[out.count - 1].1 = a + 1 } else { out.append((a, a + 1)) }
            }
            return out
        }
        for e in extents[f] {
            let leaf = Int(e.leaf)
            let share = values[leaf] * volumes[leaf]
            base -= share
            if let k = extentG[e.leaf] {
                let eg = extents[g][k]
                let density = share / (e.fraction * eg.fraction)
                for (a0, a1) in ranges(e, af) {
                    for (b0, b1) in ranges(eg, ag) {
                        grid[a0 * stride + b0] += density
                        grid[a0 * stride + b1] -= density
                        grid[a1 * stride + b0] -= density
                        grid[a1 * stride + b1] += density
                    }
                }
            } else {
                let density = share / e.fraction
                for (a0, a1) in ranges(e, af) {
                    rows[a0] += density
                    rows[a1] -= density
                }
            }
        }
        for e in extents[g] where extentF[e.leaf] == nil {
            let leaf = Int(e.leaf)
            let share = values[leaf] * volumes[leaf]
            base -= share
            let density = share / e.fraction
            for (b0, b1) in ranges(e, ag) {
                cols[b0] += density
                cols[b1] -= density
            }
        }
        // Prefix sums: rows and columns in 1-D, the grid in 2-D.
        for a in 1...af { rows[a] += rows[a - 1] }
        for b in 1...ag { cols[b] += cols[b - 1] }
        // The 2-D prefix sum and the weighted variance in one sweep, on raw buffers (the hot loop).
        var v = 0.0
        let mu = mean
        var above = Array(repeating: 0.0, count: ag)
        grid.withUnsafeBufferPointer { grid in
            widths[g].withUnsafeBufferPointer { wg in
                cols.withUnsafeBufferPointer { cols in
                    above.withUnsafeMutableBufferPointer { above in
                        for a in 0..<af {
                            var left = 0.0, rowSum = 0.0
                            let rowBase = base + rows[a] - mu
                            let start = a * stride
                            for b in 0..<ag {
                                left += grid[start + b]
                                above[b] += left
                                let d = rowBase + cols[b] + above[b]
                                rowSum += wg[b] * d * d
                            }
                            v += widths[f][a] * rowSum
                        }
                    }
                }
            }
        }
        return v
    }

    /// Calls `body` with each atom index set in `mask` (below `atoms`).
    @inline(__always)
    private func forEachAtom(_ mask: AtomMask, _ atoms: Int, _ body: (Int) -> Void) {
        for (w, word) in mask.words.enumerated() {
            var bits = word
            while bits != 0 {
                let a = w * 64 + bits.trailingZeroBitCount
                if a < atoms { body(a) }
                bits &= bits - 1
            }
        }
    }
}
