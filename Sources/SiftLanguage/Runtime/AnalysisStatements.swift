import SiftAnalysis
import SiftCore

/// `importance`, `suggest`, `correlation`: the analyses, run per group and overall.
extension Interpreter {
    /// The fewest runs with a finite metric an importance is fitted on.
    static let minimumRunsForImportance = 5

    // MARK: - importance

    /// The importance panels: one per group (when grouped), then the overall one.
    func importance(_ metricName: Name, _ clauses: AnalysisClauses,
                    span: SourceSpan) throws(RuntimeError) -> ([ImportancePanel], [String]) {
        let state = session.state
        let target = try metricTarget(metricName, value: clauses.value)
        let params = state.view.visibleParams(of: state.table)
        guard !params.isEmpty else {
            throw RuntimeError(span, "no params to analyse: all \(state.view.hidden.count) are hidden",
                               hint: "\"show all\" brings hidden params back")
        }
        let request = try importanceRequest(metric: target.column, clauses: clauses)
        var panels: [ImportancePanel] = []
        for group in Grouping.groups(table: state.table, rows: state.view.rows, by: state.view.groupBy) {
            let inGroup = params.filter { !state.view.groupBy.contains($0) }
            panels.append(try groupPanel(rows: group.rows, params: inGroup, request: request, label: group.label,
                                         target: target))
        }
        let overall = try fit(rows: state.view.rows, params: params, request: request, errorSpan: metricName.span,
                              target: target)
        panels.append(overall)
        return (panels, target.note.map { [$0] } ?? [])
    }

    /// The request `clauses` and the session options describe.
    func importanceRequest(metric: String, clauses: AnalysisClauses) throws(RuntimeError) -> ImportanceRequest {
        if let t = clauses.trees, t.value < 1 {
            throw RuntimeError(t.span, "the forest needs at least 1 tree", hint: "for example: trees 300")
        }
        if let t = clauses.trees, t.value > ForestOptions.maxTrees {
            throw RuntimeError(t.span, "the forest can have at most \(ForestOptions.maxTrees) trees",
                               hint: "intervals narrow slowly past a few hundred trees; for example: trees 1000")
        }
        if let t = clauses.top, t.value < 1 {
            throw RuntimeError(t.span, "\"top\" needs at least 1", hint: "for example: top 10")
        }
        let method = clauses.method.flatMap { ImportanceMethod(rawValue: $0.text) } ?? .forest
        let goal = session.state.table.goals[metric] ?? GoalInference.goal(forMetric: metric)
        return ImportanceRequest(metric: metric, method: method, trees: clauses.trees?.value ?? options.trees,
                                 seed: clauses.seed.map { UInt64($0.value) } ?? options.seed, top: clauses.top?.value,
                                 threads: options.threads, goal: goal)
    }

    /// One group's panel; a group too small or otherwise unanalysable gets an empty panel saying why.
    private func groupPanel(rows: [Int], params: [String], request: ImportanceRequest, label: String,
                            target: MetricTarget) throws(RuntimeError) -> ImportancePanel {
        do {
            var p = try fit(rows: rows, params: params, request: request, errorSpan: nil, target: target, scope: "group")
            p.group = label
            return p
        } catch {
            if error.message == "cancelled" { throw error }
            let used = usableRuns(rows: rows, metric: request.metric)
            return ImportancePanel(metric: request.metric, goal: request.goal, method: request.method.rawValue,
                                   trees: request.trees, seed: request.seed, runsUsed: used, runsInView: rows.count, params: [],
                                   hiddenCount: hiddenParams, group: label, metricValue: target.label,
                                   warnings: [error.message])
        }
    }

    /// Fits one panel, checking first that there are enough runs.
    private func fit(rows: [Int], params: [String], request: ImportanceRequest, errorSpan: SourceSpan?,
                     target: MetricTarget, scope: String = "view") throws(RuntimeError) -> ImportancePanel {
        let span = errorSpan ?? SourceSpan(offset: 0, line: 1, column: 1, length: 1)
        let used = usableRuns(rows: rows, metric: request.metric)
        let needed = Interpreter.minimumRunsForImportance
        if used < needed {
            let found = used == rows.count ? "the \(scope) has \(used)"
                : "only \(used) of the \(rows.count) runs in the \(scope) have one"
            throw RuntimeError(span, "importance needs at least \(needed) runs with a finite \"\(request.metric)\", but \(found)",
                               hint: rows.count < needed ? "widen the view (\"undo\" or \"reset\") or load more runs"
                                                         : "runs with a missing or NaN metric are left out")
        }
        do {
            var panel = try Analysis.importance(table: session.state.table, rows: rows, params: params,
                                                request: request, progress: progress, cancellation: cancellation)
            panel.hiddenCount = hiddenParams
            if panel.metricValue == nil { panel.metricValue = target.label }
            return panel
        } catch let e as AnalysisError {
            throw RuntimeError(span, e.message, hint: e.hint)
        } catch is Cancelled {
            throw RuntimeError(span, "cancelled")
        } catch {
            throw RuntimeError(span, "\(error)")
        }
    }

    /// Runs among `rows` whose metric is present and finite.
    private func usableRuns(rows: [Int], metric: String) -> Int {
        guard let c = session.state.table.column(named: metric) else { return 0 }
        return rows.reduce(0) { n, r in
            if case .number(let x) = c[r], x.isFinite { return n + 1 }
            return n
        }
    }

    private var hiddenParams: Int {
        session.state.table.names(withRole: .param).filter { session.state.view.hidden.contains($0) }.count
    }

    // MARK: - suggest

    /// Where the best runs lie for the top params: one table per group (when grouped), then the overall one.
    func suggest(_ metricName: Name, _ clauses: AnalysisClauses) throws(RuntimeError) -> [Suggestion] {
        let state = session.state
        let target = try metricTarget(metricName, value: clauses.value)
        let params = state.view.visibleParams(of: state.table)
        let request = try importanceRequest(metric: target.column, clauses: clauses)
        let used = usableRuns(rows: state.view.rows, metric: target.column)
        if used < Interpreter.minimumRunsForImportance {
            let inView = state.view.rows.count
            let found = used == inView ? "the view has \(used)" : "only \(used) of the \(inView) runs in the view have one"
            throw RuntimeError(metricName.span, "suggest needs at least \(Interpreter.minimumRunsForImportance) runs "
                               + "with a finite \"\(target.column)\", but \(found)",
                               hint: inView < Interpreter.minimumRunsForImportance
                                   ? "widen the view (\"undo\" or \"reset\") or load more runs"
                                   : "runs with a missing or NaN metric are left out")
        }
        var tables: [Suggestion] = []
        for group in Grouping.groups(table: state.table, rows: state.view.rows, by: state.view.groupBy) {
            let inGroup = params.filter { !state.view.groupBy.contains($0) }
            tables.append(Suggestion(group: group.label, table: groupSuggestion(rows: group.rows, params: inGroup,
                                                                                request: request, label: group.label)))
        }
        do {
            tables.append(Suggestion(group: nil, table: try Analysis.suggest(
                table: state.table, rows: state.view.rows, params: params, metric: target.column, goal: request.goal,
                request: request)))
        } catch let e as AnalysisError {
            throw RuntimeError(metricName.span, e.message, hint: e.hint)
        } catch {
            throw RuntimeError(metricName.span, "\(error)")
        }
        return tables
    }

    /// One group's suggestion; a group too small or otherwise unanalysable gets an empty table saying why.
    private func groupSuggestion(rows: [Int], params: [String], request: ImportanceRequest,
                                 label: String) -> ResultTable {
        let metric = request.metric
        let used = usableRuns(rows: rows, metric: metric)
        var why: String
        if used < Interpreter.minimumRunsForImportance {
            why = "suggest needs at least \(Interpreter.minimumRunsForImportance) runs with a finite \"\(metric)\", "
                + "but the group has \(used)"
        } else if params.isEmpty {
            why = "no params to analyse in the group"
        } else {
            do {
                return try Analysis.suggest(table: session.state.table, rows: rows, params: params, metric: metric,
                                            goal: request.goal, request: request, group: label)
            } catch let e as AnalysisError {
                why = e.message
            } catch {
                why = "\(error)"
            }
        }
        return ResultTable(kind: "suggest", title: SuggestSpace.title(metric: metric, goal: request.goal, group: label),
                           columns: SuggestSpace.columns, rows: [], footer: [why])
    }

    /// One `suggest` table and the group it is about (nil: all runs in view).
    struct Suggestion {
        var group: String?
        var table: ResultTable
    }

    // MARK: - correlation

    /// Correlations per group, then overall.
    func correlation(_ metricName: Name, method: Name?) throws(RuntimeError) -> [CorrelationReport] {
        let state = session.state
        let target = try metricTarget(metricName, value: nil)
        let params = state.view.visibleParams(of: state.table)
        let how = method?.text ?? "pearson"
        var reports: [CorrelationReport] = []
        do {
            for group in Grouping.groups(table: state.table, rows: state.view.rows, by: state.view.groupBy) {
                var r = try Analysis.correlation(table: state.table, rows: group.rows,
                                                 params: params.filter { !state.view.groupBy.contains($0) },
                                                 metric: target.column, method: how)
                r.group = group.label
                reports.append(r)
            }
            reports.append(try Analysis.correlation(table: state.table, rows: state.view.rows, params: params,
                                                    metric: target.column, method: how))
        } catch let e as AnalysisError {
            throw RuntimeError(metricName.span, e.message, hint: e.hint)
        } catch {
            throw RuntimeError(metricName.span, "\(error)")
        }
        return reports
    }

    // MARK: - the metric

    /// The column an analysis targets, and which value of the metric it holds.
    struct MetricTarget {
        var column: String
        /// `last`, or `best (val_loss.min)`; nil when the statement did not ask.
        var label: String?
        var note: String?
    }

    /// Resolves the metric of an analysis, checking its role and type, and picks its best or last value.
    func metricTarget(_ name: Name, value: MetricValue?) throws(RuntimeError) -> MetricTarget {
        let table = session.state.table
        let column = try NameResolver(table: table).column(name, role: .metric)
        if column.role == .param {
            throw RuntimeMessages.notAMetric(name, column: column, metrics: table.names(withRole: .metric))
        }
        guard column.kind == .numeric else { throw RuntimeMessages.notNumeric(name, column: column) }
        guard value == .best else { return MetricTarget(column: column.name, label: value?.rawValue, note: nil) }
        let goal = table.goals[column.name] ?? GoalInference.goal(forMetric: column.name)
        let m = column.name
        var candidates = ["\(m).best", "\(m)_best", "best_\(m)"]
        switch goal {
        case .minimize: candidates += ["\(m).min", "\(m)_min"]
        case .maximize: candidates += ["\(m).max", "\(m)_max"]
        case nil: break
        }
        func numeric(_ c: String) -> Bool { table.column(named: c)?.kind == .numeric }
        if let c = candidates.first(where: numeric) {
            return MetricTarget(column: c, label: "best (\(c))", note: nil)
        }
        if goal == nil, numeric("\(m).min"), numeric("\(m).max") {
            throw RuntimeMessages.bestNeedsGoal(name, metric: m)
        }
        throw RuntimeMessages.noHistory(name, metric: m)
    }
}
