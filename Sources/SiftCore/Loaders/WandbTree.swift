/// Key-path edits on JSON-like objects, as W&B applies config and summary updates.
extension JSONLike {
    /// Sets `value` at `path` (`["model", "layers"]`), creating objects on the way and replacing
    /// anything that is not an object where one is needed. Key order: existing keys keep their place.
    mutating func wandbSet(_ path: ArraySlice<String>, to value: JSONLike) {
        guard let head = path.first else { self = value; return }
        var pairs: [(String, JSONLike)]
        if case .object(let p) = self { pairs = p } else { pairs = [] }
        if let k = pairs.firstIndex(where: { $0.0 == head }) {
            pairs[k].1.wandbSet(path.dropFirst(), to: value)
        } else {
            var child = JSONLike.object([])
            child.wandbSet(path.dropFirst(), to: value)
            pairs.append((head, child))
        }
        self = .object(pairs)
    }

    /// Removes the value at `path`, if there is one.
    mutating func wandbRemove(_ path: ArraySlice<String>) {
        guard let head = path.first, case .object(var pairs) = self,
              let k = pairs.firstIndex(where: { $0.0 == head }) else { return }
        if path.count == 1 {
            pairs.remove(at: k)
        } else {
            pairs[k].1.wandbRemove(path.dropFirst())
        }
        self = .object(pairs)
    }

    /// The value at `path`, if any.
    func wandbValue(at path: [String]) -> JSONLike? {
        var node = self
        for key in path {
            guard let next = node[key] else { return nil }
            node = next
        }
        return node
    }

    /// The key/value pairs of an object (empty for anything else).
    var wandbPairs: [(String, JSONLike)] {
        if case .object(let p) = self { return p }
        return []
    }

    /// The same value with every object's keys in ascending order, at every depth (arrays, kept as one
    /// value, are left as written).
    var wandbSortedByKey: JSONLike {
        switch self {
        case .object(let pairs): return .object(pairs.sorted { $0.0 < $1.0 }.map { ($0.0, $0.1.wandbSortedByKey) })
        default: return self
        }
    }
}
