/// Accumulates one column's cells and settles its type when done.
///
/// The rule, documented for users (`CellTyping.settle`): all present values numbers → numeric (integer
/// when all are whole); all booleans → boolean; otherwise categorical, where numbers and booleans are
/// spelled as text and the column is marked mixed if it held numbers (or booleans) and strings. Beside
/// numbers only or booleans only, `MissingMarkers` (`NA`, `null`, …) are missing cells.
public struct ColumnBuilder: Sendable {
    public let name: String
    public var role: Role

    private var numbers: [Double] = []
    private var missing: [Bool] = []
    private var values: [Value]? = nil  // set once a non-number arrives; then every cell is kept as Value
    private var allInteger = true
    private var sawNumber = false
    private var sawString = false
    private var sawBool = false

    /// Starts an empty column.
    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }

    /// The number of cells appended.
    public var count: Int { values?.count ?? numbers.count }

    /// Reserves room for `n` cells.
    public mutating func reserve(_ n: Int) {
        numbers.reserveCapacity(n)
        missing.reserveCapacity(n)
    }

    /// Appends a number (fast path for numeric columns).
    @inline(__always)
    public mutating func appendNumber(_ x: Double) {
        sawNumber = true
        if allInteger && !(x.isFinite && x == x.rounded()) { allInteger = false }
        if values != nil {
            values!.append(.number(x))
        } else {
            numbers.append(x)
            missing.append(false)
        }
    }

    /// Appends a missing cell.
    @inline(__always)
    public mutating func appendMissing() {
        if values != nil {
            values!.append(.missing)
        } else {
            numbers.append(0)
            missing.append(true)
        }
    }

    /// Replaces the last cell (a field set twice in one record keeps the last value).
    public mutating func replaceLast(with v: Value) {
        precondition(count > 0, "replaceLast on an empty column")
        if values == nil {
            numbers.removeLast()
            missing.removeLast()
        } else {
            values!.removeLast()
        }
        append(v)
    }

    /// Appends any value.
    public mutating func append(_ v: Value) {
        switch v {
        case .number(let x): appendNumber(x)
        case .missing: appendMissing()
        case .string, .bool:
            if case .string = v { sawString = true } else { sawBool = true }
            if values == nil { promoteToValues() }
            values!.append(v)
        }
    }

    /// Switches from the numeric fast path to keeping every cell as a `Value`.
    private mutating func promoteToValues() {
        var all: [Value] = []
        all.reserveCapacity(numbers.count + 1)
        for i in 0..<numbers.count { all.append(missing[i] ? .missing : .number(numbers[i])) }
        values = all
        numbers = []
        missing = []
    }

    /// Appends a cell given as text, inferring its type (`Value.infer(fromText:)`).
    @inline(__always)
    public mutating func appendText(_ text: Substring) {
        if text.isEmpty { appendMissing(); return }
        if values == nil, let x = NumberParsing.parse(text) { appendNumber(x); return }
        append(Value.infer(fromText: text))
    }

    /// Settles the type and returns the column.
    public func build() -> Column {
        guard let values else {
            return Column(name: name, role: role, numbers: numbers, missing: missing, isInteger: allInteger && sawNumber)
        }
        let onlyMarkers = sawString && values.allSatisfy { $0.string.map(MissingMarkers.contains) ?? true }
        switch CellTyping.settle(number: sawNumber, bool: sawBool, string: sawString, onlyMarkers: onlyMarkers) {
        case .numeric:
            return Column(name: name, role: role, numbers: values.map { $0.number ?? 0 },
                          missing: values.map { $0.number == nil }, isInteger: allInteger)
        case .boolean:
            return Column(name: name, role: role, booleans: values.map {
                switch $0 {
                case .bool(let b): return b ? 1 : 0
                default: return -1
                }
            })
        case .categorical:
            break
        }
        var index: [String: Int32] = [:]
        var levels: [String] = []
        var codes: [Int32] = []
        codes.reserveCapacity(values.count)
        for v in values {
            guard let text = v.categoryLabel else {
                codes.append(-1)
                continue
            }
            if let c = index[text] {
                codes.append(c)
            } else {
                let c = Int32(levels.count)
                index[text] = c
                levels.append(text)
                codes.append(c)
            }
        }
        return Column(name: name, role: role, codes: codes, levels: levels, mixed: sawString && (sawNumber || sawBool))
    }
}

/// Plain spelling of numbers where they become text (category labels, CSV export).
public enum NumberFormatting {
    /// `3` for whole numbers that fit, else the shortest round-tripping decimal (`0.001`, `1e-05`).
    public static func plain(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }
}
