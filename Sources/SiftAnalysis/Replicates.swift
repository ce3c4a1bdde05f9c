/// Runs that repeat one configuration: equal on every analysed param except seed-like ones.
///
/// A sweep often runs each config several times with different seeds. Such replicates have nearly the same
/// metric, so with a bootstrap of single runs an out-of-bag run usually has a sibling in the bag and the
/// out-of-bag R² (and out-of-bag permutation importance) measure how well the forest recalls a config it has
/// seen, not how well it predicts a new one. With replicates present the forest draws whole groups instead
/// (see `ForestOptions.bootstrapGroups`): a run is out of bag exactly when its whole group is.
///
/// **The rule.** Two runs are replicates when every feature of every analysed param whose name is not
/// seed-like holds the same value in both (missing equals missing). A name is seed-like when one of its
/// words (split at punctuation and lower→upper case changes, trailing digits ignored) is `seed`
/// or `rng`, or when it is `random_state` (scikit-learn's spelling). Hidden params are not analysed, so a
/// hidden seed makes its runs exact duplicates, which are replicates too.
public struct ReplicateGroups: Sendable, Equatable {
    /// Matrix rows per group, each ascending; groups ordered by their first row.
    public var members: [[Int]]
    /// The analysed params left out of the comparison because their names are seed-like.
    public var seedParams: [String]
    /// Rows of the matrix the groups cover.
    public var rowCount: Int

    /// True when some group holds more than one run.
    public var hasReplicates: Bool { members.count < rowCount }

    /// The size of the largest group.
    public var largestGroup: Int { members.map(\.count).max() ?? 0 }

    /// Groups the rows of `matrix` by the values of the features of its non-seed-like params
    /// (noise columns, with param −1, are ignored). O(rows × features).
    public static func detect(_ matrix: FeatureMatrix) -> ReplicateGroups {
        let params = matrix.schema.params
        let seedLike = params.indices.filter { isSeedLike(params[$0]) }
        let keyFeatures = matrix.schema.features.indices.filter {
            let p = matrix.schema.features[$0].param
            return p >= 0 && !seedLike.contains(p)
        }
        // One pattern for every NaN (missing) and for ±0.
        func pattern(_ r: Int, _ f: Int) -> UInt64 {
            let x = matrix.value(row: r, feature: f)
            return x.isNaN ? Double.nan.bitPattern : (x == 0 ? 0 : x.bitPattern)
        }
        // Rows are bucketed by a hash of their key and compared in full within a bucket (no key array per
        // row); groups keep the order of their first rows.
        var buckets: [UInt64: [Int]] = [:]
        var members: [[Int]] = []
        for r in 0..<matrix.rowCount {
            var hash: UInt64 = 0x9E37_79B9_7F4A_7C15
            for f in keyFeatures {
                hash = (hash ^ pattern(r, f)) &* 0xBF58_476D_1CE4_E5B9
                hash ^= hash >> 31
            }
            let candidates = buckets[hash, default: []]
            if let g = candidates.first(where: { g in
                let first = members[g][0]
                return keyFeatures.allSatisfy { pattern(first, $0) == pattern(r, $0) }
            }) {
                members[g].append(r)
            } else {
                buckets[hash, default: []].append(members.count)
                members.append([r])
            }
        }
        return ReplicateGroups(members: members, seedParams: seedLike.map { params[$0] }, rowCount: matrix.rowCount)
    }

    /// True when `name` names a random seed (see the type's rule).
    public static func isSeedLike(_ name: String) -> Bool {
        let words = words(name)
        if words == ["random", "state"] { return true }
        return words.contains { w in
            var w = Substring(w)
            while let last = w.last, last.isNumber, w.count > 1 { w = w.dropLast() }
            return w == "seed" || w == "rng"
        }
    }

    /// The panel's note when replicates are present (nil otherwise). It avoids the words the renderers
    /// look for to decide whether a low-R² warning was already given.
    public func note(metricRuns: Int) -> String? {
        guard hasReplicates else { return nil }
        let over = seedParams.isEmpty ? "repeated" : "repeated over " + seedParams.map { "\"\($0)\"" }
            .joined(separator: ", ")
        let collapse = seedParams.isEmpty ? ""
            : "; `collapse \(seedParams.joined(separator: ", "))` averages each config's runs"
        return "the \(metricRuns) runs are \(members.count) configs \(over) (up to \(largestGroup) runs each): "
            + "trees bootstrap whole configs, so out-of-bag scores come from unseen configs" + collapse
    }

    /// Lowercased words of a name, split at punctuation and at lower→upper case changes (`randomSeed`).
    static func words(_ name: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousLower = false
        for ch in name {
            guard ch.isLetter || ch.isNumber else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousLower = false
                continue
            }
            if ch.isUppercase && previousLower && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current += ch.lowercased()
            previousLower = ch.isLowercase || ch.isNumber
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
