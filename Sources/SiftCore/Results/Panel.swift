/// Whether lower or higher values of a metric are better.
public enum Goal: String, Sendable, Hashable {
    case minimize
    case maximize
}

/// The importance panel for one metric over one set of runs (one group, or all of them).
public struct ImportancePanel: Sendable, Equatable {
    /// The target metric.
    public var metric: String
    /// Lower or higher is better, when known (from the source, the name, or the user).
    public var goal: Goal?
    /// `forest`, `permutation`, `fanova`, or `pedanova`.
    public var method: String
    /// Trees in the forest (0 where no forest was fitted).
    public var trees: Int
    /// The seed used.
    public var seed: UInt64
    /// Runs the analysis used (metric present and finite).
    public var runsUsed: Int
    /// Runs in the view (or the group) before dropping.
    public var runsInView: Int
    /// Out-of-bag R² of the forest, when a forest was fitted and out-of-bag rows existed.
    public var oobR2: Double?
    /// The importance a pure-noise column reaches (the noise baseline), and its upper bound.
    public var noiseImportance: Double?
    public var noiseImportanceHigh: Double?
    /// One row per visible param, sorted by importance, highest first.
    public var params: [ParamImportance]
    /// Top pairwise interactions (fANOVA), highest first; empty for other methods.
    public var interactions: [Interaction]
    /// How many params were hidden by the user.
    public var hiddenCount: Int
    /// Group label (`optimizer=adam`), nil for the overall panel.
    public var group: String?
    /// Which value of the metric was used per run where a source has history (`last`, `best`).
    public var metricValue: String?
    /// Runs dropped, by reason (`metric missing`, `metric NaN`, `metric inf`).
    public var dropped: [DroppedRuns]
    /// Guardrail warnings (few runs, low OOB R², constant metric, rare categories…), one sentence each.
    public var warnings: [String]

    public init(metric: String, goal: Goal? = nil, method: String, trees: Int, seed: UInt64,
                runsUsed: Int, runsInView: Int, oobR2: Double? = nil, noiseImportance: Double? = nil,
                noiseImportanceHigh: Double? = nil, params: [ParamImportance], interactions: [Interaction] = [],
                hiddenCount: Int = 0, group: String? = nil, metricValue: String? = nil,
                dropped: [DroppedRuns] = [], warnings: [String] = []) {
        self.metric = metric
        self.goal = goal
        self.method = method
        self.trees = trees
        self.seed = seed
        self.runsUsed = runsUsed
        self.runsInView = runsInView
        self.oobR2 = oobR2
        self.noiseImportance = noiseImportance
        self.noiseImportanceHigh = noiseImportanceHigh
        self.params = params
        self.interactions = interactions
        self.hiddenCount = hiddenCount
        self.group = group
        self.metricValue = metricValue
        self.dropped = dropped
        self.warnings = warnings
    }
}

/// Runs left out of an analysis for one reason.
public struct DroppedRuns: Sendable, Equatable {
    public var reason: String
    public var count: Int
    public init(reason: String, count: Int) {
        self.reason = reason
        self.count = count
    }
}

/// One param's row of the panel.
public struct ParamImportance: Sendable, Equatable {
    public var name: String
    /// Normalised importance (the forest's sum to 1).
    public var importance: Double
    /// Interval for the importance (across trees or repeated seeds).
    public var importanceLow: Double
    public var importanceHigh: Double
    /// Whether the importance does not clear the noise baseline.
    public var belowNoise: Bool
    /// Pearson (or Spearman) correlation with the metric; nil for a categorical param (see `values`).
    public var correlation: Correlation?
    /// Runs with both the param and the metric present.
    public var n: Int
    /// True when the param was analysed on log10 scale (positive, spanning two decades or more).
    public var logScale: Bool
    /// For a categorical (or boolean) param: one correlation per value, 0/1 against the metric.
    public var values: [ValueCorrelation]?
    /// For a categorical param: the correlation ratio η².
    public var eta2: Double?

    public init(name: String, importance: Double, importanceLow: Double, importanceHigh: Double,
                belowNoise: Bool = false, correlation: Correlation?, n: Int, logScale: Bool = false,
                values: [ValueCorrelation]? = nil, eta2: Double? = nil) {
        self.name = name
        self.importance = importance
        self.importanceLow = importanceLow
        self.importanceHigh = importanceHigh
        self.belowNoise = belowNoise
        self.correlation = correlation
        self.n = n
        self.logScale = logScale
        self.values = values
        self.eta2 = eta2
    }
}

/// A correlation coefficient with its sample size, p-value and Fisher-z interval.
public struct Correlation: Sendable, Equatable {
    public var r: Double
    public var n: Int
    public var pValue: Double?
    public var low: Double?
    public var high: Double?
    public init(r: Double, n: Int, pValue: Double? = nil, low: Double? = nil, high: Double? = nil) {
        self.r = r
        self.n = n
        self.pValue = pValue
        self.low = low
        self.high = high
    }
}

/// A categorical value's 0/1 correlation with the metric.
public struct ValueCorrelation: Sendable, Equatable {
    public var value: String
    public var correlation: Correlation
    public init(value: String, correlation: Correlation) {
        self.value = value
        self.correlation = correlation
    }
}

/// A pairwise interaction's share of variance (fANOVA).
public struct Interaction: Sendable, Equatable {
    public var first: String
    public var second: String
    public var importance: Double
    public init(first: String, second: String, importance: Double) {
        self.first = first
        self.second = second
        self.importance = importance
    }
}
