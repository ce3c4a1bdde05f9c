import Foundation
import SiftCore
@testable import SiftAnalysis

/// scikit-learn's numbers for one dataset (written by scripts/reference/forest/make_fixtures.py).
struct ForestReference: Decodable {
    var dataset: String
    var metric: String
    var params: [String]
    var categorical: [String]
    var n_estimators: Int
    var oob_score: Double
    var feature_importances: [String: Double]
}

/// Loads forest fixtures.
enum ForestFixtures {
    /// The reference JSON and the table of its CSV dataset.
    static func load(_ name: String) throws -> (ForestReference, RunTable) {
        let ref = try Fixtures.decode(ForestReference.self, "forest/\(name).json")
        let table = try readFixtureCSV("forest/\(ref.dataset)", metrics: [ref.metric])
        return (ref, table)
    }
}

/// Spearman rank correlation of two equally long lists without ties.
func spearman(_ a: [Double], _ b: [Double]) -> Double {
    func ranks(_ x: [Double]) -> [Double] {
        var r = [Double](repeating: 0, count: x.count)
        for (rank, i) in x.indices.sorted(by: { x[$0] < x[$1] }).enumerated() { r[i] = Double(rank) }
        return r
    }
    let ra = ranks(a), rb = ranks(b)
    let n = Double(a.count)
    let d2 = zip(ra, rb).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
    return 1 - 6 * d2 / (n * (n * n - 1))
}

/// The names of the `k` largest entries.
func topNames(_ importances: [String: Double], _ k: Int) -> Set<String> {
    Set(importances.sorted { $0.value > $1.value }.prefix(k).map(\.key))
}

/// Reads a fixture CSV as the reference script writes it (no quoting; empty cell = missing; a cell that
/// parses as a number is a number). Kept here so these tests do not depend on the CSV loader.
func readFixtureCSV(_ path: String, metrics: Set<String>) throws -> RunTable {
    let text = try String(contentsOf: Fixtures.url(path), encoding: .utf8)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
    guard let header = lines.first else { return RunTable() }
    let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var cells = Array(repeating: [FixtureCell](), count: names.count)
    for line in lines.dropFirst() {
        for (i, cell) in line.split(separator: ",", omittingEmptySubsequences: false).enumerated() where i < names.count {
            if cell.isEmpty { cells[i].append(.missing) }
            else if let x = Double(cell) { cells[i].append(.number(x)) }
            else { cells[i].append(.string(String(cell))) }
        }
    }
    return try Fixtures.table(Array(zip(names, cells)), metrics: metrics)
}
