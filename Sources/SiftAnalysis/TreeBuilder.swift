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
/// and the larger one's come by subtraction from the parent's (LightGBM). A node of at most 256 rows
/// starts a *sorted subtree*: each feature's rows are sorted by bin once (counting sort), and every node
/// below is searched with one branch-free pass per feature over its sorted entries, which stay sorted
/// when a node is split by a stable partition (the presorted layout of SLIQ, Mehta et al. 1996, on
/// subtrees small enough for the first-level cache). Most nodes of a fully grown tree are small, so this
/// is where a fit spends its time.
struct TreeBuilder {
    let data: BinnedFeatures
    let matrix: FeatureMatrix
    let settings: TreeSettings
    /// Nodes with at least this many rows use full histograms (and subtraction).
    var histogramNodeSize = 256

    /// Buffers for growing trees with this builder, one tree at a time (one per thread).
    func makeWorkspace() -> TreeWorkspace {
        TreeWorkspace(rowCapacity: data.rowCount, features: data.binCount.count, categorical: data.categorical,
                      counted: settings.minSamplesLeaf > 1)
    }

    /// A tree on the rows with positive `weights` (bootstrap multiplicities), drawing feature subsets
    /// from `rng`; `ws` (from `makeWorkspace`) is reused.
    func grow(weights: [Double], rng: inout Xoshiro256, workspace ws: TreeWorkspace) -> RegressionTree {
        growNodes(weights: weights, rng: &rng, workspace: ws)
        return ws.nodes.makeTree()
    }

    /// `grow`, leaving the tree in `ws.nodes` (no nodes when no weight is positive).
    func growNodes(weights: [Double], rng: inout Xoshiro256, workspace ws: TreeWorkspace) {
        let p = data.binCount.count
        let minLeaf = max(1, settings.minSamplesLeaf)
        ws.load(weights: weights, target: matrix.target)
        let tree = ws.nodes
        tree.removeAll()
        guard ws.size > 0 else { return }
        let splitter = Splitter(minSamplesLeaf: minLeaf)
        var features = Array(0..<p)
        let mtry = min(max(1, settings.maxFeatures), p)
        let allFeatures = mtry == p
        // Ties between features go by a random order per tree (a subset draw per node is random already).
        if allFeatures { ws.shuffleFeatures(&rng) }
        let order = ws.featureOrder

        data.bins.withUnsafeBufferPointer { bins in data.rowBins.withUnsafeBufferPointer { rowBins in
            guard let base = bins.baseAddress, let rowBase = rowBins.baseAddress else { return }
            let rowCount = data.rowCount
            let root = ws.stats(0, ws.size)
            _ = tree.appendNode(value: root.mean, samples: root.totals.count, weighted: root.totals.sums.x,
                                impurity: root.impurity)
            var stack = [Pending(node: 0, start: 0, end: ws.size, depth: 0, totals: root.totals, histogram: nil,
                                 sorted: false)]
            while var item = stack.popLast() {
                let (node, start, end) = (item.node, item.start, item.end)
                let n = end - start
                if n < 2 * minLeaf || tree.impurity[node] <= Double.ulpOfOne
                    || (settings.maxDepth.map { item.depth >= $0 } ?? false) {
                    ws.release(item.histogram)
                    continue
                }
                var best = Split()
                /// Tries every feature, or (`mtry < p`) a partial Fisher–Yates draw of a fresh random subset:
                /// keep drawing past `mtry` only while no valid split has been found (as scikit-learn does).
                func search(_ consider: (Int, inout Split) -> Void) {
                    if allFeatures {
                        for k in 0..<p { consider(order[k], &best) }
                        return
                    }
                    for j in 0..<p {
                        if j >= mtry && best.feature >= 0 { break }
                        features.swapAt(j, j + rng.nextInt(below: p - j))
                        consider(features[j], &best)
                    }
                }
                if item.sorted || (n <= TreeWorkspace.subtreeCapacity && (n < histogramNodeSize || !allFeatures)) {
                    if !item.sorted {
                        ws.release(item.histogram)
                        item.histogram = nil
                        ws.enterSubtree(start, end, depth: item.depth, rowBins: rowBase)
                        item.sorted = true
                    }
                    if n == 2 {
                        search { f, best in
                            ws.considerPair(f, start, node: item.totals, data: data, splitter: splitter, best: &best)
                        }
                    } else if n <= 4 && allFeatures && !ws.counted {
                        ws.considerTiny(start, end, depth: item.depth, node: item.totals, data: data,
                                        splitter: splitter, best: &best)
                    } else if allFeatures {
                        ws.considerSorted(start, end, depth: item.depth, node: item.totals, data: data,
                                          splitter: splitter, best: &best)
                    } else {
                        search { f, best in
                            ws.considerSorted(f, start, end, depth: item.depth, node: item.totals, data: data,
                                              splitter: splitter, best: &best)
                        }
                    }
                } else if allFeatures && n >= histogramNodeSize {
                    let h = item.histogram ?? ws.take()
                    if item.histogram == nil {
                        ws.fill(h, start, end, bins: base, rowCount: rowCount, rowBins: rowBase)
                    }
                    item.histogram = h
                    for k in 0..<p {
                        let f = order[k]
                        splitter.consider(feature: f, bins: h.view(f), present: nil, node: item.totals,
                                          data: data, best: &best)
                    }
                } else {
                    ws.release(item.histogram)
                    item.histogram = nil
                    search { f, best in
                        ws.considerFilled(f, start, end, column: base + f * rowCount, node: item.totals,
                                          data: data, splitter: splitter, best: &best)
                    }
                }
                guard best.feature >= 0 else {
                    ws.release(item.histogram)
                    continue
                }
                best.resolve(data: data)
                let mid = item.sorted
                    ? ws.partitionSortedRows(start, end, split: best)
                    : ws.partition(start, end, column: base + best.feature * rowCount, split: best)
                guard mid > start && mid < end else {
                    ws.release(item.histogram)
                    continue
                }
                if !best.missingSeen {
                    // No missing value reached this node: an unseen one follows the side with more rows.
                    best.missingLeft = mid - start >= end - mid
                    if best.missingLeft { best.setLeft(Int(BinnedFeatures.missingBin)) }
                }
                let l = item.sorted ? ws.sortedStats(start, mid) : ws.stats(start, mid)
                let r = item.sorted ? ws.sortedStats(mid, end) : ws.stats(mid, end)
                let li = tree.appendNode(value: l.mean, samples: l.totals.count, weighted: l.totals.sums.x,
                                         impurity: l.impurity)
                let ri = tree.appendNode(value: r.mean, samples: r.totals.count, weighted: r.totals.sums.x,
                                         impurity: r.impurity)
                tree.setSplit(node: node, split: best, left: li, right: ri)
                if item.sorted {
                    // The features' sorted lists follow the rows, unless no child will be searched from them
                    // (a two-row node is searched from its rows' bins).
                    let deeper = settings.maxDepth.map { item.depth + 1 < $0 } ?? true
                    func searched(_ size: Int, _ stats: NodeStats) -> Bool {
                        deeper && size > 2 && size >= 2 * minLeaf && stats.impurity > Double.ulpOfOne
                    }
                    if searched(mid - start, l) || searched(end - mid, r) {
                        ws.partitionSortedLists(start, mid, end, depth: item.depth)
                    }
                }
                var leftHist: Histogram? = nil
                var rightHist: Histogram? = nil
                if let h = item.histogram {
                    let leftSmaller = mid - start <= end - mid
                    let (ss, se, largeSize) = leftSmaller ? (start, mid, end - mid) : (mid, end, mid - start)
                    if largeSize >= histogramNodeSize && se - ss >= histogramNodeSize {
                        let small = ws.take()
                        ws.fill(small, ss, se, bins: base, rowCount: rowCount, rowBins: rowBase)
                        ws.subtract(small, from: h)
                        (leftHist, rightHist) = leftSmaller ? (small, h) : (h, small)
                    } else if largeSize >= histogramNodeSize {
                        // The smaller child needs no histogram of its own: take its rows out of the parent's.
                        ws.remove(ss, se, from: h, rowBins: rowBase)
                        (leftHist, rightHist) = leftSmaller ? (nil, h) : (h, nil)
                    } else {
                        ws.release(h)
                    }
                }
                stack.append(Pending(node: ri, start: mid, end: end, depth: item.depth + 1, totals: r.totals,
                                     histogram: rightHist, sorted: item.sorted))
                stack.append(Pending(node: li, start: start, end: mid, depth: item.depth + 1, totals: l.totals,
                                     histogram: leftHist, sorted: item.sorted))
            }
        } }
    }
}

/// The scores of a numeric feature's thresholds at a node of a sorted subtree, from its entries sorted by
/// bin: entry `i` stands for the candidate "bins before entry `i`'s bin go left", scored by the gain of
/// `SquaredError` from the sums of entries `0..<i`.
///
/// Entries go two at a time, without branches (whether a candidate beats the best so far is
/// unpredictable): the pair's prefix sums (its total added to the running sum in one step, so the
/// dependency chain has one addition per pair), then both scores in one vector. An entry that continues a
/// run of its bin (no threshold lies there) has its score pushed far below any real one; the first entry
/// scores NaN (nothing left of it). An odd last entry is scored alone with the same arithmetic, so a
/// second scan reproduces every score bit for bit.
///
/// With `runs: false` the scan leaves runs alone: its best score bounds the true one from above, and
/// equals it when the first entry reaching it starts a run (see `TreeWorkspace.settle`). With `runs:
/// true`, whether the pair's entries continue runs is read from two overlapping 32-bit loads (the pair,
/// and the pair one entry earlier) and looked up as a vector of penalties: integer work, off the vector
/// unit that the scores keep busy. So an entry list must have a readable entry before its first (its
/// value is moot: the first entry's score is NaN either way).
private struct NumericScan {
    /// Subtracted from the score of an entry inside a run of its bin: far above any real score (at most
    /// about n³ for n rows of a target scaled to |y| ≤ 1).
    static let outOfRun = 1e300

    /// The four pairs of penalties (0 or `outOfRun`), by whether the first (bit 0) and the second (bit 1)
    /// entry of a pair continue a run; `TreeWorkspace` keeps them.
    static func makePenalties() -> UnsafeMutablePointer<SIMD2<Double>> {
        let table = UnsafeMutablePointer<SIMD2<Double>>.allocate(capacity: 4)
        for k in 0..<4 {
            (table + k).initialize(to: SIMD2(k & 1 != 0 ? outOfRun : 0, k & 2 != 0 ? outOfRun : 0))
        }
        return table
    }

    let entries: UnsafePointer<UInt16>
    let count: Int
    let sums: UnsafePointer<Sums>
    let penalties: UnsafePointer<SIMD2<Double>>
    let w: Double
    let total: Double
    var sum = Sums()
    var i = 0

    init(entries: UnsafePointer<UInt16>, count: Int, sums: UnsafePointer<Sums>,
         penalties: UnsafePointer<SIMD2<Double>>, node: Sums) {
        self.entries = entries
        self.count = count
        self.sums = sums
        self.penalties = penalties
        w = node.x
        total = node.y
    }

    /// The scores of entries `i` and `i + 1` (penalized inside runs if `runs`); moves on by two.
    @inline(__always)
    mutating func pair(runs: Bool) -> SIMD2<Double> {
        let firstEntry = entries[i], secondEntry = entries[i &+ 1]
        let firstSums = sums[Int(firstEntry & 0xff)], secondSums = sums[Int(secondEntry & 0xff)]
        let x = SIMD2(sum.x, sum.x + firstSums.x), y = SIMD2(sum.y, sum.y + firstSums.y)
        sum += firstSums + secondSums
        let d = y * w - total * x
        let scores = d * d / (x * (w - x))
        guard runs else {
            i &+= 2
            return scores
        }
        // Entries i - 1 ... i + 1 as two words; a bin (high byte) equal to its predecessor's xors to 0.
        let raw = UnsafeRawPointer(entries)
        let pair = raw.loadUnaligned(fromByteOffset: i &* 2, as: UInt32.self)
        let before = raw.loadUnaligned(fromByteOffset: i &* 2 &- 2, as: UInt32.self)
        let change = Int((pair ^ before) & 0xff00_ff00)
        // Bit 0: the first bin repeats, bit 1: the second does ((v - 1) >> 63 is -1 exactly when v is 0).
        let repeats = ((change & 0xff00) &- 1) >> 63 & 1 | ((change >> 24) &- 1) >> 62 & 2
        i &+= 2
        return scores - penalties[repeats]
    }

    /// The score of the odd last entry (call when `i == count - 1`).
    @inline(__always)
    func single(runs: Bool) -> Double {
        let d = sum.y * w - total * sum.x
        let stale = runs && entries[i] >> 8 == entries[i &- 1] >> 8 ? Self.outOfRun : 0
        return d * d / (sum.x * (w - sum.x)) - stale
    }

    /// The best score (-infinity when no entry has one).
    @inline(__always)
    mutating func best(runs: Bool) -> Double {
        var top = SIMD2<Double>(repeating: -.infinity)
        while i < count &- 1 {
            let scores = pair(runs: runs)
            top.replace(with: scores, where: scores .> top)
        }
        var bar = max(top[0], top[1])
        if i == count &- 1 { bar = max(bar, single(runs: runs)) }
        return bar
    }

    /// The first entry whose score is `score` (one that `best(runs:)` returned, with the same `runs`).
    @inline(__always)
    mutating func first(reaching score: Double, runs: Bool) -> Int {
        while i < count &- 1 {
            let at = i
            let scores = pair(runs: runs)
            if scores[0] == score { return at }
            if scores[1] == score { return at + 1 }
        }
        return i
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
    /// Whether it lies in the workspace's current sorted subtree.
    var sorted: Bool
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
/// node order), a pool of full histograms, one 256-bin scratch histogram, and the sorted lists of the
/// current sorted subtree.
///
/// The split search works on a scaled target `(y / s) − c` (s: the largest |y|, c: the in-bag mean of
/// `y / s`): split choice is invariant to it, it keeps the criterion's products of sums well inside the
/// range of `Double` whatever the metric's magnitude, and centring removes most cancellation. Node values
/// and impurities are computed from the original target.
///
/// Invariants: outside a sorted subtree, `rows[start..<end]` are the rows of the node being handled and
/// `sums[i]`/`target[i]` belong to `rows[i]`; inside one, `order` and the lists hold the node's rows
/// instead (depth-first order finishes a subtree before it starts another, so one set of lists serves).
/// `scratch` and `scratchCounts` are zero between uses. Pooled histograms are allocated here and freed in
/// `deinit`.
final class TreeWorkspace {
    /// In-bag rows of the current tree.
    private(set) var size = 0
    /// The current tree's nodes.
    let nodes: NodeBuffer
    let features: Int
    let counted: Bool
    let rows: UnsafeMutablePointer<Int32>
    /// Per in-bag row: (w, w · scaled y).
    let sums: UnsafeMutablePointer<Sums>
    /// Per in-bag row: the original target.
    let target: UnsafeMutablePointer<Double>
    let scratch: UnsafeMutablePointer<Sums>
    let scratchCounts: UnsafeMutablePointer<Int32>
    /// Bins touched by the current direct sum or counting sort, in increasing order.
    private let touched: UnsafeMutablePointer<Int>
    /// Per bin, 1 if touched by the current counting sort (256 bytes, 8-byte aligned; zero between uses).
    private let seen: UnsafeMutablePointer<UInt8>
    /// Partition scratch: the right part of a node while it is split.
    private let spareRows: UnsafeMutablePointer<Int32>
    private let spareSums: UnsafeMutablePointer<Sums>
    private let spareTarget: UnsafeMutablePointer<Double>
    private var free: [Histogram] = []
    private var all: [Histogram] = []

    /// Most rows of a sorted subtree (local row ids are one byte).
    static let subtreeCapacity = 256
    /// Where the current sorted subtree's rows start in `rows`, and the depth of its root.
    private var subtreeStart = 0
    private var subtreeDepth = 0
    /// Two sets of lists: per feature, `subtreeCapacity` entries `bin << 8 | id` (id: the row's place in
    /// the subtree when it was entered): each node's entries sorted by bin, rows of one bin in node order.
    /// A node at an even depth below the subtree's root reads the first set, at an odd depth the second;
    /// splitting a node writes its children's entries into the other set, at the same places.
    private let lists: UnsafeMutablePointer<UInt16>
    /// `lists` and `pair` start one entry into these, so every entry list has an entry before its first
    /// (`NumericScan` reads it).
    private let listStorage: UnsafeMutablePointer<UInt16>
    private let pairStorage: UnsafeMutablePointer<UInt16>
    private let penalties: UnsafeMutablePointer<SIMD2<Double>>
    private let spareEntries: UnsafeMutablePointer<UInt16>
    /// Per feature and subtree row id, the row's bin (`subtreeCapacity` per feature); two entries of scratch.
    private let localBins: UnsafeMutablePointer<UInt8>
    private let pair: UnsafeMutablePointer<UInt16>
    /// Per subtree row id: its sums and target, and its side while a node is split.
    private let localSums: UnsafeMutablePointer<Sums>
    private let localTarget: UnsafeMutablePointer<Double>
    private let localBytes: UnsafeMutablePointer<UInt8>
    /// `considerTiny`'s scores by left set.
    private let tinyScores: UnsafeMutablePointer<Double>
    /// Per feature, whether its sorted lists are searched by `NumericScan` alone (numeric, and no leaf-size
    /// counts to check).
    private let plainNumeric: UnsafeMutablePointer<Bool>
    /// Per feature, `considerSorted`'s bound on its best score, and whether the bound is exact.
    private let bounds: UnsafeMutablePointer<Double>
    private let exact: UnsafeMutablePointer<Bool>
    /// The current tree's order of trying features when all are tried at every node (a random permutation,
    /// `shuffleFeatures`), and each feature's place in it. A split scoring the same as one found before it
    /// in this order loses, so exact ties (common in small nodes, where several features make the same
    /// partition) go to a feature at random rather than always to the first column — which biased
    /// importances by column order, and the noise columns, appended last, low.
    let featureOrder: UnsafeMutablePointer<Int>
    private let featureRank: UnsafeMutablePointer<Int>
    /// The row ids of the subtree's nodes in node order (rows of a sorted subtree are not moved in `rows`,
    /// `sums` and `target`).
    private let order: UnsafeMutablePointer<UInt8>

    /// Buffers for trees on at most `rowCapacity` rows of `features` features.
    init(rowCapacity: Int, features: Int, categorical: [Bool], counted: Bool) {
        let n = max(rowCapacity, 1)
        // A binary tree on n distinct rows with non-empty leaves has at most 2n − 1 nodes.
        nodes = NodeBuffer(capacity: 2 * n)
        self.features = features
        self.counted = counted
        rows = .allocate(capacity: n)
        sums = .allocate(capacity: n)
        target = .allocate(capacity: n)
        spareRows = .allocate(capacity: n)
        spareSums = .allocate(capacity: n)
        spareTarget = .allocate(capacity: n)
        scratch = .allocate(capacity: 256)
        scratch.initialize(repeating: .zero, count: 256)
        scratchCounts = .allocate(capacity: 256)
        scratchCounts.initialize(repeating: 0, count: 256)
        touched = .allocate(capacity: 256)
        seen = UnsafeMutableRawPointer.allocate(byteCount: 256, alignment: 8).bindMemory(to: UInt8.self, capacity: 256)
        seen.initialize(repeating: 0, count: 256)
        listStorage = .allocate(capacity: 1 + 2 * features * Self.subtreeCapacity)
        listStorage.initialize(to: 0)
        lists = listStorage + 1
        spareEntries = .allocate(capacity: Self.subtreeCapacity)
        localBins = .allocate(capacity: features * Self.subtreeCapacity)
        pairStorage = .allocate(capacity: 3)
        pairStorage.initialize(repeating: 0, count: 3)
        pair = pairStorage + 1
        penalties = NumericScan.makePenalties()
        localSums = .allocate(capacity: Self.subtreeCapacity)
        localTarget = .allocate(capacity: Self.subtreeCapacity)
        localBytes = .allocate(capacity: Self.subtreeCapacity)
        order = .allocate(capacity: Self.subtreeCapacity)
        tinyScores = .allocate(capacity: 85)
        tinyScores.initialize(repeating: -.infinity, count: 85)
        plainNumeric = .allocate(capacity: max(features, 1))
        for f in 0..<features { (plainNumeric + f).initialize(to: !counted && !categorical[f]) }
        bounds = .allocate(capacity: max(features, 1))
        bounds.initialize(repeating: -.infinity, count: max(features, 1))
        exact = .allocate(capacity: max(features, 1))
        exact.initialize(repeating: false, count: max(features, 1))
        featureOrder = .allocate(capacity: max(features, 1))
        featureRank = .allocate(capacity: max(features, 1))
        for f in 0..<features {
            (featureOrder + f).initialize(to: f)
            (featureRank + f).initialize(to: f)
        }
    }

    /// Draws the tree's feature order from `rng` (Fisher–Yates).
    func shuffleFeatures(_ rng: inout Xoshiro256) {
        for f in 0..<features { featureOrder[f] = f }
        for k in 0..<max(features - 1, 0) {
            let j = k + rng.nextInt(below: features - k)
            (featureOrder[k], featureOrder[j]) = (featureOrder[j], featureOrder[k])
        }
        for k in 0..<features { featureRank[featureOrder[k]] = k }
    }

    /// Starts a tree: the rows with positive `weights`, their targets and scaled sums; every pooled
    /// histogram free again.
    func load(weights: [Double], target y: [Double]) {
        var n = 0
        var scale = 0.0
        for (r, w) in weights.enumerated() where w > 0 {
            n += 1
            scale = max(scale, abs(y[r]))
        }
        size = n
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
        free = all
    }

    deinit {
        rows.deallocate()
        sums.deallocate()
        target.deallocate()
        scratch.deallocate()
        scratchCounts.deallocate()
        touched.deallocate()
        seen.deallocate()
        spareRows.deallocate()
        spareSums.deallocate()
        spareTarget.deallocate()
        listStorage.deallocate()
        spareEntries.deallocate()
        localBins.deallocate()
        pairStorage.deallocate()
        penalties.deallocate()
        localSums.deallocate()
        localTarget.deallocate()
        localBytes.deallocate()
        order.deallocate()
        tinyScores.deallocate()
        plainNumeric.deallocate()
        bounds.deallocate()
        exact.deallocate()
        featureOrder.deallocate()
        featureRank.deallocate()
        for h in all {
            h.sums.deallocate()
            h.counts?.deallocate()
        }
    }

    /// A full histogram buffer (contents undefined).
    fileprivate func take() -> Histogram {
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
    fileprivate func release(_ h: Histogram?) {
        if let h { free.append(h) }
    }

    /// Sets `h` to the per-bin sums of every feature over `start..<end`.
    /// A node holding at least a 32nd of the table reads the bin columns feature by feature (many cache
    /// lines of a column hold one of its rows, and one feature's bins stay in the first-level cache); a
    /// smaller one reads each row's bins together (`rowBins`, row-major: one cache line per scattered row
    /// instead of one per row and feature). The sums come out the same either way.
    fileprivate func fill(_ h: Histogram, _ start: Int, _ end: Int, bins: UnsafePointer<UInt8>, rowCount: Int,
                          rowBins: UnsafePointer<UInt8>) {
        h.sums.update(repeating: .zero, count: features * 256)
        h.counts?.update(repeating: 0, count: features * 256)
        if (end - start) * 32 >= rowCount {
            // In blocks of rows whose indices and sums stay in the first-level cache across the features.
            var blockStart = start
            while blockStart < end {
                let blockEnd = min(end, blockStart + 1024)
                for f in 0..<features {
                    let column = bins + f * rowCount
                    let hf = h.sums + f * 256
                    for i in blockStart..<blockEnd { hf[Int(column[Int(rows[i])])] += sums[i] }
                    if let counts = h.counts {
                        let cf = counts + f * 256
                        for i in blockStart..<blockEnd { cf[Int(column[Int(rows[i])])] &+= 1 }
                    }
                }
                blockStart = blockEnd
            }
            return
        }
        add(start, end, to: h, rowBins: rowBins, sign: 1)
    }

    /// Takes the rows `start..<end` out of `h` (the larger child's sums from the parent's when the smaller
    /// child keeps no histogram: no histogram to clear and no pass over every bin).
    fileprivate func remove(_ start: Int, _ end: Int, from h: Histogram, rowBins: UnsafePointer<UInt8>) {
        add(start, end, to: h, rowBins: rowBins, sign: -1)
    }

    /// Adds (`sign` 1) or subtracts (`sign` -1) the rows `start..<end` to or from `h`, row by row, reading
    /// each row's bins from `rowBins` (multiplying by ±1 is exact, so this is plain `+=` or `-=`).
    private func add(_ start: Int, _ end: Int, to h: Histogram, rowBins: UnsafePointer<UInt8>, sign: Int32) {
        let factor = Double(sign)
        for i in start..<end {
            let row = rowBins + Int(rows[i]) * features
            let s = sums[i] * factor
            for f in 0..<features { h.sums[f &* 256 &+ Int(row[f])] += s }
        }
        if let counts = h.counts {
            for i in start..<end {
                let row = rowBins + Int(rows[i]) * features
                for f in 0..<features { counts[f &* 256 &+ Int(row[f])] &+= sign }
            }
        }
    }

    /// `h -= small`, bin by bin (the larger child's sums from the parent's).
    fileprivate func subtract(_ small: Histogram, from h: Histogram) {
        for i in 0..<(features * 256) { h.sums[i] -= small.sums[i] }
        if let counts = h.counts, let smallCounts = small.counts {
            for i in 0..<(features * 256) { counts[i] &-= smallCounts[i] }
        }
    }

    /// Improves `best` with feature `f` over `start..<end` from the feature's bins summed into the scratch
    /// histogram (a large node when features are drawn per node, so no full histogram is kept).
    func considerFilled(_ f: Int, _ start: Int, _ end: Int, column: UnsafePointer<UInt8>, node: NodeTotals,
                        data: BinnedFeatures, splitter: Splitter, best: inout Split) {
        for i in start..<end {
            let b = Int(column[Int(rows[i])])
            scratch[b] += sums[i]
            scratchCounts[b] &+= 1
        }
        splitter.consider(feature: f, bins: BinView(sums: scratch, counts: counted ? scratchCounts : nil),
                          present: nil, node: node, data: data, best: &best)
        scratch.update(repeating: .zero, count: 256)
        scratchCounts.update(repeating: 0, count: 256)
    }

    /// Starts the sorted subtree of the node `start..<end` (at most `subtreeCapacity` rows): each feature's
    /// rows counting-sorted by bin, stably, once. Its nodes are then searched with `considerSorted`, one
    /// pass over an L1-resident list per feature with no random reads of the bin columns, and split with
    /// `partitionSortedRows` and `partitionSortedLists`.
    func enterSubtree(_ start: Int, _ end: Int, depth: Int, rowBins: UnsafePointer<UInt8>) {
        subtreeStart = start
        subtreeDepth = depth
        let m = end - start
        for i in 0..<m {
            localSums[i] = sums[start + i]
            localTarget[i] = target[start + i]
            order[i] = UInt8(i)
            // The rows lie scattered over the table: read each row's bins from one cache line.
            let row = rowBins + Int(rows[start + i]) * features
            for f in 0..<features { localBins[f &* Self.subtreeCapacity &+ i] = row[f] }
        }
        for f in 0..<features {
            let list = lists + f * Self.subtreeCapacity
            let local = localBins + f * Self.subtreeCapacity
            // Touched bins are flagged by a plain byte store (or-ing bits into a few words made a chain of
            // store-to-load forwards), then packed eight flags at a time into a 256-bit set.
            for i in 0..<m {
                let b = Int(local[i])
                scratchCounts[b] &+= 1
                seen[b] = 1
            }
            var offset: Int32 = 0
            var k = 0
            let flags = UnsafeMutableRawPointer(seen)
            for word in 0..<4 {
                var bits: UInt64 = 0
                for j in 0..<8 {
                    let at = (word &* 8 &+ j) &* 8
                    // Bytes of 0 or 1: the multiply gathers byte j's flag into bit j of the top byte.
                    let eight = flags.load(fromByteOffset: at, as: UInt64.self)
                    bits |= ((eight &* 0x0102_0408_1020_4080) >> 56) << UInt64(j &* 8)
                    flags.storeBytes(of: 0, toByteOffset: at, as: UInt64.self)
                }
                while bits != 0 {
                    let b = word << 6 | bits.trailingZeroBitCount
                    bits &= bits - 1
                    let count = scratchCounts[b]
                    scratchCounts[b] = offset
                    offset &+= count
                    touched[k] = b
                    k &+= 1
                }
            }
            for i in 0..<m {
                let b = Int(local[i])
                let at = Int(scratchCounts[b])
                list[at] = UInt16(b) << 8 | UInt16(i)
                scratchCounts[b] = Int32(truncatingIfNeeded: at &+ 1)
            }
            for j in 0..<k { scratchCounts[touched[j]] = 0 }
        }
    }

    /// Improves `best` with feature `f` at the node `start..<end` of the current sorted subtree, from the
    /// feature's sorted list: the candidates of `Splitter.consider`, each scored from the sums of the entries
    /// before it. A feature constant at the node costs two reads.
    func considerSorted(_ f: Int, _ start: Int, _ end: Int, depth: Int, node: NodeTotals, data: BinnedFeatures,
                        splitter: Splitter, best: inout Split) {
        let s = start - subtreeStart
        consider(f, entries: lists(depth) + f * Self.subtreeCapacity + s, count: end - start, node: node,
                 data: data, splitter: splitter, best: &best)
    }

    /// `considerSorted` for every feature: the same split as trying them in turn.
    ///
    /// When every feature is plain numeric at the node, each gets only the first pass of its scan (with
    /// the pass inlined in the loop: most nodes are small, and a call per feature would cost about as much
    /// as the scan), which bounds its best score from above. Then only the feature with the highest bound
    /// (the first of equal ones) is settled: if the first entry reaching its bound starts a run, the bound
    /// is its true best, no other feature can beat it, and it wins as trying features in turn would pick it;
    /// else its true best (runs penalized) replaces its bound, and the choice is made again. So the entry
    /// search runs about once per node, rather than once for every feature that beats the best so far.
    func considerSorted(_ start: Int, _ end: Int, depth: Int, node: NodeTotals, data: BinnedFeatures,
                        splitter: Splitter, best: inout Split) {
        let s = start &- subtreeStart, count = end &- start
        let base = lists(depth) + s
        let missingBin = UInt16(BinnedFeatures.missingBin)
        for k in 0..<features {
            let f = featureOrder[k]
            let entries = base + f &* Self.subtreeCapacity
            let lastBin = entries[count &- 1] >> 8
            guard entries[0] >> 8 != lastBin else {
                bounds[f] = -.infinity
                continue
            }
            guard plainNumeric[f] && lastBin != missingBin else {
                // A categorical feature, or missing values: the rest are tried in turn (`consider`), and
                // the bounds so far settled against their best, which an earlier feature wins on a tie.
                for j in k..<features {
                    let g = featureOrder[j]
                    consider(g, entries: base + g &* Self.subtreeCapacity, count: count, node: node, data: data,
                             splitter: splitter, best: &best)
                }
                settleBounds(upTo: k, base: base, count: count, node: node, best: &best)
                return
            }
            var pass = scan(entries, count, node)
            bounds[f] = pass.best(runs: false)
        }
        settleBounds(upTo: features, base: base, count: count, node: node, best: &best)
    }

    /// Settles the first-pass bounds of the features at places `0..<end` of the tree's order (see
    /// `considerSorted`) and improves `best` with the winner (which must beat `best` strictly, or come
    /// before its feature in the order on a tie).
    private func settleBounds(upTo end: Int, base: UnsafePointer<UInt16>, count: Int, node: NodeTotals,
                              best: inout Split) {
        guard end > 0 else { return }
        for k in 0..<end { exact[featureOrder[k]] = false }
        while true {
            var top = featureOrder[0]
            for k in 1..<end where bounds[featureOrder[k]] > bounds[top] { top = featureOrder[k] }
            let bar = bounds[top]
            // `best` comes from features after these (or is no split): on a tie, the earlier feature wins.
            guard bar > best.gain || (bar == best.gain && best.feature >= 0 && featureRank[best.feature] > featureRank[top])
            else { return }
            switch settle(top, entries: base + top &* Self.subtreeCapacity, count: count, bar: bar,
                          runs: exact[top], node: node) {
            case .split(let split):
                best = split
                return
            case .rescored(let trueBest):
                bounds[top] = trueBest
                exact[top] = true
            case .none:
                return
            }
        }
    }

    /// `considerSorted` for every feature of a node of three or four rows (leaves of any size allowed).
    ///
    /// Such a node has few left sets a threshold can make, and every feature's candidates are among them,
    /// so each set is scored once, from sums added in the order `NumericScan` adds them (a set of three
    /// once per choice of its last row), and each feature only looks its candidates up: the same scores,
    /// bit for bit, and the same choice (the first feature, and its first entry, to reach the best).
    func considerTiny(_ start: Int, _ end: Int, depth: Int, node: NodeTotals, data: BinnedFeatures,
                      splitter: Splitter, best: inout Split) {
        let s = start &- subtreeStart, k = end &- start
        let w = node.sums.x, total = node.sums.y
        @inline(__always) func score(_ v: Sums) -> Double {
            let d = v.y * w - total * v.x
            return d * d / (v.x * (w - v.x))
        }
        // Row j of the node (j < k): its sums; `localBytes` maps a subtree id back to j.
        @inline(__always) func sums(_ j: Int) -> Sums { localSums[Int(order[s &+ j])] }
        for j in 0..<k { localBytes[Int(order[s &+ j])] = UInt8(j) }
        // Scores by left set: {a} at a; {a, b} at 4 + a * 4 + b; {a, b} then c at 20 + (a * 4 + b) * 4 + c;
        // slot 84 holds -infinity, for a candidate inside a run of its bin.
        let table = tinyScores
        let zero = Sums()
        for a in 0..<k { table[a] = score(zero + sums(a)) }
        for a in 0..<k {
            for b in (a &+ 1)..<k {
                let pair = zero + (sums(a) + sums(b))
                let both = score(pair)
                table[4 &+ a &* 4 &+ b] = both
                table[4 &+ b &* 4 &+ a] = both
                guard k == 4 else { continue }
                for c in 0..<4 where c != a && c != b {
                    let three = score(pair + sums(c))
                    table[20 &+ (a &* 4 &+ b) &* 4 &+ c] = three
                    table[20 &+ (b &* 4 &+ a) &* 4 &+ c] = three
                }
            }
        }
        let missingBin = UInt16(BinnedFeatures.missingBin)
        let base = lists(depth) + s
        for place in 0..<features {
            let f = featureOrder[place]
            let entries = base + f &* Self.subtreeCapacity
            let b0 = entries[0] >> 8, b1 = entries[1] >> 8, b2 = entries[2] >> 8
            let b3 = entries[k &- 1] >> 8
            if b0 == b3 { continue }
            if data.categorical[f] || b3 == missingBin {
                consider(f, entries: entries, count: k, node: node, data: data, splitter: splitter, best: &best)
                continue
            }
            let p0 = Int(localBytes[Int(entries[0] & 0xff)]), p1 = Int(localBytes[Int(entries[1] & 0xff)])
            let p2 = Int(localBytes[Int(entries[2] & 0xff)])
            // Each candidate's slot, or the -infinity slot (a select, not a branch).
            let first = b1 != b0 ? p0 : 84
            let second = b2 != b1 ? 4 &+ p0 &* 4 &+ p1 : 84
            let third = k == 4 && b3 != b2 ? 20 &+ (p0 &* 4 &+ p1) &* 4 &+ p2 : 84
            let c1 = table[first], c2 = table[second], c3 = table[third]
            let bar = max(c1, max(c2, c3))
            guard bar > best.gain else { continue }
            // The first candidate to reach it wins, as in `NumericScan`.
            let at = c1 == bar ? 1 : c2 == bar ? 2 : 3
            var split = Split(feature: f, gain: bar)
            split.leftBin = Int(entries[at &- 1] >> 8)
            split.rightBin = Int(entries[at] >> 8)
            best = split
        }
    }

    /// The set of lists that nodes at `depth` read.
    @inline(__always)
    private func lists(_ depth: Int) -> UnsafeMutablePointer<UInt16> {
        lists + ((depth &- subtreeDepth) & 1) * features * Self.subtreeCapacity
    }

    /// `considerSorted` for a node of two rows, whose lists are not kept: its two entries are made from
    /// the rows' bins.
    func considerPair(_ f: Int, _ start: Int, node: NodeTotals, data: BinnedFeatures, splitter: Splitter,
                      best: inout Split) {
        // Two rows have one partition: once a feature splits them, the others only tie with it.
        if best.feature >= 0 { return }
        let s = start - subtreeStart
        let a = UInt16(order[s]), b = UInt16(order[s + 1])
        let column = localBins + f * Self.subtreeCapacity
        let binA = UInt16(column[Int(a)]), binB = UInt16(column[Int(b)])
        guard binA != binB else { return }
        // Sorted by bin; a tie cannot happen here, so node order among equal bins is moot.
        pair[0] = binA < binB ? binA << 8 | a : binB << 8 | b
        pair[1] = binA < binB ? binB << 8 | b : binA << 8 | a
        consider(f, entries: pair, count: 2, node: node, data: data, splitter: splitter, best: &best)
    }

    /// The split search of `considerSorted` over `count` entries sorted by bin.
    private func consider(_ f: Int, entries: UnsafePointer<UInt16>, count: Int, node: NodeTotals,
                          data: BinnedFeatures, splitter: Splitter, best: inout Split) {
        let firstBin = Int(entries[0] >> 8), lastBin = Int(entries[count - 1] >> 8)
        guard firstBin != lastBin else { return }
        let missingBin = Int(BinnedFeatures.missingBin)
        if plainNumeric[f] && lastBin != missingBin {
            var pass = scan(entries, count, node)
            let bar = pass.best(runs: false)
            guard bar > best.gain else { return }
            switch settle(f, entries: entries, count: count, bar: bar, runs: false, node: node) {
            case .split(let split):
                best = split
            case .rescored(let trueBest):
                guard trueBest > best.gain,
                      case .split(let split) = settle(f, entries: entries, count: count, bar: trueBest, runs: true,
                                                      node: node) else { return }
                best = split
            case .none:
                return
            }
            return
        }
        var k = 0
        var previous = -1
        for i in 0..<count {
            let entry = entries[i]
            let b = Int(entry >> 8)
            if b != previous {
                touched[k] = b
                k &+= 1
                previous = b
            }
            scratch[b] += localSums[Int(entry & 0xff)]
            scratchCounts[b] &+= 1
        }
        splitter.consider(feature: f, bins: BinView(sums: scratch, counts: counted ? scratchCounts : nil),
                          present: UnsafeBufferPointer(start: touched, count: k), node: node, data: data,
                          best: &best)
        for j in 0..<k {
            scratch[touched[j]] = .zero
            scratchCounts[touched[j]] = 0
        }
    }

    /// What `settle` makes of a feature's best score.
    private enum Settled {
        /// The split at the first entry reaching it.
        case split(Split)
        /// That entry lies inside a run of its bin (only a first pass, `runs: false`, reaches such an entry):
        /// the feature's true best, from a scan with runs penalized.
        case rescored(Double)
        /// No entry reaches it (cannot happen: both passes compute the same numbers; kept so a future change
        /// to one pass cannot read outside the node's entries).
        case none
    }

    /// Settles `bar`, the best score of feature `f`'s `count` sorted entries from a scan with `runs`.
    ///
    /// A first pass (`runs: false`) scores entries inside runs of a bin too (no threshold lies there), so
    /// its best is an upper bound. If the first entry reaching it starts a run, it is the true best and that
    /// entry the first to reach it (a valid entry before it reaching it would have been found first).
    private func settle(_ f: Int, entries: UnsafePointer<UInt16>, count: Int, bar: Double, runs: Bool,
                        node: NodeTotals) -> Settled {
        var pass = scan(entries, count, node)
        let at = pass.first(reaching: bar, runs: runs)
        guard at > 0 && at < count else { return .none }
        if !runs && entries[at] >> 8 == entries[at - 1] >> 8 {
            pass = scan(entries, count, node)
            return .rescored(pass.best(runs: true))
        }
        var split = Split(feature: f, gain: bar)
        split.leftBin = Int(entries[at - 1] >> 8)
        split.rightBin = Int(entries[at] >> 8)
        return .split(split)
    }

    /// A numeric scan of `count` sorted entries at a node with totals `node`.
    @inline(__always)
    private func scan(_ entries: UnsafePointer<UInt16>, _ count: Int, _ node: NodeTotals) -> NumericScan {
        NumericScan(entries: entries, count: count, sums: localSums, penalties: penalties, node: node.sums)
    }

    /// Splits the sorted-subtree node `start..<end` by `split`: its rows (`order`) stably, left first, as
    /// `partition` does outside a subtree; returns where the right part starts. Leaves each row's side in
    /// `localBytes` for `partitionSortedLists`.
    func partitionSortedRows(_ start: Int, _ end: Int, split: Split) -> Int {
        let s = start - subtreeStart, e = end - subtreeStart
        let column = localBins + split.feature * Self.subtreeCapacity
        var l = s, r = 0
        for i in s..<e {
            let id = order[i]
            let left = split.goesLeft(column[Int(id)]) ? 1 : 0
            localBytes[Int(id)] = UInt8(left)
            order[l] = id
            spareEntries[r] = UInt16(id)
            l &+= left
            r &+= 1 &- left
        }
        for j in 0..<r { order[l + j] = UInt8(truncatingIfNeeded: spareEntries[j]) }
        return subtreeStart + l
    }

    /// Splits every feature's list of the sorted-subtree node `start..<end` at `depth` stably by the sides
    /// `partitionSortedRows` left (`mid`: where it put the right part), into the other set of lists, so
    /// each child's entries stay sorted by bin.
    func partitionSortedLists(_ start: Int, _ mid: Int, _ end: Int, depth: Int) {
        let s = start - subtreeStart, m = mid - subtreeStart, e = end - subtreeStart
        let from = lists(depth), to = lists(depth &+ 1)
        for f in 0..<features {
            let source = from + f * Self.subtreeCapacity, target = to + f * Self.subtreeCapacity
            // A feature constant at the node stays so in its children, and `considerSorted` reads no more
            // than the first and last entry of it: those are all its children's lists need.
            let first = source[s]
            if first >> 8 == source[e - 1] >> 8 {
                target[s] = first
                target[m - 1] = first
                target[m] = first
                target[e - 1] = first
                continue
            }
            var l = s, r = m
            for i in s..<e {
                let entry = source[i]
                let left = Int(localBytes[Int(entry & 0xff)])
                target[left != 0 ? l : r] = entry
                l &+= left
                r &+= 1 &- left
            }
        }
    }

    /// `stats` for a node of the sorted subtree: the same sums in the same (node) order.
    fileprivate func sortedStats(_ start: Int, _ end: Int) -> NodeStats {
        let s = start - subtreeStart, e = end - subtreeStart
        var total = Sums()
        var weighted = 0.0
        for i in s..<e {
            let id = Int(order[i])
            total += localSums[id]
            weighted += localSums[id].x * localTarget[id]
        }
        let mean = total.x > 0 ? weighted / total.x : 0
        var ss = 0.0
        for i in s..<e {
            let id = Int(order[i])
            let d = localTarget[id] - mean
            ss += localSums[id].x * d * d
        }
        return NodeStats(totals: NodeTotals(sums: total, count: e - s), mean: mean,
                         impurity: total.x > 0 ? ss / total.x : 0)
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
            l &+= left
            r &+= 1 &- left
        }
        (rows + l).update(from: spareRows, count: r)
        (sums + l).update(from: spareSums, count: r)
        (target + l).update(from: spareTarget, count: r)
        return l
    }

    /// Totals, weighted mean and impurity (weighted variance, two passes, original scale) of `start..<end`.
    fileprivate func stats(_ start: Int, _ end: Int) -> NodeStats {
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
