import Foundation
import SiftCore
import Testing
@testable import SiftAnalysis

/// Studies and Optuna 5.0 PED-ANOVA importances from scripts/reference/stats/make_optuna_fixtures.py.
struct OptunaStudyFixture: Decodable {
    struct Expected: Decodable {
        var targetQuantile: Double
        var regionQuantile: Double
        var normalized: [String: Double]
        var raw: [String: Double]
    }
    struct Study: Decodable {
        var name: String
        var goal: String
        var columns: [String: [FixtureCell]]
        var bounds: [String: [Double]]
        var expected: [Expected]

        var params: [String] { ["x", "lr", "layers", "optimizer", "momentum", "noise_a", "noise_b"] }
        var table: RunTable {
            get throws {
                try Fixtures.table((params + ["value"]).map { ($0, columns[$0] ?? []) }, metrics: ["value"])
            }
        }
        var goalValue: Goal { goal == "maximize" ? .maximize : .minimize }
    }
    var studies: [Study]

    static func load() throws -> [Study] { try Fixtures.decode(Self.self, "pedanova/studies.json").studies }
}

private func top(_ k: Int, _ importances: [String: Double]) -> Set<String> {
    Set(importances.sorted { $0.value > $1.value }.prefix(k).map(\.key))
}

@Suite struct PedAnovaTests {
    /// With Optuna's search-space bounds, the computation is Optuna's: raw values agree to 1e-9.
    @Test func matchesOptunaGivenTheSearchSpace() throws {
        for study in try OptunaStudyFixture.load() {
            let table = try study.table
            let bounds = study.bounds.mapValues { $0[0]...$0[1] }
            for e in study.expected {
                let options = PedAnova.Options(targetQuantile: e.targetQuantile, regionQuantile: e.regionQuantile,
                                               bounds: bounds)
                let result = try PedAnova.importances(table: table, rows: Array(0..<table.rowCount),
                                                      params: study.params, metric: "value", goal: study.goalValue,
                                                      options: options)
                for (name, raw) in zip(result.params, result.raw) {
                    let ref = try #require(e.raw[name])
                    #expect(close(raw, ref, 1e-9, relative: true) || abs(raw - ref) < 1e-15,
                            "\(study.name) \(e.targetQuantile)/\(e.regionQuantile) \(name): \(raw) vs \(ref)")
                }
            }
        }
    }

    /// Without bounds (a plain table of runs) the domain is the observed range: same top-3, values
    /// within 0.06 of Optuna's normalised importances.
    @Test func observedRangeKeepsOptunasRanking() throws {
        for study in try OptunaStudyFixture.load() {
            let table = try study.table
            for e in study.expected where e.regionQuantile == 1 {
                let options = PedAnova.Options(targetQuantile: e.targetQuantile)
                let result = try PedAnova.importances(table: table, rows: Array(0..<table.rowCount),
                                                      params: study.params, metric: "value", goal: study.goalValue,
                                                      options: options)
                let mine = Dictionary(uniqueKeysWithValues: zip(result.params, result.normalized))
                #expect(top(3, mine) == top(3, e.normalized), "\(study.name) \(e.targetQuantile)")
                for (name, v) in mine {
                    #expect(abs(v - (e.normalized[name] ?? .nan)) < 0.06, "\(study.name) \(e.targetQuantile) \(name) \(v) vs \(e.normalized[name] ?? .nan)")
                }
            }
        }
    }

    @Test func constantMetricAndTinyInputsDoNotCrash() throws {
        let t = try Fixtures.table([("x", [1, 2, 3, 4].map { FixtureCell.number($0) }),
                                    ("m", Array(repeating: FixtureCell.number(1), count: 4))], metrics: ["m"])
        let r = try PedAnova.importances(table: t, rows: [0, 1, 2, 3], params: ["x"], metric: "m", goal: nil)
        #expect(r.normalized == [1])
        let one = try PedAnova.importances(table: t, rows: [0], params: ["x"], metric: "m", goal: nil)
        #expect(one.raw == [0])
    }

    /// A param spanning more than the largest Double (-1e308 to 1e308, integral, with both zeros) once
    /// trapped converting an infinite step count and an infinite grid step to `Int`.
    @Test func domainWiderThanTheLargestDoubleDoesNotCrash() throws {
        let grid = PedAnovaParzen.Grid.numeric(low: -1e308, high: 1e308, size: 9)
        let cells = [-1e308, -1e300, 0, 1e300, 1e308].map { grid.cell($0) }
        #expect(cells == [0, 4, 4, 4, 8])
        let x: [Double] = [-0.0, 0, -0.0, 1e308, -1e308, 5, 6, 7, 8, 9]
        let t = try Fixtures.table([("x", x.map { FixtureCell.number($0) }),
                                    ("m", (0..<10).map { FixtureCell.number(Double($0)) })], metrics: ["m"])
        let r = try PedAnova.importances(table: t, rows: Array(0..<10), params: ["x"], metric: "m", goal: nil)
        #expect(r.raw.allSatisfy { $0.isFinite })
    }

    /// A whole-number param spanning more than `Int.max` (uint64 seeds, 1e19, ±1.7e308 beside ordinary values)
    /// once trapped converting its span to a step count: it is gridded as a continuous param, on all steps.
    @Test(arguments: [
        [1e19, 2e19, 3e19, 4e19, 5e19, 6e19, 7e19, 8e19],
        [4.712128852136459e18, 1.2736496262939005e19, 1.5523137368101251e19, 3, 0, 7, 1, 2],  // uint64 seeds as read
        [1e19, 1.7e308, -1.7e308, 5, -3, 0, 12, 7],
        [1.7e308, 1.6e308, 1e160, 3, 2, 1, 0, 9],
        [-1.7e308, -1e19, 0, 1, 2, 3, 4, 5],
    ])
    func wholeNumbersBeyondIntMaxAreGriddedAsContinuous(values: [Double]) throws {
        let x = (0..<40).map { values[$0 % values.count] }
        let t = try Fixtures.table([("x", x.map { FixtureCell.number($0) }),
                                    ("m", (0..<40).map { FixtureCell.number(Double(($0 * 7) % 40)) })], metrics: ["m"])
        let column = try #require(t.column(named: "x"))
        #expect(column.isInteger)
        let grid = try #require(PedAnova.grid(column, rows: Array(0..<40), options: .init()))
        #expect(grid.grid.size == PedAnova.Options().steps)
        let r = try PedAnova.importances(table: t, rows: Array(0..<40), params: ["x"], metric: "m", goal: nil)
        #expect(r.raw.allSatisfy { $0.isFinite })
        let suggest = try Analysis.suggest(table: t, rows: Array(0..<40), params: ["x"], metric: "m", goal: nil,
                                           request: ImportanceRequest(metric: "m"))
        #expect(suggest.rows.count == 1)
    }

    /// A small integer range keeps one grid step per value.
    @Test func smallIntegerRangeGetsOneStepPerValue() throws {
        let t = try Fixtures.table([("x", (0..<20).map { FixtureCell.number(Double($0 % 5)) }),
                                    ("m", (0..<20).map { FixtureCell.number(Double($0)) })], metrics: ["m"])
        let column = try #require(t.column(named: "x"))
        #expect(PedAnova.grid(column, rows: Array(0..<20), options: .init())?.grid.size == 5)
    }
}

@Suite struct PedAnovaPanelTests {
    @Test func facadeDispatchesAndFillsThePanel() throws {
        let study = try #require(try OptunaStudyFixture.load().first { $0.name == "random_max" })
        let table = try study.table
        let request = ImportanceRequest(metric: "value", method: .pedanova, goal: .maximize)
        let panel = try Analysis.importance(table: table, rows: Array(0..<table.rowCount), params: study.params,
                                            request: request)
        #expect(panel.method == "pedanova" && panel.trees == 0 && panel.oobR2 == nil)
        #expect(panel.params.first?.name == "x")
        #expect(abs(panel.params.reduce(0) { $0 + $1.importance } - 1) < 1e-12)
        let optimizer = try #require(panel.params.first { $0.name == "optimizer" })
        #expect(optimizer.values?.count == 3 && optimizer.eta2 != nil)
        #expect(panel.params.first { $0.name == "lr" }?.logScale == true)
    }
}
