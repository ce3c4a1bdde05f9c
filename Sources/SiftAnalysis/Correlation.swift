import SiftCore

/// Which correlation coefficient to report.
public enum CorrelationMethod: String, Sendable, CaseIterable {
    /// Pearson's r (linear), the W&B panel's measure.
    case pearson
    /// Spearman's ρ (rank, monotone).
    case spearman
}

/// One param's correlation with a metric: one coefficient for a numeric param, one per value (0/1
/// indicator) for a categorical or boolean one, plus η².
public struct ParamCorrelation: Sendable, Equatable {
    /// One value of a categorical param: its indicator's correlation, and how many runs hold it.
    public struct ValueRow: Sendable, Equatable {
        public var value: String
        /// Nil when undefined (every run used holds this value).
        public var correlation: Correlation?
        /// Runs (of those used) holding the value.
        public var count: Int
    }

    public var name: String
    public var kind: ColumnKind
    /// Runs with the param and the metric both present (and finite).
    public var n: Int
    /// Analysed as log10(value).
    public var logScale: Bool
    /// The coefficient of a numeric param; nil when categorical or undefined (constant input).
    public var correlation: Correlation?
    /// The per-value rows of a categorical or boolean param, in the column's level order.
    public var values: [ValueRow]
    /// The correlation ratio of a categorical or boolean param.
    public var eta2: Double?
    /// True when the param takes a single value over the runs used.
    public var isConstant: Bool
}

/// Correlations of params with a metric, as the W&B panel shows them, with n, p-values and
/// Fisher-z intervals; missing cells are dropped pairwise.
public enum Correlations {
    /// The correlation of `param` with the metric over the runs of `target`.
    static func compute(table: RunTable, param: String, target: MetricTarget,
                        method: CorrelationMethod) throws(AnalysisError) -> ParamCorrelation {
        guard let column = table.column(named: param) else {
            let hint = Suggest.closest(to: param, among: table.columns.map(\.name)).map { "did you mean \"\($0)\"?" }
            throw AnalysisError("unknown parameter \"\(param)\"", hint: hint)
        }
        let coefficient = { (x: [Double], y: [Double]) -> Correlation? in
            method == .pearson ? Statistics.pearson(x, y) : Statistics.spearman(x, y)
        }
        switch column.storage {
        case .numeric(let cells, _):
            var x: [Double] = [], y: [Double] = []
            for (r, v) in zip(target.rows, target.values) where !column.missing[r] && cells[r].isFinite {
                x.append(cells[r])
                y.append(v)
            }
            let log = LogScale.applies(to: x)
            let xs = log ? LogScale.transform(x) : x
            return ParamCorrelation(name: param, kind: .numeric, n: x.count, logScale: log,
                                    correlation: coefficient(xs, y), values: [], eta2: nil,
                                    isConstant: Statistics.isConstant(x))
        case .categorical, .boolean:
            let levels = column.levels
            var codes: [Int] = [], y: [Double] = []
            for (r, v) in zip(target.rows, target.values) {
                let code = categoryCode(column, r)
                if code >= 0 {
                    codes.append(code)
                    y.append(v)
                }
            }
            var rows: [ParamCorrelation.ValueRow] = []
            for (i, level) in levels.enumerated() {
                let indicator = codes.map { $0 == i ? 1.0 : 0.0 }
                let count = codes.reduce(0) { $0 + ($1 == i ? 1 : 0) }
                guard count > 0 else { continue }
                rows.append(.init(value: level, correlation: coefficient(indicator, y), count: count))
            }
            return ParamCorrelation(name: param, kind: column.kind, n: codes.count, logScale: false,
                                    correlation: nil, values: rows, eta2: Statistics.eta2(groups: codes, y),
                                    isConstant: rows.count <= 1)
        }
    }

    /// The category index of cell `row` of a categorical or boolean column, −1 when missing.
    static func categoryCode(_ column: Column, _ row: Int) -> Int {
        switch column.storage {
        case .categorical(let codes, _, _): return Int(codes[row])
        case .boolean(let b): return Int(b[row])
        case .numeric: return -1
        }
    }

    /// Fills each param row of `panel` with its correlation with `metric` over `rows` of `table`:
    /// `correlation` (numeric), `values` and `eta2` (categorical/boolean), `logScale` and `n`.
    ///
    /// Params the table does not know are left untouched. Undefined coefficients (constant param or
    /// metric) stay nil; an undefined per-value coefficient is reported with r = NaN and no p-value.
    public static func annotate(_ panel: inout ImportancePanel, table: RunTable, rows: [Int], metric: String,
                                method: CorrelationMethod = .pearson) throws(AnalysisError) {
        let target = try MetricTarget(table: table, rows: rows, metric: metric)
        let known = panel.params.indices.filter { table.column(named: panel.params[$0].name) != nil }
        let computed = try computeAll(table: table, params: known.map { panel.params[$0].name }, target: target,
                                      method: method)
        for (i, c) in zip(known, computed) {
            panel.params[i].n = c.n
            panel.params[i].logScale = c.logScale
            if c.kind == .numeric {
                panel.params[i].correlation = c.correlation
            } else {
                panel.params[i].correlation = nil
                panel.params[i].values = c.values.map {
                    ValueCorrelation(value: $0.value, correlation: $0.correlation ?? undefined(n: c.n))
                }
                panel.params[i].eta2 = c.eta2
            }
        }
    }

    /// The `correlation METRIC [pearson|spearman]` report over `rows` of `table`: one row per numeric
    /// param and per categorical value, strongest |r| first, with guardrail warnings.
    public static func report(table: RunTable, rows: [Int], params: [String], metric: String,
                              method: CorrelationMethod) throws(AnalysisError) -> CorrelationReport {
        let target = try MetricTarget(table: table, rows: rows, metric: metric)
        var out: [CorrelationRow] = []
        var warnings: [String] = []
        if let w = target.droppedWarning { warnings.append(w) }
        if target.rows.isEmpty {
            warnings.append("no run has a finite \"\(metric)\": nothing to correlate")
        } else if target.isConstant {
            warnings.append("metric \"\(metric)\" is constant over the \(target.rows.count) runs used: "
                            + "no correlation is defined")
        }
        for (param, c) in zip(params, try computeAll(table: table, params: params, target: target, method: method)) {
            if c.isConstant && !target.isConstant && c.n > 0 {
                warnings.append("param \"\(param)\" is constant over the \(c.n) runs used: no correlation is defined")
            }
            if c.kind == .numeric {
                out.append(CorrelationRow(param: param, correlation: c.correlation ?? undefined(n: c.n),
                                          logScale: c.logScale))
            } else {
                for v in c.values {
                    out.append(CorrelationRow(param: param, value: v.value,
                                              correlation: v.correlation ?? undefined(n: c.n)))
                    if v.count < 5 {
                        warnings.append("\(param)=\(v.value) has only \(v.count) run\(v.count == 1 ? "" : "s"): "
                                        + "its correlation is unreliable")
                    }
                }
            }
        }
        out.sort(by: strongerFirst)
        return CorrelationReport(metric: metric, method: method.rawValue, rows: out, warnings: warnings)
    }

    /// `compute` for each of `params`, in order, the params in parallel (each sorts its values to detect log
    /// scale, and Spearman ranks them: 0.26 s for 37 params of 100,000 runs on one core). Throws the error of
    /// the first param that fails, as computing them in turn would.
    static func computeAll(table: RunTable, params: [String], target: MetricTarget,
                           method: CorrelationMethod) throws(AnalysisError) -> [ParamCorrelation] {
        let results = Parallel.map(params.count, threads: 0) { i -> Result<ParamCorrelation, AnalysisError> in
            Result { () throws(AnalysisError) -> ParamCorrelation in
                try compute(table: table, param: params[i], target: target, method: method)
            }
        }
        return try results.map { result throws(AnalysisError) -> ParamCorrelation in try result.get() }
    }

    /// A coefficient that is not defined (constant input): r = NaN, no p-value, no interval.
    static func undefined(n: Int) -> Correlation { Correlation(r: .nan, n: n) }

    /// Orders rows by |r| descending (undefined last), then by param and value for stability.
    static func strongerFirst(_ a: CorrelationRow, _ b: CorrelationRow) -> Bool {
        let ra = a.correlation.r.isNaN ? -1 : abs(a.correlation.r)
        let rb = b.correlation.r.isNaN ? -1 : abs(b.correlation.r)
        if ra != rb { return ra > rb }
        if a.param != b.param { return a.param < b.param }
        return (a.value ?? "") < (b.value ?? "")
    }
}
