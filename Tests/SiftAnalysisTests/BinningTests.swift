import Foundation
import Testing
@testable import SiftAnalysis

/// `BinnedFeatures` sorts each numeric column with a radix sort over order-preserving keys and assigns
/// bins in one walk over the sorted values. These tests hold it to the plain definition: sort the present
/// values, cut them, and give each value the first bin whose largest value reaches it.
@Suite struct BinningTests {
    /// The definition, by comparison sort and binary search.
    static func reference(_ column: [Double]) -> (bins: [UInt8], low: [Double], high: [Double]) {
        let sorted = column.filter { !$0.isNaN }.map { $0 == 0 ? 0.0 : $0 }.sorted()
        var distinct: [Double] = [], counts: [Int] = []
        for v in sorted {
            if distinct.last == v { counts[counts.count - 1] += 1 } else { distinct.append(v); counts.append(1) }
        }
        let (low, high) = BinnedFeatures.cuts(distinct: distinct, counts: counts, total: sorted.count)
        let bins = column.map { v -> UInt8 in
            if v.isNaN { return BinnedFeatures.missingBin }
            return UInt8(high.firstIndex { v <= $0 }!)
        }
        return (bins, low, high)
    }

    /// Columns with ties, negative values, both zeros, infinities, missing cells and values ulps apart,
    /// with few and with many distinct values.
    static func columns(rows n: Int) -> [[Double]] {
        var rng = Xoshiro256(seed: 3)
        let many = (0..<n).map { _ in rng.nextUnit() * 200 - 100 }
        let few = (0..<n).map { _ in Double(rng.nextInt(below: 40)) - 20 }
        let zeros = (0..<n).map { i in [0.0, -0.0, 1e-300, -1e-300, .infinity, -.infinity, .nan][i % 7] }
        let ties = (0..<n).map { _ in (rng.nextUnit() * 600).rounded() / 2 }
        let missing = (0..<n).map { _ in rng.nextUnit() < 0.3 ? Double.nan : exp(rng.nextUnit() * 20 - 10) }
        let huge = (0..<n).map { _ in (rng.nextUnit() - 0.5) * 1e300 }
        // Values a few hundred ulps apart: they differ in the keys' lowest bytes only.
        let ulps = (0..<n).map { _ in Double(bitPattern: 1.0.bitPattern + UInt64(rng.nextInt(below: 700))) }
        let empty = [Double](repeating: .nan, count: n), constant = [Double](repeating: 7, count: n)
        return [many, few, zeros, ties, missing, huge, ulps, empty, constant]
    }

    @Test(arguments: [1, 2, 300, 5000])
    func binsMatchTheDefinition(rows n: Int) {
        let columns = Self.columns(rows: n)
        let schema = FeatureSchema(features: columns.indices.map {
            .init(name: "x\($0)", kind: .numeric(min: 0, max: 1), param: $0)
        }, params: columns.indices.map { "x\($0)" })
        let matrix = FeatureMatrix(schema: schema, values: columns.flatMap { $0 },
                                   target: Array(repeating: 0, count: n))
        for threads in [1, 2] {
            let binned = BinnedFeatures(matrix, threads: threads)
            for (f, column) in columns.enumerated() {
                let want = Self.reference(column)
                #expect(Array(binned.bins[(f * n)..<(f * n + n)]) == want.bins, "feature \(f), \(n) rows")
                #expect(binned.binCount[f] == want.low.count)
                let low = binned.low[(f * BinnedFeatures.maxBins)...].prefix(want.low.count)
                let high = binned.high[(f * BinnedFeatures.maxBins)...].prefix(want.high.count)
                #expect(low.map(\.bitPattern) == want.low.map(\.bitPattern))
                #expect(high.map(\.bitPattern) == want.high.map(\.bitPattern))
                for r in 0..<n {
                    #expect(binned.rowBins[r * columns.count + f] == binned.bins[f * n + r])
                }
            }
        }
    }

    @Test func manyDistinctValuesFillEveryBinAndKeepTheirOrder() {
        let column = Self.columns(rows: 5000)[0]
        let schema = FeatureSchema(features: [.init(name: "x", kind: .numeric(min: -100, max: 100), param: 0)],
                                   params: ["x"])
        let binned = BinnedFeatures(FeatureMatrix(schema: schema, values: column,
                                                  target: Array(repeating: 0, count: column.count)))
        #expect(binned.binCount[0] == BinnedFeatures.maxBins)
        let order = column.indices.sorted { column[$0] < column[$1] }
        #expect(zip(order, order.dropFirst()).allSatisfy { binned.bins[$0] <= binned.bins[$1] })
    }
}
