/// Per-tree scores of a set of columns (params or noise columns) summarised across trees.
///
/// The interval is mean ± 1.96 standard errors across trees (the normal interval of the forest's
/// average), clipped at 0: it says how much the reported number would move with another forest of
/// the same size, not how much one tree varies.
struct ImportanceSummary: Sendable {
    /// Mean over trees per column.
    var mean: [Double]
    /// Lower and upper ends of the interval per column.
    var low: [Double]
    var high: [Double]

    /// Summarises `perTree[t][j]` (tree t, column j) over `columns` columns.
    init(perTree: [[Double]], columns: Int) {
        let t = Double(perTree.count)
        var mean = [Double](repeating: 0, count: columns)
        var low = mean, high = mean
        if !perTree.isEmpty {
            for j in 0..<columns {
                var s = 0.0
                for row in perTree { s += row[j] }
                let m = s / t
                var ss = 0.0
                for row in perTree { ss += (row[j] - m) * (row[j] - m) }
                let se = perTree.count > 1 ? (ss / (t - 1)).squareRoot() / t.squareRoot() : 0
                mean[j] = m
                low[j] = m - 1.96 * se
                high[j] = m + 1.96 * se
            }
        }
        self.mean = mean
        self.low = low
        self.high = high
    }

    /// Everything multiplied by `factor`.
    func scaled(by factor: Double) -> ImportanceSummary {
        var s = self
        s.mean = mean.map { $0 * factor }
        s.low = low.map { $0 * factor }
        s.high = high.map { $0 * factor }
        return s
    }
}
