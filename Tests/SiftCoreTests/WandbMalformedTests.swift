import Foundation
import Testing
@testable import SiftCore

/// Damaged and empty W&B inputs: each a precise error (file, byte offset or line) and no partial table.
@Suite struct WandbMalformedTests {
    /// Loads `path`, expecting exactly `expected`.
    static func expectError(_ path: String, _ expected: (String) -> LoadError) {
        do {
            let t = try RunLoader.load(path: path)
            Issue.record("expected an error, loaded \(t.rowCount) runs")
        } catch {
            #expect(error == expected(path), "\(error)")
        }
    }

    /// Copies the offline fixture, lets `damage` edit the bytes of run off0's log, and loads it.
    func damagedOff0(_ damage: (inout [UInt8]) -> Void, _ expected: (_ log: String, _ original: [UInt8]) -> LoadError) throws {
        let dir = try WandbFixture.copy("offline")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = try #require(try WandbFixture.runFolders(dir + "/wandb").first { $0.hasSuffix("-off0") })
        let log = try WandbFixture.log(in: folder)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: log)))
        var bytes = original
        damage(&bytes)
        try Data(bytes).write(to: URL(fileURLWithPath: log))
        Self.expectError(dir) { _ in expected(log, original) }
    }

    @Test func truncatedInsideAChunkHeader() throws {
        try damagedOff0({ $0.removeSubrange(10...) }) { log, _ in
            LoadError(path: log, record: "byte 7", message: "truncated chunk header: file ends 3 bytes into a 7-byte header")
        }
    }

    @Test func truncatedInsideAPayload() throws {
        try damagedOff0({ $0.removeSubrange(24...) }) { log, original in
            let length = Int(original[11]) | Int(original[12]) << 8
            return LoadError(path: log, record: "byte 7",
                             message: "truncated chunk: \(length) payload bytes announced, file ends after 10")
        }
    }

    @Test func truncatedHeader() throws {
        try damagedOff0({ $0.removeSubrange(5...) }) { log, _ in
            LoadError(path: log, record: "byte 0", message: "truncated header: 5 of 7 bytes")
        }
    }

    @Test func flippedPayloadByteIsAChecksumError() throws {
        try damagedOff0({ $0[7 + 7 + 5] ^= 0x01 }) { log, original in
            var flipped = original
            flipped[19] ^= 0x01
            let length = Int(original[11]) | Int(original[12]) << 8
            let stored = UInt32(original[7]) | UInt32(original[8]) << 8 | UInt32(original[9]) << 16 | UInt32(original[10]) << 24
            let computed = WandbSynthetic.crc32(Array(flipped[13..<(14 + length)]))
            func hex(_ x: UInt32) -> String { String(format: "%08x", x) }
            return LoadError(path: log, record: "byte 7",
                             message: "checksum mismatch (stored 0x\(hex(stored)), computed 0x\(hex(computed)))",
                             hint: "the file is damaged; records before this offset are intact")
        }
    }

    @Test func wrongMagicIsNotAWandbLog() throws {
        try damagedOff0({ $0.replaceSubrange(0..<4, with: Array("XXXX".utf8)) }) { log, _ in
            LoadError(path: log, record: "byte 0", message: "not a W&B transaction log (no \":W&B\" header)")
        }
    }

    /// Ending after a FIRST chunk is what a run still writing leaves: complete records are used.
    @Test func unfinishedLastRecordOfARunningRunIsDropped() throws {
        let dir = try WandbFixture.copy("long")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = try #require(try WandbFixture.runFolders(dir + "/wandb").first)
        let log = try WandbFixture.log(in: folder)
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: log)))
        // The run record (70 KB of config) starts in block 0 as a FIRST chunk; cut where block 1 begins.
        try Data(bytes[0..<32768]).write(to: URL(fileURLWithPath: log))
        let table = try RunLoader.load(path: dir)
        #expect(table.rowCount == 1)
        #expect(table.column(named: "state")?[0] == .string("running"))
        #expect(table.column(named: "id")?[0] == .string("long0"))
        #expect(table.names(withRole: .param).isEmpty)
    }

    @Test func badJSONInsideARecordNamesTheRecord() throws {
        let (dir, log) = try WandbSynthetic.runWithLog(WandbSynthetic.log([(1, WandbSynthetic.configRecord("lr", "0.0.1"))]))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Self.expectError(dir) { _ in
            LoadError(path: log, record: "record at byte 7", message: "bad JSON in config value \"lr\": expected a JSON value")
        }
    }

    @Test func handMadeLogDecodes() throws {
        let records = [WandbSynthetic.configRecord("lr", "0.5"), WandbSynthetic.configRecord("lr", "0.25"), WandbSynthetic.configRecord("opt", "\"sgd\"")]
        let (dir, _) = try WandbSynthetic.runWithLog(WandbSynthetic.log(records.map { (1, $0) }))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let table = try RunLoader.load(path: dir)
        #expect(table.column(named: "lr")?[0] == .number(0.25))  // the later update wins
        #expect(table.column(named: "opt")?[0] == .string("sgd"))
        #expect(table.column(named: "state")?[0] == .string("running"))  // no exit record
    }

    @Test func middleChunkWithoutFirst() throws {
        let (dir, log) = try WandbSynthetic.runWithLog(WandbSynthetic.log([(1, WandbSynthetic.configRecord("lr", "1")), (3, [0x08, 0x01])]))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let at = 7 + 7 + WandbSynthetic.configRecord("lr", "1").count
        Self.expectError(dir) { _ in
            LoadError(path: log, record: "byte \(at)", message: "unexpected MIDDLE chunk: no record was started")
        }
    }

    @Test func malformedProtobuf() throws {
        let (dir, log) = try WandbSynthetic.runWithLog(WandbSynthetic.log([(1, [0x2A, 0x05, 0x01])]))
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Self.expectError(dir) { _ in
            LoadError(path: log, record: "record at byte 7",
                      message: "malformed protobuf at record byte 0: field 5 runs past the end of its message")
        }
    }

    /// A copy of the synced fixture whose first run's `files/<name>` holds `text`.
    func syncedWith(_ name: String, _ text: String, _ expected: (String) -> LoadError) throws {
        let dir = try WandbFixture.copy("synced")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let folder = try #require(try WandbFixture.runFolders(dir + "/wandb").first)
        let file = folder + "/files/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        Self.expectError(dir) { _ in expected(file) }
    }

    @Test func badYAMLNamesLineAndColumn() throws {
        try syncedWith("config.yaml", "lr:\n  value: 0.01\nbatch_size: value: 32\n") { file in
            LoadError(path: file, line: 3, column: 18, message: "bad YAML: mapping values are not allowed in this context")
        }
    }

    @Test func badSummaryJSONNamesLineAndColumn() throws {
        try syncedWith("wandb-summary.json", "{\"val_loss\": 0.5,}") { file in
            LoadError(path: file, line: 1, column: 18, message: "expected a string key")
        }
    }

    @Test func emptyWandbFolder() throws {
        let dir = NSTemporaryDirectory() + "sift-wandb-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir + "/wandb", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        Self.expectError(dir) { p in
            LoadError(path: p + "/wandb", message: "no W&B run folders (run-*, offline-run-*) here",
                      hint: "point at a wandb/ folder, the folder holding it, or one run folder")
        }
    }

    @Test(arguments: [false, true])
    func runFolderWithoutFiles(pointAtTheRunFolder: Bool) throws {
        let dir = NSTemporaryDirectory() + "sift-wandb-" + UUID().uuidString
        let folder = dir + "/wandb/run-20990101_000000-abc123"
        try FileManager.default.createDirectory(atPath: folder + "/logs", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let what = pointAtTheRunFolder ? "run folder" : "no run could be read: run folder"
        Self.expectError(pointAtTheRunFolder ? folder : dir) { _ in
            LoadError(path: folder, message: "\(what) holds no run-*.wandb, files/config.yaml or files/wandb-summary.json",
                      hint: "a run folder is written by wandb.init(); this one may be from a run that never started")
        }
    }
}
