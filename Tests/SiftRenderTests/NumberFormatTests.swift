import Testing
@testable import SiftRender

@Suite struct NumberFormatTests {
    static let humanCases: [(Double, String)] = [
        (0, "0"), (1, "1"), (-3, "-3"), (64, "64"), (1024, "1024"), (12400, "12,400"), (-1_250_000, "-1,250,000"),
        (0.0031, "0.0031"), (0.00314159, "0.003142"), (1.2e-4, "1.2e-4"), (-1.234e-7, "-1.23e-7"),
        (0.5, "0.5"), (12.3456, "12.35"), (0.3121, "0.3121"), (12345.678, "12,346"), (2.5e15, "2.5e15"),
        (.nan, "NaN"), (.infinity, "inf"), (-.infinity, "-inf"), (0.1 + 0.2, "0.3"),
    ]

    @Test(arguments: humanCases)
    func humanNumbers(_ x: Double, _ expected: String) {
        #expect(NumberFormat.human(x) == expected)
    }

    static let exactCases: [Double] = [0.1, 0.1 + 0.2, 1.0 / 3.0, 1e-300, Double.leastNonzeroMagnitude, 1.7976931348623157e308, 123456789.125,
                                  -2.5e-8, 300, -0.0]

    @Test(arguments: exactCases)
    func roundTripIsExact(_ x: Double) throws {
        let text = try #require(NumberFormat.roundTrip(x))
        #expect(Double(text) == x)
        #expect(Double(text)?.sign == x.sign)
    }

    @Test func nonFiniteHasNoJSONNumber() {
        #expect(NumberFormat.roundTrip(.nan) == nil)
        #expect(NumberFormat.roundTrip(.infinity) == nil)
        #expect(NumberFormat.roundTrip(300) == "300")
    }

    static let signedCases: [(Double, String)] = [(0.624, "+0.62"), (-0.088, "-0.09"), (0, " 0.00"), (-0.001, " 0.00")]

    @Test(arguments: signedCases)
    func signedNumbers(_ x: Double, _ expected: String) {
        #expect(NumberFormat.signed(x, decimals: 2) == expected)
    }

    static let pValuesCases: [(Double, String)] = [(1e-10, "<1e-4"), (0.0021, "0.0021"), (0.033, "0.033"), (0.39, "0.39")]

    @Test(arguments: pValuesCases)
    func pValues(_ p: Double, _ expected: String) {
        #expect(NumberFormat.pValue(p) == expected)
    }

    static let truncationsCases: [(String, Int, String)] = [
        ("learning_rate", 20, "learning_rate"), ("learning_rate", 9, "lear…rate"),
        ("data.augmentation.random_crop_scale", 12, "data.a…scale"), ("abc", 1, "a"),
    ]

    @Test(arguments: truncationsCases)
    func truncateMiddle(_ s: String, _ w: Int, _ expected: String) {
        #expect(TextLayout.truncateMiddle(s, to: w, ellipsis: "…") == expected)
    }
}
