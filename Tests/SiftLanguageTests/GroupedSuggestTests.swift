import Foundation
import SiftCore
import Testing
@testable import SiftLanguage

/// `suggest` under `group by`: one table per group, then the overall one, as `importance` does.
@Suite struct GroupedSuggestTests {
    /// Optimizer `a` is best at small x, `b` at large x (the overall best runs mix both); `c` has 3 runs.
    static func table() throws -> RunTable {
        var opt: [Value] = [], x: [Value] = [], y: [Value] = [], loss: [Value] = []
        for (name, count) in [("a", 40), ("b", 40), ("c", 3)] {
            for i in 0..<count {
                let xi = Double(i) / Double(count)
                opt.append(.string(name))
                x.append(.number(xi))
                y.append(.number(Double(i * 7 % 13)))
                loss.append(.number(name == "b" ? 1 - xi : xi))
            }
        }
        return try RunTable(columns: [
            Column(name: "opt", role: .param, values: opt), Column(name: "x", role: .param, values: x),
            Column(name: "y", role: .param, values: y), Column(name: "loss", role: .metric, values: loss),
        ], rowCount: opt.count, source: "t")
    }

    /// The tables `source` outputs, and the errors it reports.
    static func run(_ source: String, interpreter: Interpreter = Interpreter()) throws -> ([ResultTable], [String]) {
        interpreter.add(try table())
        var tables: [ResultTable] = [], errors: [String] = []
        interpreter.run(source, file: "t") { event in
            switch event {
            case .output(.table(let t)): tables.append(t)
            case .error(let d): errors.append(d.rendered())
            default: break
            }
        }
        return (tables, errors)
    }

    /// The suggested range of `param` in `table` as numbers.
    static func range(_ table: ResultTable, _ param: String) -> [Double] {
        guard let row = table.rows.first(where: { $0.first == .string(param) }), case .string(let s) = row[2] else {
            return []
        }
        return s.components(separatedBy: " … ").compactMap(Double.init)
    }

    @Test func oneTablePerGroupThenOverall() throws {
        let (tables, errors) = try Self.run("group by opt\nsuggest loss")
        #expect(errors.isEmpty, "\(errors)")
        #expect(tables.map(\.title) == [
            "suggested search space for loss in opt=a (lower is better)",
            "suggested search space for loss in opt=b (lower is better)",
            "suggested search space for loss in opt=c (lower is better)",
            "suggested search space for loss (lower is better)",
        ])
        #expect(tables.allSatisfy { $0.kind == "suggest" && $0.columns.first == "param" })
        // Within a group the grouping field is constant: it is not suggested.
        for t in tables.prefix(3) { #expect(!t.rows.contains { $0.first == .string("opt") }) }
        // Each group's best runs lie at its own end of x.
        let a = Self.range(tables[0], "x"), b = Self.range(tables[1], "x")
        #expect(a.count == 2 && a[1] < 0.2, "opt=a: \(a)")
        #expect(b.count == 2 && b[0] > 0.8, "opt=b: \(b)")
        #expect(tables[0].footer.first?.hasPrefix("top 10% = 4 of 40 runs") == true)
    }

    @Test func aGroupTooSmallGetsAnEmptyTableSayingWhy() throws {
        let (tables, _) = try Self.run("group by opt\nsuggest loss")
        let c = try #require(tables.count == 4 ? tables[2] : nil)
        #expect(c.rows.isEmpty)
        #expect(c.footer == ["suggest needs at least 5 runs with a finite \"loss\", but the group has 3"])
    }

    @Test func ungroupedSuggestIsOneTable() throws {
        let (tables, errors) = try Self.run("suggest loss")
        #expect(errors.isEmpty && tables.count == 1)
        #expect(tables.first?.title == "suggested search space for loss (lower is better)")
    }

    @Test func exportWritesEveryGroupWithAGroupColumn() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sift-suggest-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (_, errors) = try Self.run("group by opt\nsuggest loss\nexport \"\(path)\"")
        #expect(errors.isEmpty, "\(errors)")
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "group,param,kind,suggested,top runs,importance,best run")
        let groups = Set(lines.dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) })
        #expect(groups == ["opt=a", "opt=b", "overall"])
    }
}
