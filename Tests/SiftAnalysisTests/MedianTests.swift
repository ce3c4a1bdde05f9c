import Foundation
import Testing
@testable import SiftAnalysis

/// `Statistics.median(reordering:)` is a quickselect standing in for a sort and `quantile(sorted:, 0.5)`;
/// it must give the same number, bit for bit, whatever the order, size and ties.
@Suite struct MedianTests {
    @Test(arguments: [1, 2, 3, 4, 5, 8, 17, 100, 1001, 2000])
    func medianEqualsTheSortedQuantile(count n: Int) {
        var rng = Xoshiro256(seed: UInt64(n))
        for trial in 0..<50 {
            // Continuous values, heavy ties, and already sorted or reversed input.
            var x: [Double] = (0..<n).map { _ in
                trial % 3 == 0 ? Double(rng.nextInt(below: 4)) : exp(rng.nextUnit() * 10 - 5)
            }
            if trial % 5 == 1 { x.sort() }
            if trial % 5 == 2 { x.sort(by: >) }
            let want = Statistics.quantile(sorted: x.sorted(), 0.5)
            var scratch = x
            #expect(Statistics.median(reordering: &scratch).bitPattern == want.bitPattern, "n \(n), trial \(trial)")
            #expect(scratch.sorted() == x.sorted())
        }
    }

    /// Interpolating between order statistics whose difference overflows (-1.7e308 and 1.7e308) once gave
    /// inf, or NaN at an order statistic itself (0 · inf); `suggest` showed such percentiles.
    @Test func quantilesOfValuesWhoseDifferenceOverflows() {
        let x = [-1.7e308, 1.7e308]
        #expect(Statistics.quantile(sorted: x, 0) == -1.7e308)
        #expect(Statistics.quantile(sorted: x, 1) == 1.7e308)
        #expect(Statistics.quantile(sorted: x, 0.5) == 0)
        #expect(abs(Statistics.quantile(sorted: x, 0.1) - -1.36e308) <= 1e-12 * 1.36e308)
        var scratch = x
        #expect(Statistics.median(reordering: &scratch) == 0)
        let three = [-1.7e308, 5, 1.7e308]
        #expect(Statistics.quantile(sorted: three, 0.5) == 5)
        #expect(abs(Statistics.quantile(sorted: three, 0.75) - 0.85e308) <= 1e-12 * 0.85e308)
        #expect(Statistics.quantile(sorted: [1, .infinity], 0) == 1)
    }
}
