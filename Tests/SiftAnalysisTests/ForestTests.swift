import Foundation
import SiftCore
import Testing
@testable import SiftAnalysis

/// The forest against scikit-learn's RandomForestRegressor on the same data (one-hot categoricals).
@Suite struct ForestTests {
    /// Param-level impurity importances and OOB R² of our forest with sklearn's settings (no noise columns).
    static func fit(_ name: String, encoding: CategoricalEncoding) throws -> (ForestReference, [String: Double], Double?) {
        let (ref, table) = try ForestFixtures.load(name)
        let matrix = try Encoding.encode(table: table, rows: Array(0..<table.rowCount), params: ref.params,
                                         metric: ref.metric, encoding: encoding)
        let forest = try RandomForest.fit(matrix, options: ForestOptions(trees: ref.n_estimators, seed: 1))
        let imp = ImpurityImportance.forest(forest)
        var perParam: [String: Double] = [:]
        for (f, feature) in matrix.schema.features.enumerated() {
            perParam[ref.params[feature.param], default: 0] += imp[f]
        }
        return (ref, perParam, forest.oobR2)
    }

    @Test(arguments: ["numeric", "mixed", "friedman1"])
    func oneHotImportancesAgreeWithScikitLearn(_ name: String) throws {
        let (ref, ours, oob) = try Self.fit(name, encoding: .oneHot)
        let a = ref.params.map { ref.feature_importances[$0] ?? 0 }
        let b = ref.params.map { ours[$0] ?? 0 }
        #expect(spearman(a, b) >= 0.9, "ours \(b) vs sklearn \(a)")
        #expect(topNames(ref.feature_importances, 3) == topNames(ours, 3))
        let r2 = try #require(oob)
        #expect(abs(r2 - ref.oob_score) <= 0.03, "OOB R² \(r2) vs sklearn \(ref.oob_score)")
        #expect(abs(ours.values.reduce(0, +) - 1) < 1e-9)
    }

    /// A forest fitted without keeping its trees (as the importance panels fit) must report what the full
    /// one does: impurity importances equal to those of its trees, the same out-of-bag predictions.
    @Test(arguments: [false, true])
    func forestWithoutTreesReportsTheSame(permutation: Bool) throws {
        let (ref, table) = try ForestFixtures.load("mixed")
        let matrix = try Encoding.encode(table: table, rows: Array(0..<table.rowCount), params: ref.params,
                                         metric: ref.metric, encoding: .native)
        let groups = permutation ? (0..<matrix.featureCount).map { [$0] } : nil
        let kept = try RandomForest.fit(matrix, options: ForestOptions(trees: 20, seed: 3, permutationGroups: groups))
        let light = try RandomForest.fit(matrix, options: ForestOptions(trees: 20, seed: 3, permutationGroups: groups,
                                                                        keepTrees: false))
        let fromTrees = kept.trees.filter { $0.nodeCount > 1 }
            .map { ImpurityImportance.tree($0, featureCount: matrix.featureCount) }
        #expect(kept.treeImportances.count == 20)
        let unlike = zip(kept.treeImportances, fromTrees).filter { $0 != $1 }.count
        #expect(unlike == 0 && fromTrees.count == 20, "\(unlike) trees' importances differ from their trees'")
        #expect(light.trees.isEmpty)
        #expect(light.treeImportances == kept.treeImportances)
        #expect(light.oobPrediction.map(\.bitPattern) == kept.oobPrediction.map(\.bitPattern))
        #expect(light.permutationIncrease == kept.permutationIncrease)
    }

    /// Permutation increases are, bit for bit, their definition: each tree's out-of-bag rows walked from
    /// the root with the group's values taken from a permuted row (the forest walks again only the rows
    /// whose path reaches a split on the group, from that split on). Draws as `RandomForest.fitTree` does:
    /// the bootstrap, the tree's feature order, then one shuffle of the out-of-bag rows per group.
    @Test(arguments: ["mixed", "numeric"])
    func permutationIncreasesMatchTheirDefinition(_ name: String) throws {
        let (ref, table) = try ForestFixtures.load(name)
        let matrix = try Encoding.encode(table: table, rows: Array(0..<table.rowCount), params: ref.params,
                                         metric: ref.metric, encoding: .native)
        let n = matrix.rowCount, p = matrix.featureCount
        let groups = (0..<p).map { [$0] } + [[0, p - 1]]
        let forest = try RandomForest.fit(matrix, options: ForestOptions(trees: 12, seed: 5, permutationGroups: groups))
        var walkedAgain = 0
        for (t, tree) in forest.trees.enumerated() {
            var rng = Xoshiro256(seed: 5, stream: UInt64(t))
            var weights = [Double](repeating: 0, count: n)
            for _ in 0..<n { weights[rng.nextInt(below: n)] += 1 }
            // The tree's feature order (`TreeWorkspace.shuffleFeatures`, all features tried at every node).
            for k in 0..<(p - 1) { _ = rng.nextInt(below: p - k) }
            let oob = (0..<n).filter { weights[$0] == 0 }
            func error(_ x: (Int, Int) -> Double) -> Double {
                var sse = 0.0
                for (i, r) in oob.enumerated() {
                    let d = matrix.target[r] - tree.predict { f in x(i, f) }
                    sse += d * d
                }
                return sse
            }
            let base = error { i, f in matrix.value(row: oob[i], feature: f) }
            var perm = oob
            var expected: [Double] = []
            for group in groups {
                for i in stride(from: perm.count - 1, to: 0, by: -1) { perm.swapAt(i, rng.nextInt(below: i + 1)) }
                let sse = error { i, f in matrix.value(row: group.contains(f) ? perm[i] : oob[i], feature: f) }
                expected.append((sse - base) / Double(oob.count))
                if sse != base { walkedAgain += 1 }
            }
            #expect(forest.permutationIncrease[t].map(\.bitPattern) == expected.map(\.bitPattern), "tree \(t)")
        }
        #expect(walkedAgain > 0)
    }

    @Test func nativeCategoricalsFindTheSameTopParams() throws {
        let (ref, ours, oob) = try Self.fit("mixed", encoding: .native)
        #expect(topNames(ref.feature_importances, 3) == topNames(ours, 3))
        let r2 = try #require(oob)
        #expect(r2 >= ref.oob_score - 0.03)
    }

    @Test func smallDataSplitsExactlyLikeCART() throws {
        // x ≤ 2.5 separates y; the threshold is the midpoint between adjacent present values.
        // Ten copies of each value: every value is in every bootstrap sample (seeded).
        let x: [Double] = Array(repeating: [1, 2, 3, 4], count: 10).flatMap { $0 }
        let y: [Double] = Array(repeating: [0, 0, 10, 10], count: 10).flatMap { $0 }
        let schema = FeatureSchema(features: [.init(name: "x", kind: .numeric(min: 1, max: 4), param: 0)],
                                   params: ["x"])
        let m = FeatureMatrix(schema: schema, values: x, target: y)
        let forest = try RandomForest.fit(m, options: ForestOptions(trees: 5, seed: 3))
        for tree in forest.trees where tree.nodeCount > 1 {
            #expect(tree.threshold[0] == 2.5)
            #expect(tree.nodeCount == 3)
        }
    }

    @Test func missingValuesLearnTheirSide() throws {
        // Missing behaves like large values: missing rows must go with x = 9.
        let x: [Double] = [1, 1, 9, 9, .nan, .nan, 1, 9, .nan, 1]
        let y: [Double] = [0, 0, 5, 5, 5, 5, 0, 5, 5, 0]
        let schema = FeatureSchema(features: [.init(name: "x", kind: .numeric(min: 1, max: 9), param: 0)],
                                   params: ["x"])
        let forest = try RandomForest.fit(FeatureMatrix(schema: schema, values: x, target: y),
                                          options: ForestOptions(trees: 10, seed: 1))
        #expect(forest.predict { _ in .nan } == 5)
        #expect(forest.predict { _ in 1 } == 0)
    }

    @Test func categoriesSplitByMeanTarget() throws {
        // Codes 0 and 2 are low, 1 and 3 high: one split separates them (an ordinal split could not).
        let codes: [Double] = Array(repeating: [0, 1, 2, 3], count: 10).flatMap { $0 }
        let y: [Double] = Array(repeating: [0, 5, 0, 5], count: 10).flatMap { $0 }
        let schema = FeatureSchema(features: [.init(name: "c", kind: .categorical(levels: 4), param: 0)],
                                   params: ["c"])
        let forest = try RandomForest.fit(FeatureMatrix(schema: schema, values: codes, target: y),
                                          options: ForestOptions(trees: 5, seed: 2))
        for tree in forest.trees where tree.nodeCount > 1 {
            #expect(tree.nodeCount == 3)
            #expect(tree.categoryGoesLeft(node: 0, code: 0) == tree.categoryGoesLeft(node: 0, code: 2))
            #expect(tree.categoryGoesLeft(node: 0, code: 1) != tree.categoryGoesLeft(node: 0, code: 0))
        }
        #expect(forest.predict { _ in 3 } == 5)
    }
}
