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
