import Foundation
import SiftCore

/// Correlation coefficients, ranks, p-values and intervals on paired samples, as SciPy computes them.
public enum Statistics {
    /// Pearson's r of paired samples with SciPy's p-value and Fisher-z 95% interval; nil when either
    /// side is constant or fewer than two pairs exist (r is undefined there).
    ///
    /// r is formed from centred, norm-scaled vectors (as `scipy.stats.pearsonr`). The two-sided
    /// p-value is SciPy's: r follows Beta(n/2 − 1, n/2 − 1) on [−1, 1] under independence, so
    /// p = 2 I_{(1−|r|)/2}(n/2 − 1, n/2 − 1) (equal to the t-test with n − 2 df); n = 2 gives p = 1.
    public static func pearson(_ x: [Double], _ y: [Double]) -> Correlation? {
        guard let r = pearsonR(x, y) else { return nil }
        let n = x.count
        let interval = fisherInterval(r: r, n: n)
        return Correlation(r: r, n: n, pValue: pearsonPValue(r: r, n: n),
                           low: interval?.low, high: interval?.high)
    }

    /// Spearman's ρ: Pearson's r of average ranks (ties share their mean rank, as
    /// `scipy.stats.rankdata`), with SciPy's t-approximation p-value (n − 2 df) and a Fisher-z interval.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Correlation? {
        guard let rho = pearsonR(averageRanks(x), averageRanks(y)) else { return nil }
        let n = x.count
        let interval = fisherInterval(r: rho, n: n)
        return Correlation(r: rho, n: n, pValue: spearmanPValue(rho: rho, n: n),
                           low: interval?.low, high: interval?.high)
    }

    /// Pearson's r alone; nil when n < 2 or a side is constant.
    public static func pearsonR(_ x: [Double], _ y: [Double]) -> Double? {
        let n = x.count
        guard n == y.count, n >= 2, !isConstant(x), !isConstant(y) else { return nil }
        // r does not change when a side is scaled; scaled, values near 1.8e308 neither sum nor centre to inf.
        let x = scaled(x), y = scaled(y)
        let mx = mean(x), my = mean(y)
        let xm = x.map { $0 - mx }, ym = y.map { $0 - my }
        // Each side times a power of two that brings its largest magnitude near 1 (exact), then
        // r = Sxy / √(Sxx·Syy): no overflow or underflow, and equal or mirrored sides give exactly ±1
        // (√(S·S) is S in IEEE arithmetic), as SciPy's Spearman of equal ranks does.
        guard let fx = unitPowerOfTwo(xm), let fy = unitPowerOfTwo(ym) else { return nil }
        var sxx = 0.0, syy = 0.0, sxy = 0.0
        for i in 0..<n {
            let u = xm[i] * fx, v = ym[i] * fy
            sxx += u * u
            syy += v * v
            sxy += u * v
        }
        let r = sxy / (sxx * syy).squareRoot()
        guard r.isFinite else { return nil }
        return Swift.max(-1, Swift.min(1, r))
    }

    /// SciPy's two-sided p-value of Pearson's r over n pairs.
    public static func pearsonPValue(r: Double, n: Int) -> Double? {
        guard n >= 2, !r.isNaN else { return nil }
        if n == 2 { return 1 }
        let ab = Double(n) / 2 - 1
        let p = 2 * SpecialFunctions.regularizedIncompleteBeta(ab, ab, (1 - abs(r)) / 2)
        return Swift.min(1, Swift.max(0, p))
    }

    /// SciPy's two-sided p-value of Spearman's ρ: t = ρ √((n−2)/((1+ρ)(1−ρ))) against Student's t.
    public static func spearmanPValue(rho: Double, n: Int) -> Double? {
        guard n >= 3, !rho.isNaN else { return nil }
        let df = Double(n - 2)
        let denominator = (rho + 1) * (1 - rho)
        let t = denominator <= 0 ? Double.infinity : rho * Swift.max(0, df / denominator).squareRoot()
        return SpecialFunctions.studentTTwoSided(t, degreesOfFreedom: df)
    }

    /// The Fisher-z 95% interval tanh(atanh r ± z₀.₉₇₅/√(n − 3)), as SciPy's `confidence_interval()`;
    /// nil for n ≤ 3.
    public static func fisherInterval(r: Double, n: Int) -> (low: Double, high: Double)? {
        guard n > 3, !r.isNaN else { return nil }
        let z = atanh(r)
        let half = SpecialFunctions.normalQuantile975 / Double(n - 3).squareRoot()
        return (tanh(z - half), tanh(z + half))
    }

    /// Ranks 1…n with ties given the mean of the ranks they span (`scipy.stats.rankdata`, "average").
    public static func averageRanks(_ x: [Double]) -> [Double] {
        let order = x.indices.sorted { x[$0] < x[$1] || (x[$0] == x[$1] && $0 < $1) }
        var ranks = Array(repeating: 0.0, count: x.count)
        var i = 0
        while i < order.count {
            var j = i
            while j + 1 < order.count && x[order[j + 1]] == x[order[i]] { j += 1 }
            let rank = Double(i + j) / 2 + 1
            for k in i...j { ranks[order[k]] = rank }
            i = j + 1
        }
        return ranks
    }

    /// The correlation ratio η² of `y` grouped by `groups`: between-group sum of squares over the
    /// total sum of squares; nil when y is constant or empty. Computed on `y` scaled by a power of two
    /// (η² does not change), so values near 1.8e308 do not square to inf.
    public static func eta2(groups: [Int], _ y: [Double]) -> Double? {
        guard groups.count == y.count, !y.isEmpty else { return nil }
        let y = scaled(y)
        let m = mean(y)
        var sums: [Int: (Double, Int)] = [:]
        var total = 0.0
        for (g, v) in zip(groups, y) {
            sums[g, default: (0, 0)].0 += v
            sums[g, default: (0, 0)].1 += 1
            total += (v - m) * (v - m)
        }
        guard total > 0 else { return nil }
        var between = 0.0
        for key in sums.keys.sorted() {
            guard let (s, c) = sums[key] else { continue }
            let gm = s / Double(c)
            between += Double(c) * (gm - m) * (gm - m)
        }
        return Swift.min(1, between / total)
    }

    /// The arithmetic mean (0 for an empty sample). Summed over the values divided by `scale(of:)`, so
    /// finite values never sum to inf; the same number, bit for bit, as Σx / n wherever that does not
    /// overflow (and as inexact: where ±1.7e308 cancel, the error is of the order of 1.7e308 · 2⁻⁵²).
    public static func mean(_ x: [Double]) -> Double {
        guard !x.isEmpty else { return 0 }
        let s = scale(of: x)
        return scaledSum(x, s) / Double(x.count) * s
    }

    /// The sample standard deviation (n − 1 in the denominator), two-pass; nil below two values. Computed on
    /// the values divided by `scale(of:)` (their deviations then lie within ±4), so finite values neither
    /// square to inf (from about 1e155 up to 1.8e308) nor to 0 (below about 1e-155); elsewhere bit for bit the
    /// unscaled √(Σ(x − x̄)² / (n − 1)). Inf only when the deviation itself is past the largest Double.
    public static func standardDeviation(_ x: [Double]) -> Double? {
        guard x.count >= 2 else { return nil }
        let s = scale(of: x)
        let m = scaledSum(x, s) / Double(x.count)
        var ss = 0.0
        for v in x {
            let d = v / s - m
            ss += d * d
        }
        return (ss / Double(x.count - 1)).squareRoot() * s
    }

    /// The power of two at or below the largest magnitude in `x` (1 when `x` is empty, all zeros, or holds
    /// an infinite value, whose results are infinite or NaN anyway; NaNs are passed over).
    ///
    /// Dividing by it is exact (bar values under 2⁻¹⁰²² of the largest, which then count for nothing beside
    /// it), so sums, means and squares formed on the scaled values are those of the unscaled ones times a
    /// power of two, without the overflow.
    static func scale(of x: [Double]) -> Double {
        var largest = 0.0
        for v in x where abs(v) > largest { largest = abs(v) }
        guard largest > 0, largest.isFinite else { return 1 }
        return Double(sign: .plus, exponent: largest.exponent, significand: 1)
    }

    /// Σ x/s in order.
    static func scaledSum(_ x: [Double], _ s: Double) -> Double {
        var sum = 0.0
        for v in x { sum += v / s }
        return sum
    }

    /// `x` divided by `scale(of: x)`.
    static func scaled(_ x: [Double]) -> [Double] {
        let s = scale(of: x)
        return s == 1 ? x : x.map { $0 / s }
    }

    /// The quantile of sorted data by linear interpolation between order statistics (numpy's default).
    public static func quantile(sorted x: [Double], _ q: Double) -> Double {
        guard let first = x.first else { return .nan }
        if x.count == 1 { return first }
        let h = Double(x.count - 1) * Swift.min(1, Swift.max(0, q))
        let lo = Int(h.rounded(.down))
        let hi = Swift.min(lo + 1, x.count - 1)
        return interpolate(x[lo], x[hi], h - Double(lo))
    }

    /// `low + t · (high − low)` for t in [0, 1], as numpy's linear interpolation; when the difference
    /// overflows (from -1.7e308 to 1.7e308) the weighted sum `(1 − t) · low + t · high`, which cannot
    /// (and `low` itself at t = 0, so an infinite `high` does not make it NaN).
    static func interpolate(_ low: Double, _ high: Double, _ t: Double) -> Double {
        let d = high - low
        if d.isFinite { return low + t * d }
        return t == 0 ? low : (1 - t) * low + t * high
    }

    /// `quantile(sorted: x.sorted(), 0.5)` in linear time (a quickselect, which reorders `x`): the same
    /// number, bit for bit. `x` holds no NaN.
    public static func median(reordering x: inout [Double]) -> Double {
        let n = x.count
        guard n > 1 else { return x.first ?? .nan }
        let h = Double(n - 1) * 0.5
        let lo = Int(h.rounded(.down))
        return x.withUnsafeMutableBufferPointer { a in
            // Hoare-style selection of the `lo`-th smallest, with a median-of-three pivot.
            var left = 0, right = n - 1
            while left < right {
                let mid = left + (right - left) / 2
                if a[mid] < a[left] { a.swapAt(mid, left) }
                if a[right] < a[left] { a.swapAt(right, left) }
                if a[right] < a[mid] { a.swapAt(right, mid) }
                let pivot = a[mid]
                var i = left, j = right
                while i <= j {
                    while a[i] < pivot { i += 1 }
                    while pivot < a[j] { j -= 1 }
                    if i <= j {
                        a.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if lo <= j { right = j } else if lo >= i { left = i } else { break }
            }
            let low = a[lo]
            guard lo + 1 < n else { return low }
            // Everything after place `lo` is at least `a[lo]`; the next order statistic is their minimum.
            var high = a[lo + 1]
            for k in (lo + 2)..<n where a[k] < high { high = a[k] }
            return interpolate(low, high, h - Double(lo))
        }
    }

    /// Whether every element equals the first (an empty sample counts as constant).
    public static func isConstant(_ x: [Double]) -> Bool {
        guard let first = x.first else { return true }
        return x.allSatisfy { $0 == first }
    }

    /// 2^−e for the exponent e of `x`'s largest magnitude (multiplying by it is exact); nil when `x` is all
    /// zeros or holds a non-finite value.
    static func unitPowerOfTwo(_ x: [Double]) -> Double? {
        let largest = x.reduce(0) { Swift.max($0, abs($1)) }
        guard largest > 0, largest.isFinite else { return nil }
        // Capped so the factor stays finite when the largest magnitude is subnormal.
        return Double(sign: .plus, exponent: Swift.min(-largest.exponent, 1022), significand: 1)
    }
}
