import Foundation
import SiftCore
import Testing
@testable import SiftAnalysis

/// Reference data and numbers from scripts/reference/stats/make_correlation_fixtures.py (SciPy).
private struct CorrelationFixture: Decodable {
    struct Coefficient: Decodable { var r: Double; var p: Double; var low: Double?; var high: Double? }
    struct Expected: Decodable {
        var param: String
        var value: String?
        var n: Int
        var logScale: Bool?
        var pearson: Coefficient?
        var spearman: Coefficient?
        var eta2: Double?
    }
    struct Case: Decodable {
        var name: String
        var metric: String
        var columns: [String: [FixtureCell]]
        var expected: [Expected]
    }
    var cases: [Case]

    static func load() throws -> [Case] { try Fixtures.decode(Self.self, "correlation/cases.json").cases }
}

private func table(_ c: CorrelationFixture.Case) throws -> RunTable {
    try Fixtures.table(c.columns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }, metrics: [c.metric])
}

@Suite struct CorrelationTests {
    @Test(arguments: [CorrelationMethod.pearson, .spearman])
    func matchesSciPy(method: CorrelationMethod) throws {
        for c in try CorrelationFixture.load() {
            let t = try table(c)
            let rows = Array(0..<t.rowCount)
            let params = t.names(withRole: .param)
            let report = try Correlations.report(table: t, rows: rows, params: params, metric: c.metric, method: method)
            for e in c.expected where e.eta2 == nil {
                let row = try #require(report.rows.first { $0.param == e.param && $0.value == e.value },
                                       "\(c.name): no row for \(e.param)=\(e.value ?? "")")
                #expect(row.correlation.n == e.n, "\(c.name) \(e.param)")
                #expect(row.logScale == (e.logScale ?? false), "\(c.name) \(e.param)")
                guard let ref = method == .pearson ? e.pearson : e.spearman else {
                    #expect(row.correlation.r.isNaN && row.correlation.pValue == nil, "\(c.name) \(e.param)")
                    continue
                }
                #expect(close(row.correlation.r, ref.r), "\(c.name) \(e.param) r \(row.correlation.r) vs \(ref.r)")
                let p = try #require(row.correlation.pValue)
                #expect(close(p, ref.p, relative: ref.p < 1e-3) || close(p, ref.p, 1e-9),
                        "\(c.name) \(e.param) p \(p) vs \(ref.p)")
                if method == .pearson, let low = ref.low, let high = ref.high {
                    #expect(close(try #require(row.correlation.low), low), "\(c.name) \(e.param) low")
                    #expect(close(try #require(row.correlation.high), high), "\(c.name) \(e.param) high")
                }
            }
        }
    }

    /// Params are computed in parallel, but the report is in param order and an unknown param fails as
    /// computing them in turn would: the first unknown one is named.
    /// Equal or mirrored rank vectors give exactly ±1 and p = 0, as SciPy does (the last bit once gave
    /// ρ = 0.9999999999999998 and, at n = 3, p = 1.3e-8); so do exactly linear data for Pearson.
    @Test func perfectCorrelationIsExactlyOne() throws {
        for n in [3, 4, 7, 100] {
            let x = (0..<n).map { Double($0) * 0.37 + 1 }
            let up = x.map { $0 * $0 * 3 + 0.1 }, down = x.map { 5 - $0 * $0 }
            let rising = try #require(Statistics.spearman(x, up)), falling = try #require(Statistics.spearman(x, down))
            #expect(rising.r == 1 && rising.pValue == 0, "n \(n): \(rising)")
            #expect(falling.r == -1 && falling.pValue == 0, "n \(n): \(falling)")
            #expect(Statistics.pearsonR(x, x.map { $0 * 4 }) == 1)
            #expect(Statistics.pearsonR(x, x.map { -$0 * 0.5 }) == -1)
        }
        // A subnormal spread keeps a finite scale.
        let tiny = [0, 1, 2, 3].map { Double($0) * (Double.leastNormalMagnitude / 1024) }
        #expect(Statistics.pearsonR(tiny, [1, 2, 3, 4]) == 1)
    }

    @Test func parallelParamsKeepTheirOrderAndFirstError() throws {
        let c = try #require(try CorrelationFixture.load().first)
        let t = try table(c)
        let rows = Array(0..<t.rowCount)
        let params = t.names(withRole: .param)
        let forward = try Correlations.report(table: t, rows: rows, params: params, metric: c.metric, method: .pearson)
        let backward = try Correlations.report(table: t, rows: rows, params: params.reversed(), metric: c.metric,
                                               method: .pearson)
        #expect(forward.rows.map(\.correlation.r.bitPattern) == backward.rows.map(\.correlation.r.bitPattern))
        let error = try #require(throws: AnalysisError.self) {
            try Correlations.report(table: t, rows: rows, params: ["zz1"] + params + ["zz2"], metric: c.metric,
                                    method: .pearson)
        }
        #expect(error.message == "unknown parameter \"zz1\"")
    }

    @Test func eta2AndPanelAnnotationMatchNumpy() throws {
        for c in try CorrelationFixture.load() {
            let t = try table(c)
            let params = t.names(withRole: .param).map {
                ParamImportance(name: $0, importance: 0, importanceLow: 0, importanceHigh: 0, correlation: nil, n: 0)
            }
            var panel = ImportancePanel(metric: c.metric, method: "forest", trees: 0, seed: 0, runsUsed: 0,
                                        runsInView: t.rowCount, params: params)
            try Correlations.annotate(&panel, table: t, rows: Array(0..<t.rowCount), metric: c.metric)
            for e in c.expected {
                let p = try #require(panel.params.first { $0.name == e.param })
                #expect(p.n == e.n)
                if let eta2 = e.eta2 {
                    #expect(close(try #require(p.eta2), eta2), "\(c.name) \(e.param) eta2")
                } else if let value = e.value {
                    let v = try #require(p.values?.first { $0.value == value })
                    if let ref = e.pearson { #expect(close(v.correlation.r, ref.r)) }
                } else {
                    #expect(p.logScale == (e.logScale ?? false))
                    #expect(p.correlation?.r == nil || close(p.correlation?.r ?? .nan, e.pearson?.r ?? .nan))
                    #expect((p.correlation == nil) == (e.pearson == nil), "\(c.name) \(e.param)")
                }
            }
        }
    }

    @Test func warnsAboutDroppedRunsRareValuesAndConstants() throws {
        let c = try #require(try CorrelationFixture.load().first { $0.name == "main" })
        let t = try table(c)
        let report = try Analysis.correlation(table: t, rows: Array(0..<t.rowCount), params: t.names(withRole: .param),
                                              metric: "loss")
        #expect(report.warnings.contains("3 of 60 runs dropped: metric missing (1), metric NaN (1), metric inf (1)"))
        #expect(report.warnings.contains { $0.hasPrefix("param \"const\" is constant") })
    }

    @Test func constantMetricGivesUndefinedRowsNotACrash() throws {
        let t = try Fixtures.table([("x", [1, 2, 3, 4, 5].map { FixtureCell.number($0) }),
                                    ("o", ["a", "b", "a", "b", "a"].map { FixtureCell.string($0) }),
                                    ("m", Array(repeating: FixtureCell.number(2), count: 5))], metrics: ["m"])
        let report = try Analysis.correlation(table: t, rows: Array(0..<5), params: ["x", "o"], metric: "m")
        #expect(report.rows.count == 3)
        #expect(report.rows.allSatisfy { $0.correlation.r.isNaN && $0.correlation.pValue == nil })
        #expect(report.warnings.contains { $0.hasPrefix("metric \"m\" is constant") })
        #expect(report.warnings.contains("o=b has only 2 runs: its correlation is unreliable"))
    }

    @Test(arguments: [("los", "unknown metric \"los\"\nhelp: did you mean \"loss\"?"),
                      ("o", "metric \"o\" is not numeric (it is categorical)")])
    func badMetricIsAClearError(metric: String, message: String) throws {
        let t = try Fixtures.table([("o", [.string("a")]), ("loss", [.number(1)])], metrics: ["loss"])
        #expect(throws: AnalysisError.self) {
            try Analysis.correlation(table: t, rows: [0], params: ["o"], metric: metric)
        }
        do {
            _ = try Analysis.correlation(table: t, rows: [0], params: ["o"], metric: metric)
        } catch let e as AnalysisError {
            #expect(e.description == message)
        }
    }
}

@Suite struct SpecialFunctionTests {
    /// Values from scipy.special.betainc (SciPy 1.17.1).
    @Test(arguments: [(0.5, 0.5, 0.2, 0.2951672353008665), (2.0, 3.0, 0.4, 0.5247999999999999),
                      (30.0, 0.5, 0.9, 0.012282448499852763), (1.0, 1.0, 0.37, 0.37)])
    func incompleteBetaMatchesSciPy(a: Double, b: Double, x: Double, expected: Double) {
        #expect(close(SpecialFunctions.regularizedIncompleteBeta(a, b, x), expected, 1e-12))
    }

    @Test func averageRanksShareTies() {
        #expect(Statistics.averageRanks([3, 1, 3, 2, 3]) == [4, 1, 4, 2, 4])
    }
}

@Suite struct BooleanMetricTests {
    /// A boolean metric (e.g. `diverged`) reads as 0/1, as the forest's encoding reads it.
    @Test func booleanMetricIsZeroOne() throws {
        let t = try Fixtures.table([("x", [1, 2, 3, 4, 5].map { FixtureCell.number($0) }),
                                    ("ok", [false, false, true, true, true].map { FixtureCell.bool($0) })],
                                   metrics: ["ok"])
        let report = try Analysis.correlation(table: t, rows: Array(0..<5), params: ["x"], metric: "ok")
        let expected = try #require(Statistics.pearson([1, 2, 3, 4, 5], [0, 0, 1, 1, 1]))
        #expect(report.rows.first?.correlation == expected)
    }
}
