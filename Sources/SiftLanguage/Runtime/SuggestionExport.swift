import SiftAnalysis
import SiftCore

/// The tables of a grouped `suggest` as one table for `export`: a leading `group` column (`overall` on the
/// overall table's rows), the overall table's title, and every table's footer prefixed by its group.
enum SuggestionExport {
    /// One table holding `suggestions` (one per group, then the overall one, as `suggest` makes them).
    static func combined(_ suggestions: [Interpreter.Suggestion]) -> ResultTable {
        var rows: [[Value]] = []
        var footer: [String] = []
        for s in suggestions {
            let label = s.group ?? "overall"
            rows += s.table.rows.map { [.string(label)] + $0 }
            footer += s.table.footer.map { "\(label): \($0)" }
        }
        let last = suggestions.last?.table
        return ResultTable(kind: last?.kind ?? "suggest", title: last?.title,
                           columns: ["group"] + (last?.columns ?? SuggestSpace.columns), rows: rows, footer: footer)
    }
}
