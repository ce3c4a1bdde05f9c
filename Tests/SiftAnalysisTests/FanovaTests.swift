import Foundation
import SiftCore
import Testing
@testable import SiftAnalysis

/// Optuna 5.0 fANOVA importances (5 seeds) from scripts/reference/stats/make_optuna_fixtures.py.
private struct FanovaFixture: Decodable {
    struct Run: Decodable { var seed: Int; var importances: [String: Double] }
    struct Study: Decodable { var study: String; var params: [String]; var runs: [Run] }
    var studies: [Study]
}

/// A tree built node by node: `split(node, feature, threshold)` turns a leaf into a split.
private func tree(_ build: (inout RegressionTree) -> Void) -> RegressionTree {
    var t = RegressionTree()
    build(&t)
    return t
}

private func split(_ t: inout RegressionTree, _ node: Int, feature: Int, threshold: Double,
                   left: Double, right: Double) {
    let l = t.appendNode(value: left, samples: 1, weighted: 1, impurity: 0)
    let r = t.appendNode(value: right, samples: 1, weighted: 1, impurity: 0)
    t.feature[node] = Int32(feature)
    t.threshold[node] = threshold
    t.left[node] = Int32(l)
    t.right[node] = Int32(r)
}

@Suite struct FanovaTests {
    /// f = 0 on x0 ≤ ½; 1 or 3 by x1 ≤ ½ on x0 > ½, on [0,1]². By hand: μ = 1, total variance 3/2,
    /// marginal of x0 is (0, 2) → variance 1; of x1 is (½, 3/2) → ¼; the pair adds 3/2 − 1 − ¼ = ¼.
    @Test func decomposesATreeExactly() {
        let t = tree { t in
            _ = t.appendNode(value: 1, samples: 4, weighted: 4, impurity: 0)
            split(&t, 0, feature: 0, threshold: 0.5, left: 0, right: 2)
            split(&t, 2, feature: 1, threshold: 0.5, left: 1, right: 3)
        }
        let d = FanovaTree(tree: t, domains: [.numeric(low: 0, high: 1, log: false), .numeric(low: 0, high: 1, log: false)])
        #expect(abs(d.mean - 1) < 1e-12)
        #expect(abs(d.variance - 1.5) < 1e-12)
        #expect(abs(d.singleVariance(0).variance - 1) < 1e-12)
        #expect(abs(d.singleVariance(1).variance - 0.25) < 1e-12)
        #expect(abs(d.pairVariance(0, 1) - 1.5) < 1e-12)
    }

    /// The same tree on x0 ∈ [-1.7e308, 1.7e308] split at 0: a domain wider than the largest Double once gave
    /// NaN atom widths, so x0's share came out 0; measured in halves, it is the [0, 1] case's.
    @Test func domainWiderThanTheLargestDoubleKeepsItsShare() {
        let t = tree { t in
            _ = t.appendNode(value: 1, samples: 4, weighted: 4, impurity: 0)
            split(&t, 0, feature: 0, threshold: 0, left: 0, right: 2)
            split(&t, 2, feature: 1, threshold: 0.5, left: 1, right: 3)
        }
        let d = FanovaTree(tree: t, domains: [.numeric(low: -1.7e308, high: 1.7e308, log: false),
                                              .numeric(low: 0, high: 1, log: false)])
        #expect(d.widths[0] == [0.5, 0.5])
        #expect(abs(d.variance - 1.5) < 1e-12)
        #expect(abs(d.singleVariance(0).variance - 1) < 1e-12)
        #expect(abs(d.singleVariance(1).variance - 0.25) < 1e-12)
    }

    /// A categorical split {a, b} | {c, d} with values 0 | 2 explains all the variance (1); a third,
    /// unseen code has no volume.
    @Test func categoricalSubsetsAreMarginalisedNatively() {
        let t = tree { t in
            _ = t.appendNode(value: 1, samples: 4, weighted: 4, impurity: 0)
            split(&t, 0, feature: 0, threshold: .nan, left: 0, right: 2)
            t.categorySet[0] = 0
            t.categoryWords = [0b0011, 0, 0, 0]
        }
        let d = FanovaTree(tree: t, domains: [.categorical(codes: [0, 1, 2, 3])])
        #expect(abs(d.variance - 1) < 1e-12)
        #expect(abs(d.singleVariance(0).variance - 1) < 1e-12)
    }

    /// Friedman #1: x0..x4 carry the signal, x5..x9 are noise.
    @Test func friedmanGroundTruth() throws {
        let table = try readFixtureCSV("forest/friedman1.csv", metrics: ["y"])
        let params = (0..<10).map { "x\($0)" }
        let request = ImportanceRequest(metric: "y", method: .fanova, trees: 16, seed: 3)
        let panel = try Analysis.importance(table: table, rows: Array(0..<table.rowCount), params: params,
                                            request: request)
        let rank = panel.params.map(\.name)
        let signal = Set(rank.prefix(5))
        #expect(signal == Set(params.prefix(5)), "\(rank)")
        for p in panel.params where !Set(params.prefix(5)).contains(p.name) { #expect(p.belowNoise, "\(p.name)") }
        #expect(abs(panel.params.reduce(0) { $0 + $1.importance } - 1) < 1e-9)
        // Friedman #1 has one interaction term, 10 sin(π x0 x1): it must top the interactions.
        let top = try #require(panel.interactions.first)
        #expect(Set([top.first, top.second]) == ["x0", "x1"], "\(panel.interactions)")
    }

    /// Same top-3 as Optuna's evaluator where Optuna's own top-3 is stable across its seeds; where it is
    /// not (the TPE study), the same top param.
    @Test func agreesWithOptuna() throws {
        let fixture = try Fixtures.decode(FanovaFixture.self, "fanova/studies.json")
        let studies = try OptunaStudyFixture.load()
        for ref in fixture.studies {
            let study = try #require(studies.first { $0.name == ref.study })
            let table = try study.table
            let request = ImportanceRequest(metric: "value", method: .fanova, trees: 32, seed: 1)
            let panel = try Analysis.importance(table: table, rows: Array(0..<table.rowCount), params: ref.params,
                                                request: request)
            let mine = Dictionary(uniqueKeysWithValues: panel.params.map { ($0.name, $0.importance) })
            let optunaTops = ref.runs.map { topNames($0.importances, 3) }
            if Set(optunaTops).count == 1 {
                #expect(topNames(mine, 3) == optunaTops[0], "\(ref.study): \(mine)")
            } else {
                #expect(topNames(mine, 1) == topNames(ref.runs[0].importances, 1), "\(ref.study): \(mine)")
            }
        }
    }

    @Test func constantMetricGivesZerosNotACrash() throws {
        let t = try Fixtures.table([("x", (0..<20).map { FixtureCell.number(Double($0)) }),
                                    ("o", (0..<20).map { FixtureCell.string($0 % 2 == 0 ? "a" : "b") }),
                                    ("m", Array(repeating: FixtureCell.number(1), count: 20))], metrics: ["m"])
        let panel = try Analysis.importance(table: t, rows: Array(0..<20), params: ["x", "o"],
                                            request: ImportanceRequest(metric: "m", method: .fanova, trees: 4))
        #expect(panel.params.allSatisfy { $0.importance == 0 })
        #expect(panel.warnings.contains { $0.contains("constant") })
    }

    @Test func sameNumbersOnOneOrTwoThreads() throws {
        let table = try readFixtureCSV("forest/mixed.csv", metrics: ["y"])
        let params = table.names(withRole: .param)
        let rows = Array(0..<300)
        let one = try Analysis.importance(table: table, rows: rows, params: params,
                                          request: ImportanceRequest(metric: "y", method: .fanova, trees: 8, threads: 1))
        let two = try Analysis.importance(table: table, rows: rows, params: params,
                                          request: ImportanceRequest(metric: "y", method: .fanova, trees: 8, threads: 2))
        #expect(one == two)
    }
}
