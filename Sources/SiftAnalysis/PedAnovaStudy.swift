import Foundation
import SiftCore

/// A study ready for PED-ANOVA: each run's loss and, per param, its grid and each run's grid cell.
///
/// Grids are fixed once from all runs, so the point estimate and every bootstrap replicate
/// (`PedAnovaBootstrap`) compare densities on the same domain; `raw(sample:)` recomputes the importances
/// over any multiset of runs in O(runs × params + params × grid²).
struct PedAnovaStudy: Sendable {
    /// One param (or noise column): its grid, nil when it takes a single value, and per run its cell
    /// (−1 when missing or not finite).
    struct Param: Sendable {
        var name: String
        var grid: PedAnovaParzen.Grid?
        var cells: [Int32]
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
    var options: PedAnova.Options

    /// The study of `params` over `target`'s runs of `table`; `sign` is −1 when higher is better.
    init(table: RunTable, target: MetricTarget, params: [String], sign: Double,
         options: PedAnova.Options) throws(AnalysisError) {
        self.options = options
        losses = target.values.map { sign * $0 }
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

    /// Raw PED-ANOVA importance of every param over the runs `sample` (indexes into `losses`; repeats count
    /// as separate runs), as `PedAnova.importances` defines it.
    func raw(sample: [Int]) -> Raw {
        let sampleLosses = sample.map { losses[$0] }
        let top = PedAnova.topQuantile(sampleLosses, options.targetQuantile)
        let region = options.regionQuantile >= 1 ? Array(sample.indices)
            : PedAnova.topQuantile(sampleLosses, options.regionQuantile)
        var inTop = [Bool](repeating: false, count: sample.count)
        for i in top { inTop[i] = true }
        let ratio = top.isEmpty || region.isEmpty ? 0 : Double(top.count) / Double(region.count)
        var raw: [Double] = []
        var tooRare: [String] = []
        raw.reserveCapacity(params.count)
        for param in params {
            var value = 0.0
            var present = 0, presentTop = 0
            var countsTop: [Int] = [], countsRegion: [Int] = []
            if let grid = param.grid {
                countsTop = Array(repeating: 0, count: grid.size)
                countsRegion = countsTop
            }
            for i in region {
                let cell = Int(param.cells[sample[i]])
                guard cell >= 0 else { continue }
                present += 1
                if param.grid != nil { countsRegion[cell] += 1 }
                if inTop[i] {
                    presentTop += 1
                    if param.grid != nil { countsTop[cell] += 1 }
                }
            }
            if present >= options.minRunsInRegime, presentTop > 0, let grid = param.grid {
                let pdfTop = PedAnovaParzen.density(counts: countsTop, grid: grid, priorWeight: options.priorWeight)
                let pdfLocal = options.evaluateOnLocal
                    ? PedAnovaParzen.density(counts: countsRegion, grid: grid, priorWeight: options.priorWeight)
                    : Array(repeating: 1 / Double(grid.size), count: grid.size)
                let alpha = Double(presentTop) / Double(top.count)
                let beta = Double(present) / Double(region.count)
                value = alpha * alpha / beta * PedAnovaParzen.pearsonDivergence(top: pdfTop, local: pdfLocal)
            } else if present > 0 && present < options.minRunsInRegime {
                tooRare.append(param.name)
            }
            raw.append(value * ratio * ratio)
        }
        return Raw(raw: raw, targetRuns: top.count, regionRuns: region.count, tooRare: tooRare)
    }
}
