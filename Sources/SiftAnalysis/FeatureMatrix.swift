import SiftCore

/// The forest's input: a column-major matrix of features (NaN = missing) and the target.
///
/// Numeric and boolean params are numbers (booleans 0/1); a categorical param is either one column of
/// category codes (native splits) or one 0/1 column per value (one-hot). Rows are the runs whose metric is
/// a finite number, in view order.
public struct FeatureMatrix: Sendable {
    /// What each column is.
    public var schema: FeatureSchema
    /// Rows (runs used).
    public var rowCount: Int
    /// Column-major values: feature `f` of row `r` is `values[f * rowCount + r]`.
    public var values: [Double]
    /// The metric per row.
    public var target: [Double]
    /// For each row, its index in the `RunTable`.
    public var tableRows: [Int]
    /// Runs left out, by reason.
    public var dropped: [DroppedRuns]

    /// Makes a matrix from parts; `values` must hold `schema.count * target.count` cells.
    public init(schema: FeatureSchema, values: [Double], target: [Double], tableRows: [Int]? = nil,
                dropped: [DroppedRuns] = []) {
        precondition(values.count == schema.count * target.count, "values must be features × rows")
        self.schema = schema
        self.rowCount = target.count
        self.values = values
        self.target = target
        self.tableRows = tableRows ?? Array(0..<target.count)
        self.dropped = dropped
    }

    /// The number of features.
    public var featureCount: Int { schema.count }

    /// Feature `f` of row `r`.
    @inline(__always)
    public func value(row r: Int, feature f: Int) -> Double { values[f * rowCount + r] }

    /// Feature `f` as an array.
    public func column(_ f: Int) -> ArraySlice<Double> { values[f * rowCount ..< (f + 1) * rowCount] }

    /// Rescales a target whose size the forest cannot work with, and leaves every other target alone.
    ///
    /// A node counts as pure when its variance is at most `Double.ulpOfOne` (as scikit-learn's trees), so
    /// a metric that varies by less than about 1e-6 (say 1e-9-sized values) is never split and every
    /// importance reads 0; and node variances square the target, so a metric near ±1e300 overflows and every
    /// importance reads NaN. Such a target is mapped to [0, 1] (less than 1e-6 of spread) or divided by its
    /// largest magnitude (beyond ±1e100). Importances, variance shares and R² do not depend on the target's
    /// offset or scale, so the panel is the one the forest would give at an ordinary size.
    public mutating func normalizeTargetScale() {
        guard let lo = target.min(), let hi = target.max() else { return }
        let largest = Swift.max(abs(lo), abs(hi))
        if largest > 1e100 && largest.isFinite {
            target = target.map { $0 / largest }
        } else if hi > lo && hi - lo < 1e-6 {
            let range = hi - lo
            target = target.map { ($0 - lo) / range }
        }
    }

    /// Appends `count` pure-noise columns (uniform in [0, 1), never missing) drawn from `seed`.
    ///
    /// A continuous noise column is the strongest spurious competitor for impurity importance (it offers
    /// the most split points), so the importance it reaches is a conservative noise baseline.
    public mutating func appendNoise(count: Int, seed: UInt64) {
        var rng = Xoshiro256(seed: seed, stream: 0x6E6F_6973_65)
        for k in 0..<count {
            values.reserveCapacity(values.count + rowCount)
            for _ in 0..<rowCount { values.append(rng.nextUnit()) }
            schema.features.append(.init(name: "noise#\(k + 1)", kind: .numeric(min: 0, max: 1), param: -1))
        }
    }
}
