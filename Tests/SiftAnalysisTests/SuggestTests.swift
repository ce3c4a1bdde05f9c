import Foundation
import SiftCore
import Testing
@testable import SiftAnalysis

@Suite struct SuggestTests {
    /// The studies' objective is best at x = 1, lr = 1e-3, layers = 4, optimizer = adam (see
    /// scripts/reference/stats/make_optuna_fixtures.py); the suggested space must contain those.
    @Test func suggestedSpaceContainsTheKnownOptimum() throws {
        for study in try OptunaStudyFixture.load() {
            let table = try study.table
            let result = try Analysis.suggest(table: table, rows: Array(0..<table.rowCount), params: study.params,
                                              metric: "value", goal: study.goalValue,
                                              request: ImportanceRequest(metric: "value", topQuantile: 0.2))
            #expect(result.kind == "suggest")
            #expect(result.columns == ["param", "kind", "suggested", "top runs", "importance", "best run"])
            #expect(result.rows.first?.first == .string("x"), "\(study.name)")
            for row in result.rows {
                guard case .string(let name) = row[0], case .string(let suggested) = row[2] else { continue }
                let parts = suggested.components(separatedBy: " … ").compactMap(Double.init)
                switch name {
                case "x": #expect(parts.count == 2 && parts[0] <= 1 && 1 <= parts[1], "\(study.name) \(suggested)")
                case "lr":
                    #expect(row[1] == .string("numeric (log)"))
                    #expect(parts.count == 2 && parts[0] <= 1e-3 && 1e-3 <= parts[1], "\(study.name) \(suggested)")
                case "optimizer": #expect(suggested.hasPrefix("adam"), "\(study.name) \(suggested)")
                default: break
                }
            }
        }
    }

    @Test func unknownDirectionIsSaid() throws {
        let t = try Fixtures.table([("x", [1, 2, 3, 4, 5, 6].map { FixtureCell.number($0) }),
                                    ("m", [6, 5, 4, 3, 2, 1].map { FixtureCell.number($0) })], metrics: ["m"])
        let result = try Analysis.suggest(table: t, rows: Array(0..<6), params: ["x"], metric: "m", goal: nil,
                                          request: ImportanceRequest(metric: "m", topQuantile: 0.5))
        #expect(result.title == "suggested search space for m (direction unknown, lower taken as better)")
        #expect(result.footer.contains("direction of \"m\" unknown: lower is taken as better"))
        #expect(result.rows.first?[2] == .string("4 … 6"))
    }
}
