/// One typed, columnar field of a `RunTable`, with a missing marker per cell.
public struct Column: Sendable {
    /// The storage of a column's cells.
    public enum Storage: Sendable {
        /// `values[i]` is meaningful only where `missing[i]` is false. NaN and ±inf are values, not missing.
        case numeric(values: [Double], isInteger: Bool)
        /// `codes[i]` indexes `levels`; -1 is missing. `mixed` is true when the source held numbers and strings.
        case categorical(codes: [Int32], levels: [String], mixed: Bool)
        /// 0 false, 1 true, -1 missing.
        case boolean([Int8])
    }

    /// The field's name, nested keys flattened with dots (`model.layers`).
    public var name: String
    /// Param, metric or meta.
    public var role: Role
    /// The cells.
    public private(set) var storage: Storage
    /// Missing marker for numeric storage (categorical and boolean encode missing in their codes).
    public private(set) var missing: [Bool]

    /// Makes a numeric column.
    public init(name: String, role: Role, numbers: [Double], missing: [Bool], isInteger: Bool) {
        precondition(numbers.count == missing.count, "numbers and missing must have the same length")
        self.name = name
        self.role = role
        self.storage = .numeric(values: numbers, isInteger: isInteger)
        self.missing = missing
    }

    /// Makes a categorical column; `codes` index `levels`, -1 is missing.
    public init(name: String, role: Role, codes: [Int32], levels: [String], mixed: Bool = false) {
        self.name = name
        self.role = role
        self.storage = .categorical(codes: codes, levels: levels, mixed: mixed)
        self.missing = []
    }

    /// Makes a boolean column: 0 false, 1 true, -1 missing.
    public init(name: String, role: Role, booleans: [Int8]) {
        self.name = name
        self.role = role
        self.storage = .boolean(booleans)
        self.missing = []
    }

    /// Makes a column from values, inferring its type (see `ColumnBuilder`).
    public init(name: String, role: Role, values: [Value]) {
        var builder = ColumnBuilder(name: name, role: role)
        builder.reserve(values.count)
        for v in values { builder.append(v) }
        self = builder.build()
    }

    /// The number of cells.
    public var count: Int {
        switch storage {
        case .numeric(let values, _): return values.count
        case .categorical(let codes, _, _): return codes.count
        case .boolean(let b): return b.count
        }
    }

    /// The column's type.
    public var kind: ColumnKind {
        switch storage {
        case .numeric: return .numeric
        case .categorical: return .categorical
        case .boolean: return .boolean
        }
    }

    /// True for a numeric column whose present values are all whole numbers.
    public var isInteger: Bool {
        if case .numeric(_, let isInteger) = storage { return isInteger }
        return false
    }

    /// True for a categorical column that held both numbers and strings in its source.
    public var isMixed: Bool {
        if case .categorical(_, _, let mixed) = storage { return mixed }
        return false
    }

    /// The categories of a categorical column (`["false", "true"]` for a boolean one), else empty.
    public var levels: [String] {
        switch storage {
        case .categorical(_, let levels, _): return levels
        case .boolean: return ["false", "true"]
        case .numeric: return []
        }
    }

    /// Whether cell `row` is missing.
    @inline(__always)
    public func isMissing(_ row: Int) -> Bool {
        switch storage {
        case .numeric: return missing[row]
        case .categorical(let codes, _, _): return codes[row] < 0
        case .boolean(let b): return b[row] < 0
        }
    }

    /// The value of cell `row`.
    public subscript(row: Int) -> Value {
        switch storage {
        case .numeric(let values, _):
            return missing[row] ? .missing : .number(values[row])
        case .categorical(let codes, let levels, _):
            let c = codes[row]
            return c < 0 ? .missing : .string(levels[Int(c)])
        case .boolean(let b):
            let v = b[row]
            return v < 0 ? .missing : .bool(v == 1)
        }
    }

    /// The number of missing cells.
    public var missingCount: Int {
        switch storage {
        case .numeric: return missing.reduce(0) { $0 + ($1 ? 1 : 0) }
        case .categorical(let codes, _, _): return codes.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        case .boolean(let b): return b.reduce(0) { $0 + ($1 < 0 ? 1 : 0) }
        }
    }

    /// A column holding the cells at `rows`, in that order.
    public func selecting(_ rows: [Int]) -> Column {
        var copy = self
        switch storage {
        case .numeric(let values, let isInteger):
            copy.storage = .numeric(values: rows.map { values[$0] }, isInteger: isInteger)
            copy.missing = rows.map { missing[$0] }
        case .categorical(let codes, let levels, let mixed):
            copy.storage = .categorical(codes: rows.map { codes[$0] }, levels: levels, mixed: mixed)
        case .boolean(let b):
            copy.storage = .boolean(rows.map { b[$0] })
        }
        return copy
    }

    /// This column followed by `other`'s cells; when the types differ the result is categorical (mixed
    /// if numbers met strings). `other` must have the same name. Used when a second load appends runs.
    public func appending(_ other: Column) -> Column {
        switch (storage, other.storage) {
        case (.numeric(let a, let ia), .numeric(let b, let ib)):
            return Column(name: name, role: role, numbers: a + b, missing: missing + other.missing,
                          isInteger: ia && ib)
        case (.boolean(let a), .boolean(let b)):
            return Column(name: name, role: role, booleans: a + b)
        case (.categorical(let ca, let la, let ma), .categorical(let cb, let lb, let mb)):
            var index = Dictionary(uniqueKeysWithValues: la.enumerated().map { ($1, Int32($0)) })
            var levels = la
            let remap: [Int32] = lb.map { level in
                if let i = index[level] { return i }
                let i = Int32(levels.count)
                levels.append(level)
                index[level] = i
                return i
            }
            let codes = ca + cb.map { $0 < 0 ? -1 : remap[Int($0)] }
            return Column(name: name, role: role, codes: codes, levels: levels, mixed: ma || mb)
        default:
            var builder = ColumnBuilder(name: name, role: role)
            builder.reserve(count + other.count)
            for r in 0..<count { builder.append(self[r]) }
            for r in 0..<other.count { builder.append(other[r]) }
            return builder.build()
        }
    }

    /// A column of `count` missing cells with this column's type, name and role.
    public func emptyLike(count n: Int) -> Column {
        switch storage {
        case .numeric(_, let isInteger):
            return Column(name: name, role: role, numbers: Array(repeating: 0, count: n),
                          missing: Array(repeating: true, count: n), isInteger: isInteger)
        case .categorical(_, let levels, let mixed):
            return Column(name: name, role: role, codes: Array(repeating: -1, count: n), levels: levels, mixed: mixed)
        case .boolean:
            return Column(name: name, role: role, booleans: Array(repeating: -1, count: n))
        }
    }
}
