import SiftCore

/// Importance methods.
public enum ImportanceMethod: String, Sendable, CaseIterable {
    case forest, permutation, fanova, pedanova
}

/// How categorical params reach the forest.
public enum CategoricalEncoding: String, Sendable, CaseIterable {
    /// Split natively: categories ordered by mean target at each node (exact for regression).
    case native
    /// One 0/1 column per value, as scikit-learn needs; importances summed back per param.
    case oneHot
}

/// Everything an importance analysis needs besides the data.
public struct ImportanceRequest: Sendable, Equatable {
    public var metric: String
    public var method: ImportanceMethod
    public var trees: Int
    public var seed: UInt64
    /// Keep only the top N params in the panel (nil: all).
    public var top: Int?
    /// Features tried per split: nil means scikit-learn's regressor default (all features).
    public var maxFeatures: Int?
    public var minSamplesLeaf: Int
    public var maxDepth: Int?
    /// Worker threads (results do not depend on it).
    public var threads: Int
    public var encoding: CategoricalEncoding
    /// Lower or higher is better, when known.
    public var goal: Goal?
    /// PED-ANOVA's top quantile (0.1 = best 10%).
    public var topQuantile: Double

    public init(metric: String, method: ImportanceMethod = .forest, trees: Int = 100, seed: UInt64 = 0,
                top: Int? = nil, maxFeatures: Int? = nil, minSamplesLeaf: Int = 1, maxDepth: Int? = nil,
                threads: Int = 0, encoding: CategoricalEncoding = .native, goal: Goal? = nil,
                topQuantile: Double = 0.1) {
        self.metric = metric
        self.method = method
        self.trees = trees
        self.seed = seed
        self.top = top
        self.maxFeatures = maxFeatures
        self.minSamplesLeaf = minSamplesLeaf
        self.maxDepth = maxDepth
        self.threads = threads
        self.encoding = encoding
        self.goal = goal
        self.topQuantile = topQuantile
    }
}

/// Why an analysis could not run.
public struct AnalysisError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
    public var description: String { hint.map { "\(message)\nhelp: \($0)" } ?? message }
}

/// The analysis library's front door: what the interpreter calls.
public enum Analysis {
    /// The importance panel of `params` for `request.metric` over `rows` of `table`.
    public static func importance(table: RunTable, rows: [Int], params: [String], request: ImportanceRequest,
                                  progress: ProgressSink = .silent,
                                  cancellation: CancellationToken? = nil) throws -> ImportancePanel {
        switch request.method {
        case .forest, .permutation:
            return try ForestImportance.panel(table: table, rows: rows, params: params, request: request,
                                              progress: progress, cancellation: cancellation)
        case .pedanova:
            return try importancePedAnova(table: table, rows: rows, params: params, request: request,
                                          progress: progress, cancellation: cancellation)
        case .fanova:
            return try Fanova.panel(table: table, rows: rows, params: params, request: request,
                                    progress: progress, cancellation: cancellation)
        }
    }

    /// Correlations of `params` with `metric` over `rows` of `table` (`pearson` or `spearman`).
    public static func correlation(table: RunTable, rows: [Int], params: [String], metric: String,
                                   method: String = "pearson") throws -> CorrelationReport {
        guard let m = CorrelationMethod(rawValue: method.lowercased()) else {
            throw AnalysisError("unknown correlation method \"\(method)\"", hint: "use pearson or spearman")
        }
        return try Correlations.report(table: table, rows: rows, params: params, metric: metric, method: m)
    }

    /// Where the best runs lie for the top params: a narrowed search space (`group` labels a group's table).
    public static func suggest(table: RunTable, rows: [Int], params: [String], metric: String, goal: Goal?,
                               request: ImportanceRequest, group: String? = nil) throws -> ResultTable {
        try SuggestSpace.table(table: table, rows: rows, params: params, metric: metric, goal: goal, request: request,
                               group: group)
    }
}
