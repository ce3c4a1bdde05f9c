import Foundation
import SiftCore
import Testing
@testable import SiftLanguage

/// `importance METRIC best`: which column it reads, and what it says when there is none.
@Suite struct BestValueTests {
    /// SiftCoreTests' history fixture (real MLflow runs, a metric history per run).
    static let mlruns = packageRoot().appendingPathComponent("Tests/SiftCoreTests/Fixtures/history/mlruns").path

    /// Five runs with `loss` and whatever extra columns a case needs.
    static func table(_ extra: [(String, [Double])], goals: [String: Goal] = [:]) throws -> RunTable {
        var columns = [Column(name: "lr", role: .param, values: [0.1, 0.2, 0.3, 0.4, 0.5].map(Value.number)),
                       Column(name: "width", role: .param, values: [1, 2, 1, 2, 1].map(Value.number))]
        for (name, xs) in extra { columns.append(Column(name: name, role: .metric, values: xs.map(Value.number))) }
        var t = try RunTable(columns: columns, rowCount: 5, source: "t")
        t.goals = goals
        return t
    }

    static let picks: [(extra: [String], goals: [String: Goal], metric: String, column: String)] = [
        (["loss", "loss.best"], [:], "loss", "loss.best"),
        (["loss", "loss_best", "loss.min"], [:], "loss", "loss_best"),
        (["loss", "loss.min", "loss.max"], [:], "loss", "loss.min"),               // the name says lower is better
        (["acc", "acc.min", "acc.max"], [:], "acc", "acc.max"),
        (["value", "value.min", "value.max"], ["value": .maximize], "value", "value.max"),  // the source's goal
        (["value", "value.best"], [:], "value", "value.best"),                     // .best needs no goal
    ]

    @Test(arguments: picks)
    func bestReadsTheCompanionColumn(c: (extra: [String], goals: [String: Goal], metric: String, column: String)) throws {
        let table = try Self.table(c.extra.enumerated().map { ($1, [1, 2, 3, 4, 5].map { Double($0) * Double($0 + 1) }) },
                                   goals: c.goals)
        let out = transcript("importance \(c.metric) best trees 5", table: table)
        #expect(out.contains("value=best (\(c.column))"), "\(out)")
    }

    @Test func noCompanionIsAnErrorWithAHint() throws {
        let out = transcript("importance loss best trees 5", file: "t.sift", table: try Self.table([("loss", [1, 2, 3, 4, 5])]))
        #expect(out == """
            t.sift:1:12: error: no best value of "loss": these runs keep no history of it
              |
            1 | importance loss best trees 5
              |            ^^^^
              = help: "best" reads a "loss.best" column, which W&B, MLflow and Optuna loads make for a metric \
            logged at several steps; without "best" the last value is used

            """)
    }

    @Test func anUnknownGoalWithBothExtremesAsksWhichOne() throws {
        let table = try Self.table([("value", [1, 2, 3, 4, 5]), ("value.min", [1, 2, 3, 4, 5]), ("value.max", [1, 2, 3, 4, 5])])
        let out = transcript("importance value best", file: "t.sift", table: table)
        #expect(out.contains("error: \"best\" is ambiguous: the name \"value\" does not tell whether lower or higher is better"))
        #expect(out.contains("help: name the extreme you want: \"value.min\" or \"value.max\""))
    }

    @Test func aRealHistoryLoadsAndBestUsesIt() throws {
        let out = transcript("""
            load "\(Self.mlruns)"
            importance val_acc best trees 5
            importance grad_norm best trees 5
            importance grad_norm.max trees 5
            importance test_acc best trees 5
            """, file: "t.sift", keepGoing: true)
        #expect(out.contains("panel overall: val_acc.best (maximize) forest trees=5 seed=0 runs=5/5 value=best (val_acc.best)"), "\(out)")
        #expect(out.contains("error: \"best\" is ambiguous: the name \"grad_norm\""))
        #expect(out.contains("panel overall: grad_norm.max"))
        #expect(out.contains("error: no best value of \"test_acc\""))
    }
}
