/// A fitted CART regression tree, stored as parallel node arrays (scikit-learn's `Tree`, ranger's layout).
///
/// Node 0 is the root. For an internal node `i`:
/// - `feature[i]` is the index of the split feature in the `FeatureSchema` the tree was fitted on;
/// - a **numeric** split (`categorySet[i] == -1`) sends a present value `x` left when `x <= threshold[i]`;
/// - a **categorical** split (`categorySet[i] >= 0`) sends category code `c` left when bit `c` is set in
///   `categoryWords[4 * categorySet[i] ..< 4 * categorySet[i] + 4]` (a 256-bit set, word `c / 64`,
///   bit `c % 64`); codes not in the set (including ones never seen at the node) go right;
/// - a missing value (NaN) goes left when `missingGoesLeft[i]`, else right;
/// - `left[i]` and `right[i]` are the child node indices.
///
/// For a leaf, `feature[i] == -1`, `left[i] == right[i] == -1`, and `threshold[i]` is NaN.
/// Every node has `value` (the weighted mean target of its training rows), `nodeSamples` (distinct in-bag
/// rows), `weightedSamples` (rows counted with their bootstrap multiplicity) and `impurity` (the weighted
/// variance of the target, scikit-learn's squared-error impurity).
///
/// Invariants: all arrays have `nodeCount` entries; children have larger indices than their parent;
/// `weightedSamples[i] == weightedSamples[left[i]] + weightedSamples[right[i]]`.
public struct RegressionTree: Sendable, Equatable {
    /// Split feature per node, -1 for a leaf.
    public var feature: [Int32]
    /// Numeric split threshold (go left if `x <= threshold`); NaN for leaves and categorical splits.
    public var threshold: [Double]
    /// Index of the node's 256-bit left-category set in `categoryWords` (in units of 4 words), -1 if none.
    public var categorySet: [Int32]
    /// The categorical left-sets, 4 `UInt64` words per set.
    public var categoryWords: [UInt64]
    /// Which child a missing value goes to.
    public var missingGoesLeft: [Bool]
    /// Left child per node, -1 for a leaf.
    public var left: [Int32]
    /// Right child per node, -1 for a leaf.
    public var right: [Int32]
    /// Weighted mean of the target over the node's training rows (the prediction at a leaf).
    public var value: [Double]
    /// Distinct training rows reaching the node.
    public var nodeSamples: [Int32]
    /// Training rows reaching the node, counted with their bootstrap weights.
    public var weightedSamples: [Double]
    /// Weighted variance of the target at the node.
    public var impurity: [Double]

    /// An empty tree (no nodes).
    public init() {
        feature = []
        threshold = []
        categorySet = []
        categoryWords = []
        missingGoesLeft = []
        left = []
        right = []
        value = []
        nodeSamples = []
        weightedSamples = []
        impurity = []
    }

    /// The number of nodes.
    public var nodeCount: Int { feature.count }

    /// Whether node `i` is a leaf.
    @inline(__always)
    public func isLeaf(_ i: Int) -> Bool { feature[i] < 0 }

    /// Whether category `code` is in node `i`'s left-set (false for numeric nodes).
    @inline(__always)
    public func categoryGoesLeft(node i: Int, code: Int) -> Bool {
        let set = Int(categorySet[i])
        return set >= 0 && Self.inSet(categoryWords, set, code: code)
    }

    /// Whether category `code` is in left-set `set` of `words` (4 words per set).
    @inline(__always)
    static func inSet(_ words: [UInt64], _ set: Int, code: Int) -> Bool {
        code >= 0 && code < 256 && words[4 * set + code >> 6] & (1 << UInt64(code & 63)) != 0
    }

    /// Whether a row whose split-feature value is `x` (NaN = missing; a category's code as a number)
    /// goes left at internal node `i`.
    @inline(__always)
    public func goesLeft(node i: Int, x: Double) -> Bool {
        if x.isNaN { return missingGoesLeft[i] }
        if categorySet[i] >= 0 { return categoryGoesLeft(node: i, code: Int(x)) }
        return x <= threshold[i]
    }

    /// The leaf reached by a row; `x(f)` gives the row's value of feature `f` (NaN when missing).
    @inline(__always)
    public func leaf(_ x: (Int) -> Double) -> Int {
        var i = 0
        while feature[i] >= 0 {
            i = Int(goesLeft(node: i, x: x(Int(feature[i]))) ? left[i] : right[i])
        }
        return i
    }

    /// The prediction for a row; `x(f)` gives the row's value of feature `f` (NaN when missing).
    @inline(__always)
    public func predict(_ x: (Int) -> Double) -> Double { value[leaf(x)] }

    /// Appends a leaf and returns its index (the tree builder grows trees in a `NodeBuffer`; this serves
    /// trees made by hand).
    mutating func appendNode(value v: Double, samples: Int, weighted: Double, impurity imp: Double) -> Int {
        feature.append(-1)
        threshold.append(.nan)
        categorySet.append(-1)
        missingGoesLeft.append(false)
        left.append(-1)
        right.append(-1)
        value.append(v)
        nodeSamples.append(Int32(samples))
        weightedSamples.append(weighted)
        impurity.append(imp)
        return feature.count - 1
    }
}
