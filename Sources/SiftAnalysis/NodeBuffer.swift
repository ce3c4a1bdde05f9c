/// One node of the tree being grown, as `NodeBuffer.predict` walks it (a leaf: feature -1).
private struct BinStep {
    var threshold: Double = .nan
    var feature: Int32 = -1
    var left: Int32 = -1
    var right: Int32 = -1
    var categorySet: Int32 = -1
    /// `Split.cut` and `Split.straddles` of a numeric split.
    var cut: UInt8 = 0
    var straddles = false
    var missingLeft = false
}

/// The nodes of the tree being grown, in buffers sized once for the largest tree a workspace can grow
/// (2n − 1 nodes on n rows): appending a node is a few stores, with none of an array's uniqueness and
/// capacity checks, and `makeTree` copies the finished tree into a `RegressionTree`'s arrays.
final class NodeBuffer {
    private(set) var count = 0
    private let capacity: Int
    private let feature: UnsafeMutablePointer<Int32>
    private let threshold: UnsafeMutablePointer<Double>
    private let categorySet: UnsafeMutablePointer<Int32>
    private let missingGoesLeft: UnsafeMutablePointer<Bool>
    private let left: UnsafeMutablePointer<Int32>
    private let right: UnsafeMutablePointer<Int32>
    private let value: UnsafeMutablePointer<Double>
    private let nodeSamples: UnsafeMutablePointer<Int32>
    private let weightedSamples: UnsafeMutablePointer<Double>
    /// Per node, the weighted variance of the target (read back to stop at pure nodes).
    let impurity: UnsafeMutablePointer<Double>
    private var categoryWords: [UInt64] = []
    /// Per node, how a row's bins walk it (`predict`).
    private let steps: UnsafeMutablePointer<BinStep>

    init(capacity: Int) {
        self.capacity = max(capacity, 1)
        feature = .allocate(capacity: self.capacity)
        threshold = .allocate(capacity: self.capacity)
        categorySet = .allocate(capacity: self.capacity)
        missingGoesLeft = .allocate(capacity: self.capacity)
        left = .allocate(capacity: self.capacity)
        right = .allocate(capacity: self.capacity)
        value = .allocate(capacity: self.capacity)
        nodeSamples = .allocate(capacity: self.capacity)
        weightedSamples = .allocate(capacity: self.capacity)
        impurity = .allocate(capacity: self.capacity)
        steps = .allocate(capacity: self.capacity)
    }

    deinit {
        feature.deallocate()
        threshold.deallocate()
        categorySet.deallocate()
        missingGoesLeft.deallocate()
        left.deallocate()
        right.deallocate()
        value.deallocate()
        nodeSamples.deallocate()
        weightedSamples.deallocate()
        impurity.deallocate()
        steps.deallocate()
    }

    /// Starts an empty tree.
    func removeAll() {
        count = 0
        categoryWords.removeAll(keepingCapacity: true)
    }

    /// Appends a leaf and returns its index.
    @inline(__always)
    func appendNode(value v: Double, samples: Int, weighted: Double, impurity imp: Double) -> Int {
        precondition(count < capacity, "more nodes than a tree on these rows can have")
        let i = count
        feature[i] = -1
        threshold[i] = .nan
        categorySet[i] = -1
        missingGoesLeft[i] = false
        left[i] = -1
        right[i] = -1
        value[i] = v
        nodeSamples[i] = Int32(samples)
        weightedSamples[i] = weighted
        impurity[i] = imp
        steps[i] = BinStep()
        count = i + 1
        return i
    }

    /// Turns leaf `node` into an internal node splitting by `split`.
    func setSplit(node: Int, split: Split, left l: Int, right r: Int) {
        feature[node] = Int32(split.feature)
        left[node] = Int32(l)
        right[node] = Int32(r)
        missingGoesLeft[node] = split.missingLeft
        var step = BinStep(feature: Int32(split.feature), left: Int32(l), right: Int32(r),
                           missingLeft: split.missingLeft)
        if split.categorical {
            categorySet[node] = Int32(categoryWords.count / 4)
            step.categorySet = categorySet[node]
            // Bit 255 is the missing bin, not a category: keep it out of the public set.
            let (a, b, c, d) = split.leftBins
            categoryWords.append(contentsOf: [a, b, c, d & ~(1 << 63)])
            threshold[node] = .nan
        } else {
            threshold[node] = split.threshold
            step.threshold = split.threshold
            step.cut = split.cut
            step.straddles = split.straddles
        }
        steps[node] = step
    }

    /// The finished tree's normalised impurity importance per feature: `ImpurityImportance.tree` of
    /// `makeTree()`, from the buffers (the same sums in the same order).
    func impurityImportance(featureCount: Int) -> [Double] {
        ImpurityImportance.normalisedDecrease(nodeCount: count, featureCount: featureCount,
                                              feature: { feature[$0] }, left: { left[$0] }, right: { right[$0] },
                                              weighted: { weightedSamples[$0] }, impurity: { impurity[$0] })
    }

    /// The finished tree's prediction for each of `rows` (training rows), into `out[k]` for `rows[k]`:
    /// exactly `RegressionTree.predict` on the rows' values, walked on their bins (`rowBins`, `features`
    /// per row: one byte per step instead of a double) and reading a value (`values`, row-major) only at
    /// a bin that straddles a threshold.
    func predict(rows: UnsafeBufferPointer<Int32>, rowBins: UnsafePointer<UInt8>, features: Int,
                 values: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        walk(count: rows.count, rowBins: rowBins, features: features, values: values, into: out,
             start: { _ in 0 }, source: { k, _ in Int(rows[k]) })
    }

    /// `predict` with the features marked in `permuted` read from another row: walk `k` starts at node
    /// `starts[k]` and reads row `donors[k]` for those features and row `rows[k]` for the others (the
    /// out-of-bag rows with a group of features permuted; see `paths`).
    func predict(rows: UnsafeBufferPointer<Int32>, donors: UnsafePointer<Int32>, starts: UnsafePointer<Int32>,
                 permuted: UnsafePointer<Bool>, rowBins: UnsafePointer<UInt8>, features: Int,
                 values: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>) {
        walk(count: rows.count, rowBins: rowBins, features: features, values: values, into: out,
             start: { Int(starts[$0]) }, source: { k, f in Int(permuted[f] ? donors[k] : rows[k]) })
    }

    /// The internal nodes on each row's path through the finished tree, root first, with their features:
    /// `nodes[offsets[k] ..< offsets[k + 1]]` for `rows[k]`, walked as `predict` walks them.
    func paths(rows: UnsafeBufferPointer<Int32>, rowBins: UnsafePointer<UInt8>, features: Int,
               values: UnsafePointer<Double>) -> (nodes: [Int32], features: [Int32], offsets: [Int]) {
        var nodes: [Int32] = [], splitFeatures: [Int32] = [], offsets = [0]
        offsets.reserveCapacity(rows.count + 1)
        for r in rows {
            let row = Int(r) &* features
            var at = 0
            while steps[at].feature >= 0 {
                let step = steps[at]
                nodes.append(Int32(at))
                splitFeatures.append(step.feature)
                at = next(step, bins: rowBins + row, values: values + row)
            }
            offsets.append(nodes.count)
        }
        return (nodes, splitFeatures, offsets)
    }

    /// The child a row goes to from internal node `step`, from its bins and values (`features` each,
    /// row-major, starting at the row's first).
    @inline(__always)
    private func next(_ step: BinStep, bins: UnsafePointer<UInt8>, values: UnsafePointer<Double>) -> Int {
        let f = Int(step.feature)
        let bin = Int(bins[f])
        var left = bin < Int(step.cut)
        if bin == Int(BinnedFeatures.missingBin) {
            left = step.missingLeft
        } else if step.categorySet >= 0 {
            left = RegressionTree.inSet(categoryWords, Int(step.categorySet), code: bin)
        } else if step.straddles && bin == Int(step.cut) {
            left = values[f] <= step.threshold
        }
        // The side is data, not a branch: a row's path is not predictable.
        let mask = 0 &- Int(UInt8(left ? 1 : 0))
        return Int(step.right) ^ ((Int(step.left) ^ Int(step.right)) & mask)
    }

    /// Walks `count` rows to their leaves, walk `k` from node `start(k)` reading feature `f` of row
    /// `source(k, f)`, and writes its leaf's value to `out[k]`. One walk is a chain of dependent loads, so
    /// eight go at once, one step each in turn (a walk that reaches its leaf hands its slot to the next).
    @inline(__always)
    private func walk(count: Int, rowBins: UnsafePointer<UInt8>, features: Int, values: UnsafePointer<Double>,
                      into out: UnsafeMutablePointer<Double>, start: (Int) -> Int, source: (Int, Int) -> Int) {
        let lanes = 8
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * lanes) { slots in
            // Slot k carries walk slots[k] and stands at node slots[lanes + k]; walks from `waiting` on
            // have no slot yet.
            var active = min(lanes, count)
            var waiting = active
            for k in 0..<active {
                slots[k] = k
                slots[lanes + k] = start(k)
            }
            while active > 0 {
                var k = 0
                while k < active {
                    let at = slots[lanes + k]
                    let step = steps[at]
                    if step.feature >= 0 {
                        let row = source(slots[k], Int(step.feature)) &* features
                        slots[lanes + k] = next(step, bins: rowBins + row, values: values + row)
                        k &+= 1
                        continue
                    }
                    out[slots[k]] = value[at]
                    if waiting < count {
                        slots[k] = waiting
                        slots[lanes + k] = start(waiting)
                        waiting &+= 1
                        k &+= 1
                    } else {
                        // The last slot takes this one's place.
                        active &-= 1
                        slots[k] = slots[active]
                        slots[lanes + k] = slots[lanes + active]
                    }
                }
            }
        }
    }

    /// The finished tree.
    func makeTree() -> RegressionTree {
        func array<T>(_ p: UnsafeMutablePointer<T>) -> [T] { Array(UnsafeBufferPointer(start: p, count: count)) }
        var tree = RegressionTree()
        tree.feature = array(feature)
        tree.threshold = array(threshold)
        tree.categorySet = array(categorySet)
        tree.categoryWords = categoryWords
        tree.missingGoesLeft = array(missingGoesLeft)
        tree.left = array(left)
        tree.right = array(right)
        tree.value = array(value)
        tree.nodeSamples = array(nodeSamples)
        tree.weightedSamples = array(weightedSamples)
        tree.impurity = array(impurity)
        return tree
    }
}
