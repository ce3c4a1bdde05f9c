import Foundation
import Testing
@testable import SiftAnalysis

/// Statistics on values near the largest Double (1.8e308), or whose squares overflow (from 1e155) or underflow
/// (below 1e-155). Scaling by a power of two is exact, so each statistic of `x · 2ᵏ` must be that of `x` (times
/// 2ᵏ for mean and std): the reference is the same data at an ordinary scale, checked against SciPy elsewhere.
@Suite struct OverflowTests {
    /// Spread over (-1.9, 1.9), so times 2¹⁰²³ it reaches ±1.7e308.
    static let small: [Double] = [1.9, -1.9, 0.5, 1e-3, -0.25, 1.2, 0.75, -1.1, 1.85, 0.3]
    static let y: [Double] = [0.2, 0.9, 0.4, 0.35, 0.8, 0.1, 0.3, 0.7, 0.05, 0.5]
    static let groups = [0, 1, 0, 2, 1, 0, 2, 1, 0, 2]

    static func times(_ x: [Double], _ exponent: Int) -> [Double] { x.map { $0 * pow(2, Double(exponent)) } }

    /// Pearson's r once came out NaN (shown as NA) because the mean and the centred values overflowed.
    @Test(arguments: [1023, 1000, 600, -1000])
    func pearsonDoesNotDependOnScale(exponent: Int) throws {
        let big = Self.times(Self.small, exponent)
        let want = try #require(Statistics.pearsonR(Self.small, Self.y))
        #expect(Statistics.pearsonR(big, Self.y) == want)
        #expect(Statistics.pearsonR(Self.y, big) == want)
        #expect(Statistics.pearsonR(big, big).map { abs($0 - 1) < 1e-15 } == true)
        #expect(Statistics.pearson(big, Self.y)?.pValue == Statistics.pearson(Self.small, Self.y)?.pValue)
    }

    /// η² of a metric near 1.8e308 once came out 1 (inf / inf, clamped).
    @Test(arguments: [1023, 1000, 600, -1000])
    func eta2DoesNotDependOnScale(exponent: Int) throws {
        let want = try #require(Statistics.eta2(groups: Self.groups, Self.small))
        #expect(want < 0.9)
        #expect(Statistics.eta2(groups: Self.groups, Self.times(Self.small, exponent)) == want)
    }

    /// `describe`'s mean once summed to inf, and its standard deviation squared to inf from about 1e160.
    @Test(arguments: [1023, 1000, 600, 530, -1000])
    func meanAndStandardDeviationScaleExactly(exponent: Int) throws {
        let big = Self.times(Self.small, exponent)
        let scale = pow(2, Double(exponent))
        #expect(Statistics.mean(big) == Statistics.mean(Self.small) * scale)
        let sd = try #require(Statistics.standardDeviation(Self.small))
        #expect(Statistics.standardDeviation(big) == sd * scale)
    }

    /// Beside the scaled identities, plain values: ±1.7e308 and 1e160 (reference values computed exactly with
    /// Python's fractions), a tiny spread around a large mean, and the unchanged small-sample rules.
    @Test func standardDeviationOfLargeValues() throws {
        let sd160 = try #require(Statistics.standardDeviation([1e160, 2e160, 3e160]))
        #expect(abs(sd160 - 1e160) <= 1e-15 * 1e160)
        #expect(Statistics.mean([1e160, 2e160, 3e160]) == 2e160)
        let sd308 = try #require(Statistics.standardDeviation([1.7e308, 1.6e308, 1.5e308]))
        #expect(abs(sd308 - 1e307) <= 1e-14 * 1e307)
        #expect(abs(Statistics.mean([1.7e308, 1.6e308, 1.5e308]) - 1.6e308) <= 1e-15 * 1.6e308)
        #expect(Statistics.mean([1.7e308, -1.7e308, 2, 4]) == 1.5)
        // √((2 · 1.7e308²) / 1) = 2.4e308 is past the largest Double: inf is the honest answer there.
        #expect(Statistics.standardDeviation([1.7e308, -1.7e308]) == .infinity)
        // Deviations of 1e-200 square to 1e-400 unscaled (0 as a Double); scaled they do not.
        let tiny = try #require(Statistics.standardDeviation([1e-200, 2e-200, 3e-200]))
        #expect(abs(tiny - 1e-200) <= 1e-15 * 1e-200)
        #expect(Statistics.standardDeviation([5]) == nil)
        #expect(Statistics.standardDeviation([1, 3]) == 2.0.squareRoot())
        #expect(Statistics.mean([]) == 0)
        #expect(Statistics.mean([1, .infinity]) == .infinity)
    }
}
