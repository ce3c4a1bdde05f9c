/// "Did you mean" suggestions by edit distance.
public enum Suggest {
    /// The candidates closest to `name` (case-insensitive Levenshtein), best first, within a distance
    /// that scales with the name's length.
    public static func closest(to name: String, among candidates: [String], limit: Int = 3) -> [String] {
        let target = Array(name.lowercased())
        let maxDistance = Swift.max(2, target.count / 3)
        var scored: [(Int, String)] = []
        for c in candidates {
            let lower = c.lowercased()
            if lower.hasPrefix(name.lowercased()) || name.lowercased().hasPrefix(lower), !name.isEmpty {
                scored.append((1, c))
                continue
            }
            let d = distance(target, Array(lower))
            if d <= maxDistance { scored.append((d, c)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        return scored.prefix(limit).map(\.1)
    }

    /// The single closest candidate, if any is close enough.
    public static func closest(to name: String, among candidates: [String]) -> String? {
        closest(to: name, among: candidates, limit: 1).first
    }

    /// Levenshtein distance.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
