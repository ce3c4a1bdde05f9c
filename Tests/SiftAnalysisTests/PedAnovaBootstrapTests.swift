import Foundation
import SiftCore
import Testing
@testable import SiftAnalysis

/// A study of `n` runs: `x` decides the metric (plus `coupling` × `y` and a little noise), `a` and `b` are
/// pure noise, `opt` a categorical with no effect. All drawn from `seed`.
private func synthetic(n: Int, coupling: Double = 0, seed: UInt64 = 7) throws -> RunTable {
    var rng = Xoshiro256(seed: seed, stream: 99)
    var x: [FixtureCell] = [], y: [FixtureCell] = [], a: [FixtureCell] = [], b: [FixtureCell] = []
    var opt: [FixtureCell] = [], m: [FixtureCell] = []
    for _ in 0..<n {
        let (xv, yv) = (rng.nextUnit(), rng.nextUnit())
        x.append(.number(xv))
        y.append(.number(yv))
        a.append(.number(rng.nextUnit()))
        b.append(.number(rng.nextUnit()))
        opt.append(.string(["adam", "sgd", "rmsprop"][rng.nextInt(below: 3)]))
        m.append(.number(xv + coupling * yv + 0.05 * rng.nextUnit()))
    }
    return try Fixtures.table([("x", x), ("y", y), ("a", a), ("b", b), ("opt", opt), ("loss", m)], metrics: ["loss"])
}

private func panel(_ table: RunTable, seed: UInt64 = 0, threads: Int = 0) throws -> ImportancePanel {
    let request = ImportanceRequest(metric: "loss", method: .pedanova, seed: seed, threads: threads, goal: .minimize)
    return try Analysis.importance(table: table, rows: Array(0..<table.rowCount), params: ["x", "y", "a", "b", "opt"],
                                   request: request)
}

@Suite struct PedAnovaBootstrapTests {
    /// The bootstrap leaves the point estimate exactly PED-ANOVA's; each interval contains it.
    @Test func intervalsContainThePointEstimate() throws {
        for study in try OptunaStudyFixture.load() {
            let table = try study.table
            let request = ImportanceRequest(metric: "value", method: .pedanova, goal: study.goalValue)
            let rows = Array(0..<table.rowCount)
            let p = try Analysis.importance(table: table, rows: rows, params: study.params, request: request)
            let plain = try PedAnova.importances(table: table, rows: rows, params: study.params, metric: "value",
                                                 goal: study.goalValue)
            for row in p.params {
                let i = try #require(plain.params.firstIndex(of: row.name))
                #expect(row.importance == plain.normalized[i], "\(study.name) \(row.name)")
                #expect(row.importanceLow <= row.importance && row.importance <= row.importanceHigh,
                        "\(study.name) \(row.name) \(row.importanceLow) \(row.importance) \(row.importanceHigh)")
            }
            #expect(p.params.contains { $0.importanceHigh > $0.importanceLow }, "\(study.name): no interval has width")
            #expect(p.noiseImportance != nil && p.noiseImportanceHigh != nil)
        }
    }

    /// More runs, narrower intervals: the summed interval width at 1,600 runs is under that at 200.
    @Test func intervalsShrinkAsRunsGrow() throws {
        func width(_ n: Int) throws -> Double {
            try panel(synthetic(n: n, coupling: 0.5)).params.reduce(0) { $0 + $1.importanceHigh - $1.importanceLow }
        }
        let small = try width(200), large = try width(1600)
        #expect(large < 0.6 * small, "width at 1600 runs \(large), at 200 runs \(small)")
    }

    /// Same seed ⇒ the same panel on 1 or 2 threads and on every call; another seed moves the intervals.
    @Test func deterministicAcrossThreadsAndCalls() throws {
        let table = try synthetic(n: 300, coupling: 0.5)
        let one = try panel(table, threads: 1), two = try panel(table, threads: 2), again = try panel(table, threads: 2)
        for p in [two, again] {
            #expect(p.params.map(\.importanceLow) == one.params.map(\.importanceLow))
            #expect(p.params.map(\.importanceHigh) == one.params.map(\.importanceHigh))
            #expect(p.params.map(\.belowNoise) == one.params.map(\.belowNoise))
            #expect(p.noiseImportance == one.noiseImportance && p.noiseImportanceHigh == one.noiseImportanceHigh)
        }
        let other = try panel(table, seed: 1)
        #expect(other.params.map(\.importance) == one.params.map(\.importance))
        #expect(other.params.map(\.importanceHigh) != one.params.map(\.importanceHigh))
    }

    /// Known answer: `x` alone decides the top 10%; the noise params and the inert categorical fall under
    /// the noise baseline, `x` clears it.
    @Test func noiseParamsFallUnderTheBaseline() throws {
        for (n, seed) in [(400, UInt64(3)), (1000, 11)] {
            let p = try panel(synthetic(n: n, seed: seed))
            let byName = Dictionary(uniqueKeysWithValues: p.params.map { ($0.name, $0) })
            #expect(byName["x"]?.belowNoise == false, "n=\(n)")
            let baseline = p.noiseImportanceHigh ?? .nan
            for name in ["y", "a", "b", "opt"] {
                let importance = byName[name]?.importance ?? .nan
                #expect(byName[name]?.belowNoise == true, "n=\(n) \(name) \(importance) vs noise \(baseline)")
            }
            let x = try #require(byName["x"])
            #expect(x.importanceLow > (p.noiseImportanceHigh ?? 1))
        }
    }

    /// Runs repeating a config over seeds are drawn together, and the panel says so.
    @Test func replicatedConfigsAreDrawnTogether() throws {
        var cells: [(String, [FixtureCell])] = [("x", []), ("seed", []), ("loss", [])]
        var rng = Xoshiro256(seed: 5, stream: 0)
        for c in 0..<60 {
            let x = Double(c) / 60
            for s in 0..<3 {
                cells[0].1.append(.number(x))
                cells[1].1.append(.number(Double(s)))
                cells[2].1.append(.number(x + 0.01 * rng.nextUnit()))
            }
        }
        let table = try Fixtures.table(cells, metrics: ["loss"])
        let target = try MetricTarget(table: table, rows: Array(0..<table.rowCount), metric: "loss")
        let groups = try #require(PedAnovaBootstrap.replicateGroups(table: table, target: target, params: ["x", "seed"]))
        #expect(groups.count == 60 && groups.allSatisfy { $0.count == 3 })
        let request = ImportanceRequest(metric: "loss", method: .pedanova, goal: .minimize)
        let p = try Analysis.importance(table: table, rows: Array(0..<table.rowCount), params: ["x", "seed"],
                                        request: request)
        #expect(p.warnings.contains { $0.contains("whole configs") })
    }

    /// The bootstrap reports progress as "pedanova" up to 1, and a raised token stops it with `Cancelled`.
    @Test func bootstrapReportsProgressAndStopsWhenCancelled() throws {
        let table = try synthetic(n: 300)
        let request = ImportanceRequest(metric: "loss", method: .pedanova, goal: .minimize)
        let rows = Array(0..<table.rowCount), params = ["x", "y", "a", "b", "opt"]
        let last = Locked<Double>(0)
        _ = try Analysis.importance(table: table, rows: rows, params: params, request: request,
                                    progress: ProgressSink { label, fraction in
                                        if label == "pedanova" { last.withLock { $0 = max($0, fraction) } }
                                    })
        #expect(last.withLock { $0 } == 1)
        let token = CancellationToken()
        token.cancel()
        #expect(throws: Cancelled.self) {
            try Analysis.importance(table: table, rows: rows, params: params, request: request, cancellation: token)
        }
    }

    /// A constant metric has nothing to explain: no bootstrap, no baseline, no crash.
    @Test func constantMetricHasNoBaseline() throws {
        let t = try Fixtures.table([("x", (0..<20).map { FixtureCell.number(Double($0)) }),
                                    ("loss", Array(repeating: FixtureCell.number(1), count: 20))], metrics: ["loss"])
        let p = try Analysis.importance(table: t, rows: Array(0..<20), params: ["x"],
                                        request: ImportanceRequest(metric: "loss", method: .pedanova))
        #expect(p.noiseImportance == nil && p.params.allSatisfy { !$0.belowNoise })
        #expect(p.warnings.contains { $0.hasPrefix("\"loss\" is constant (1.0) over the 20 runs") }, "\(p.warnings)")
    }
}
