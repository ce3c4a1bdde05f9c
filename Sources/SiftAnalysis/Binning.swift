/// Features cut into at most 255 bins each, computed once per fit (LightGBM's and scikit-learn's
/// histogram approach): a column-major `UInt8` matrix plus, per numeric bin, the smallest and largest
/// training value it holds, so split thresholds are midpoints between adjacent present values.
///
/// With at most 255 distinct values a feature gets one bin per value, so splits are exactly those of
/// exact CART (scikit-learn's `BestSplitter` thresholds: midpoints). With more, bins hold about equal
/// counts (quantiles); a value never splits across bins. A categorical feature's bin is its code.
/// Missing values (NaN) go to bin `missingBin`.
struct BinnedFeatures: Sendable {
    /// The bin that holds missing values.
    static let missingBin: UInt8 = 255
    /// Most value bins per feature.
    static let maxBins = 255

    /// Rows.
    let rowCount: Int
    /// Bins, column-major: feature `f` of row `r` at `bins[f * rowCount + r]`.
    let bins: [UInt8]
    /// The same bins row-major, at `rowBins[r * featureCount + f]`: what the loops that read every
    /// feature of a few scattered rows need (one cache line per row instead of one per row and feature).
    let rowBins: [UInt8]
    /// Value bins per feature (missing excluded).
    let binCount: [Int]
    /// Per numeric feature `f` and bin `b`, the smallest training value in it at `low[f * maxBins + b]`
    /// (one flat array: a split's threshold reads two of them; unused for categorical features).
    let low: [Double]
    /// Per numeric feature and bin, the largest training value in it (indexed as `low`).
    let high: [Double]
    /// Whether each feature is split as categorical.
    let categorical: [Bool]

    /// Bins every feature of `matrix`.
    init(_ matrix: FeatureMatrix) {
        let n = matrix.rowCount
        rowCount = n
        var bins = [UInt8](repeating: Self.missingBin, count: n * matrix.featureCount)
        var binCount: [Int] = []
        var low = [Double](repeating: .nan, count: matrix.featureCount * Self.maxBins)
        var high = [Double](repeating: .nan, count: matrix.featureCount * Self.maxBins)
        var categorical: [Bool] = []
        for (f, feature) in matrix.schema.features.enumerated() {
            let base = f * n
            switch feature.kind {
            case .categorical(let levels):
                categorical.append(true)
                binCount.append(min(levels, Self.maxBins))
                for r in 0..<n {
                    let v = matrix.values[base + r]
                    if !v.isNaN { bins[base + r] = UInt8(min(max(Int(v), 0), Self.maxBins - 1)) }
                }
            case .numeric:
                categorical.append(false)
                let cuts = Self.cuts(matrix.column(f))
                binCount.append(cuts.low.count)
                for b in cuts.low.indices {
                    low[f * Self.maxBins + b] = cuts.low[b]
                    high[f * Self.maxBins + b] = cuts.high[b]
                }
                for r in 0..<n {
                    let v = matrix.values[base + r]
                    if !v.isNaN { bins[base + r] = UInt8(Self.bin(of: v, high: cuts.high)) }
                }
            }
        }
        let p = matrix.featureCount
        rowBins = [UInt8](unsafeUninitializedCapacity: n * p) { buffer, initialized in
            for f in 0..<p {
                for r in 0..<n { buffer[r * p + f] = bins[f * n + r] }
            }
            initialized = n * p
        }
        self.bins = bins
        self.binCount = binCount
        self.low = low
        self.high = high
        self.categorical = categorical
    }

    /// The bin of present value `v`: the first bin whose largest value is at least `v`.
    static func bin(of v: Double, high: [Double]) -> Int {
        var lo = 0, hi = high.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if v <= high[mid] { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }

    /// Per-bin smallest and largest values: one bin per distinct value when there are at most
    /// `maxBins`, else bins of about equal counts that never split a value.
    static func cuts(_ column: ArraySlice<Double>) -> (low: [Double], high: [Double]) {
        var sorted = column.filter { !$0.isNaN }
        guard !sorted.isEmpty else { return ([], []) }
        sorted.sort()
        var distinct: [Double] = []
        var counts: [Int] = []
        for v in sorted {
            if let last = distinct.last, last == v {
                counts[counts.count - 1] += 1
            } else {
                distinct.append(v)
                counts.append(1)
            }
        }
        if distinct.count <= maxBins { return (distinct, distinct) }
        var low: [Double] = [], high: [Double] = []
        let total = Double(sorted.count)
        var cumulative = 0
        var start = 0
        for i in 0..<distinct.count {
            cumulative += counts[i]
            let binsLeft = maxBins - low.count
            let valuesLeft = distinct.count - i - 1
            let target = total * Double(low.count + 1) / Double(maxBins)
            if Double(cumulative) >= target || valuesLeft < binsLeft || i == distinct.count - 1 {
                low.append(distinct[start])
                high.append(distinct[i])
                start = i + 1
                if low.count == maxBins - 1 && i < distinct.count - 1 {
                    low.append(distinct[start])
                    high.append(distinct[distinct.count - 1])
                    break
                }
            }
        }
        return (low, high)
    }

    /// The threshold between a left part ending at bin `a` and a right part starting at bin `b` of
    /// feature `f`: the midpoint of the values either side (the left value if the midpoint rounds up).
    func threshold(feature f: Int, leftBin a: Int, rightBin b: Int) -> Double {
        let x = high[f * Self.maxBins + a], y = low[f * Self.maxBins + b]
        var mid = (x + y) / 2
        if !mid.isFinite { mid = x / 2 + y / 2 }
        return (mid >= y || !mid.isFinite) ? x : mid
    }
}
