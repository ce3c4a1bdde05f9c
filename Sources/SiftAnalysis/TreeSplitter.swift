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

/// Finds the best split of a node over its rows' bins (scikit-learn `_splitter.pyx`'s best splitter on
/// histograms): numeric features scan thresholds between present bins with missing values tried on each
/// side; categorical features sort their categories by mean target and scan prefixes (Fisher 1958,
/// Breiman et al. 1984 §9.4: the optimal binary partition for squared error is such a prefix).
///
/// Holds per-bin scratch histograms; one splitter per tree being grown.
struct Splitter {
    private var count = [Int32](repeating: 0, count: 256)
    private var weight = [Double](repeating: 0, count: 256)
    private var sum = [Double](repeating: 0, count: 256)
    private var touched: [Int] = []
    private var order: [Int] = []
    private var means: [Double] = []

    /// Minimum distinct rows on each side.
    let minSamplesLeaf: Int

    init(minSamplesLeaf: Int) {
        self.minSamplesLeaf = max(1, minSamplesLeaf)
        touched.reserveCapacity(256)
        order.reserveCapacity(256)
        means = [Double](repeating: 0, count: 256)
    }

    /// Improves `best` with the best split of `samples` on feature `f` whose bins are `column`.
    mutating func consider(feature f: Int, column: UnsafePointer<UInt8>, samples: UnsafeBufferPointer<Int32>,
                           target: UnsafeBufferPointer<Double>, weights: UnsafeBufferPointer<Double>,
                           data: BinnedFeatures, best: inout Split) {
        var seen = touched
        touched = []
        seen.removeAll(keepingCapacity: true)
        count.withUnsafeMutableBufferPointer { c in
            weight.withUnsafeMutableBufferPointer { w in
                sum.withUnsafeMutableBufferPointer { s in
                    for r32 in samples {
                        let r = Int(r32)
                        let b = Int(column[r])
                        if c[b] == 0 { seen.append(b) }
                        let wr = weights[r]
                        c[b] &+= 1
                        w[b] += wr
                        s[b] += wr * target[r]
                    }
                }
            }
        }
        touched = seen
        if touched.count > 1 {
            if data.categorical[f] {
                considerCategorical(feature: f, best: &best)
            } else {
                considerNumeric(feature: f, data: data, best: &best)
            }
        }
        for b in touched {
            count[b] = 0
            weight[b] = 0
            sum[b] = 0
        }
    }

    @inline(__always)
    private func stats(_ b: Int) -> SplitStats {
        SplitStats(count: Int(count[b]), weight: weight[b], sum: sum[b])
    }

    /// Thresholds between consecutive present bins; missing tried left and right, and alone on the right.
    private mutating func considerNumeric(feature f: Int, data: BinnedFeatures, best: inout Split) {
        let missingBin = Int(BinnedFeatures.missingBin)
        if touched.count > 48 {
            order.removeAll(keepingCapacity: true)
            for b in 0..<missingBin where count[b] > 0 { order.append(b) }
        } else {
            order = touched.filter { $0 != missingBin }
            order.sort()
        }
        let missing = stats(missingBin)
        var present = SplitStats()
        for b in order { present.add(stats(b)) }
        let minLeaf = minSamplesLeaf
        var left = SplitStats()
        var bestProxy = best.proxy
        var bestK = -1
        var bestMissingLeft = false
        for k in 0..<(order.count - 1) {
            left.add(stats(order[k]))
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
            if missing.count > 0 && left.count + missing.count >= minLeaf && right.count >= minLeaf {
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
        if missing.count > 0 && !order.isEmpty && present.count >= minLeaf && missing.count >= minLeaf {
            let p = SquaredError.proxy(present, missing)
            if p > bestProxy {
                bestProxy = p
                bestK = order.count - 1
                bestMissingLeft = false
            }
        }
        guard bestK >= 0 else { return }
        var split = Split(feature: f, proxy: bestProxy)
        for k in 0...bestK { split.setLeft(order[k]) }
        if bestK == order.count - 1 {
            split.threshold = .infinity
            split.missingLeft = false
        } else {
            split.threshold = data.threshold(feature: f, leftBin: order[bestK], rightBin: order[bestK + 1])
            if missing.count > 0 {
                split.missingLeft = bestMissingLeft
            } else {
                // No missing value here: an unseen one follows the side with more rows.
                var l = SplitStats()
                for k in 0...bestK { l.add(stats(order[k])) }
                split.missingLeft = l.count >= present.count - l.count
            }
        }
        if split.missingLeft { split.setLeft(missingBin) }
        best = split
    }

    /// Categories (missing as one more) sorted by mean target; the best prefix goes left.
    private mutating func considerCategorical(feature f: Int, best: inout Split) {
        let missingBin = Int(BinnedFeatures.missingBin)
        order = touched
        for b in order { means[b] = sum[b] / weight[b] }
        order.sort { means[$0] != means[$1] ? means[$0] < means[$1] : $0 < $1 }
        var total = SplitStats()
        for b in order { total.add(stats(b)) }
        let minLeaf = minSamplesLeaf
        var left = SplitStats()
        var bestProxy = best.proxy
        var bestK = -1
        for k in 0..<(order.count - 1) {
            left.add(stats(order[k]))
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
        var missingSeen = false
        for k in 0...bestK {
            split.setLeft(order[k])
            leftCount += Int(count[order[k]])
            if order[k] == missingBin { split.missingLeft = true }
        }
        missingSeen = count[missingBin] > 0
        if !missingSeen {
            split.missingLeft = leftCount >= total.count - leftCount
            if split.missingLeft { split.setLeft(missingBin) }
        }
        best = split
    }
}
