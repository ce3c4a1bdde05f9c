import Foundation
@testable import SiftCore

/// Paths and expected values for the W&B fixtures (made by scripts/reference/wandb/make_fixtures.sh).
enum WandbFixture {
    /// `Fixtures/wandb` inside the test bundle.
    static var root: String {
        (Bundle.module.resourcePath ?? ".") + "/Fixtures/wandb"
    }

    /// One run as the fixture script logged it.
    struct ExpectedRun {
        var id: String
        var name: String
        var state: String
        var tags: [String]
        var startTime: Double
        var params: [String: Value]
        var metrics: [String: Value]
    }

    /// The runs of `layout` (`offline`, `synced`, `long`) from expected.json.
    static func expected(_ layout: String) throws -> [ExpectedRun] {
        let data = try Data(contentsOf: URL(fileURLWithPath: root + "/expected.json"))
        guard let top = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let layouts = top["layouts"] as? [String: Any], let l = layouts[layout] as? [String: Any],
              let runs = l["runs"] as? [[String: Any]] else { throw CocoaError(.fileReadCorruptFile) }
        return runs.map { r in
            var params: [String: Value] = [:], metrics: [String: Value] = [:]
            flatten(r["config"] as? [String: Any] ?? [:], "", &params)
            flatten(r["summary"] as? [String: Any] ?? [:], "", &metrics)
            return ExpectedRun(id: r["id"] as? String ?? "", name: r["name"] as? String ?? "",
                               state: r["state"] as? String ?? "", tags: r["tags"] as? [String] ?? [],
                               startTime: (r["start_time"] as? NSNumber)?.doubleValue ?? 0,
                               params: params, metrics: metrics)
        }
    }

    private static func flatten(_ object: [String: Any], _ prefix: String, _ out: inout [String: Value]) {
        for (k, v) in object {
            let name = prefix.isEmpty ? k : prefix + "." + k
            if let o = v as? [String: Any] {
                flatten(o, name, &out)
            } else if let s = v as? String {
                out[name] = .string(s)
            } else if let n = v as? NSNumber {
                out[name] = .number(n.doubleValue)
            }
        }
    }

    /// A fresh temporary copy of `Fixtures/wandb/<sub>`; the caller removes it.
    static func copy(_ sub: String) throws -> String {
        let dst = NSTemporaryDirectory() + "sift-wandb-" + UUID().uuidString
        try FileManager.default.copyItem(atPath: root + "/" + sub, toPath: dst)
        return dst
    }

    /// The run folders under `dir` (a `wandb/` folder), sorted.
    static func runFolders(_ dir: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("run-") }.sorted().map { dir + "/" + $0 }
    }

    /// The `.wandb` file in a run folder.
    static func log(in folder: String) throws -> String {
        guard let f = try FileManager.default.contentsOfDirectory(atPath: folder).first(where: { $0.hasSuffix(".wandb") }) else {
            throw CocoaError(.fileNoSuchFile)
        }
        return folder + "/" + f
    }

    /// The row whose `id` is `id`.
    static func row(of id: String, in table: RunTable) -> Int? {
        guard let c = table.column(named: "id") else { return nil }
        return (0..<table.rowCount).first { c[$0] == .string(id) }
    }

    /// `2024-01-01T12:00:00Z` for whole seconds since 1970, computed apart from the loader.
    static func iso(_ seconds: Double) -> String {
        var t = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&t, &parts)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                      Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }
}

/// Hand-made W&B logs, built apart from the loader (own CRC, own protobuf encoding).
enum WandbSynthetic {
    /// CRC-32 (IEEE, bit by bit), written apart from the loader's table-driven one.
    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c >> 1) ^ (0xEDB8_8320 & (0 &- (c & 1))) }
        }
        return ~c
    }

    /// A W&B log: the 7-byte header, then one chunk per `(type, payload)`.
    static func log(_ chunks: [(UInt8, [UInt8])]) -> [UInt8] {
        var out: [UInt8] = Array(":W&B".utf8) + [0xE1, 0xBE, 0x00]
        for (type, payload) in chunks {
            let c = crc32([type] + payload)
            out += [UInt8(c & 0xFF), UInt8(c >> 8 & 0xFF), UInt8(c >> 16 & 0xFF), UInt8(c >> 24)]
            out += [UInt8(payload.count & 0xFF), UInt8(payload.count >> 8), type]
            out += payload
        }
        return out
    }

    /// Protobuf length-delimited field `number` holding `body`.
    static func field(_ number: Int, _ body: [UInt8]) -> [UInt8] {
        var key = UInt64(number << 3 | 2)
        var out: [UInt8] = []
        while key >= 0x80 { out.append(UInt8(key & 0x7F) | 0x80); key >>= 7 }
        out.append(UInt8(key))
        var n = body.count
        while n >= 0x80 { out.append(UInt8(n & 0x7F) | 0x80); n >>= 7 }
        return out + [UInt8(n)] + body
    }

    /// A Record holding a config update `key = valueJSON`.
    static func configRecord(_ key: String, _ valueJSON: String) -> [UInt8] {
        field(5, field(1, item([key], valueJSON)))
    }

    /// A Config/Summary/HistoryItem: `key` for one-part paths, `nested_key`s otherwise, then `value_json`.
    static func item(_ path: [String], _ valueJSON: String) -> [UInt8] {
        let keys = path.count == 1 ? field(1, Array(path[0].utf8)) : path.flatMap { field(2, Array($0.utf8)) }
        return keys + field(16, Array(valueJSON.utf8))
    }

    /// A Record holding a summary update of `items`.
    static func summaryRecord(_ items: [([String], String)]) -> [UInt8] {
        field(3, items.flatMap { field(1, item($0.0, $0.1)) })
    }

    /// A Record holding a history row of `items`.
    static func historyRecord(_ items: [([String], String)]) -> [UInt8] {
        field(2, items.flatMap { field(1, item($0.0, $0.1)) })
    }

    /// A Record holding a RunRecord with id, display name and tags.
    static func runRecord(id: String, name: String, tags: [String]) -> [UInt8] {
        field(17, field(1, Array(id.utf8)) + field(8, Array(name.utf8)) + tags.flatMap { field(10, Array($0.utf8)) })
    }

    /// A Record holding an exit record with exit code 0.
    static let exitRecord: [UInt8] = field(18, [])

    /// A temporary wandb/ folder with one offline run folder holding `bytes` as its log.
    static func runWithLog(_ bytes: [UInt8], id: String = "synth1") throws -> (dir: String, log: String) {
        let dir = NSTemporaryDirectory() + "sift-wandb-" + UUID().uuidString
        let folder = dir + "/wandb/offline-run-20990101_000000-" + id
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let log = folder + "/run-" + id + ".wandb"
        try Data(bytes).write(to: URL(fileURLWithPath: log))
        return (dir, log)
    }

}
