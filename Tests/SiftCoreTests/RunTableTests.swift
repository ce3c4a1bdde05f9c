import Testing
@testable import SiftCore

@Suite struct RunTableTests {
    @Test func inferenceSettlesColumnTypes() {
        let numbers = Column(name: "lr", role: .param, values: [.number(0.1), .missing, .number(1e-3)])
        #expect(numbers.kind == .numeric)
        #expect(!numbers.isInteger)
        #expect(numbers.isMissing(1))
        let mixed = Column(name: "x", role: .param, values: [.number(3), .string("auto")])
        #expect(mixed.kind == .categorical)
        #expect(mixed.isMixed)
        #expect(mixed.levels == ["3", "auto"])
        let flags = Column(name: "b", role: .param, values: [.bool(true), .missing, .bool(false)])
        #expect(flags.kind == .boolean)
        #expect(flags[2] == .bool(false))
    }

    @Test func appendTakesTheUnionOfColumns() throws {
        var a = try RunTable(columns: [Column(name: "lr", role: .param, values: [.number(1), .number(2)])],
                             rowCount: 2, source: "a.csv")
        let b = try RunTable(columns: [Column(name: "opt", role: .param, values: [.string("sgd")]),
                                       Column(name: "lr", role: .metric, values: [.string("high")])],
                             rowCount: 1, source: "b.csv")
        a.append(b)
        #expect(a.rowCount == 3)
        #expect(a.column(named: "lr")?.role == .param)
        #expect(a.column(named: "lr")?.kind == .categorical)
        #expect(a.column(named: "opt")?[0] == .missing)
        #expect(a.column(named: "opt")?[2] == .string("sgd"))
        #expect(a.source(ofRun: 2) == "b.csv")
    }

    @Test func appendMergesGoalsKeepingTheFirst() throws {
        var a = try RunTable(columns: [Column(name: "loss", role: .metric, values: [.number(1)])], rowCount: 1, source: "a")
        a.goals = ["loss": .minimize]
        var b = try RunTable(columns: [Column(name: "acc", role: .metric, values: [.number(1)])], rowCount: 1, source: "b")
        b.goals = ["loss": .maximize, "acc": .maximize]
        a.append(b)
        #expect(a.goals == ["loss": .minimize, "acc": .maximize])
    }

    @Test(arguments: [("1e-3", 0.001), ("-2.5", -2.5), ("NaN", Double.nan), ("-inf", -Double.infinity)])
    func numbersParse(text: String, expected: Double) {
        let x = NumberParsing.parse(Substring(text))
        #expect(x != nil)
        if expected.isNaN { #expect(x!.isNaN) } else { #expect(x == expected) }
    }

    @Test func hexAndWordsAreNotNumbers() {
        #expect(NumberParsing.parse("0x10") == nil)
        #expect(NumberParsing.parse("adam") == nil)
        #expect(NumberParsing.parse("") == nil)
    }
}

@Suite struct RecordsBuilderTests {
    @Test func recordsBecomeColumnsWithMissingWhereAbsent() {
        var b = RecordsBuilder()
        b.beginRun()
        b.set("name", .string("a"), role: .meta)
        b.setFlattened(prefix: "", .object([("model", .object([("layers", .number(2))])), ("lr", .number(0.1))]), role: .param)
        b.beginRun()
        b.set("name", .string("b"), role: .meta)
        b.set("val_loss", .number(0.5), role: .metric)
        b.set("val_loss", .string("diverged"), role: .metric)
        let t = b.build(source: "x.json")
        #expect(t.rowCount == 2)
        #expect(t.columns.map(\.name) == ["name", "model.layers", "lr", "val_loss"])
        #expect(t.column(named: "model.layers")?[1] == .missing)
        #expect(t.column(named: "val_loss")?[0] == .missing)
        #expect(t.column(named: "val_loss")?[1] == .string("diverged"))
        #expect(t.column(named: "val_loss")?.role == .metric)
    }
}
