import SiftCore
import Testing
@testable import SiftAnalysis

/// Ground truth: Friedman #1 (x0..x4 matter, x5..x9 are noise; n = 1000, scikit-learn's make_friedman1).
@Suite struct FriedmanTests {
    @Test(arguments: [ImportanceMethod.forest, .permutation])
    func signalParamsRankFirstAndNoiseParamsFallUnderTheBaseline(_ method: ImportanceMethod) throws {
        let (ref, table) = try ForestFixtures.load("friedman1")
        let panel = try Analysis.importance(table: table, rows: Array(0..<table.rowCount), params: ref.params,
                                            request: ImportanceRequest(metric: "y", method: method, trees: 40, seed: 11))
        let order = panel.params.map(\.name)
        #expect(Set(order.prefix(5)) == ["x0", "x1", "x2", "x3", "x4"], "\(order)")
        for row in panel.params {
            let signal = ["x0", "x1", "x2", "x3", "x4"].contains(row.name)
            #expect(row.belowNoise == !signal, "\(row.name): \(row.importance) vs noise \(panel.noiseImportanceHigh ?? -1)")
        }
        #expect((panel.oobR2 ?? 0) > 0.8)
    }
}
