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
/// (scikit-learn `_tree.pyx` `DepthFirstTreeBuilder`).
struct TreeBuilder {
    let data: BinnedFeatures
    let matrix: FeatureMatrix
    let settings: TreeSettings

    /// A tree on the rows with positive `weights` (bootstrap multiplicities), drawing feature subsets
    /// from `rng`.
    func grow(weights: [Double], rng: inout Xoshiro256) -> RegressionTree {
        var samples: [Int32] = []
        samples.reserveCapacity(weights.count)
        for (r, w) in weights.enumerated() where w > 0 { samples.append(Int32(r)) }
        var tree = RegressionTree()
        guard !samples.isEmpty else { return tree }
        var splitter = Splitter(minSamplesLeaf: settings.minSamplesLeaf)
        let p = data.binCount.count
        var features = Array(0..<p)
        let mtry = min(max(1, settings.maxFeatures), p)
        let minLeaf = max(1, settings.minSamplesLeaf)

        data.bins.withUnsafeBufferPointer { bins in
            guard let base = bins.baseAddress else { return }
            matrix.target.withUnsafeBufferPointer { target in
                weights.withUnsafeBufferPointer { w in
                    samples.withUnsafeMutableBufferPointer { s in
                        let root = SquaredError.node(samples: UnsafeBufferPointer(s), target: target, weights: w)
                        _ = tree.appendNode(value: root.stats.mean, samples: root.stats.count,
                                            weighted: root.stats.weight, impurity: root.impurity)
                        var stack: [(node: Int, start: Int, end: Int, depth: Int)] = [(0, 0, s.count, 0)]
                        while let (node, start, end, depth) = stack.popLast() {
                            let n = end - start
                            if n < 2 * minLeaf || tree.impurity[node] <= Double.ulpOfOne
                                || (settings.maxDepth.map { depth >= $0 } ?? false) {
                                continue
                            }
                            let nodeSamples = UnsafeBufferPointer(rebasing: s[start..<end])
                            var best = Split()
                            if mtry < p {
                                // Partial Fisher–Yates: a fresh random subset of features per node; keep
                                // drawing past `mtry` only while no valid split has been found.
                                for j in 0..<p {
                                    if j >= mtry && best.feature >= 0 { break }
                                    let k = j + rng.nextInt(below: p - j)
                                    features.swapAt(j, k)
                                    let f = features[j]
                                    splitter.consider(feature: f, column: base + f * data.rowCount,
                                                      samples: nodeSamples, target: target, weights: w,
                                                      data: data, best: &best)
                                }
                            } else {
                                for f in 0..<p {
                                    splitter.consider(feature: f, column: base + f * data.rowCount,
                                                      samples: nodeSamples, target: target, weights: w,
                                                      data: data, best: &best)
                                }
                            }
                            guard best.feature >= 0 else { continue }
                            // Partition rows: left part first.
                            let column = base + best.feature * data.rowCount
                            var i = start, j = end - 1
                            while i <= j {
                                if best.goesLeft(column[Int(s[i])]) {
                                    i += 1
                                } else {
                                    s.swapAt(i, j)
                                    j -= 1
                                }
                            }
                            let mid = i
                            guard mid > start && mid < end else { continue }
                            let l = SquaredError.node(samples: UnsafeBufferPointer(rebasing: s[start..<mid]),
                                                      target: target, weights: w)
                            let r = SquaredError.node(samples: UnsafeBufferPointer(rebasing: s[mid..<end]),
                                                      target: target, weights: w)
                            let li = tree.appendNode(value: l.stats.mean, samples: l.stats.count,
                                                     weighted: l.stats.weight, impurity: l.impurity)
                            let ri = tree.appendNode(value: r.stats.mean, samples: r.stats.count,
                                                     weighted: r.stats.weight, impurity: r.impurity)
                            tree.setSplit(node: node, split: best, left: li, right: ri)
                            stack.append((ri, mid, end, depth + 1))
                            stack.append((li, start, mid, depth + 1))
                        }
                    }
                }
            }
        }
        return tree
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
