import SiftCore
import Testing
@testable import SiftAnalysis

/// Replicate groups (runs repeating a config over seeds) and the config-aware bootstrap.
@Suite struct ReplicateTests {
    @Test(arguments: [
        ("seed", true), ("Seed", true), ("random_seed", true), ("randomSeed", true), ("data_seed2", true),
        ("model.seed", true), ("rng", true), ("rng_key", true), ("random_state", true), ("RandomState", true),
        ("seedling", false), ("speed", false), ("state", false), ("random", false), ("learning_rate", false),
    ])
    func seedLikeNames(_ name: String, _ expected: Bool) {
        #expect(ReplicateGroups.isSeedLike(name) == expected, "\(name)")
    }

    /// A matrix of numeric params from rows of values (NaN = missing).
    static func matrix(_ params: [String], _ rows: [[Double]]) -> FeatureMatrix {
        let features = params.enumerated().map {
            FeatureSchema.Feature(name: $1, kind: .numeric(min: 0, max: 1), param: $0)
        }
        let values = params.indices.flatMap { f in rows.map { $0[f] } }
        return FeatureMatrix(schema: FeatureSchema(features: features, params: params), values: values,
                             target: rows.indices.map(Double.init))
    }

    @Test func groupsIgnoreSeedLikeParamsAndMatchMissingWithMissing() {
        let m = Self.matrix(["lr", "momentum", "seed"], [
            [0.1, .nan, 0], [0.1, .nan, 1], [0.2, 0.9, 0], [0.1, 0.9, 0], [0.2, 0.9, 1], [0.1, 0.9, 2], [-0.0, 1, 0],
            [0, 1, 1],
        ])
        let g = ReplicateGroups.detect(m)
        #expect(g.members == [[0, 1], [2, 4], [3, 5], [6, 7]])
        #expect(g.seedParams == ["seed"] && g.hasReplicates && g.largestGroup == 2)
        #expect(g.note(metricRuns: 8)?.contains("the 8 runs are 4 configs repeated over \"seed\"") == true)
    }

    @Test func distinctConfigsHaveNoReplicatesAndNoNote() {
        let g = ReplicateGroups.detect(Self.matrix(["lr", "seed"], [[0.1, 0], [0.2, 0], [0.3, 1]]))
        #expect(!g.hasReplicates && g.members.count == 3)
        #expect(g.note(metricRuns: 3) == nil)
    }

    @Test func exactDuplicatesAreReplicatesWithoutASeedParam() {
        let g = ReplicateGroups.detect(Self.matrix(["lr"], [[0.1], [0.2], [0.1]]))
        #expect(g.members == [[0, 2], [1]] && g.seedParams.isEmpty)
        #expect(g.note(metricRuns: 3)?.contains("2 configs repeated (up to 2 runs each)") == true)
    }

    // MARK: - The bootstrap

    /// A sweep of `configs` configs × `seeds` seeds: x0, x1, x2 uniform; the metric is 2·x0 plus a config
    /// effect no param explains (uniform ±0.5, shared by the config's runs) plus a little seed noise.
    /// A forest can learn the 2·x0 part for a new config but not the config effect, so the R² on unseen
    /// configs is at most var(2·x0) / (var(2·x0) + var(effect)) = (1/3) / (1/3 + 1/12) = 0.8.
    static func sweep(configs: Int = 100, seeds: Int = 3) throws -> RunTable {
        var rng = Xoshiro256(seed: 42)
        var x: [[Value]] = [[], [], []], seed: [Value] = [], metric: [Value] = []
        for _ in 0..<configs {
            let c = (0..<3).map { _ in rng.nextUnit() }
            let effect = rng.nextUnit() - 0.5
            for s in 0..<seeds {
                for k in 0..<3 { x[k].append(.number(c[k])) }
                seed.append(.number(Double(s)))
                metric.append(.number(2 * c[0] + effect + 0.05 * (2 * rng.nextUnit() - 1)))
            }
        }
        return try RunTable(columns: [
            Column(name: "x0", role: .param, values: x[0]), Column(name: "x1", role: .param, values: x[1]),
            Column(name: "x2", role: .param, values: x[2]), Column(name: "seed", role: .param, values: seed),
            Column(name: "m", role: .metric, values: metric),
        ], rowCount: configs * seeds, source: "test")
    }

    static let params = ["x0", "x1", "x2", "seed"]

    /// R² of a forest on configs it was not fitted on: 5 folds of whole configs, pooled predictions.
    static func heldOutConfigR2(_ table: RunTable, seeds: Int = 3, trees: Int) throws -> Double {
        let n = table.rowCount
        var ys: [Double] = [], ps: [Double] = []
        for fold in 0..<5 {
            let test = (0..<n).filter { ($0 / seeds) % 5 == fold }
            let train = (0..<n).filter { ($0 / seeds) % 5 != fold }
            let fitted = try Encoding.encode(table: table, rows: train, params: params, metric: "m")
            let forest = try RandomForest.fit(fitted, options: ForestOptions(trees: trees, seed: 1))
            let held = try Encoding.encode(table: table, rows: test, params: params, metric: "m")
            for r in 0..<held.rowCount {
                ys.append(held.target[r])
                ps.append(forest.predict { held.value(row: r, feature: $0) })
            }
        }
        return try #require(RandomForest.rSquared(ys, ps))
    }

    @Test func outOfBagR2OfASweepWithSeedsMatchesTheR2OnUnseenConfigs() throws {
        let table = try Self.sweep()
        let matrix = try Encoding.encode(table: table, rows: Array(0..<table.rowCount), params: Self.params,
                                         metric: "m")
        let groups = ReplicateGroups.detect(matrix)
        #expect(groups.members.count == 100 && groups.largestGroup == 3)
        let byRun = try #require(try RandomForest.fit(matrix, options: ForestOptions(trees: 60, seed: 1)).oobR2)
        let byConfig = try #require(try RandomForest.fit(matrix, options: ForestOptions(
            trees: 60, seed: 1, bootstrapGroups: groups.members)).oobR2)
        let heldOut = try Self.heldOutConfigR2(table, trees: 60)
        // Drawing runs, an out-of-bag run's seed siblings are in the bag and give away its config effect.
        #expect(byRun > heldOut + 0.3, "OOB R² by run \(byRun) vs held-out configs \(heldOut)")
        #expect(abs(byConfig - heldOut) < 0.1, "OOB R² by config \(byConfig) vs held-out configs \(heldOut)")
        #expect(byConfig < 0.8)
    }

    @Test(arguments: [ImportanceMethod.forest, .permutation, .fanova])
    func panelDrawsConfigsAndSaysSo(_ method: ImportanceMethod) throws {
        let table = try Self.sweep()
        let panel = try Analysis.importance(table: table, rows: Array(0..<table.rowCount), params: Self.params,
                                            request: ImportanceRequest(metric: "m", method: method, trees: 30, seed: 2))
        let r2 = try #require(panel.oobR2)
        #expect(r2 < 0.8, "OOB R² \(r2) above what unseen configs allow")
        #expect(panel.warnings.contains {
            $0.hasPrefix("the 300 runs are 100 configs repeated over \"seed\" (up to 3 runs each)")
                && $0.contains("`collapse seed`")
        })
        #expect(panel.params.first?.name == "x0")
    }

    @Test func singletonGroupsAreTheRowBootstrap() throws {
        let (ref, table) = try ForestFixtures.load("numeric")
        let matrix = try Encoding.encode(table: table, rows: Array(0..<150), params: ref.params, metric: ref.metric)
        let perm = (0..<matrix.featureCount).map { [$0] }
        let plain = try RandomForest.fit(matrix, options: ForestOptions(trees: 6, seed: 4, permutationGroups: perm))
        let singles = try RandomForest.fit(matrix, options: ForestOptions(
            trees: 6, seed: 4, permutationGroups: perm, bootstrapGroups: (0..<150).map { [$0] }))
        #expect(plain.trees.map(DeterminismTests.bits) == singles.trees.map(DeterminismTests.bits))
        #expect(plain.oobR2?.bitPattern == singles.oobR2?.bitPattern)
        #expect(ReplicateGroups.detect(matrix).hasReplicates == false)
    }

    @Test func configBootstrapIsBitIdenticalAcrossThreadCounts() throws {
        let table = try Self.sweep(configs: 30)
        let matrix = try Encoding.encode(table: table, rows: Array(0..<table.rowCount), params: Self.params,
                                         metric: "m")
        let groups = ReplicateGroups.detect(matrix).members
        let fits = try [1, 2, 16].map { threads in
            try RandomForest.fit(matrix, options: ForestOptions(
                trees: 12, seed: 5, threads: threads, permutationGroups: (0..<4).map { [$0] }, bootstrapGroups: groups))
        }
        for fit in fits.dropFirst() {
            #expect(fit.trees.map(DeterminismTests.bits) == fits[0].trees.map(DeterminismTests.bits))
            #expect(fit.oobR2?.bitPattern == fits[0].oobR2?.bitPattern)
            #expect(fit.permutationIncrease.map { $0.map(\.bitPattern) }
                    == fits[0].permutationIncrease.map { $0.map(\.bitPattern) })
        }
    }

    @Test func aRunIsOutOfBagExactlyWhenItsConfigIs() throws {
        let table = try Self.sweep(configs: 20)
        let matrix = try Encoding.encode(table: table, rows: Array(0..<table.rowCount), params: Self.params,
                                         metric: "m")
        let groups = ReplicateGroups.detect(matrix).members
        for seed in UInt64(0)..<8 {
            // One tree: a row has an out-of-bag prediction exactly when it is out of that tree's bag.
            let fit = try RandomForest.fit(matrix, options: ForestOptions(trees: 1, seed: seed, bootstrapGroups: groups))
            let oob = Set(fit.oobPrediction.indices.filter { !fit.oobPrediction[$0].isNaN })
            #expect(!oob.isEmpty && oob.count < matrix.rowCount)
            for g in groups { #expect(g.allSatisfy(oob.contains) || !g.contains(where: oob.contains)) }
        }
    }
}
