import Foundation
import SiftCore
import Testing
@testable import SiftLanguage

/// How many runs a filter keeps on small tables whose answers are evident by eye.
@Suite struct FilterSemanticsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var condition: String
        var kept: Int
        var testDescription: String { condition }
    }

    // oddTable: lr 0.1 0.01 0.001 · model.layers 2 4 8 · decoder.width 64 128 missing · loss 1 0.5 NaN
    //           mixed 3 "auto" 5 · flag true false missing · lr/warmup 100 200 300
    static let cases: [Case] = [
        Case(condition: "lr < 0.05", kept: 2),
        Case(condition: "lr <= 0.01", kept: 2),
        Case(condition: "lr == 0.1", kept: 1),
        Case(condition: "lr != 0.1", kept: 2),
        Case(condition: "decoder.width > 0", kept: 2),                  // missing compares false
        Case(condition: "not decoder.width > 0", kept: 1),              // … so its negation holds
        Case(condition: "decoder.width is missing", kept: 1),
        Case(condition: "decoder.width is not missing", kept: 2),
        Case(condition: "loss is missing", kept: 1),                    // NaN counts as missing
        Case(condition: "loss < 2", kept: 2),                           // NaN compares false
        Case(condition: "`lr/warmup` >= 200", kept: 2),
        Case(condition: "params.lr == \"a\"", kept: 1),                // the column named "params.lr" wins over the prefix
        Case(condition: "meta.params.lr == \"a\"", kept: 1),
        Case(condition: "`params.lr` == \"b\"", kept: 1),               // exact name first
        Case(condition: "model.layers in [2, 8]", kept: 2),
        Case(condition: "model.layers not in [2, 8]", kept: 1),
        Case(condition: "mixed == 3", kept: 1),
        Case(condition: "mixed == \"auto\"", kept: 1),
        Case(condition: "mixed > 4", kept: 1),
        Case(condition: "flag == true", kept: 1),
        Case(condition: "flag", kept: 1),
        Case(condition: "not flag", kept: 2),
        Case(condition: "log10(lr) < -1.5", kept: 2),
        Case(condition: "abs(-lr) * 10 >= 1", kept: 1),
        Case(condition: "exp(log(lr)) > 0.05", kept: 1),
        Case(condition: "lower(mixed) == \"auto\" or upper(mixed) == \"3\"", kept: 2),
        Case(condition: "lr * 100 + 1 > 2 and lr / 0.01 < 20", kept: 1),
        Case(condition: "1 + 2 * 3 == 7", kept: 3),
        Case(condition: "(1 + 2) * 3 == 9", kept: 3),
        Case(condition: "-2 * -3 == 6 and 8 - 2 - 1 == 5 and 8 / 4 / 2 == 1", kept: 3),
        Case(condition: "true or false and false", kept: 3),
        Case(condition: "not true or true", kept: 3),
        Case(condition: "mixed ~ \"^au\"", kept: 1),
        Case(condition: "mixed !~ \"^au\"", kept: 2),
        Case(condition: "lr ~ \"^0\\\\.0\"", kept: 2),
        Case(condition: "decoder.width in [64] or decoder.width not in [64]", kept: 2),
        Case(condition: "lr > 1", kept: 0),
    ]

    @Test(arguments: cases)
    func kept(_ c: Case) throws {
        let interpreter = Interpreter()
        interpreter.add(try oddTable())
        var errors: [String] = []
        let ok = interpreter.run("filter \(c.condition)", file: "t") { event in
            if case .error(let d) = event { errors.append(d.rendered()) }
        }
        #expect(ok, "\(errors.joined())")
        #expect(interpreter.view.rows.count == c.kept)
    }

    @Test func filterLeavingNothingSaysSo() throws {
        let interpreter = Interpreter()
        interpreter.add(try oddTable())
        var notes: [String] = []
        #expect(interpreter.run("filter lr > 1", file: "t") { if case .note(let n) = $0 { notes.append(n) } })
        #expect(notes == ["filter left 0 of 3 runs; \"undo\" brings them back"])
        #expect(interpreter.viewSummary == "0/3 runs")
    }

    @Test func ambiguousSuffixListsCandidates() throws {
        let out = transcript("filter layers > 1", table: try oddTable())
        #expect(out.contains("\"layers\" is ambiguous: it could be \"model.layers\" or \"encoder.layers\""))
    }

    /// `hide` and `show` resolve a plain name as every statement does (a unique dotted suffix), except in
    /// backticks; a metric or a meta field is an error, not a silent no-op.
    @Test func hideAndShowResolveNamesAsElsewhere() throws {
        let interpreter = Interpreter()
        interpreter.add(try oddTable())
        var notes: [String] = []
        #expect(interpreter.run("hide width", file: "t") { if case .note(let n) = $0 { notes.append(n) } })
        #expect(interpreter.view.hidden == ["decoder.width"])
        #expect(notes == ["hidden: decoder.width (1 of 6 params hidden)"])
        #expect(interpreter.run("show width", file: "t") { _ in })
        #expect(interpreter.view.hidden.isEmpty)
        for (source, error) in [
            ("hide `width`", "unknown param \"width\""),
            ("hide loss", "\"loss\" is a metric; hide applies to params only"),
            ("show flag", "\"flag\" is a meta field; show applies to params only"),
            ("hide layers", "\"layers\" is ambiguous: it could be \"model.layers\" or \"encoder.layers\""),
        ] {
            var errors: [Diagnostic] = []
            #expect(!interpreter.run(source, file: "t") { if case .error(let d) = $0 { errors.append(d) } })
            #expect(errors.map(\.message) == [error], "\(source)")
            #expect(errors.first?.column == 6, "\(source)")
            #expect(interpreter.view.hidden.isEmpty)
        }
    }

    /// A glob matching no param is skipped with a note when another name of the list matched (scripts are
    /// reused across sweeps); when nothing in the list matched, it is an error. A plain name is never skipped.
    @Test func aGlobMatchingNothingInAListIsANote() throws {
        let interpreter = Interpreter()
        interpreter.add(try oddTable())
        var notes: [String] = []
        #expect(interpreter.run("hide lr, _*, model.*", file: "t") { if case .note(let n) = $0 { notes.append(n) } })
        #expect(interpreter.view.hidden == ["lr", "model.layers"])
        #expect(notes == ["hidden: lr, model.layers (2 of 6 params hidden)\nno param matches \"_*\"; skipped"])
        #expect(interpreter.run("show _*, *.layers", file: "t") { if case .note(let n) = $0 { notes.append(n) } })
        #expect(interpreter.view.hidden == ["lr"])
        #expect(notes.last == "shown: model.layers, encoder.layers (1 of 6 params hidden)\nno param matches \"_*\"; skipped")
        for source in ["hide _*, x*", "hide _*, nosuch"] {
            var errors: [Diagnostic] = []
            #expect(!interpreter.run(source, file: "t") { if case .error(let d) = $0 { errors.append(d) } })
            #expect(errors.count == 1 && errors.first?.column == (source.hasSuffix("nosuch") ? 10 : 6), "\(source)")
            #expect(interpreter.view.hidden == ["lr"])
        }
    }

    @Test func uniqueSuffixResolves() throws {
        let interpreter = Interpreter()
        interpreter.add(try oddTable())
        #expect(interpreter.run("filter width > 100", file: "t") { _ in })
        #expect(interpreter.view.rows == [1])
    }
}

/// Statements that change the session, checked on its state rather than on text.
@Suite struct SessionTests {
    @Test func undoAndResetRestoreViews() throws {
        let i = Interpreter()
        i.add(try sweepTable())
        let all = i.view.rows.count
        #expect(i.run("filter optimizer == \"sgd\"; hide seed; group by epochs", file: "t") { _ in })
        #expect(i.view.rows.count < all)
        #expect(i.view.hidden == ["seed"])
        #expect(i.view.groupBy == ["epochs"])
        #expect(i.run("undo", file: "t") { _ in })
        #expect(i.view.groupBy.isEmpty)
        #expect(i.run("reset", file: "t") { _ in })
        #expect(i.view.rows.count == all && i.view.hidden.isEmpty)
        #expect(i.run("undo; undo; undo", file: "t") { _ in })
        #expect(i.view.rows.count == all)
        #expect(!i.run("undo", file: "t") { _ in })
    }

    @Test func collapseAveragesOverSeeds() throws {
        let table = try RunTable(columns: [
            Column(name: "lr", role: .param, values: [.number(1), .number(1), .number(2), .number(2), .number(2)]),
            Column(name: "seed", role: .param, values: [.number(0), .number(1), .number(0), .number(1), .number(2)]),
            Column(name: "loss", role: .metric, values: [.number(1), .number(3), .number(10), .missing, .number(20)]),
        ], rowCount: 5, source: "t")
        for (how, expected) in [("mean", [2.0, 15]), ("median", [2, 15]), ("min", [1, 10]), ("max", [3, 20])] {
            let i = Interpreter()
            i.add(table)
            #expect(i.run("collapse seed with \(how)", file: "t") { _ in })
            let t = i.table
            #expect(t.rowCount == 2)
            #expect(t.column(named: "seed") == nil)
            #expect((0..<2).map { t.column(named: "loss")?[$0].number } == expected.map(Optional.some))
            #expect((0..<2).map { t.column(named: "count")?[$0].number } == [2, 3])
            // Sample standard deviations: of {1, 3} and of {10, 20} (the missing one left out).
            let sd = (0..<2).compactMap { t.column(named: "loss.std")?[$0].number }
            #expect(sd.count == 2 && abs(sd[0] - 2.0.squareRoot()) < 1e-12 && abs(sd[1] - 50.0.squareRoot()) < 1e-12)
        }
    }

    /// Collapsing over a grouping field ends grouping by it, not by the other fields, and says so; `undo`
    /// brings the grouping back.
    @Test func collapseOverAGroupingFieldSaysSo() throws {
        let i = Interpreter()
        i.add(try sweepTable())
        var notes: [String] = []
        #expect(i.run("group by optimizer, epochs; collapse seed, optimizer", file: "t") {
            if case .note(let n) = $0 { notes.append(n) }
        })
        #expect(i.view.groupBy == ["epochs"])
        #expect(notes.last?.split(separator: "\n").last == "no longer grouped by optimizer: collapsed over; still grouped by epochs")
        #expect(i.run("undo; group by optimizer; collapse optimizer", file: "t") {
            if case .note(let n) = $0 { notes.append(n) }
        })
        #expect(i.view.groupBy.isEmpty)
        #expect(notes.last?.contains("\nno longer grouped by optimizer: collapsed over\n") == true)
        #expect(i.run("undo", file: "t") { _ in })
        #expect(i.view.groupBy == ["optimizer"])
        // A collapse that leaves the grouping fields alone says nothing of grouping.
        #expect(i.run("collapse seed", file: "t") { if case .note(let n) = $0 { notes.append(n) } })
        #expect(i.view.groupBy == ["optimizer"])
        #expect(notes.last?.contains("grouped") == false)
    }

    /// A field already named `METRIC.std` or `count` keeps its values; the added column takes a fresh name,
    /// and the note says which.
    @Test func collapseKeepsFieldsNamedLikeItsColumns() throws {
        let table = try RunTable(columns: [
            Column(name: "lr", role: .param, values: [.number(1), .number(1), .number(2)]),
            Column(name: "seed", role: .param, values: [.number(0), .number(1), .number(0)]),
            Column(name: "loss", role: .metric, values: [.number(1), .number(3), .number(5)]),
            Column(name: "loss.std", role: .metric, values: [.number(0.1), .number(0.3), .number(0.5)]),
            Column(name: "count", role: .meta, values: [.number(7), .number(7), .number(9)]),
        ], rowCount: 3, source: "t")
        let i = Interpreter()
        i.add(table)
        var notes = ""
        #expect(i.run("collapse seed", file: "t") { if case .note(let n) = $0 { notes += n } })
        let t = i.table
        #expect((0..<2).map { t.column(named: "loss.std")?[$0].number } == [0.2, 0.5])
        #expect(t.column(named: "loss.std")?.role == .metric)
        #expect(t.column(named: "loss.std_2")?[0].number == 2.0.squareRoot())
        #expect((0..<2).map { t.column(named: "count")?[$0].number } == [7, 9])
        #expect((0..<2).map { t.column(named: "count_2")?[$0].number } == [2, 1])
        #expect(notes.contains("\"loss.std\" is already a field, so that column is named \"loss.std_2\""))
        #expect(notes.contains("\"count\" is already a field, so that column is named \"count_2\""))
    }

    /// A load's `params`/`metrics` lists win over the roles of runs loaded before (with a note), and an
    /// unknown name in them is pointed at, not the path.
    @Test func loadRoleListsWinOverEarlierRuns() throws {
        let path = packageRoot().appendingPathComponent("Examples/sweep.csv").path
        let i = Interpreter()
        var notes = ""
        #expect(i.run("load \"\(path)\"; load \"\(path)\" params train_loss", file: "t") {
            if case .note(let n) = $0 { notes += n }
        })
        #expect(i.table.column(named: "train_loss")?.role == .param)
        #expect(i.table.column(named: "val_loss")?.role == .metric)
        #expect(notes.contains("\"train_loss\" is now a param for all 810 runs (it was a metric)"), "\(notes)")
        var column: Int?
        #expect(!i.run("load \"\(path)\" params nonexist", file: "t") {
            if case .error(let d) = $0 { column = d.column }
        })
        #expect(column == path.count + 16)
    }

    /// A filter looks at Ctrl-C every 256 runs (a regex can be slow on each): raised while it runs (here,
    /// before it starts, calling the statement directly), it stops with "cancelled" and leaves the view.
    @Test func filterStopsWhenCancelled() throws {
        let i = Interpreter()
        i.add(try sweepTable())
        let all = i.view.rows
        guard case .filter(let condition)? = Parser.parse("filter name ~ \"run-0\"").script.statements.first?.kind
        else { Issue.record("no filter parsed"); return }
        i.cancellation.cancel()
        #expect(throws: RuntimeError.self) { try i.filter(condition) }
        #expect(i.view.rows == all)
        i.cancellation.reset()
        #expect(try i.filter(condition).hasPrefix("filtered 405"))
    }

    /// `describe` counts NaN apart from present and missing cells, and as one distinct value.
    @Test func describeCountsNaNOnce() throws {
        let table = try RunTable(columns: [
            Column(name: "loss", role: .metric,
                   values: [.number(.nan), .number(2), .missing, .number(.nan), .number(2), .number(1)]),
        ], rowCount: 6, source: "t")
        let lines = transcript("describe loss", table: table).split(separator: "\n").map {
            $0.split(separator: " ").joined(separator: " ")
        }
        for row in ["present 3", "missing 1", "NaN 2", "distinct 3", "NaN in 2 of 6 runs"] {
            #expect(lines.contains(row), "\(row) in \(lines)")
        }
    }

    /// `runs … sort` puts missing values and NaN last in both directions (NaN before missing).
    @Test func sortPutsMissingAndNaNLastEitherWay() throws {
        let table = try RunTable(columns: [
            Column(name: "name", role: .meta, values: ["a", "b", "c", "d", "e"].map { .string($0) }),
            Column(name: "loss", role: .metric,
                   values: [.number(.nan), .number(2), .missing, .number(1), .number(3)]),
        ], rowCount: 5, source: "t")
        func order(_ direction: String) -> [String] {
            transcript("runs sort loss \(direction) columns name", table: table)
                .split(separator: "\n").compactMap { line in
                    let first = line.split(separator: " ").first.map(String.init)
                    return first.flatMap { ["a", "b", "c", "d", "e"].contains($0) ? $0 : nil }
                }
        }
        #expect(order("asc") == ["d", "b", "e", "a", "c"])
        #expect(order("desc") == ["e", "b", "d", "a", "c"])
    }

    /// Collapsing metrics near the largest Double: mean, median and std once overflowed to inf.
    @Test func collapseOfValuesNearTheLargestDouble() throws {
        let table = try RunTable(columns: [
            Column(name: "lr", role: .param, values: [.number(1), .number(1)]),
            Column(name: "seed", role: .param, values: [.number(0), .number(1)]),
            Column(name: "loss", role: .metric, values: [.number(1.7e308), .number(1.5e308)]),
        ], rowCount: 2, source: "t")
        for how in ["mean", "median"] {
            let i = Interpreter()
            i.add(table)
            #expect(i.run("collapse seed with \(how)", file: "t") { _ in })
            #expect(i.table.column(named: "loss")?[0].number == 1.6e308, "\(how)")
            let sd = try #require(i.table.column(named: "loss.std")?[0].number)
            #expect(abs(sd - 0.2e308 / 2.0.squareRoot()) <= 1e-14 * 1.5e307)
        }
    }

    @Test func setChangesOptions() throws {
        let i = Interpreter()
        #expect(i.run("set trees = 300; set seed = 7; set format = json; set color = off; set maxrows = 50; set timer = on; set expanded = on; set threads = 2", file: "t") { _ in })
        #expect(i.options == SessionOptions(seed: 7, trees: 300, threads: 2, format: .json, maxRows: 50, expanded: true,
                                            color: false, timer: true))
        #expect(i.run("set maxrows = none", file: "t") { _ in })
        #expect(i.options.maxRows == nil)
    }

    /// `describe` of values near the largest Double: the mean once summed to inf and the standard deviation
    /// squared to inf (from about 1e155); both are finite now, and the quartiles interpolate without overflow.
    @Test func describeOfValuesNearTheLargestDouble() throws {
        let values: [Double] = [1.7e308, 1.6e308, 1.5e308, 1.7e308]
        let table = try RunTable(columns: [
            Column(name: "x", role: .param, values: values.map { .number($0) }),
            Column(name: "y", role: .param, values: [1e160, 2e160, 3e160, 2e160].map { .number($0) }),
            Column(name: "z", role: .param, values: [-1.7e308, 1.7e308, -1.7e308, 1.7e308].map { .number($0) }),
        ], rowCount: 4, source: "t")
        let i = Interpreter()
        i.add(table)
        var tables: [ResultTable] = []
        #expect(i.run("describe x; describe y; describe z", file: "t") { e in
            if case .output(.table(let t)) = e { tables.append(t) }
        })
        func stat(_ t: ResultTable, _ name: String) -> Double? {
            t.rows.first { $0.first == .string(name) }?.last?.number
        }
        try #require(tables.count == 3)
        #expect(abs((stat(tables[0], "mean") ?? .nan) - 1.625e308) <= 1e-15 * 1.625e308)
        #expect(abs((stat(tables[0], "std") ?? .nan) - 9.574271077563378e306) <= 1e-14 * 9.6e306)
        #expect(abs((stat(tables[1], "std") ?? .nan) - 8.16496580927726e159) <= 1e-14 * 8.2e159)
        #expect(stat(tables[2], "median") == 0)
        #expect(stat(tables[2], "mean") == 0)
    }

    /// `trees` is bounded (2e9 trees once aborted allocating 240 GB): 10000 is accepted, 10001 refused,
    /// in `set` and in a clause (the refusals' messages are in errors.snapshot).
    @Test func treesAreBoundedAtTenThousand() throws {
        let i = Interpreter()
        i.add(try sweepTable())
        #expect(i.run("set trees = 10000", file: "t") { _ in })
        #expect(i.options.trees == 10000)
        #expect(!i.run("set trees = 10001", file: "t") { _ in })
        #expect(i.options.trees == 10000)
        let clauses = AnalysisClauses(trees: IntLiteral(value: 10000, span: SourceSpan(offset: 0, line: 1, column: 1, length: 5)))
        #expect(try i.importanceRequest(metric: "val_loss", clauses: clauses).trees == 10000)
        let tooMany = AnalysisClauses(trees: IntLiteral(value: 10001, span: SourceSpan(offset: 0, line: 1, column: 1, length: 5)))
        #expect(throws: RuntimeError.self) { try i.importanceRequest(metric: "val_loss", clauses: tooMany) }
    }

    @Test func sourceRunsRelativeToTheScriptAndStopsRecursion() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sift-source-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "source \"lib/inner.sift\"\n".write(to: dir.appendingPathComponent("main.sift"), atomically: true, encoding: .utf8)
        try "set trees = 42\nfilter zz > 1\n".write(to: dir.appendingPathComponent("lib/inner.sift"), atomically: true, encoding: .utf8)
        try "source \"self.sift\"\n".write(to: dir.appendingPathComponent("self.sift"), atomically: true, encoding: .utf8)
        let i = Interpreter()
        i.add(try oddTable())
        var errors: [Diagnostic] = []
        let main = dir.appendingPathComponent("main.sift").path
        #expect(!i.run(try String(contentsOfFile: main, encoding: .utf8), file: main) {
            if case .error(let d) = $0 { errors.append(d) }
        })
        #expect(i.options.trees == 42)
        #expect(errors.count == 1)
        #expect(errors.first?.file == dir.appendingPathComponent("lib/inner.sift").path)
        #expect(errors.first?.line == 2)
        errors = []
        let selfPath = dir.appendingPathComponent("self.sift").path
        #expect(!i.run("source \"self.sift\"", file: selfPath) { if case .error(let d) = $0 { errors.append(d) } })
        #expect(errors.count == 1)
        #expect(errors.first?.message == "\"source\" nested more than 16 deep")
    }

    @Test func quitStopsTheScriptAndIsReported() throws {
        let i = Interpreter()
        var events: [String] = []
        #expect(i.run("set trees = 5\nquit\nset trees = 7", file: "t") { e in
            if case .quit = e { events.append("quit") }
        })
        #expect(events == ["quit"])
        #expect(i.options.trees == 5)
    }

    @Test func quitInsideASourcedScriptStopsEverythingOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sift-quit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "set trees = 3\nquit\nset trees = 4\n".write(to: dir.appendingPathComponent("inner.sift"), atomically: true,
                                                           encoding: .utf8)
        let main = dir.appendingPathComponent("main.sift").path
        try "".write(toFile: main, atomically: true, encoding: .utf8)  // the script's folder is where "source" looks
        let i = Interpreter()
        var quits = 0
        #expect(i.run("source \"inner.sift\"\nset trees = 5", file: main) { if case .quit = $0 { quits += 1 } })
        #expect(quits == 1)
        #expect(i.options.trees == 3)
    }

    @Test func noRunsLoadedIsAnError() {
        let out = transcript("params")
        #expect(out.contains("error: no runs loaded"))
    }

    @Test func exportWritesTheLastResult() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sift-export-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let i = Interpreter()
        i.add(try oddTable())
        var errors: [String] = []
        #expect(i.run("runs columns lr\nexport \"\(path)\"", file: "t") { if case .error(let d) = $0 { errors.append(d.rendered()) } },
                "\(errors)")
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("lr\n"))
    }

    @Test func syntaxErrorsStopTheWholeChunkUnlessKeepGoing() throws {
        let i = Interpreter()
        i.add(try oddTable())
        #expect(!i.run("filter lr < 0.05\nfitler x", file: "t") { _ in })
        #expect(i.view.rows.count == 3)  // nothing ran
        #expect(!i.run("filter lr < 0.05\nfitler x", file: "t", keepGoing: true) { _ in })
        #expect(i.view.rows.count == 2)
    }
}
