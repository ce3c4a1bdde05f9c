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
