/// All loaded runs, column by column.
///
/// Invariants: every column has `rowCount` cells; column names are unique; `sourceOfRun` has
/// `rowCount` entries indexing `sources`.
public struct RunTable: Sendable {
    /// The columns, in first-seen order.
    public private(set) var columns: [Column]
    /// How many runs the table holds.
    public private(set) var rowCount: Int
    /// Where runs came from (a path, or a path plus study/experiment), in load order.
    public private(set) var sources: [String]
    /// For each run, its index into `sources`.
    public private(set) var sourceOfRun: [Int32]
    /// The direction each metric should move, where the source records one (Optuna); empty otherwise.
    public var goals: [String: Goal] = [:]
    private var indexByName: [String: Int]

    /// An empty table.
    public init() {
        columns = []
        rowCount = 0
        sources = []
        sourceOfRun = []
        indexByName = [:]
    }

    /// A table of `columns` (all of `rowCount` cells, distinct names) from one source.
    public init(columns: [Column], rowCount: Int, source: String) throws(TableError) {
        var index: [String: Int] = [:]
        for (i, c) in columns.enumerated() {
            guard c.count == rowCount else {
                throw TableError.ragged(column: c.name, count: c.count, expected: rowCount)
            }
            guard index[c.name] == nil else { throw TableError.duplicateColumn(c.name) }
            index[c.name] = i
        }
        self.columns = columns
        self.rowCount = rowCount
        self.sources = [source]
        self.sourceOfRun = Array(repeating: 0, count: rowCount)
        self.indexByName = index
    }

    /// The column called `name`, if any.
    public func column(named name: String) -> Column? {
        indexByName[name].map { columns[$0] }
    }

    /// The index of the column called `name`, if any.
    public func columnIndex(named name: String) -> Int? { indexByName[name] }

    /// The names of the columns with `role`, in table order.
    public func names(withRole role: Role) -> [String] {
        columns.filter { $0.role == role }.map(\.name)
    }

    /// The source a run came from.
    public func source(ofRun row: Int) -> String { sources[Int(sourceOfRun[row])] }

    /// Appends `other`'s runs: the union of columns, missing where a side lacks one.
    /// A column present on both sides keeps this table's role; differing types become categorical.
    /// Goals are merged; where both sides give one for a metric, this table's wins.
    public mutating func append(_ other: RunTable) {
        goals.merge(other.goals) { mine, _ in mine }
        let n = rowCount, m = other.rowCount
        var merged: [Column] = []
        merged.reserveCapacity(columns.count + other.columns.count)
        for c in columns {
            if let o = other.column(named: c.name) {
                var oc = o
                oc.role = c.role
                merged.append(c.appending(oc))
            } else {
                merged.append(c.appending(c.emptyLike(count: m)))
            }
        }
        for o in other.columns where indexByName[o.name] == nil {
            merged.append(o.emptyLike(count: n).appending(o))
        }
        let offset = Int32(sources.count)
        sources += other.sources
        sourceOfRun += other.sourceOfRun.map { $0 + offset }
        columns = merged
        rowCount = n + m
        indexByName = Dictionary(uniqueKeysWithValues: merged.enumerated().map { ($1.name, $0) })
    }

    /// Changes the role of the column called `name`. Returns false when there is none.
    @discardableResult
    public mutating func setRole(_ role: Role, of name: String) -> Bool {
        guard let i = indexByName[name] else { return false }
        columns[i].role = role
        return true
    }

    /// A table holding only `rows` (in that order), keeping columns and sources.
    public func selecting(rows: [Int]) -> RunTable {
        var t = self
        t.columns = columns.map { $0.selecting(rows) }
        t.sourceOfRun = rows.map { sourceOfRun[$0] }
        t.rowCount = rows.count
        return t
    }

    /// Replaces or adds a column (it must have `rowCount` cells).
    public mutating func setColumn(_ column: Column) {
        precondition(column.count == rowCount, "column length must equal rowCount")
        if let i = indexByName[column.name] {
            columns[i] = column
        } else {
            indexByName[column.name] = columns.count
            columns.append(column)
        }
    }
}

/// A table that cannot be formed.
public enum TableError: Error, Sendable, Equatable, CustomStringConvertible {
    case ragged(column: String, count: Int, expected: Int)
    case duplicateColumn(String)

    public var description: String {
        switch self {
        case .ragged(let c, let n, let e): return "column \"\(c)\" has \(n) cells, expected \(e)"
        case .duplicateColumn(let c): return "duplicate column name \"\(c)\""
        }
    }
}
