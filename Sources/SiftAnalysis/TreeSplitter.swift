/// A candidate split of a node: which bins go left, and how good it is.
struct Split: Sendable {
    /// The split feature.
    var feature: Int = -1
    /// The squared-error proxy (larger is better; see `SplitStats`).
    var proxy: Double = -.infinity
    /// The 256-bit set of bins that go left (bit 255: missing).
    var leftBins: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Numeric threshold (go left if x <= threshold); NaN for a categorical split.
    var threshold: Double = .nan
    /// Whether missing values go left.
    var missingLeft: Bool = false
    /// Whether the split is categorical (left-set of codes) rather than a threshold.
    var categorical: Bool = false

    /// Whether `bin` goes left.
    @inline(__always)
    func goesLeft(_ bin: UInt8) -> Bool {
        let b = Int(bin)
        let word: UInt64
        switch b >> 6 {
        case 0: word = leftBins.0
        case 1: word = leftBins.1
        case 2: word = leftBins.2
        default: word = leftBins.3
        }
        return word & (1 << UInt64(b & 63)) != 0
    }

    /// Adds `bin` to the left set.
    @inline(__always)
    mutating func setLeft(_ bin: Int) {
        let bit: UInt64 = 1 << UInt64(bin & 63)
        switch bin >> 6 {
        case 0: leftBins.0 |= bit
        case 1: leftBins.1 |= bit
        case 2: leftBins.2 |= bit
        default: leftBins.3 |= bit
        }
    }
}

/// Sums of the rows of a node falling in one bin of one feature.
struct Bin: Sendable {
    /// Distinct rows.
    var count: Double
    /// Σ w.
    var weight: Double
    /// Σ w·y.
    var sum: Double

    /// The empty bin.
    static let zero = Bin(count: 0, weight: 0, sum: 0)

    /// As split statistics.
    @inline(__always)
    var stats: SplitStats { SplitStats(count: Int(count), weight: weight, sum: sum) }
}

/// Finds the best split of one feature from its per-bin sums (scikit-learn `_splitter.pyx`'s best
/// splitter, on histograms): numeric features scan thresholds between present bins with missing values
/// tried on each side and alone; categorical features sort their categories by mean target and scan
/// prefixes (Fisher 1958; Breiman et al. 1984 §9.4: for squared error the optimal binary partition of
/// categories is such a prefix). Missing counts as one more category there.
final class Splitter {
    /// Minimum distinct rows on each side.
    let minSamplesLeaf: Int
    /// Scratch: present bins in scan order (`orderCount` of them).
    private let order: UnsafeMutablePointer<Int>
    private var orderCount = 0

    init(minSamplesLeaf: Int) {
        self.minSamplesLeaf = max(1, minSamplesLeaf)
        order = .allocate(capacity: 257)
    }

    deinit { order.deallocate() }

    /// Improves `best` with feature `f`'s best split; `bins` holds 256 per-bin sums, `present` lists the
    /// non-empty bins in increasing order, or is nil to scan them all.
    func consider(feature f: Int, bins: UnsafePointer<Bin>, present: UnsafeBufferPointer<Int>?,
                  data: BinnedFeatures, best: inout Split) {
        let missingBin = Int(BinnedFeatures.missingBin)
        orderCount = 0
        let categorical = data.categorical[f]
        if let present {
            for b in present where b != missingBin {
                order[orderCount] = b
                orderCount += 1
            }
        } else {
            for b in 0..<data.binCount[f] where bins[b].count > 0 {
                order[orderCount] = b
                orderCount += 1
            }
        }
        let missing = bins[missingBin].stats
        guard orderCount + (missing.count > 0 ? 1 : 0) > 1 else { return }
        if categorical {
            if missing.count > 0 {
                order[orderCount] = missingBin
                orderCount += 1
            }
            considerCategorical(feature: f, bins: bins, best: &best)
        } else {
            considerNumeric(feature: f, bins: bins, missing: missing, data: data, best: &best)
        }
    }

    /// Thresholds between consecutive present bins; missing tried left and right, and alone on the right.
    private func considerNumeric(feature f: Int, bins: UnsafePointer<Bin>, missing: SplitStats,
                                 data: BinnedFeatures, best: inout Split) {
        var present = SplitStats()
        for k in 0..<orderCount { present.add(bins[order[k]].stats) }
        let minLeaf = minSamplesLeaf
        var left = SplitStats()
        var bestProxy = best.proxy
        var bestK = -1
        var bestMissingLeft = false
        let hasMissing = missing.count > 0
        if !hasMissing && minLeaf == 1 {
            // The common case, same arithmetic without the count checks (both sides are never empty).
            var lw = 0.0, ls = 0.0
            for k in 0..<(orderCount - 1) {
                let b = bins[order[k]]
                lw += b.weight
                ls += b.sum
                let rw = present.weight - lw, rs = present.sum - ls
                let p = (lw > 0 ? ls * ls / lw : 0) + (rw > 0 ? rs * rs / rw : 0)
                if p > bestProxy {
                    bestProxy = p
                    bestK = k
                }
            }
        }
        for k in 0..<(hasMissing || minLeaf > 1 ? orderCount - 1 : 0) {
            left.add(bins[order[k]].stats)
            let right = present.minus(left)
            if left.count >= minLeaf && right.count + missing.count >= minLeaf {
                var r = right
                r.add(missing)
                let p = SquaredError.proxy(left, r)
                if p > bestProxy {
                    bestProxy = p
                    bestK = k
                    bestMissingLeft = false
                }
            }
            if hasMissing && left.count + missing.count >= minLeaf && right.count >= minLeaf {
                var l = left
                l.add(missing)
                let p = SquaredError.proxy(l, right)
                if p > bestProxy {
                    bestProxy = p
                    bestK = k
                    bestMissingLeft = true
                }
            }
        }
        // All present values left, missing right.
        if hasMissing && orderCount > 0 && present.count >= minLeaf && missing.count >= minLeaf {
            let p = SquaredError.proxy(present, missing)
            if p > bestProxy {
                bestProxy = p
                bestK = orderCount - 1
                bestMissingLeft = false
            }
        }
        guard bestK >= 0 else { return }
        var split = Split(feature: f, proxy: bestProxy)
        var leftCount = 0
        for k in 0...bestK {
            split.setLeft(order[k])
            leftCount += Int(bins[order[k]].count)
        }
        if bestK == orderCount - 1 {
            split.threshold = .infinity
            split.missingLeft = false
        } else {
            split.threshold = data.threshold(feature: f, leftBin: order[bestK], rightBin: order[bestK + 1])
            // Without missing values here, an unseen one follows the side with more rows.
            split.missingLeft = hasMissing ? bestMissingLeft : leftCount >= present.count - leftCount
        }
        if split.missingLeft { split.setLeft(Int(BinnedFeatures.missingBin)) }
        best = split
    }

    /// Categories (missing as one more) sorted by mean target; the best prefix goes left.
    private func considerCategorical(feature f: Int, bins: UnsafePointer<Bin>, best: inout Split) {
        let missingBin = Int(BinnedFeatures.missingBin)
        var sorted = UnsafeMutableBufferPointer(start: order, count: orderCount)
        sorted.sort {
            let a = bins[$0].sum / bins[$0].weight, b = bins[$1].sum / bins[$1].weight
            return a != b ? a < b : $0 < $1
        }
        var total = SplitStats()
        for k in 0..<orderCount { total.add(bins[order[k]].stats) }
        let minLeaf = minSamplesLeaf
        var left = SplitStats()
        var bestProxy = best.proxy
        var bestK = -1
        for k in 0..<(orderCount - 1) {
            left.add(bins[order[k]].stats)
            let right = total.minus(left)
            guard left.count >= minLeaf && right.count >= minLeaf else { continue }
            let p = SquaredError.proxy(left, right)
            if p > bestProxy {
                bestProxy = p
                bestK = k
            }
        }
        guard bestK >= 0 else { return }
        var split = Split(feature: f, proxy: bestProxy, categorical: true)
        var leftCount = 0
        for k in 0...bestK {
            split.setLeft(order[k])
            leftCount += Int(bins[order[k]].count)
            if order[k] == missingBin { split.missingLeft = true }
        }
        if bins[missingBin].count == 0 {
            split.missingLeft = leftCount >= total.count - leftCount
            if split.missingLeft { split.setLeft(missingBin) }
        }
        best = split
    }
}
