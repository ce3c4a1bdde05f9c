import Testing
@testable import SiftCore

/// The byte-level number reader must give bit-for-bit the answers of Swift's own parser (strtod).
@Suite struct CSVNumberTests {

    func parse(_ text: String) -> Double? {
        var t = text
        return t.withUTF8 { b in b.baseAddress.flatMap { CSVNumberParser.parse($0, b.count) } }
    }

    func expectSame(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let mine = parse(text)
        let reference = NumberParsing.parse(Substring(text))
        if let reference, reference.isNaN {
            #expect(mine?.isNaN == true, "\(text)", sourceLocation: sourceLocation)
        } else {
            #expect(mine?.bitPattern == reference?.bitPattern, "\(text): \(String(describing: mine)) vs \(String(describing: reference))",
                    sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        "0", "-0", "1", "+1", "12", "0.1", ".5", "5.", "1e5", "1E-5", "-2.5e+3", "1e", "1e+", "e5", ".", "-", "+",
        "NaN", "nan", "-nan", "inf", "-inf", "Infinity", "-INFINITY", "infinit", "in", "0x10", "1_000", "1.2.3",
        " 7 ", "\t-3\t", "1 2", "2025-12-13T23:28:41.000Z", "1e400", "-1e400", "1e-400", "4.9e-324", "2.2250738585072014e-308",
        "9007199254740993", "123456789012345678901234567890", "0.000000000000000000000000000001",
        "1.7976931348623157e308", "1.7976931348623159e308", "00012", "0.14491231792742332", "true", "adam", "",
    ])
    func agreesWithNumberParsing(_ text: String) {
        expectSame(text)
    }

    @Test func randomDoublesRoundTrip() {
        var rng = SeededGenerator(state: 42)
        for _ in 0..<20_000 {
            let x = Double(bitPattern: rng.next() & 0x7FEF_FFFF_FFFF_FFFF)
            expectSame("\(x)")
            let y = Double.random(in: 0..<1, using: &rng) * pow10(Int.random(in: -12...12, using: &rng))
            expectSame("\(y)")
        }
    }

    @Test func randomDigitStrings() {
        var rng = SeededGenerator(state: 7)
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...22, using: &rng)
            var text = Bool.random(using: &rng) ? "-" : ""
            for k in 0..<digits {
                if k == digits / 2 { text += "." }
                text += String(Int.random(in: 0...9, using: &rng))
            }
            text += "e\(Int.random(in: -330...310, using: &rng))"
            expectSame(text)
        }
    }

    private func pow10(_ e: Int) -> Double {
        var x = 1.0
        for _ in 0..<abs(e) { x *= 10 }
        return e < 0 ? 1 / x : x
    }
}
