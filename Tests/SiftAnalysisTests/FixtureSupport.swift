import Foundation
import SiftCore

/// A cell of a fixture table as the reference scripts write it: null, bool, number, or string
/// ("nan", "inf" and "-inf" stand for the non-finite numbers JSON cannot hold).
enum FixtureCell: Decodable {
    case missing, bool(Bool), number(Double), string(String)

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .missing }
        else if let b = try? c.decode(Bool.self) { self = .bool(b) }
        else if let x = try? c.decode(Double.self) { self = .number(x) }
        else {
            let s = try c.decode(String.self)
            switch s {
            case "nan": self = .number(.nan)
            case "inf": self = .number(.infinity)
            case "-inf": self = .number(-.infinity)
            default: self = .string(s)
            }
        }
    }

    var value: Value {
        switch self {
        case .missing: return .missing
        case .bool(let b): return .bool(b)
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        }
    }
}

/// Reads fixture files and builds tables from reference-script data.
enum Fixtures {
    /// The URL of `Fixtures/<path>` in the test bundle.
    static func url(_ path: String) throws -> URL {
        guard let base = Bundle.module.resourceURL else { throw CocoaError(.fileNoSuchFile) }
        return base.appendingPathComponent("Fixtures").appendingPathComponent(path)
    }

    /// Decodes `Fixtures/<path>` as JSON.
    static func decode<T: Decodable>(_ type: T.Type, _ path: String) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(contentsOf: url(path)))
    }

    /// A table from named columns of cells; `metrics` get the metric role, the rest are params.
    static func table(_ columns: [(String, [FixtureCell])], metrics: Set<String>) throws -> RunTable {
        let cols = columns.map { name, cells in
            Column(name: name, role: metrics.contains(name) ? .metric : .param, values: cells.map(\.value))
        }
        return try RunTable(columns: cols, rowCount: columns.first?.1.count ?? 0, source: "fixture")
    }
}

/// Whether `a` and `b` agree to `tolerance`, relative to their size where they exceed 1 in magnitude,
/// absolute below (tiny p-values are compared relative to themselves).
func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9, relative: Bool = false) -> Bool {
    if a == b { return true }
    let scale = relative ? max(abs(a), abs(b)) : max(1, abs(a), abs(b))
    return abs(a - b) <= tolerance * scale
}
