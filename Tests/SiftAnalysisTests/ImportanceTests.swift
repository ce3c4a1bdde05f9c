import SiftCore
import Testing
@testable import SiftAnalysis

/// The `forest`/`permutation` panel: guardrails, dropped runs, normalisation, intervals.
@Suite struct ImportanceTests {
    /// A small sweep: `a` drives the metric, `b` a little, `c` (categorical) not at all.
    static func table(n: Int = 60, metric: (Int) -> Value = { .number(Double($0 % 10) * 2 + Double($0 % 3)) })
        throws -> RunTable {
        let a = (0..<n).map { Value.number(Double($0 % 10)) }
        let b = (0..<n).map { Value.number(Double($0 % 3)) }
        let c = (0..<n).map { Value.string(["x", "y"][($0 / 7) % 2]) }
        let k = (0..<n).map { _ in Value.number(4) }
        let gone = (0..<n).map { _ in Value.missing }
        let label = (0..<n).map { Value.string("r\($0 % 4)") }
        return try RunTable(columns: [
            Column(name: "a", role: .param, values: a), Column(name: "b", role: .param, values: b),
            Column(name: "c", role: .param, values: c), Column(name: "k", role: .param, values: k),
            Column(name: "gone", role: .param, values: gone),
            Column(name: "m", role: .metric, values: (0..<n).map(metric)),
            Column(name: "label", role: .metric, values: label),
        ], rowCount: n, source: "test")
    }

    static func panel(_ t: RunTable, params: [String] = ["a", "b", "c"], method: ImportanceMethod = .forest,
                      metric: String = "m", top: Int? = nil) throws -> ImportancePanel {
        try Analysis.importance(table: t, rows: Array(0..<t.rowCount), params: params,
                                request: ImportanceRequest(metric: metric, method: method, trees: 20, seed: 3, top: top))
    }

    /// A metric near ±1e300 squares to infinity in the forest's variances, and one that varies by 1e-9
    /// looks pure to the forest; the panels rescale such a metric first and must read as they do for the
    /// same metric at an ordinary size.
    @Test(arguments: [ImportanceMethod.forest, .permutation, .fanova], [1e299, 1e-9])
    func hugeOrTinyMetricGivesTheSamePanelAsAnOrdinaryOne(_ method: ImportanceMethod, scale: Double) throws {
        let ordinary = try Self.panel(Self.table(), method: method)
        let odd = try Self.panel(Self.table { .number((Double($0 % 10) * 2 + Double($0 % 3) - 9) * scale + 1) },
                                 method: method)
        #expect(odd.oobR2?.isFinite == true)
        #expect(odd.params.allSatisfy { $0.importance.isFinite && $0.importanceHigh.isFinite })
        #expect(odd.params.first?.name == ordinary.params.first?.name)
        for (a, b) in zip(ordinary.params, odd.params) {
            #expect(a.name == b.name && abs(a.importance - b.importance) < 0.02, "\(a.name) \(b.name)")
        }
    }

    /// On five runs a bootstrap often draws every run, leaving a tree nothing out of bag to permute: such
    /// trees are left out of permutation importance (with a warning), and with none left it is an error,
    /// never a crash.
    /// Importances are shares of the params' total, so their intervals stay within [0, 1]; with one param
    /// carrying everything the trees' spread once reached 1.08 (permutation) and 1.17 (forest on 5 runs).
    @Test(arguments: [ImportanceMethod.forest, .permutation, .fanova], [30, 5])
    func intervalsStayWithinZeroAndOne(_ method: ImportanceMethod, runs: Int) throws {
        let a = (0..<runs).map { FixtureCell.number(Double($0) / Double(runs)) }
        let b = (0..<runs).map { FixtureCell.string($0 % 3 == 0 ? "p" : "q") }
        let y = (0..<runs).map { FixtureCell.number(Double($0) / Double(runs) + 0.01 * Double(($0 * 7) % 5)) }
        let table = try Fixtures.table([("a", a), ("b", b), ("y", y)], metrics: ["y"])
        let panel = try Analysis.importance(table: table, rows: Array(0..<runs), params: ["a", "b"],
                                            request: ImportanceRequest(metric: "y", method: method))
        for p in panel.params {
            #expect(0 <= p.importanceLow && p.importanceLow <= p.importance, "\(method) \(p.name)")
            #expect(p.importance <= p.importanceHigh && p.importanceHigh <= 1, "\(method) \(p.name): \(p.importanceHigh)")
        }
    }

    @Test func permutationSkipsTreesWithoutOutOfBagRuns() throws {
        let t = try Self.table(n: 5)
        var warned = false, refused = false
        for seed in 0..<300 {
            // One tree (whose bootstrap draws all five runs about one time in 26), or forty.
            let request = ImportanceRequest(metric: "m", method: .permutation, trees: seed < 280 ? 1 : 40,
                                            seed: UInt64(seed))
            do {
                let p = try Analysis.importance(table: t, rows: Array(0..<5), params: ["a", "b"], request: request)
                #expect(p.params.count == 2)
                warned = warned || p.warnings.contains { $0.contains("no out-of-bag runs") }
            } catch let error as AnalysisError {
                #expect(request.trees == 1 && error.message.contains("needs out-of-bag runs"))
                refused = true
            }
        }
        #expect(warned && refused)
    }

    @Test(arguments: [ImportanceMethod.forest, .permutation])
    func importancesSumToOneAndRankTheDriverFirst(_ method: ImportanceMethod) throws {
        let p = try Self.panel(Self.table(), method: method)
        #expect(p.method == method.rawValue)
        #expect(p.params.map(\.name).first == "a")
        #expect(abs(p.params.reduce(0) { $0 + $1.importance } - 1) < 1e-9)
        for row in p.params {
            #expect(row.importanceLow <= row.importance && row.importance <= row.importanceHigh)
        }
        #expect(p.noiseImportance != nil && p.noiseImportanceHigh != nil)
        #expect(p.params.first?.belowNoise == false)
        #expect(p.runsUsed == 60 && p.runsInView == 60 && p.trees == 20 && p.seed == 3)
        #expect(p.oobR2 != nil)
    }

    @Test func topKeepsTheFirstRows() throws {
        let p = try Self.panel(Self.table(), top: 2)
        #expect(p.params.count == 2)
    }

    @Test func droppedRunsAreCountedByReason() throws {
        let t = try Self.table(n: 40) { i in
            switch i {
            case 0, 1: return .missing
            case 2: return .number(.nan)
            case 3, 4, 5: return .number(.infinity)
            default: return .number(Double(i % 10))
            }
        }
        let p = try Self.panel(t)
        #expect(p.runsUsed == 34 && p.runsInView == 40)
        #expect(p.dropped == [DroppedRuns(reason: "metric missing", count: 2), DroppedRuns(reason: "metric NaN", count: 1),
                              DroppedRuns(reason: "metric inf", count: 3)])
    }

    @Test func constantMetricGivesZeroImportancesAndAWarning() throws {
        let p = try Self.panel(Self.table { _ in .number(1.5) })
        #expect(p.params.allSatisfy { $0.importance == 0 })
        #expect(p.warnings.contains { $0.contains("constant") })
        #expect(p.oobR2 == nil)
    }

    @Test(arguments: [0, 1])
    func tooFewRunsIsAnError(_ kept: Int) throws {
        let t = try Self.table(n: 10) { $0 < kept ? .number(1) : .missing }
        let error = try #require(throws: AnalysisError.self) { try Self.panel(t) }
        #expect(error.message.contains("at least 2 runs"))
        #expect(error.message.contains("found \(kept)"))
    }

    @Test func missingAndConstantParamsAreWarnedAndZero() throws {
        let p = try Self.panel(Self.table(), params: ["a", "k", "gone"])
        #expect(p.warnings.contains("\"gone\" is missing in every run used"))
        #expect(p.warnings.contains { $0.hasPrefix("\"k\" has the same value") })
        #expect(p.params.first { $0.name == "k" }?.importance == 0)
        #expect(p.params.first { $0.name == "gone" }?.importance == 0)
    }

    @Test func fewRunsPerParamIsWarned() throws {
        let p = try Self.panel(Self.table(n: 12))
        #expect(p.warnings.contains { $0.contains("fewer than 5 runs per param") })
    }

    @Test func badNamesAndTypesAreErrors() throws {
        let t = try Self.table()
        let metric = try #require(throws: AnalysisError.self) { try Self.panel(t, metric: "label") }
        #expect(metric.message == "metric \"label\" is categorical, not numeric")
        let unknown = try #require(throws: AnalysisError.self) { try Self.panel(t, metric: "nope") }
        #expect(unknown.message == "unknown metric \"nope\"")
        let param = try #require(throws: AnalysisError.self) { try Self.panel(t, params: ["a", "zz"]) }
        #expect(param.message == "unknown parameter \"zz\"")
    }

    @Test func cancellationStopsTheFit() throws {
        let t = try Self.table()
        let token = CancellationToken()
        token.cancel()
        #expect(throws: Cancelled.self) {
            try Analysis.importance(table: t, rows: Array(0..<t.rowCount), params: ["a", "b"],
                                    request: ImportanceRequest(metric: "m", trees: 10), cancellation: token)
        }
    }

    @Test func oneHotSumsImportancesBackToTheParam() throws {
        let t = try Self.table()
        let p = try Analysis.importance(table: t, rows: Array(0..<t.rowCount), params: ["a", "b", "c"],
                                        request: ImportanceRequest(metric: "m", trees: 20, encoding: .oneHot))
        #expect(Set(p.params.map(\.name)) == ["a", "b", "c"])
        #expect(abs(p.params.reduce(0) { $0 + $1.importance } - 1) < 1e-9)
    }
}
