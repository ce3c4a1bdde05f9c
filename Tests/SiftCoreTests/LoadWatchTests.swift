import Foundation
import Testing
@testable import SiftCore

/// Loads of many runs report progress and stop when cancelled; folder loaders read their runs on all cores
/// and must keep the runs' order and report the first failure in that order.
@Suite struct LoadWatchTests {
    @Test func readsInOrderCountsEachItemAndThrowsTheFirstFailureInOrder() throws {
        let reports = Locked<[Double]>([])
        let watch = LoadWatch(ProgressSink { _, f in reports.withLock { $0.append(f) } })
        let squares = try watch.map(500, path: "p") { (i) throws(LoadError) in i * i }
        #expect(squares == (0..<500).map { $0 * $0 })
        let seen = reports.withLock { $0 }
        #expect(seen.count == 500 && seen.max() == 1)
        // Items 7 and 300 fail: item 7's error is the one reported, whichever thread got there first.
        #expect {
            try LoadWatch().map(500, path: "p") { (i) throws(LoadError) -> Int in
                if i == 7 || i == 300 { throw LoadError(path: "run-\(i)", message: "broken") }
                return i
            }
        } throws: { ($0 as? LoadError)?.path == "run-7" }
    }

    @Test func aCancelledLoadStops() throws {
        let token = CancellationToken()
        token.cancel()
        #expect {
            try LoadWatch(.silent, token).map(100, path: "store") { (i) throws(LoadError) in i }
        } throws: { ($0 as? LoadError)?.message == "cancelled" && ($0 as? LoadError)?.path == "store" }
        // JSON Lines: checked every 256 records.
        let lines = (0..<600).map { "{\"lr\": \($0), \"loss\": \(Double($0) / 7)}" }.joined(separator: "\n")
        let source = SourceBytes(file: Array(lines.utf8))
        #expect {
            try JSONRunLoader.load(source: source, path: "runs.jsonl", options: LoadOptions(), watch: LoadWatch(.silent, token))
        } throws: { ($0 as? LoadError)?.message == "cancelled" }
        let reports = Locked<[Double]>([])
        let table = try JSONRunLoader.load(source: source, path: "runs.jsonl", options: LoadOptions(),
                                           watch: LoadWatch(ProgressSink { _, f in reports.withLock { $0.append(f) } }))
        #expect(table.rowCount == 600)
        #expect(reports.withLock { $0 }.count == 3 && reports.withLock { $0 }.last == 1)
    }
}
