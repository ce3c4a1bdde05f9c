import Dispatch
import Foundation
import SiftCore
import Synchronization

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

    /// Bins every feature of `matrix`, features in parallel on up to `threads` threads (0: one per core);
    /// the result does not depend on the thread count.
    init(_ matrix: FeatureMatrix, threads: Int = 0) {
        let n = matrix.rowCount, p = matrix.featureCount
        rowCount = n
        let columns = Locked<[Column?]>(Array(repeating: nil, count: p))
        let next = Atomic<Int>(0)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = max(1, min(threads > 0 ? threads : cores, p))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let f = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard f < p else { break }
                let column = Self.column(matrix.column(f), kind: matrix.schema.features[f].kind)
                columns.withLock { $0[f] = column }
            }
        }
        let done = columns.withLock { $0 }.map { $0! }
        var bins = [UInt8]()
        bins.reserveCapacity(n * p)
        var low = [Double](repeating: .nan, count: p * Self.maxBins)
        var high = [Double](repeating: .nan, count: p * Self.maxBins)
        for (f, column) in done.enumerated() {
            bins += column.bins
            for b in column.low.indices {
                low[f * Self.maxBins + b] = column.low[b]
                high[f * Self.maxBins + b] = column.high[b]
            }
        }
        rowBins = [UInt8](unsafeUninitializedCapacity: n * p) { buffer, initialized in
            for f in 0..<p {
                for r in 0..<n { buffer[r * p + f] = bins[f * n + r] }
            }
            initialized = n * p
        }
        self.bins = bins
        binCount = done.map(\.binCount)
        self.low = low
        self.high = high
        categorical = done.map(\.categorical)
    }

    /// One feature's bins, and for a numeric one the smallest and largest value of each bin.
    private struct Column: Sendable {
        var bins: [UInt8]
        var binCount: Int
        var low: [Double] = []
        var high: [Double] = []
        var categorical: Bool
    }

    private static func column(_ values: ArraySlice<Double>, kind: FeatureSchema.Feature.Kind) -> Column {
        var bins = [UInt8](repeating: missingBin, count: values.count)
        switch kind {
        case .categorical(let levels):
            for (r, v) in values.enumerated() where !v.isNaN {
                bins[r] = UInt8(min(max(Int(v), 0), maxBins - 1))
            }
            return Column(bins: bins, binCount: min(levels, maxBins), categorical: true)
        case .numeric:
            let (keys, rows) = sortedPresent(values)
            let (distinct, counts) = distinctValues(keys)
            let (low, high) = cuts(distinct: distinct, counts: counts, total: keys.count)
            // Walk the values in increasing order: each goes to the first bin whose largest value reaches it.
            var b = 0
            for (i, key) in keys.enumerated() {
                let v = value(of: key)
                while v > high[b] { b += 1 }
                bins[Int(rows[i])] = UInt8(b)
            }
            return Column(bins: bins, binCount: low.count, low: low, high: high, categorical: false)
        }
    }

    /// An order-preserving key of a present value (-0 counted as 0), and back.
    @inline(__always)
    static func key(of v: Double) -> UInt64 {
        let bits = (v == 0 ? 0.0 : v).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    @inline(__always)
    static func value(of key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key ^ (1 << 63) : ~key)
    }

    /// The keys of the present (non-NaN) values in increasing order, each with its row: a least
    /// significant digit radix sort, one byte per pass, skipping the bytes all keys share.
    static func sortedPresent(_ values: ArraySlice<Double>) -> (keys: [UInt64], rows: [UInt32]) {
        var keys: [UInt64] = [], rows: [UInt32] = []
        keys.reserveCapacity(values.count)
        rows.reserveCapacity(values.count)
        for (r, v) in values.enumerated() where !v.isNaN {
            keys.append(key(of: v))
            rows.append(UInt32(r))
        }
        let m = keys.count
        guard m > 1 else { return (keys, rows) }
        let counts = UnsafeMutablePointer<Int>.allocate(capacity: 8 * 256)
        counts.initialize(repeating: 0, count: 8 * 256)
        defer { counts.deallocate() }
        keys.withUnsafeBufferPointer { keys in
            for key in keys {
                for d in 0..<8 { counts[d &* 256 &+ Int(truncatingIfNeeded: (key >> UInt64(8 &* d)) & 0xff)] &+= 1 }
            }
        }
        var spareKeys = [UInt64](repeating: 0, count: m), spareRows = [UInt32](repeating: 0, count: m)
        for d in 0..<8 {
            let digit = counts + d * 256
            if (0..<256).contains(where: { digit[$0] == m }) { continue }
            // Bucket starts, in place.
            var total = 0
            for b in 0..<256 {
                let count = digit[b]
                digit[b] = total
                total &+= count
            }
            let shift = UInt64(8 * d)
            keys.withUnsafeBufferPointer { keys in rows.withUnsafeBufferPointer { rows in
                spareKeys.withUnsafeMutableBufferPointer { outKeys in
                    spareRows.withUnsafeMutableBufferPointer { outRows in
                        for i in 0..<m {
                            let b = Int(truncatingIfNeeded: (keys[i] >> shift) & 0xff)
                            let at = digit[b]
                            outKeys[at] = keys[i]
                            outRows[at] = rows[i]
                            digit[b] = at &+ 1
                        }
                    }
                }
            } }
            swap(&keys, &spareKeys)
            swap(&rows, &spareRows)
        }
        return (keys, rows)
    }

    /// The distinct values of sorted `keys`, with how often each occurs.
    static func distinctValues(_ keys: [UInt64]) -> (values: [Double], counts: [Int]) {
        var values: [Double] = [], counts: [Int] = []
        guard let first = keys.first else { return (values, counts) }
        var last = first, run = 0
        for key in keys {
            if key != last {
                values.append(value(of: last))
                counts.append(run)
                last = key
                run = 0
            }
            run &+= 1
        }
        values.append(value(of: last))
        counts.append(run)
        return (values, counts)
    }

    /// Per-bin smallest and largest values from the sorted `distinct` values and their `counts` (`total`
    /// in all): one bin per distinct value when there are at most `maxBins`, else bins of about equal
    /// counts that never split a value.
    static func cuts(distinct: [Double], counts: [Int], total count: Int) -> (low: [Double], high: [Double]) {
        if distinct.count <= maxBins { return (distinct, distinct) }
        var low: [Double] = [], high: [Double] = []
        let total = Double(count)
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

    /// For a numeric split of feature `f` at `threshold` between bins `a` and `b` (every value of bins up
    /// to `a` at most `threshold`, every value from bin `b` on above it): the first bin `c` in `a + 1 ... b`
    /// with a value above `threshold`, and whether bin `c` also holds values at most `threshold`.
    func cut(feature f: Int, threshold: Double, after a: Int, before b: Int) -> (Int, Bool) {
        guard b > a + 1 else { return (b, false) }
        // Binary search of bins a + 1 ..< b (their highs increase), without a branch on the comparison.
        var c = a + 1, count = b - c
        high.withUnsafeBufferPointer { high in
            let bins = high.baseAddress! + f * Self.maxBins
            while count > 0 {
                let half = count >> 1
                let below = bins[c + half] <= threshold
                c = below ? c + half + 1 : c
                count = below ? count - half - 1 : half
            }
        }
        return (c, c < b && low[f * Self.maxBins + c] <= threshold)
    }
}
