/// A candidate split of a node: which bins go left, and how good it is.
struct Split: Sendable {
    /// The split feature.
    var feature: Int = -1
    /// How good the split is (`SquaredError` gain; -1: no split).
    var gain: Double = -1
    /// The 256-bit set of bins that go left (bit 255: missing); for a numeric split, set by `resolve`.
    var leftBins: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    /// Numeric threshold (go left if x <= threshold), set by `resolve`; NaN for a categorical split.
    var threshold: Double = .nan
    /// A numeric split's last present bin going left, and first going right (-1: every present value goes
    /// left, missing values right).
    var leftBin = -1
    var rightBin = -1
    /// Whether missing values go left.
    var missingLeft: Bool = false
    /// Whether the node had missing values of the feature; if not, `missingLeft` is settled after the
    /// partition (unseen missing values follow the side with more rows).
    var missingSeen: Bool = false
    /// Whether the split is categorical (left-set of codes) rather than a threshold.
    var categorical: Bool = false
    /// A numeric split by bins, set by `resolve`: value bins below `cut` go left, bins above it right, and
    /// bin `cut` right too unless `straddles` (its values lie on both sides of the threshold: compare the
    /// value). Exact for the training matrix, whose values all lie in their bins.
    var cut: UInt8 = 0
    var straddles = false

    /// Whether `bin` goes left.
    @inline(__always)
    func goesLeft(_ bin: UInt8) -> Bool {
        let b = Int(bin)
        // An indexed load of the word, not a switch (a jump table mispredicts on every other row).
        let word = withUnsafeBytes(of: leftBins) { $0.load(fromByteOffset: (b >> 6) &* 8, as: UInt64.self) }
        return word & (1 << UInt64(b & 63)) != 0
    }

    /// Completes a numeric split chosen by its bins: the bins going left and the threshold (done once per
    /// node, for the winner, rather than for every feature that beats the best so far).
    mutating func resolve(data: BinnedFeatures) {
        guard !categorical else { return }
        leftBins = Split.bins(below: rightBin >= 0 ? rightBin : Int(BinnedFeatures.missingBin))
        if missingLeft { setLeft(Int(BinnedFeatures.missingBin)) }
        guard rightBin >= 0 else {
            threshold = .infinity
            cut = BinnedFeatures.missingBin
            return
        }
        threshold = data.threshold(feature: feature, leftBin: leftBin, rightBin: rightBin)
        // Bins up to `leftBin` hold values <= threshold and bins from `rightBin` on values above it; the
        // bins between (absent at the node) are placed by their bounds.
        let (c, straddles) = data.cut(feature: feature, threshold: threshold, after: leftBin, before: rightBin)
        cut = UInt8(c)
        self.straddles = straddles
    }

    /// The set of bins `0..<bin` (`bin` in 1...255).
    static func bins(below bin: Int) -> (UInt64, UInt64, UInt64, UInt64) {
        func word(_ w: Int) -> UInt64 {
            // The low `n` bits, n clamped to 0...64 (a shift by 64 gives 0, so all ones after the
            // subtraction): no branch on where the threshold falls.
            let n = UInt64(min(max(bin - 64 * w, 0), 64))
            return (1 << n) &- 1
        }
        return (word(0), word(1), word(2), word(3))
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

/// One feature's 256 per-bin sums at a node, with per-bin distinct-row counts when leaves have a minimum
/// size above 1 (otherwise no check needs them).
struct BinView {
    /// Σw and Σw·y per bin (bin 255: missing).
    var sums: UnsafePointer<Sums>
    /// Distinct rows per bin, or nil.
    var counts: UnsafePointer<Int32>?
}

/// A node's totals: sums (scaled target) and distinct rows.
struct NodeTotals {
    /// Σw and Σw·y over the node.
    var sums: Sums
    /// Distinct rows.
    var count: Int
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

    /// Improves `best` with feature `f`'s best split at a node with totals `node`; `present` lists the
    /// non-empty bins in increasing order, or is nil to scan them all.
    func consider(feature f: Int, bins: BinView, present: UnsafeBufferPointer<Int>?, node: NodeTotals,
                  data: BinnedFeatures, best: inout Split) {
        let missingBin = Int(BinnedFeatures.missingBin)
        if present == nil && !data.categorical[f] && bins.sums[missingBin].x == 0 && bins.counts == nil {
            considerNumericDense(feature: f, bins: bins.sums, count: data.binCount[f], node: node, data: data,
                                 best: &best)
            return
        }
        orderCount = 0
        if let present {
            for b in present where b != missingBin {
                order[orderCount] = b
                orderCount += 1
            }
        } else {
            for b in 0..<data.binCount[f] where bins.sums[b].x > 0 {
                order[orderCount] = b
                orderCount += 1
            }
        }
        let hasMissing = bins.sums[missingBin].x > 0
        guard orderCount + (hasMissing ? 1 : 0) > 1 else { return }
        if data.categorical[f] {
            if hasMissing {
                order[orderCount] = missingBin
                orderCount += 1
            }
            considerCategorical(feature: f, bins: bins, node: node, best: &best)
        } else {
            considerNumeric(feature: f, bins: bins, node: node, data: data, best: &best)
        }
    }

    /// Whether a side with `count` distinct rows may be a leaf (always, when counts are not kept).
    @inline(__always)
    private func allowed(_ count: Int, counted: Bool) -> Bool { !counted || count >= minSamplesLeaf }

    /// Numeric thresholds without missing values or leaf-size checks, straight from all of a feature's
    /// bins (a node's full histogram), skipping the empty ones.
    private func considerNumericDense(feature f: Int, bins: UnsafePointer<Sums>, count: Int, node: NodeTotals,
                                      data: BinnedFeatures, best: inout Split) {
        let w = node.sums.x, s = node.sums.y
        var bar = best.gain
        var bestLeft = -1, bestRight = -1
        var left = Sums()
        var previous = -1
        for b in 0..<count {
            let sums = bins[b]
            guard sums.x > 0 else { continue }
            if previous >= 0 {
                // Candidate: present bins up to `previous` left, from `b` on right.
                let d = left.y * w - s * left.x
                let gain = d * d / (left.x * (w - left.x))
                if gain > bar {
                    bar = gain
                    bestLeft = previous
                    bestRight = b
                }
            }
            left += sums
            previous = b
        }
        guard bestLeft >= 0 else { return }
        var split = Split(feature: f, gain: bar)
        split.leftBin = bestLeft
        split.rightBin = bestRight
        best = split
    }

    /// Thresholds between consecutive present bins; missing tried left and right, and alone on the right.
    private func considerNumeric(feature f: Int, bins: BinView, node: NodeTotals, data: BinnedFeatures,
                                 best: inout Split) {
        let missingBin = Int(BinnedFeatures.missingBin)
        let missing = bins.sums[missingBin]
        let hasMissing = missing.x > 0
        let counted = bins.counts != nil
        let missingCount = Int(bins.counts?[missingBin] ?? 0)
        var bar = best.gain
        var bestK = -1
        var bestMissingLeft = false
        var left = Sums()
        var leftCount = 0
        // k = orderCount - 1 puts every present value left: valid only with missing values on the right.
        for k in 0..<orderCount {
            left += bins.sums[order[k]]
            if let counts = bins.counts { leftCount += Int(counts[order[k]]) }
            if allowed(leftCount, counted: counted) && allowed(node.count - leftCount, counted: counted),
               let gain = SquaredError.gain(left: left, total: node.sums), gain > bar {
                bar = gain
                bestK = k
                bestMissingLeft = false
            }
            if hasMissing && allowed(leftCount + missingCount, counted: counted)
                && allowed(node.count - leftCount - missingCount, counted: counted),
               let gain = SquaredError.gain(left: left + missing, total: node.sums), gain > bar {
                bar = gain
                bestK = k
                bestMissingLeft = true
            }
        }
        guard bestK >= 0 else { return }
        var split = Split(feature: f, gain: bar)
        split.leftBin = order[bestK]
        split.rightBin = bestK == orderCount - 1 ? -1 : order[bestK + 1]
        split.missingSeen = hasMissing
        split.missingLeft = bestMissingLeft
        best = split
    }

    /// Categories (missing as one more) sorted by mean target; the best prefix goes left.
    private func considerCategorical(feature f: Int, bins: BinView, node: NodeTotals, best: inout Split) {
        let missingBin = Int(BinnedFeatures.missingBin)
        let sums = bins.sums
        var sorted = UnsafeMutableBufferPointer(start: order, count: orderCount)
        sorted.sort {
            let a = sums[$0].y / sums[$0].x, b = sums[$1].y / sums[$1].x
            return a != b ? a < b : $0 < $1
        }
        let counted = bins.counts != nil
        var bar = best.gain
        var bestK = -1
        var left = Sums()
        var leftCount = 0
        for k in 0..<(orderCount - 1) {
            left += sums[order[k]]
            if let counts = bins.counts { leftCount += Int(counts[order[k]]) }
            guard allowed(leftCount, counted: counted) && allowed(node.count - leftCount, counted: counted),
                  let gain = SquaredError.gain(left: left, total: node.sums), gain > bar else { continue }
            bar = gain
            bestK = k
        }
        guard bestK >= 0 else { return }
        var split = Split(feature: f, gain: bar, categorical: true)
        split.missingSeen = sums[missingBin].x > 0
        for k in 0...bestK {
            split.setLeft(order[k])
            if order[k] == missingBin { split.missingLeft = true }
        }
        best = split
    }
}
