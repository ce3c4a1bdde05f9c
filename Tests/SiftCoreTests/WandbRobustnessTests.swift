import Foundation
import Testing
@testable import SiftCore

/// Seeded random damage: the W&B readers throw or succeed, and never crash.
@Suite struct WandbRobustnessTests {

    /// Random bytes, and real records with random bytes changed, as protobuf payloads (valid CRCs).
    @Test func randomRecordsNeverCrash() throws {
        var rng = SeededGenerator(state: 7)
        let real = WandbSynthetic.runRecord(id: "x", name: "y", tags: ["t"]) + WandbSynthetic.configRecord("a", "{\"b\": [1, 2]}")
        for round in 0..<300 {
            var payload: [UInt8]
            if round % 2 == 0 {
                payload = (0..<Int.random(in: 0...48, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
            } else {
                payload = real
                for _ in 0..<Int.random(in: 1...4, using: &rng) {
                    payload[Int.random(in: 0..<payload.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
                }
            }
            let bytes = WandbSynthetic.log([(1, payload)])
            do {
                let entries = try WandbTransactionLog.entries(of: bytes, path: "x.wandb")
                #expect(entries.count == 1)
                _ = try? WandbRecord.decode(entries[0].payload)
            } catch {
                Issue.record("a valid chunk was refused: \(error)")
            }
        }
    }

    /// Truncating a real log at every length either loads or throws a LoadError.
    @Test func everyTruncationOfARealLogIsHandled() throws {
        let dir = try WandbFixture.copy("offline")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = try #require(try WandbFixture.runFolders(dir + "/wandb").first)
        let log = try WandbFixture.log(in: folder)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: log)))
        var loaded = 0, refused = 0
        for n in stride(from: 0, through: bytes.count, by: 7) {
            do {
                _ = try WandbTransactionLog.entries(of: Array(bytes[0..<n]), path: log)
                loaded += 1
            } catch {
                #expect(error.path == log)
                refused += 1
            }
        }
        #expect(loaded > 0 && refused > 0)
    }

    /// Random text never crashes the JSON reader.
    @Test func randomJSONNeverCrashes() {
        var rng = SeededGenerator(state: 11)
        let alphabet = Array("{}[]\",:0123456789.eE+-tfnulrsaNIy\\u \n".utf8)
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...24, using: &rng)).map { _ in alphabet.randomElement(using: &rng) ?? 0 }
            _ = try? JSONReader.parse(text)
        }
    }

    /// A key path deeper than the limit is an error, not a deep recursion.
    @Test func deepKeyPathIsRefused() throws {
        let path = (0..<100).map { "k\($0)" }
        let record = WandbSynthetic.field(5, WandbSynthetic.field(1, WandbSynthetic.item(path, "1")))
        let (dir, log) = try WandbSynthetic.runWithLog(WandbSynthetic.log([(1, record)]))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: LoadError(path: log, record: "record at byte 7", message: "key path of 100 parts (at most 64)")) {
            try RunLoader.load(path: dir)
        }
    }
}
