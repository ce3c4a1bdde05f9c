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
/// (scikit-learn `_tree.pyx` `DepthFirstTreeBuilder`), with the rows' weights and targets partitioned
/// alongside so the histogram loops read them in order (LightGBM's "ordered gradients").
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
        let ws = TreeWorkspace(weights: weights, target: matrix.target, features: p)
        guard ws.size > 0 else { return tree }
        let splitter = Splitter(minSamplesLeaf: settings.minSamplesLeaf)
        var features = Array(0..<p)
        let mtry = min(max(1, settings.maxFeatures), p)
        let minLeaf = max(1, settings.minSamplesLeaf)
        let allFeatures = mtry == p

        data.bins.withUnsafeBufferPointer { bins in
            guard let base = bins.baseAddress else { return }
            let rowCount = data.rowCount
            let root = ws.stats(0, ws.size)
            _ = tree.appendNode(value: root.stats.mean, samples: root.stats.count,
                                weighted: root.stats.weight, impurity: root.impurity)
            var stack: [Pending] = [Pending(node: 0, start: 0, end: ws.size, depth: 0, histogram: nil)]
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
                        splitter.consider(feature: f, bins: h + f * 256, present: nil, data: data, best: &best)
                    }
                } else {
                    ws.release(item.histogram)
                    item.histogram = nil
                    if allFeatures {
                        for f in 0..<p {
                            ws.considerDirect(f, start, end, column: base + f * rowCount, data: data,
                                              splitter: splitter, best: &best)
                        }
                    } else {
                        // Partial Fisher–Yates: a fresh random subset of features per node; keep drawing
                        // past `mtry` only while no valid split has been found (as scikit-learn does).
                        for j in 0..<p {
                            if j >= mtry && best.feature >= 0 { break }
                            features.swapAt(j, j + rng.nextInt(below: p - j))
                            let f = features[j]
                            ws.considerDirect(f, start, end, column: base + f * rowCount, data: data,
                                              splitter: splitter, best: &best)
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
                let l = ws.stats(start, mid)
                let r = ws.stats(mid, end)
                let li = tree.appendNode(value: l.stats.mean, samples: l.stats.count,
                                         weighted: l.stats.weight, impurity: l.impurity)
                let ri = tree.appendNode(value: r.stats.mean, samples: r.stats.count,
                                         weighted: r.stats.weight, impurity: r.impurity)
                tree.setSplit(node: node, split: best, left: li, right: ri)
                var leftHist: UnsafeMutablePointer<Bin>? = nil
                var rightHist: UnsafeMutablePointer<Bin>? = nil
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
                stack.append(Pending(node: ri, start: mid, end: end, depth: item.depth + 1, histogram: rightHist))
                stack.append(Pending(node: li, start: start, end: mid, depth: item.depth + 1, histogram: leftHist))
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
    /// Its per-bin sums of every feature, when it has them.
    var histogram: UnsafeMutablePointer<Bin>?
}

/// The mutable buffers of one tree being grown: the in-bag rows with their weights and targets (kept in
/// node order), a pool of full histograms (`features × 256` bins each) and one 256-bin scratch histogram.
///
/// Invariant: `rows[start..<end]` are the rows of the node being handled, `weight[i]`/`target[i]` belong to
/// `rows[i]`; pooled histograms are allocated here and freed in `deinit`.
private final class TreeWorkspace {
    let size: Int
    let features: Int
    let rows: UnsafeMutablePointer<Int32>
    let weight: UnsafeMutablePointer<Double>
    let target: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutablePointer<Bin>
    /// Bins touched by the current direct sum: a 256-bit set, then listed in increasing order.
    private let touchedBits: UnsafeMutablePointer<UInt64>
    private let touched: UnsafeMutablePointer<Int>
    private var free: [UnsafeMutablePointer<Bin>] = []
    private var all: [UnsafeMutablePointer<Bin>] = []

    init(weights: [Double], target y: [Double], features: Int) {
        var n = 0
        for w in weights where w > 0 { n += 1 }
        size = n
        self.features = features
        rows = .allocate(capacity: max(n, 1))
        weight = .allocate(capacity: max(n, 1))
        target = .allocate(capacity: max(n, 1))
        scratch = .allocate(capacity: 256)
        scratch.initialize(repeating: .zero, count: 256)
        var i = 0
        for (r, w) in weights.enumerated() where w > 0 {
            rows[i] = Int32(r)
            weight[i] = w
            target[i] = y[r]
            i += 1
        }
        touchedBits = .allocate(capacity: 4)
        touchedBits.initialize(repeating: 0, count: 4)
        touched = .allocate(capacity: 256)
    }

    deinit {
        rows.deallocate()
        weight.deallocate()
        target.deallocate()
        scratch.deallocate()
        touchedBits.deallocate()
        touched.deallocate()
        for h in all { h.deallocate() }
    }

    /// A full histogram buffer (contents undefined).
    func take() -> UnsafeMutablePointer<Bin> {
        if let h = free.popLast() { return h }
        let h = UnsafeMutablePointer<Bin>.allocate(capacity: features * 256)
        h.initialize(repeating: .zero, count: features * 256)
        all.append(h)
        return h
    }

    /// Returns a histogram buffer to the pool.
    func release(_ h: UnsafeMutablePointer<Bin>?) {
        if let h { free.append(h) }
    }

    /// Sets `h` to the per-bin sums of every feature over `start..<end`.
    func fill(_ h: UnsafeMutablePointer<Bin>, _ start: Int, _ end: Int, bins: UnsafePointer<UInt8>, rowCount: Int) {
        h.update(repeating: .zero, count: features * 256)
        for f in 0..<features {
            let column = bins + f * rowCount
            let hf = h + f * 256
            for i in start..<end {
                let b = Int(column[Int(rows[i])])
                let w = weight[i]
                hf[b].count += 1
                hf[b].weight += w
                hf[b].sum += w * target[i]
            }
        }
    }

    /// `h -= small`, bin by bin (the larger child's sums from the parent's).
    func subtract(_ small: UnsafeMutablePointer<Bin>, from h: UnsafeMutablePointer<Bin>) {
        for i in 0..<(features * 256) {
            h[i].count -= small[i].count
            h[i].weight -= small[i].weight
            h[i].sum -= small[i].sum
        }
    }

    /// Improves `best` with feature `f` over `start..<end`, summing only the bins the rows touch.
    func considerDirect(_ f: Int, _ start: Int, _ end: Int, column: UnsafePointer<UInt8>, data: BinnedFeatures,
                        splitter: Splitter, best: inout Split) {
        for i in start..<end {
            let b = Int(column[Int(rows[i])])
            touchedBits[b >> 6] |= 1 << UInt64(b & 63)
            let w = weight[i]
            scratch[b].count += 1
            scratch[b].weight += w
            scratch[b].sum += w * target[i]
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
            splitter.consider(feature: f, bins: scratch, present: UnsafeBufferPointer(start: touched, count: k),
                              data: data, best: &best)
        }
        for j in 0..<k { scratch[touched[j]] = .zero }
    }

    /// Partitions `start..<end` so rows going left come first; returns where the right part starts.
    func partition(_ start: Int, _ end: Int, column: UnsafePointer<UInt8>, split: Split) -> Int {
        var i = start, j = end - 1
        while i <= j {
            if split.goesLeft(column[Int(rows[i])]) {
                i += 1
            } else {
                swap(&rows[i], &rows[j])
                swap(&weight[i], &weight[j])
                swap(&target[i], &target[j])
                j -= 1
            }
        }
        return i
    }

    /// Weighted sums and impurity (weighted variance, two passes) of `start..<end`.
    func stats(_ start: Int, _ end: Int) -> (stats: SplitStats, impurity: Double) {
        var s = SplitStats()
        for i in start..<end {
            s.count += 1
            s.weight += weight[i]
            s.sum += weight[i] * target[i]
        }
        let mean = s.mean
        var ss = 0.0
        for i in start..<end {
            let d = target[i] - mean
            ss += weight[i] * d * d
        }
        return (s, s.weight > 0 ? ss / s.weight : 0)
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
