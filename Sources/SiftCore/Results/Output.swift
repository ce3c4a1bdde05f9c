/// Correlations of every visible param with one metric (`correlation METRIC`).
public struct CorrelationReport: Sendable, Equatable {
    public var metric: String
    /// `pearson` or `spearman`.
    public var method: String
    public var rows: [CorrelationRow]
    public var group: String?
    public var warnings: [String]
    public init(metric: String, method: String, rows: [CorrelationRow], group: String? = nil, warnings: [String] = []) {
        self.metric = metric
        self.method = method
        self.rows = rows
        self.group = group
        self.warnings = warnings
    }
}

/// One row of a correlation report: a numeric param, or one value of a categorical one.
public struct CorrelationRow: Sendable, Equatable {
    public var param: String
    /// The categorical value this row is about (`sgd` in `optimizer=sgd`), nil for a numeric param.
    public var value: String?
    public var correlation: Correlation
    public var logScale: Bool
    public init(param: String, value: String? = nil, correlation: Correlation, logScale: Bool = false) {
        self.param = param
        self.value = value
        self.correlation = correlation
        self.logScale = logScale
    }
}

/// A table of cells for `runs`, `params`, `metrics`, `describe`, `suggest`.
public struct ResultTable: Sendable, Equatable {
    /// What the table is (`runs`, `params`, `describe lr`), used by exports and JSON output.
    public var kind: String
    public var title: String?
    public var columns: [String]
    public var rows: [[Value]]
    /// Lines under the table (`… 388 more runs`).
    public var footer: [String]
    public init(kind: String, title: String? = nil, columns: [String], rows: [[Value]], footer: [String] = []) {
        self.kind = kind
        self.title = title
        self.columns = columns
        self.rows = rows
        self.footer = footer
    }
}

/// A short message from a statement (`filtered 412 → 312 runs`).
public struct Message: Sendable, Equatable {
    public enum Level: String, Sendable { case info, warning }
    public var level: Level
    public var text: String
    public init(_ text: String, level: Level = .info) {
        self.text = text
        self.level = level
    }
}

/// Every result a statement produces; front ends hand these to a renderer.
public enum Output: Sendable, Equatable {
    /// Importance panels: one, or one per group followed by the overall panel.
    case panels([ImportancePanel])
    case correlation([CorrelationReport])
    case table(ResultTable)
    case message(Message)
}
