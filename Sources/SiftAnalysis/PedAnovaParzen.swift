import Foundation

/// The one-dimensional Parzen estimators PED-ANOVA compares, built on a grid of a param's domain.
///
/// Follows Watanabe et al., "PED-ANOVA: Efficiently Quantifying Hyperparameter Importance in
/// Arbitrary Subspaces" (IJCAI 2023) as Optuna's `PedAnovaImportanceEvaluator` realises it: a
/// numeric domain is cut into `steps` grid points (fewer for small integer ranges), each run counts
/// at its nearest grid point, and the density is a mixture of discretised truncated Gaussians (one
/// per occupied grid point, weighted by its count, bandwidth by Scott's rule) plus a wide prior
/// kernel. A categorical domain uses one kernel per observed category plus a uniform prior.
enum PedAnovaParzen {
    /// How a param's values become grid cells.
    enum Grid: Sendable {
        /// `size` equally spaced points from `low` to `high` (values already log-transformed if needed).
        case numeric(low: Double, high: Double, size: Int)
        /// One cell per category.
        case categorical(size: Int)

        /// The number of grid cells.
        var size: Int {
            switch self {
            case .numeric(_, _, let size), .categorical(let size): return size
            }
        }

        /// The grid point nearest `value` (midpoint ties go to the lower point, as Optuna), or the
        /// category index itself.
        func cell(_ value: Double) -> Int {
            switch self {
            case .categorical(let size):
                return Swift.min(Swift.max(Int(value), 0), size - 1)
            case .numeric(let low, let high, let size):
                let step = (high - low) / Double(size - 1)
                // A domain wider than the largest Double (say -1e308 to 1e308) is measured in halves.
                let position = step.isFinite ? (value - low) / step
                    : (value / 2 - low / 2) / ((high / 2 - low / 2) / Double(size - 1))
                let index = (position - 0.5).rounded(.up)
                // Clamped as a Double first, so no value converts out of `Int`'s range.
                return index.isNaN ? 0 : Int(Swift.min(Swift.max(index, 0), Double(size - 1)))
            }
        }
    }

    /// Counts per grid cell of `values`.
    static func counts(_ values: [Double], grid: Grid) -> [Int] {
        var counts = Array(repeating: 0, count: grid.size)
        for v in values { counts[grid.cell(v)] += 1 }
        return counts
    }

    /// The prior kernel's probability of each cell of a numeric grid of `size` points: a Gaussian centred on
    /// the domain with σ = its width, truncated to it. The same for every density on that grid.
    static func priorKernel(size: Int) -> [Double] {
        let high = Double(size - 1)
        let (mu, sigma) = (high / 2, high + 1)
        let norm = SpecialFunctions.normalMass((-0.5 - mu) / sigma, (high + 0.5 - mu) / sigma)
        guard norm > 0 else { return Array(repeating: 0, count: size) }
        return (0..<size).map { x in
            SpecialFunctions.normalMass((Double(x) - 0.5 - mu) / sigma, (Double(x) + 0.5 - mu) / sigma) / norm
        }
    }

    /// The estimator's probability of each grid cell, from the cell counts of the runs; `prior` is
    /// `priorKernel(size:)` of a numeric grid when the caller has it at hand.
    static func density(counts: [Int], grid: Grid, priorWeight: Double, prior: [Double]? = nil) -> [Double] {
        let observed = counts.indices.filter { counts[$0] > 0 }
        let size = grid.size
        guard !observed.isEmpty else { return Array(repeating: 1 / Double(size), count: size) }
        let total = Double(counts.reduce(0, +)) + priorWeight
        let weights = observed.map { Double(counts[$0]) / total }
        let priorShare = priorWeight / total
        switch grid {
        case .categorical:
            // Kernel i puts 1 + prior/k on its category and prior/k on every other (k = kernels),
            // normalised per kernel; the prior kernel is uniform.
            let kernels = Double(observed.count + 1)
            let base = priorWeight / kernels
            let rowSum = 1 + base * Double(size)
            var pdf = Array(repeating: priorShare / Double(size), count: size)
            for (k, c) in observed.enumerated() {
                for x in 0..<size { pdf[x] += weights[k] * base / rowSum }
                pdf[c] += weights[k] / rowSum
            }
            return pdf
        case .numeric:
            let sigma = scottBandwidth(cells: observed, counts: observed.map { counts[$0] })
            var pdf = Array(repeating: 0.0, count: size)
            // Every data kernel sits on a grid point with the same σ, so all its masses (and its truncation
            // norm) are differences of the normal tail at positive half-integers over σ: one table of `size`
            // tails serves all kernels. Each difference is taken as `SpecialFunctions.normalMass` takes it
            // (on the side where it does not cancel), from the same arguments, so the numbers are unchanged.
            var tail = [Double](repeating: 0, count: size)
            for j in 0..<size { tail[j] = SpecialFunctions.normalSurvival((Double(j) + 0.5) / sigma) }
            var massAt = [Double](repeating: 0, count: 2 * size - 1)
            massAt[size - 1] = 1 - tail[0] - tail[0]
            for d in 1..<size {
                massAt[size - 1 + d] = tail[d - 1] - tail[d]
                massAt[size - 1 - d] = tail[d - 1] - tail[d]
            }
            massAt.withUnsafeBufferPointer { table in
                pdf.withUnsafeMutableBufferPointer { out in
                    for (k, c) in observed.enumerated() {
                        let norm = 1 - tail[size - 1 - c] - tail[c]
                        guard norm > 0 else { continue }
                        let scale = weights[k] / norm
                        let shift = size - 1 - c
                        for x in 0..<size { out[x] += scale * table[x + shift] }
                    }
                }
            }
            let priorMass = prior ?? priorKernel(size: size)
            for x in 0..<size { pdf[x] += priorShare * priorMass[x] }
            return pdf
        }
    }

    /// Scott's rule bandwidth on grid cells with counts, as Optuna's `ScottParzenEstimator`:
    /// 1.059 · min(IQR/1.34, σ̂) · W^(−1/5), floored at 0.5/1.64 so a kernel spans its own cell
    /// (Scott, Multivariate Density Estimation, 1992).
    static func scottBandwidth(cells: [Int], counts: [Int]) -> Double {
        let x = cells.map(Double.init), w = counts.map(Double.init)
        let total = counts.reduce(0, +)
        let sum = Double(total)
        var mean = 0.0
        for i in x.indices { mean += x[i] * w[i] }
        mean /= sum
        var ss = 0.0
        for i in x.indices { ss += (x[i] - mean) * (x[i] - mean) * w[i] }
        let sd = (ss / Swift.max(1, sum - 1)).squareRoot()
        var cumulative: [Int] = []
        var running = 0
        for c in counts {
            running += c
            cumulative.append(running)
        }
        // numpy searchsorted: left finds the first cum ≥ v, right the first cum > v.
        let q1 = cumulative.firstIndex { $0 >= total / 4 } ?? cumulative.count
        let q3 = cumulative.firstIndex { $0 > total * 3 / 4 } ?? cumulative.count
        let iqr = x[Swift.min(x.count - 1, q3)] - x[Swift.min(x.count - 1, q1)]
        let estimate = 1.059 * Swift.min(iqr / 1.34, sd) * pow(sum, -0.2)
        return Swift.max(estimate, 0.5 / 1.64)
    }

    /// Pearson χ² divergence Σ local·(top/local − 1)² between two grid densities (1e-12 added to both,
    /// as Optuna does).
    static func pearsonDivergence(top: [Double], local: [Double]) -> Double {
        var d = 0.0
        for i in top.indices {
            let t = top[i] + 1e-12, l = local[i] + 1e-12
            d += l * (t / l - 1) * (t / l - 1)
        }
        return d
    }
}
