import Foundation

/// Builds a `RunTable` from runs given one at a time as fields (JSON, W&B, MLflow, Optuna, Ray).
///
/// Columns appear in first-seen order; a run lacking a field is missing there. The first role given for
/// a name is kept; a later run giving the same name another role does not change it.
public struct RecordsBuilder: Sendable {
    private var builders: [ColumnBuilder] = []
    private var indexByName: [String: Int] = [:]
    private var filled: [Bool] = []
    private var runCount = 0
    /// The column of each `set` call of the last run, by call order: runs usually give their fields in one
    /// order, so a name is checked against that column's instead of looked up.
    private var columnByCall: [Int] = []
    private var calls = 0

    public init() {}

    /// The number of runs added so far.
    public var count: Int { runCount }

    /// Starts a new run; fields set afterwards belong to it.
    public mutating func beginRun() {
        if runCount > 0 { padCurrentRun() }
        runCount += 1
        calls = 0
        for i in filled.indices { filled[i] = false }
    }

    /// Sets field `name` of the current run. Setting a field twice in one run keeps the last value.
    public mutating func set(_ name: String, _ value: Value, role: Role) {
        precondition(runCount > 0, "beginRun() before set()")
        let i: Int
        defer {
            if calls < columnByCall.count { columnByCall[calls] = i } else { columnByCall.append(i) }
            calls += 1
        }
        if calls < columnByCall.count, builders[columnByCall[calls]].name == name {
            i = columnByCall[calls]
        } else if let existing = indexByName[name] {
            i = existing
        } else {
            i = builders.count
            var b = ColumnBuilder(name: name, role: role)
            for _ in 0..<(runCount - 1) { b.appendMissing() }
            builders.append(b)
            filled.append(false)
            indexByName[name] = i
        }
        if filled[i] {
            builders[i].replaceLast(with: value)
        } else {
            builders[i].append(value)
            filled[i] = true
        }
    }

    /// Sets every leaf of a nested JSON-like object, flattening keys with dots (`model.layers`).
    /// Arrays become their JSON text (a categorical value), so `[64, 64]` stays one param.
    public mutating func setFlattened(prefix: String, _ object: JSONLike, role: Role) {
        for (name, value) in object.leaves(prefix: prefix) { set(name, value, role: role) }
    }

    /// The table of every run added, from `source`.
    public mutating func build(source: String) -> RunTable {
        if runCount > 0 { padCurrentRun() }
        let columns = builders.map { $0.build() }
        // Names are unique by construction and every builder has runCount cells.
        guard let table = try? RunTable(columns: columns, rowCount: runCount, source: source) else {
            preconditionFailure("RecordsBuilder invariant broken")
        }
        return table
    }

    private mutating func padCurrentRun() {
        for i in builders.indices where !filled[i] { builders[i].appendMissing() }
    }
}

/// A parsed JSON (or YAML) value in a form loaders share; object key order is kept.
public enum JSONLike: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONLike])
    case object([(String, JSONLike)])

    public static func == (a: JSONLike, b: JSONLike) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y || (x.isNaN && y.isNaN)
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x == y
        case (.object(let x), .object(let y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value of `key` in an object.
    public subscript(key: String) -> JSONLike? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    /// Every leaf under `prefix` with its dotted name (`model.layers`), as a cell (``scalarValue``): arrays are
    /// one leaf; a scalar with an empty name has none.
    public func leaves(prefix: String) -> [(name: String, value: Value)] {
        if case .object(let pairs) = self {
            return pairs.flatMap { $0.1.leaves(prefix: prefix.isEmpty ? $0.0 : prefix + "." + $0.0) }
        }
        return prefix.isEmpty ? [] : [(prefix, scalarValue)]
    }

    /// A scalar cell: null is missing; arrays and objects become compact JSON text.
    public var scalarValue: Value {
        switch self {
        case .null: return .missing
        case .bool(let b): return .bool(b)
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .array, .object: return .string(compactText)
        }
    }

    /// Compact JSON text (for arrays and objects kept as one value).
    public var compactText: String {
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return NumberFormatting.plain(x)
        case .string(let s): return "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        case .array(let items): return "[" + items.map(\.compactText).joined(separator: ",") + "]"
        case .object(let pairs): return "{" + pairs.map { "\"\($0.0)\":\($0.1.compactText)" }.joined(separator: ",") + "}"
        }
    }
}
