/// The part of the loaded runs an analysis sees: selected rows, hidden params, grouping.
public struct View: Sendable, Equatable {
    /// Indexes of the runs in view, ascending.
    public var rows: [Int]
    /// Names of params left out of analyses and panels.
    public var hidden: Set<String>
    /// Names of the fields later analyses group by (empty: no grouping).
    public var groupBy: [String]

    /// A view of every run of `table`, nothing hidden, no groups.
    public init(all table: RunTable) {
        rows = Array(0..<table.rowCount)
        hidden = []
        groupBy = []
    }

    /// A view of the given rows.
    public init(rows: [Int], hidden: Set<String> = [], groupBy: [String] = []) {
        self.rows = rows
        self.hidden = hidden
        self.groupBy = groupBy
    }

    /// The params of `table` that analyses use: role `param`, not hidden, in table order.
    public func visibleParams(of table: RunTable) -> [String] {
        table.columns.filter { $0.role == .param && !hidden.contains($0.name) }.map(\.name)
    }
}
