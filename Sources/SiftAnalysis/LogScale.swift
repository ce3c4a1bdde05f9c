import Foundation

/// When a numeric param is analysed on log10 scale.
///
/// Learning rates and weight decays are searched log-uniformly; on a linear axis a few large values
/// dominate Pearson's r, box volumes and grids. A param is taken as log-scaled when its values are all
/// positive, span at least two decades (max/min ≥ 100), and sit evenly on the log axis rather than
/// the linear one: the median lies nearer (in log terms) the geometric midpoint √(min·max) than the
/// arithmetic midpoint (min+max)/2. The last condition keeps a uniform(0, 1) param whose smallest
/// draw is 0.003 on its linear scale.
public enum LogScale {
    /// The max/min ratio from which a positive param may be taken as log-scaled.
    public static let minimumRatio = 100.0

    /// Whether `values` (non-finite ones ignored) should be analysed on log10 scale.
    public static func applies(to values: [Double]) -> Bool {
        var finite: [Double] = []
        finite.reserveCapacity(values.count)
        for v in values where v.isFinite {
            guard v > 0 else { return false }
            finite.append(v)
        }
        guard let lo = finite.min(), let hi = finite.max(), hi / lo >= minimumRatio else { return false }
        let median = Statistics.median(reordering: &finite)
        let logMedian = log10(median)
        let geometric = (log10(lo) + log10(hi)) / 2
        // Halved before adding, so values near the largest Double do not overflow to inf (exact otherwise).
        let arithmetic = log10(lo / 2 + hi / 2)
        return abs(logMedian - geometric) < abs(logMedian - arithmetic)
    }

    /// `values` mapped to log10.
    public static func transform(_ values: [Double]) -> [Double] { values.map { log10($0) } }
}
