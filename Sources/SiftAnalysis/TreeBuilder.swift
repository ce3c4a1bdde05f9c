/// Settings that shape one tree.
struct TreeSettings: Sendable {
    /// Features tried per split (at most the feature count).
    var maxFeatures: Int
    /// Minimum distinct rows in a leaf.
    var minSamplesLeaf: Int
    /// Maximum depth (root at depth 0); nil for unlimited.
    var maxDepth: Int?
}

/// Grows one CART regression tree depth-first over an index array partitioned in place per node
/// (scikit-learn `_tree.pyx` `DepthFirstTreeBuilder`), with the rows' sums partitioned alongside so the
/// histogram loops read them in order (LightGBM's "ordered gradients").
///
/// Large nodes keep per-bin sums of every feature; a child's sums are built for the smaller child only
/// and the larger one's come by subtraction from the parent's (LightGBM). Small nodes sum only the bins
/// their rows touch.
struct TreeBuilder {
    let data: BinnedFeatures
    let matrix: FeatureMatrix
    let settings: TreeSettings
    /// Nodes with at least this many rows use full histograms (and subtraction).
    var histogramNodeSize = 256

    /// A tree on the rows with positive `weights` (bootstrap multiplicities), drawing feature subsets
    /// from `rng`.
    func grow(weights: [Double], rng: inout Xoshiro256) -> RegressionTree {
        var tree = RegressionTree()
        let p = data.binCount.count
        let minLeaf = max(1, settings.minSamplesLeaf)
        let ws = TreeWorkspace(weights: weights, target: matrix.target, features: p, counted: minLeaf > 1)
        guard ws.size > 0 else { return tree }
        let splitter = Splitter(minSamplesLeaf: minLeaf)
        var features = Array(0..<p)
        let mtry = min(max(1, settings.maxFeatures), p)
        let allFeatures = mtry == p

        data.bins.withUnsafeBufferPointer { bins in
            guard let base = bins.baseAddress else { return }
            let rowCount = data.rowCount
            let root = ws.stats(0, ws.size)
            _ = tree.appendNode(value: root.mean, samples: root.totals.count, weighted: root.totals.sums.x,
                                impurity: root.impurity)
            var stack = [Pending(node: 0, start: 0, end: ws.size, depth: 0, totals: root.totals, histogram: nil)]
            while var item = stack.popLast() {
                let (node, start, end) = (item.node, item.start, item.end)
                let n = end - start
                if n < 2 * minLeaf || tree.impurity[node] <= Double.ulpOfOne
                    || (settings.maxDepth.map { item.depth >= $0 } ?? false) {
                    ws.release(item.histogram)
                    continue
                }
                var best = Split()
                if allFeatures && n >= histogramNodeSize {
                    let h = item.histogram ?? ws.take()
                    if item.histogram == nil { ws.fill(h, start, end, bins: base, rowCount: rowCount) }
                    item.histogram = h
                    for f in 0..<p {
                        splitter.consider(feature: f, bins: h.view(f), present: nil, node: item.totals,
                                          data: data, best: &best)
                    }
                } else {
                    ws.release(item.histogram)
                    item.histogram = nil
                    if allFeatures {
                        for f in 0..<p {
                            ws.considerDirect(f, start, end, column: base + f * rowCount, node: item.totals,
                                              data: data, splitter: splitter, best: &best)
                        }
                    } else {
                        // Partial Fisher–Yates: a fresh random subset of features per node; keep drawing
                        // past `mtry` only while no valid split has been found (as scikit-learn does).
                        for j in 0..<p {
                            if j >= mtry && best.feature >= 0 { break }
                            features.swapAt(j, j + rng.nextInt(below: p - j))
                            let f = features[j]
                            ws.considerDirect(f, start, end, column: base + f * rowCount, node: item.totals,
                                              data: data, splitter: splitter, best: &best)
                        }
                    }
                }
                guard best.feature >= 0 else {
                    ws.release(item.histogram)
                    continue
                }
                let mid = ws.partition(start, end, column: base + best.feature * rowCount, split: best)
                guard mid > start && mid < end else {
                    ws.release(item.histogram)
                    continue
                }
                if !best.missingSeen {
                    // No missing value reached this node: an unseen one follows the side with more rows.
                    best.missingLeft = mid - start >= end - mid
                    if best.missingLeft { best.setLeft(Int(BinnedFeatures.missingBin)) }
                }
                let l = ws.stats(start, mid)
                let r = ws.stats(mid, end)
                let li = tree.appendNode(value: l.mean, samples: l.totals.count, weighted: l.totals.sums.x,
                                         impurity: l.impurity)
                let ri = tree.appendNode(value: r.mean, samples: r.totals.count, weighted: r.totals.sums.x,
                                         impurity: r.impurity)
                tree.setSplit(node: node, split: best, left: li, right: ri)
                var leftHist: Histogram? = nil
                var rightHist: Histogram? = nil
                if let h = item.histogram {
                    let leftSmaller = mid - start <= end - mid
                    let (ss, se, largeSize) = leftSmaller ? (start, mid, end - mid) : (mid, end, mid - start)
                    if largeSize >= histogramNodeSize {
                        let small = ws.take()
                        ws.fill(small, ss, se, bins: base, rowCount: rowCount)
                        ws.subtract(small, from: h)
                        let smallKept = se - ss >= histogramNodeSize ? small : nil
                        if smallKept == nil { ws.release(small) }
                        (leftHist, rightHist) = leftSmaller ? (smallKept, h) : (h, smallKept)
                    } else {
                        ws.release(h)
                    }
                }
                stack.append(Pending(node: ri, start: mid, end: end, depth: item.depth + 1, totals: r.totals,
                                     histogram: rightHist))
                stack.append(Pending(node: li, start: start, end: mid, depth: item.depth + 1, totals: l.totals,
                                     histogram: leftHist))
            }
        }
        return tree
    }
}

/// A node waiting to be split.
private struct Pending {
    var node: Int
    var start: Int
    var end: Int
    var depth: Int
    /// Its sums (scaled target) and distinct rows.
    var totals: NodeTotals
    /// Its per-bin sums of every feature, when it has them.
    var histogram: Histogram?
}

/// Per-bin sums of every feature (`features × 256` bins), with distinct-row counts when they are kept.
private struct Histogram {
    var sums: UnsafeMutablePointer<Sums>
    var counts: UnsafeMutablePointer<Int32>?

    /// Feature `f`'s bins.
    @inline(__always)
    func view(_ f: Int) -> BinView {
        BinView(sums: sums + f * 256, counts: counts.map { UnsafePointer($0 + f * 256) })
    }
}

/// A node's statistics on the original target scale, and its totals for the split search.
private struct NodeStats {
    var totals: NodeTotals
    var mean: Double
    var impurity: Double
}

/// The mutable buffers of one tree being grown: the in-bag rows with their sums and targets (kept in
/// node order), a pool of full histograms and one 256-bin scratch histogram.
///
/// The split search works on a scaled target `(y / s) − c` (s: the largest |y|, c: the in-bag mean of
/// `y / s`): split choice is invariant to it, it keeps the criterion's products of sums well inside the
/// range of `Double` whatever the metric's magnitude, and centring removes most cancellation. Node values
/// and impurities are computed from the original target.
///
/// Invariant: `rows[start..<end]` are the rows of the node being handled, `sums[i]`/`target[i]` belong to
/// `rows[i]`; pooled histograms are allocated here and freed in `deinit`.
private final class TreeWorkspace {
    let size: Int
    let features: Int
    let counted: Bool
    let rows: UnsafeMutablePointer<Int32>
    /// Per in-bag row: (w, w · scaled y).
    let sums: UnsafeMutablePointer<Sums>
    /// Per in-bag row: the original target.
    let target: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutablePointer<Sums>
    let scratchCounts: UnsafeMutablePointer<Int32>
    /// Bins touched by the current direct sum: a 256-bit set, then listed in increasing order.
    private let touchedBits: UnsafeMutablePointer<UInt64>
    private let touched: UnsafeMutablePointer<Int>
    /// Partition scratch: the right part of a node while it is split.
    private let spareRows: UnsafeMutablePointer<Int32>
    private let spareSums: UnsafeMutablePointer<Sums>
    private let spareTarget: UnsafeMutablePointer<Double>
    private var free: [Histogram] = []
    private var all: [Histogram] = []

    init(weights: [Double], target y: [Double], features: Int, counted: Bool) {
        var n = 0
        var scale = 0.0
        for (r, w) in weights.enumerated() where w > 0 {
            n += 1
            scale = max(scale, abs(y[r]))
        }
        size = n
        self.features = features
        self.counted = counted
        rows = .allocate(capacity: max(n, 1))
        sums = .allocate(capacity: max(n, 1))
        target = .allocate(capacity: max(n, 1))
        scratch = .allocate(capacity: 256)
        scratch.initialize(repeating: .zero, count: 256)
        scratchCounts = .allocate(capacity: 256)
        scratchCounts.initialize(repeating: 0, count: 256)
        let inverse = scale > 0 && scale.isFinite ? 1 / scale : 1
        var weight = 0.0, weighted = 0.0
        var i = 0
        for (r, w) in weights.enumerated() where w > 0 {
            rows[i] = Int32(r)
            target[i] = y[r]
            weight += w
            weighted += w * (y[r] * inverse)
            i += 1
        }
        let centre = weight > 0 ? weighted / weight : 0
        for i in 0..<n {
            let w = weights[Int(rows[i])]
            sums[i] = Sums(w, w * (target[i] * inverse - centre))
        }
        touchedBits = .allocate(capacity: 4)
        touchedBits.initialize(repeating: 0, count: 4)
        touched = .allocate(capacity: 256)
        spareRows = .allocate(capacity: max(n, 1))
        spareSums = .allocate(capacity: max(n, 1))
        spareTarget = .allocate(capacity: max(n, 1))
    }

    deinit {
        rows.deallocate()
        sums.deallocate()
        target.deallocate()
        scratch.deallocate()
        scratchCounts.deallocate()
        touchedBits.deallocate()
        touched.deallocate()
        spareRows.deallocate()
        spareSums.deallocate()
        spareTarget.deallocate()
        for h in all {
            h.sums.deallocate()
            h.counts?.deallocate()
        }
    }

    /// A full histogram buffer (contents undefined).
    func take() -> Histogram {
        if let h = free.popLast() { return h }
        let sums = UnsafeMutablePointer<Sums>.allocate(capacity: features * 256)
        sums.initialize(repeating: .zero, count: features * 256)
        var counts: UnsafeMutablePointer<Int32>? = nil
        if counted {
            counts = .allocate(capacity: features * 256)
            counts?.initialize(repeating: 0, count: features * 256)
        }
        let h = Histogram(sums: sums, counts: counts)
        all.append(h)
        return h
    }

    /// Returns a histogram buffer to the pool.
    func release(_ h: Histogram?) {
        if let h { free.append(h) }
    }

    /// Sets `h` to the per-bin sums of every feature over `start..<end`.
    func fill(_ h: Histogram, _ start: Int, _ end: Int, bins: UnsafePointer<UInt8>, rowCount: Int) {
        h.sums.update(repeating: .zero, count: features * 256)
        h.counts?.update(repeating: 0, count: features * 256)
        for f in 0..<features {
            let column = bins + f * rowCount
            let hf = h.sums + f * 256
            for i in start..<end {
                hf[Int(column[Int(rows[i])])] += sums[i]
            }
            if let counts = h.counts {
                let cf = counts + f * 256
                for i in start..<end { cf[Int(column[Int(rows[i])])] &+= 1 }
            }
        }
    }

    /// `h -= small`, bin by bin (the larger child's sums from the parent's).
    func subtract(_ small: Histogram, from h: Histogram) {
        for i in 0..<(features * 256) { h.sums[i] -= small.sums[i] }
        if let counts = h.counts, let smallCounts = small.counts {
            for i in 0..<(features * 256) { counts[i] &-= smallCounts[i] }
        }
    }

    /// Improves `best` with feature `f` over `start..<end`, summing only the bins the rows touch.
    func considerDirect(_ f: Int, _ start: Int, _ end: Int, column: UnsafePointer<UInt8>, node: NodeTotals,
                        data: BinnedFeatures, splitter: Splitter, best: inout Split) {
        for i in start..<end {
            let b = Int(column[Int(rows[i])])
            touchedBits[b >> 6] |= 1 << UInt64(b & 63)
            scratch[b] += sums[i]
        }
        if counted {
            for i in start..<end { scratchCounts[Int(column[Int(rows[i])])] &+= 1 }
        } else if !data.categorical[f] && touchedBits[3] >> 63 == 0 {
            scanNumeric(f, node: node, data: data, best: &best)
            return
        }
        var k = 0
        for word in 0..<4 {
            var bits = touchedBits[word]
            touchedBits[word] = 0
            while bits != 0 {
                touched[k] = word << 6 | bits.trailingZeroBitCount
                k += 1
                bits &= bits - 1
            }
        }
        if k > 1 {
            splitter.consider(feature: f, bins: BinView(sums: scratch, counts: counted ? scratchCounts : nil),
                              present: UnsafeBufferPointer(start: touched, count: k), node: node, data: data,
                              best: &best)
        }
        for j in 0..<k {
            scratch[touched[j]] = .zero
            scratchCounts[touched[j]] = 0
        }
    }

    /// The common case of `considerDirect` in one pass over the touched bins, clearing them as it goes:
    /// a numeric feature without missing values at the node, leaves of any size (the same candidates and
    /// scores as `Splitter`'s numeric scan).
    private func scanNumeric(_ f: Int, node: NodeTotals, data: BinnedFeatures, best: inout Split) {
        let words = (touchedBits[0], touchedBits[1], touchedBits[2], touchedBits[3])
        touchedBits.update(repeating: 0, count: 4)
        let w = node.sums.x, s = node.sums.y
        var bar = best.gain
        var bestLeft = -1, bestRight = -1
        var left = Sums()
        var previous = -1
        for word in 0..<4 {
            var bits = word == 0 ? words.0 : word == 1 ? words.1 : word == 2 ? words.2 : words.3
            while bits != 0 {
                let b = word << 6 | bits.trailingZeroBitCount
                bits &= bits - 1
                let sums = scratch[b]
                scratch[b] = .zero
                if previous >= 0 {
                    // Candidate: bins up to `previous` left, from `b` on right.
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
        }
        guard bestLeft >= 0 else { return }
        var split = Split(feature: f, gain: bar)
        split.leftBins = Split.bins(below: bestRight)
        split.threshold = data.threshold(feature: f, leftBin: bestLeft, rightBin: bestRight)
        best = split
    }

    /// Partitions `start..<end` stably so rows going left come first (rows stay in increasing order
    /// within a node, so the histogram loops read the bin columns front to back); returns where the right
    /// part starts.
    func partition(_ start: Int, _ end: Int, column: UnsafePointer<UInt8>, split: Split) -> Int {
        var l = start, r = 0
        for i in start..<end {
            let row = rows[i], s = sums[i], y = target[i]
            let left = split.goesLeft(column[Int(row)]) ? 1 : 0
            rows[l] = row
            sums[l] = s
            target[l] = y
            spareRows[r] = row
            spareSums[r] = s
            spareTarget[r] = y
            l += left
            r += 1 &- left
        }
        (rows + l).update(from: spareRows, count: r)
        (sums + l).update(from: spareSums, count: r)
        (target + l).update(from: spareTarget, count: r)
        return l
    }

    /// Totals, weighted mean and impurity (weighted variance, two passes, original scale) of `start..<end`.
    func stats(_ start: Int, _ end: Int) -> NodeStats {
        var total = Sums()
        var weighted = 0.0
        for i in start..<end {
            total += sums[i]
            weighted += sums[i].x * target[i]
        }
        let mean = total.x > 0 ? weighted / total.x : 0
        var ss = 0.0
        for i in start..<end {
            let d = target[i] - mean
            ss += sums[i].x * d * d
        }
        return NodeStats(totals: NodeTotals(sums: total, count: end - start), mean: mean,
                         impurity: total.x > 0 ? ss / total.x : 0)
    }
}

extension RegressionTree {
    /// Turns leaf `node` into an internal node splitting by `split`.
    mutating func setSplit(node: Int, split: Split, left l: Int, right r: Int) {
        feature[node] = Int32(split.feature)
        left[node] = Int32(l)
        right[node] = Int32(r)
        missingGoesLeft[node] = split.missingLeft
        if split.categorical {
            categorySet[node] = Int32(categoryWords.count / 4)
            // Bit 255 is the missing bin, not a category: keep it out of the public set.
            let (a, b, c, d) = split.leftBins
            categoryWords.append(contentsOf: [a, b, c, d & ~(1 << 63)])
            threshold[node] = .nan
        } else {
            threshold[node] = split.threshold
        }
    }
}
