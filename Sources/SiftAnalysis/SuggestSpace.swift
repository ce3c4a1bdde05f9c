import Foundation
import SiftCore

/// `suggest METRIC`: where the best runs lie for the params that matter, as a narrowed search space.
///
/// Params are ranked by PED-ANOVA importance for reaching the top quantile (the question `suggest`
/// answers). For a numeric param the suggested range is the 10th–90th percentile of its values among
/// the top-quantile runs (computed on log10 scale for a log-scaled param), beside their full min…max;
/// for a categorical or boolean param, the categories holding at least 10% of the top runs (every
/// category the top runs hold is listed with its count beside).
public enum SuggestSpace {
    /// Percentiles bounding a numeric param's suggested range.
    public static let lowPercentile = 0.1, highPercentile = 0.9
    /// Share of the top runs a categorical value must hold to be suggested.
    public static let minimumShare = 0.1

    /// The columns of a `suggest` table.
    public static let columns = ["param", "kind", "suggested", "top runs", "importance", "best run"]

    /// The title of a `suggest` table: the metric, the group (`optimizer=adam`) if any, and the direction.
    public static func title(metric: String, goal: Goal?, group: String? = nil) -> String {
        let goalText = goal.map { $0 == .minimize ? "lower is better" : "higher is better" }
            ?? "direction unknown, lower taken as better"
        return "suggested search space for \(metric)\(group.map { " in \($0)" } ?? "") (\(goalText))"
    }

    /// The `suggest` table over `rows` of `table`; `group` labels a group's table (`optimizer=adam`).
    public static func table(table: RunTable, rows: [Int], params: [String], metric: String, goal: Goal?,
                             request: ImportanceRequest, group: String? = nil) throws(AnalysisError) -> ResultTable {
        let direction = goal ?? request.goal ?? table.goals[metric]
        let target = try MetricTarget(table: table, rows: rows, metric: metric)
        let quantile = request.topQuantile
        let ranking = try PedAnova.importances(table: table, rows: rows, params: params, metric: metric,
                                               goal: direction, options: .init(targetQuantile: quantile))
        let sign = direction == .maximize ? -1.0 : 1.0
        let losses = target.values.map { sign * $0 }
        let top = PedAnova.topQuantile(losses, quantile).map { target.rows[$0] }
        let best = losses.indices.min { losses[$0] < losses[$1] }.map { target.rows[$0] }
        let order = ranking.params.indices.sorted {
            ranking.normalized[$0] != ranking.normalized[$1] ? ranking.normalized[$0] > ranking.normalized[$1]
                : ranking.params[$0] < ranking.params[$1]
        }
        var out: [[Value]] = []
        for i in order.prefix(request.top ?? 5) {
            let name = ranking.params[i]
            guard let column = table.column(named: name) else { continue }
            let bestValue = best.map { column[$0] } ?? .missing
            out.append([.string(name)] + describe(column, top: top, used: target.rows)
                       + [.number(ranking.normalized[i]), bestValue])
        }
        var footer = ["top \(PedAnova.percent(quantile)) = \(top.count) of \(target.rows.count) runs; "
                      + "params ranked by PED-ANOVA importance; numeric range = "
                      + "\(Int(lowPercentile * 100))th–\(Int(highPercentile * 100))th percentile of the top runs"]
        if direction == nil { footer.append("direction of \"\(metric)\" unknown: lower is taken as better") }
        if let w = target.droppedWarning { footer.append(w) }
        return ResultTable(kind: "suggest", title: title(metric: metric, goal: direction, group: group),
                           columns: columns, rows: out, footer: footer)
    }

    /// Kind, suggested range or values, and what the top runs hold, for one param.
    static func describe(_ column: Column, top: [Int], used: [Int]) -> [Value] {
        let missingInTop = top.filter { column.isMissing($0) }.count
        let missingNote = missingInTop > 0 ? "; \(missingInTop) unset" : ""
        switch column.storage {
        case .numeric(let cells, let isInteger):
            let all = used.compactMap { column.missing[$0] || !cells[$0].isFinite ? nil : cells[$0] }
            let log = LogScale.applies(to: all)
            let values = top.compactMap { column.missing[$0] || !cells[$0].isFinite ? nil : cells[$0] }
            let kind = Value.string(log ? "numeric (log)" : isInteger ? "integer" : "numeric")
            guard !values.isEmpty else {
                return [kind, .string("—"), .string("\(top.count) top runs, none set")]
            }
            let scaled = (log ? LogScale.transform(values) : values).sorted()
            let back: (Double) -> Double = log ? { pow(10, $0) } : { $0 }
            let lo = back(Statistics.quantile(sorted: scaled, lowPercentile))
            let hi = back(Statistics.quantile(sorted: scaled, highPercentile))
            let suggested = isInteger ? "\(format(lo.rounded(.down))) … \(format(hi.rounded(.up)))"
                : "\(format(lo)) … \(format(hi))"
            let minMax = "\(format(back(scaled[0]))) … \(format(back(scaled[scaled.count - 1])))"
            return [kind, .string(suggested), .string("\(values.count) in \(minMax)\(missingNote)")]
        case .categorical, .boolean:
            let levels = column.levels
            var counts = Array(repeating: 0, count: levels.count)
            for r in top {
                let c = Correlations.categoryCode(column, r)
                if c >= 0 { counts[c] += 1 }
            }
            let held = counts.indices.filter { counts[$0] > 0 }
                .sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : levels[$0] < levels[$1] }
            let kind = Value.string(column.kind == .boolean ? "boolean" : "categorical")
            // Suggested: the values holding at least `minimumShare` of the top runs (all counts are shown).
            let total = held.reduce(0) { $0 + counts[$1] }
            let suggested = held.filter { Double(counts[$0]) >= minimumShare * Double(total) }
                .map { levels[$0] }.joined(separator: ", ")
            let share = held.map { "\(levels[$0]) \(counts[$0])" }.joined(separator: ", ")
            return [kind, .string(suggested.isEmpty ? "—" : suggested), .string(share + missingNote)]
        }
    }

    /// A number in 4 significant digits (`0.001234`, `1.5e-05`, `128`).
    static func format(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.4g", x)
    }
}
