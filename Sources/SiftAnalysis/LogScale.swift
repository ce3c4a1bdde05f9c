import Foundation

/// When a numeric param is analysed on log10 scale.
///
/// Learning rates and weight decays are searched log-uniformly; on a linear axis a few large values
/// dominate Pearson's r and tree splits' box volumes. A param whose values are all positive and span
/// at least two decades (max/min ≥ 100) is analysed as log10(value).
public enum LogScale {
    /// The max/min ratio from which a positive param is taken as log-scaled.
    public static let minimumRatio = 100.0

    /// Whether positive `values` spanning two decades or more should be analysed on log10 scale.
    public static func applies(to values: [Double]) -> Bool {
        var lo = Double.infinity, hi = -Double.infinity
        for v in values where v.isFinite {
            guard v > 0 else { return false }
            lo = min(lo, v)
            hi = max(hi, v)
        }
        guard lo.isFinite, hi.isFinite else { return false }
        return hi / lo >= minimumRatio
    }

    /// `values` mapped to log10.
    public static func transform(_ values: [Double]) -> [Double] { values.map { log10($0) } }
}
