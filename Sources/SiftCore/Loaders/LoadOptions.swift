/// What the user said at load time (`load "x.csv" as NAME metrics a, b params c`).
public struct LoadOptions: Sendable, Equatable {
    /// A label for the runs' source (defaults to the path).
    public var alias: String?
    /// Columns the user declares to be metrics; they win over every convention.
    public var metrics: [String]
    /// Columns the user declares to be params.
    public var params: [String]
    /// For stores holding several studies or experiments: the one to load (nil: all, or the only one).
    public var study: String?
    /// Keep `_`-prefixed internal keys (W&B summaries' `_runtime`, `_step`…) as meta columns.
    public var keepInternal: Bool

    public init(alias: String? = nil, metrics: [String] = [], params: [String] = [],
                study: String? = nil, keepInternal: Bool = false) {
        self.alias = alias
        self.metrics = metrics
        self.params = params
        self.study = study
        self.keepInternal = keepInternal
    }
}
