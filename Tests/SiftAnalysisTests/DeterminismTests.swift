import SiftCore
import Testing
@testable import SiftAnalysis

/// Same seed ⇒ bit-identical forests and panels on 1, 2 or 16 threads.
@Suite struct DeterminismTests {
    /// A tree's arrays as bit patterns (NaN thresholds compare equal).
    static func bits(_ t: RegressionTree) -> [[UInt64]] {
        [t.feature.map { UInt64(bitPattern: Int64($0)) }, t.threshold.map(\.bitPattern), t.categoryWords,
         t.left.map { UInt64(bitPattern: Int64($0)) }, t.right.map { UInt64(bitPattern: Int64($0)) },
         t.value.map(\.bitPattern), t.impurity.map(\.bitPattern), t.weightedSamples.map(\.bitPattern),
         t.missingGoesLeft.map { $0 ? 1 : 0 }, t.categorySet.map { UInt64(bitPattern: Int64($0)) }]
    }

    @Test func forestIsBitIdenticalAcrossThreadCounts() throws {
        let (ref, table) = try ForestFixtures.load("mixed")
        let rows = Array(0..<300)
        let matrix = try Encoding.encode(table: table, rows: rows, params: ref.params, metric: ref.metric)
        let fits = try [1, 2, 16].map { threads in
            try RandomForest.fit(matrix, options: ForestOptions(trees: 24, seed: 5, threads: threads,
                                                                permutationGroups: (0..<matrix.featureCount).map { [$0] }))
        }
        for fit in fits.dropFirst() {
            #expect(fit.trees.map(Self.bits) == fits[0].trees.map(Self.bits))
            #expect(fit.oobR2?.bitPattern == fits[0].oobR2?.bitPattern)
            #expect(fit.permutationIncrease.map { $0.map(\.bitPattern) } == fits[0].permutationIncrease.map { $0.map(\.bitPattern) })
        }
    }

    @Test(arguments: [ImportanceMethod.forest, .permutation])
    func panelIsBitIdenticalAcrossThreadCounts(_ method: ImportanceMethod) throws {
        let (ref, table) = try ForestFixtures.load("mixed")
        let panels = try [1, 2, 16].map { threads in
            try Analysis.importance(table: table, rows: Array(0..<250), params: ref.params,
                                    request: ImportanceRequest(metric: "y", method: method, trees: 16, seed: 9,
                                                               threads: threads))
        }
        func key(_ p: ImportancePanel) -> [UInt64] {
            p.params.flatMap { [$0.importance.bitPattern, $0.importanceLow.bitPattern, $0.importanceHigh.bitPattern] }
                + [p.oobR2?.bitPattern ?? 0, p.noiseImportance?.bitPattern ?? 0, p.noiseImportanceHigh?.bitPattern ?? 0]
        }
        for p in panels.dropFirst() {
            #expect(key(p) == key(panels[0]))
            #expect(p.params.map(\.name) == panels[0].params.map(\.name))
        }
    }

    @Test func differentSeedsGiveDifferentForests() throws {
        let (ref, table) = try ForestFixtures.load("numeric")
        let matrix = try Encoding.encode(table: table, rows: Array(0..<200), params: ref.params, metric: ref.metric)
        let a = try RandomForest.fit(matrix, options: ForestOptions(trees: 4, seed: 1))
        let b = try RandomForest.fit(matrix, options: ForestOptions(trees: 4, seed: 2))
        #expect(a.trees.map(Self.bits) != b.trees.map(Self.bits))
    }
}
