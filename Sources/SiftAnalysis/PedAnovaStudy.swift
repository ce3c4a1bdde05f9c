import Foundation
import SiftCore

/// A study ready for PED-ANOVA: each run's loss and, per param, its grid and each run's grid cell.
///
/// Grids are fixed once from all runs, so the point estimate and every bootstrap replicate
/// (`PedAnovaBootstrap`) compare densities on the same domain; `raw(weights:)` recomputes the importances
/// over any multiset of runs in O(runs × params + params × grid²).
struct PedAnovaStudy: Sendable {
    /// One param (or noise column): its grid, nil when it takes a single value, and per run its cell
    /// (−1 when missing or not finite).
    struct Param: Sendable {
        var name: String
        var grid: PedAnovaParzen.Grid?
        var cells: [Int32]
        /// The prior kernel of a numeric grid (`PedAnovaParzen.priorKernel`), computed once.
        var prior: [Double]?

        init(name: String, grid: PedAnovaParzen.Grid?, cells: [Int32]) {
            self.name = name
            self.grid = grid
            self.cells = cells
            if case .numeric(_, _, let size)? = grid { prior = PedAnovaParzen.priorKernel(size: size) }
        }
    }

    /// Raw importances over a sample, with the sizes of its top quantile and region.
    struct Raw: Sendable {
        var raw: [Double]
        var targetRuns: Int
        var regionRuns: Int
        /// Params set in some but fewer than `minRunsInRegime` runs of the region.
        var tooRare: [String]
    }

    var params: [Param]
    /// Signed metric per run (lower is better).
    var losses: [Double]
    /// Runs ordered by loss (ties in run order).
    var byLoss: [Int]
    var options: PedAnova.Options

    /// The study of `params` over `target`'s runs of `table`; `sign` is −1 when higher is better.
    init(table: RunTable, target: MetricTarget, params: [String], sign: Double,
         options: PedAnova.Options) throws(AnalysisError) {
        self.options = options
        let losses = target.values.map { sign * $0 }
        self.losses = losses
        byLoss = losses.indices.sorted { losses[$0] != losses[$1] ? losses[$0] < losses[$1] : $0 < $1 }
        var prepared: [Param] = []
        for name in params {
            let column = try PedAnova.column(table, name)
            let grid = PedAnova.grid(column, rows: target.rows, options: options)
            let cells = target.rows.map { r -> Int32 in
                guard let v = PedAnova.cellValue(column, r) else { return -1 }
                guard let grid else { return 0 }
                return Int32(grid.grid.cell(grid.log ? Foundation.log(v) : v))
            }
            prepared.append(Param(name: name, grid: grid?.grid, cells: cells))
        }
        self.params = prepared
    }

    /// Appends `count` pure-noise columns, uniform on [0, 1) and never missing, drawn from `seed`; each is
    /// gridded as a numeric param spanning its observed range.
    mutating func appendNoise(count: Int, seed: UInt64) {
        let n = losses.count
        for k in 0..<count {
            var rng = Xoshiro256(seed: seed, stream: UInt64(k))
            let values = (0..<n).map { _ in rng.nextUnit() }
            guard let lo = values.min(), let hi = values.max(), hi > lo else {
                params.append(Param(name: "noise\(k + 1)", grid: nil, cells: Array(repeating: 0, count: n)))
                continue
            }
            let grid = PedAnovaParzen.Grid.numeric(low: lo, high: hi, size: Swift.max(options.steps, 2))
            params.append(Param(name: "noise\(k + 1)", grid: grid, cells: values.map { Int32(grid.cell($0)) }))
        }
    }

    /// The loss of the ⌈q·m⌉-th best draw when run r is drawn `weights[r]` times (m draws in all): the top
    /// quantile is every draw with a loss at most this (ties all kept), as `PedAnova.topQuantile`.
    func cutoff(_ q: Double, weights: [Int], draws: Int) -> Double {
        let k = Swift.max(Int((q * Double(draws)).rounded(.up)), 1)
        var seen = 0
        for r in byLoss {
            seen += weights[r]
            if seen >= k { return losses[r] }
        }
        return .infinity
    }

    /// Raw PED-ANOVA importance of every param when run r is drawn `weights[r]` times.
    func raw(weights: [Int]) -> Raw {
        let n = losses.count
        let draws = weights.reduce(0, +)
        let topCut = cutoff(options.targetQuantile, weights: weights, draws: draws)
        let regionCut = options.regionQuantile >= 1 ? Double.infinity
            : cutoff(options.regionQuantile, weights: weights, draws: draws)
        // Per run: how many draws are in the region, and how many of those in the top (0 when not drawn).
        var inRegion = [Int](repeating: 0, count: n), inTop = [Int](repeating: 0, count: n)
        var topRuns = 0, regionRuns = 0
        for r in 0..<n where weights[r] > 0 && losses[r] <= regionCut {
            inRegion[r] = weights[r]
            regionRuns += weights[r]
            if losses[r] <= topCut {
                inTop[r] = weights[r]
                topRuns += weights[r]
            }
        }
        let ratio = topRuns == 0 || regionRuns == 0 ? 0 : Double(topRuns) / Double(regionRuns)
        var raw: [Double] = []
        var tooRare: [String] = []
        raw.reserveCapacity(params.count)
        for param in params {
            var value = 0.0
            var present = 0, presentTop = 0
            let size = param.grid?.size ?? 1
            var countsTop = [Int](repeating: 0, count: size), countsRegion = countsTop
            param.cells.withUnsafeBufferPointer { cells in
                countsTop.withUnsafeMutableBufferPointer { top in
                    countsRegion.withUnsafeMutableBufferPointer { region in
                        for r in 0..<n where inRegion[r] > 0 {
                            let cell = Int(cells[r])
                            guard cell >= 0 else { continue }
                            present += inRegion[r]
                            region[cell] += inRegion[r]
                            presentTop += inTop[r]
                            top[cell] += inTop[r]
                        }
                    }
                }
            }
            if present >= options.minRunsInRegime, presentTop > 0, let grid = param.grid {
                let pdfTop = PedAnovaParzen.density(counts: countsTop, grid: grid, priorWeight: options.priorWeight,
                                                    prior: param.prior)
                let pdfLocal = options.evaluateOnLocal
                    ? PedAnovaParzen.density(counts: countsRegion, grid: grid, priorWeight: options.priorWeight,
                                             prior: param.prior)
                    : Array(repeating: 1 / Double(grid.size), count: grid.size)
                let alpha = Double(presentTop) / Double(topRuns)
                let beta = Double(present) / Double(regionRuns)
                value = alpha * alpha / beta * PedAnovaParzen.pearsonDivergence(top: pdfTop, local: pdfLocal)
            } else if present > 0 && present < options.minRunsInRegime {
                tooRare.append(param.name)
            }
            raw.append(value * ratio * ratio)
        }
        return Raw(raw: raw, targetRuns: topRuns, regionRuns: regionRuns, tooRare: tooRare)
    }
}
