/// A set of up to 256 atoms (a categorical input's categories present in the data), in four words.
struct AtomMask: Equatable {
    var w0: UInt64 = 0, w1: UInt64 = 0, w2: UInt64 = 0, w3: UInt64 = 0

    /// All atoms below `count`.
    static func all(_ count: Int) -> AtomMask {
        var m = AtomMask()
        for a in 0..<Swift.min(count, 256) { m.insert(a) }
        return m
    }

    /// The four words, low atoms first.
    var words: [UInt64] { [w0, w1, w2, w3] }

    mutating func insert(_ a: Int) {
        let bit: UInt64 = 1 << UInt64(a & 63)
        switch a >> 6 {
        case 0: w0 |= bit
        case 1: w1 |= bit
        case 2: w2 |= bit
        default: w3 |= bit
        }
    }

    var count: Int { w0.nonzeroBitCount + w1.nonzeroBitCount + w2.nonzeroBitCount + w3.nonzeroBitCount }

    static func & (a: AtomMask, b: AtomMask) -> AtomMask {
        AtomMask(w0: a.w0 & b.w0, w1: a.w1 & b.w1, w2: a.w2 & b.w2, w3: a.w3 & b.w3)
    }

    func subtracting(_ b: AtomMask) -> AtomMask {
        AtomMask(w0: w0 & ~b.w0, w1: w1 & ~b.w1, w2: w2 & ~b.w2, w3: w3 & ~b.w3)
    }
}

/// Walks a tree from the root, narrowing each input's extent at every split, and records every leaf
/// with non-zero volume: its value, volume, and extents on the inputs its path constrains.
struct FanovaWalker {
    let tree: RegressionTree
    let domains: [FanovaTree.Domain]
    let cuts: [[Double]]
    let cumulative: [[Double]]
    let atomCounts: [Int]
    var lo: [Int32], hi: [Int32], masks: [AtomMask]
    var values: [Double] = [], volumes: [Double] = []
    var extents: [[FanovaTree.Extent]]

    init(tree: RegressionTree, domains: [FanovaTree.Domain], cuts: [[Double]],
         widths: [[Double]]) {
        self.tree = tree
        self.domains = domains
        self.cuts = cuts
        cumulative = widths.map { w in
            var c = [0.0]
            for x in w { c.append(c[c.count - 1] + x) }
            c[c.count - 1] = 1
            return c
        }
        atomCounts = widths.map(\.count)
        lo = Array(repeating: 0, count: domains.count)
        hi = atomCounts.map { Int32($0) }
        masks = atomCounts.map { AtomMask.all($0) }
        extents = Array(repeating: [], count: domains.count)
    }

    /// Visits the subtree at `node` under the current extents.
    mutating func walk(node: Int) {
        let f = Int(tree.feature[node])
        if f < 0 {
            record(leaf: node)
            return
        }
        let left = Int(tree.left[node]), right = Int(tree.right[node])
        switch domains[f] {
        case .fixed(let value):
            // Every row holds the same value (or none): follow it.
            let goLeft = value.map { tree.goesLeft(node: node, x: $0) } ?? tree.missingGoesLeft[node]
            walk(node: goLeft ? left : right)
        case .numeric(let low, let high, let log):
            guard tree.categorySet[node] < 0 else { return walkCategorical(node: node, f: f) }
            let t = FanovaTree.scale(tree.threshold[node], log: log)
            let k: Int32
            if t.isNaN || t <= low { k = 0 } else if t >= high { k = Int32(atomCounts[f]) } else {
                k = Int32(firstIndex(cuts[f], atLeast: t) + 1)
            }
            let (savedLo, savedHi) = (lo[f], hi[f])
            hi[f] = Swift.min(savedHi, k)
            if hi[f] > lo[f] { walk(node: left) }
            hi[f] = savedHi
            lo[f] = Swift.max(savedLo, k)
            if hi[f] > lo[f] { walk(node: right) }
            lo[f] = savedLo
        case .categorical:
            walkCategorical(node: node, f: f)
        }
    }

    /// A categorical split: left keeps the atoms whose codes are in the node's left-set.
    mutating func walkCategorical(node: Int, f: Int) {
        guard case .categorical(let codes) = domains[f] else { return }
        var leftSet = AtomMask()
        for (a, c) in codes.enumerated() where tree.categoryGoesLeft(node: node, code: c) { leftSet.insert(a) }
        let saved = masks[f]
        masks[f] = saved & leftSet
        if masks[f].count > 0 { walk(node: Int(tree.left[node])) }
        masks[f] = saved.subtracting(leftSet)
        if masks[f].count > 0 { walk(node: Int(tree.right[node])) }
        masks[f] = saved
    }

    /// Records a leaf: its volume is the product of covered fractions over constrained inputs.
    mutating func record(leaf node: Int) {
        // Every extent on the path is non-empty and every atom has positive width, so volume > 0.
        var volume = 1.0
        let index = Int32(values.count)
        for f in domains.indices {
            switch domains[f] {
            case .numeric:
                if lo[f] == 0 && hi[f] == Int32(atomCounts[f]) { continue }
                let fraction = cumulative[f][Int(hi[f])] - cumulative[f][Int(lo[f])]
                volume *= fraction
                extents[f].append(.init(leaf: index, lo: lo[f], hi: hi[f], mask: AtomMask(), fraction: fraction))
            case .categorical:
                let n = masks[f].count
                if n == atomCounts[f] { continue }
                let fraction = Double(n) / Double(atomCounts[f])
                volume *= fraction
                extents[f].append(.init(leaf: index, lo: 0, hi: -1, mask: masks[f], fraction: fraction))
            case .fixed:
                continue
            }
        }
        values.append(tree.value[node])
        volumes.append(volume)
    }

    /// The first index of sorted `a` whose element is ≥ `x`.
    func firstIndex(_ a: [Double], atLeast x: Double) -> Int {
        var l = 0, h = a.count
        while l < h {
            let m = (l + h) / 2
            if a[m] < x { l = m + 1 } else { h = m }
        }
        return l
    }
}
