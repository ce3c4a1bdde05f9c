/// A parsed script: statements in source order.
public struct Script: Sendable, Equatable {
    /// The statements, in source order.
    public var statements: [Statement]
    /// A script of these statements.
    public init(statements: [Statement]) { self.statements = statements }
}

/// A name as written: a bare word (`model.layers`) or a backtick-quoted one.
public struct Name: Sendable, Equatable {
    /// The name (or pattern) as written, without backticks.
    public var text: String
    /// Where it is in the source.
    public var span: SourceSpan
    /// Whether it was written in backticks (then only an exact match counts).
    public var quoted: Bool
    /// A name.
    public init(text: String, span: SourceSpan, quoted: Bool = false) {
        self.text = text
        self.span = span
        self.quoted = quoted
    }
}

/// A name or a glob (`_*`, `model.*`) in `hide`/`show`.
public struct NamePattern: Sendable, Equatable {
    /// The name (or pattern) as written, without backticks.
    public var text: String
    /// Where it is in the source.
    public var span: SourceSpan
    /// Whether `text` holds `*` wildcards (never for quoted names).
    public var isGlob: Bool
    /// A pattern.
    public init(text: String, span: SourceSpan, isGlob: Bool) {
        self.text = text
        self.span = span
        self.isGlob = isGlob
    }
}

/// A string literal in statement position (a path, a study), with its span.
public struct StringLiteral: Sendable, Equatable {
    /// The string, escapes resolved.
    public var value: String
    /// Where it is in the source.
    public var span: SourceSpan
    /// A string literal.
    public init(value: String, span: SourceSpan) {
        self.value = value
        self.span = span
    }
}

/// An integer clause argument (`trees 300`), with its span.
public struct IntLiteral: Sendable, Equatable {
    /// The number.
    public var value: Int
    /// Where it is in the source.
    public var span: SourceSpan
    /// An integer literal.
    public init(value: Int, span: SourceSpan) {
        self.value = value
        self.span = span
    }
}

/// One statement with the span of its keyword.
public struct Statement: Sendable, Equatable {
    /// What the statement says.
    public var kind: StatementKind
    /// The statement's first token (its keyword).
    public var span: SourceSpan
    /// A statement.
    public init(kind: StatementKind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

/// Aggregations for `collapse … with`.
public enum Aggregate: String, Sendable, CaseIterable {
    case mean, median, min, max
}

/// Which value of a metric a run contributes where the source kept its history.
public enum MetricValue: String, Sendable, CaseIterable {
    case last, best
}

/// `load "path" [as NAME] [metrics …] [params …] [study …]`.
public struct LoadStatement: Sendable, Equatable {
    /// The file or folder to read.
    public var path: StringLiteral
    /// `as NAME`: a label for the runs' source.
    public var alias: Name?
    /// `metrics A, B`: fields that are metrics whatever the conventions say.
    public var metrics: [Name]
    /// `params C`: fields that are params whatever the conventions say.
    public var params: [Name]
    /// `study NAME`: one study or experiment of a store holding several.
    public var study: StringLiteral?
    /// A load statement.
    public init(path: StringLiteral, alias: Name? = nil, metrics: [Name] = [], params: [Name] = [],
                study: StringLiteral? = nil) {
        self.path = path
        self.alias = alias
        self.metrics = metrics
        self.params = params
        self.study = study
    }
}

/// The clauses shared by `importance` and `suggest`.
public struct AnalysisClauses: Sendable, Equatable {
    /// `using forest|permutation|fanova|pedanova` (the word as written, checked by the parser).
    public var method: Name?
    /// `trees N`.
    public var trees: IntLiteral?
    /// `seed N`.
    public var seed: IntLiteral?
    /// `top N`: keep the N most important params.
    public var top: IntLiteral?
    /// `best` or `last`.
    public var value: MetricValue?
    /// Analysis clauses.
    public init(method: Name? = nil, trees: IntLiteral? = nil, seed: IntLiteral? = nil, top: IntLiteral? = nil,
                value: MetricValue? = nil) {
        self.method = method
        self.trees = trees
        self.seed = seed
        self.top = top
        self.value = value
    }
}

/// `runs [N] [sort FIELD [asc|desc]] [columns …]`.
public struct RunsStatement: Sendable, Equatable {
    /// `runs N`: at most N runs.
    public var limit: IntLiteral?
    /// `sort FIELD`.
    public var sort: Name?
    /// `desc` after the sort field.
    public var descending: Bool
    /// `columns A, B`: the fields to show.
    public var columns: [Name]
    /// A runs statement.
    public init(limit: IntLiteral? = nil, sort: Name? = nil, descending: Bool = false, columns: [Name] = []) {
        self.limit = limit
        self.sort = sort
        self.descending = descending
        self.columns = columns
    }
}

/// The right-hand side of `set NAME = VALUE`.
public enum OptionValue: Sendable, Equatable {
    case number(Double)
    case word(String)
    case string(String)
}

/// What each statement says.
public enum StatementKind: Sendable, Equatable {
    case load(LoadStatement)
    case filter(Expr)
    case reset
    case undo
    case hide([NamePattern])
    case show([NamePattern])
    case showAll
    case groupBy([Name])
    case ungroup
    case collapse([Name], Aggregate)
    case importance(metric: Name, AnalysisClauses)
    case suggest(metric: Name, AnalysisClauses)
    case correlation(metric: Name, method: Name?)
    case params
    case metrics
    case fields
    case runs(RunsStatement)
    case describe(Name)
    case set(option: Name, value: OptionValue, valueSpan: SourceSpan)
    case export(StringLiteral)
    case source(StringLiteral)
    case help(topic: Name?)
    case quit
}

/// Unary operators.
public enum UnaryOperator: String, Sendable {
    case negate = "-"
    case not
}

/// Binary operators, from loosest to tightest: `or`; `and`; comparisons and matches; `+ -`; `* /`.
public enum BinaryOperator: String, Sendable, CaseIterable {
    case or, and
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case match = "~", notMatch = "!~"
    case add = "+", subtract = "-", multiply = "*", divide = "/"

    /// Binding power: higher binds tighter.
    var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .match, .notMatch: return 4
        case .add, .subtract: return 5
        case .multiply, .divide: return 6
        }
    }

    /// Whether the operator compares (non-associative: `a < b < c` is an error).
    var isComparison: Bool { precedence == 4 }
}

/// An expression node.
public indirect enum ExprKind: Sendable, Equatable {
    case number(Double)
    case string(String)
    case bool(Bool)
    case missing
    case name(Name)
    case list([Expr])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `x in [a, b]` / `x not in [a, b]`.
    case membership(Expr, [Expr], negated: Bool)
    /// `x is missing` / `x is not missing`.
    case isMissing(Expr, negated: Bool)
    case call(Name, [Expr])
}

/// An expression with its span and the depth of its tree (bounded by the parser).
public struct Expr: Sendable, Equatable {
    /// The node.
    public var kind: ExprKind
    /// Where it is in the source.
    public var span: SourceSpan
    /// 1 for a leaf; 1 + the deepest child otherwise.
    public var depth: Int
    /// An expression node.
    public init(kind: ExprKind, span: SourceSpan, depth: Int = 1) {
        self.kind = kind
        self.span = span
        self.depth = depth
    }
}
