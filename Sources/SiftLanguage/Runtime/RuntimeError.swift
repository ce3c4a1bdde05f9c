import SiftCore

/// A statement that could not run: where, what, and how to fix it. Turned into a `Diagnostic` with the
/// source line by the interpreter.
struct RuntimeError: Error, Sendable, Equatable {
    var span: SourceSpan
    var message: String
    var hint: String?

    init(_ span: SourceSpan, _ message: String, hint: String? = nil) {
        self.span = span
        self.message = message
        self.hint = hint
    }
}

/// Every message the interpreter can give, in one place (checked by `Fixtures/errors.snapshot`).
enum RuntimeMessages {
    static func noRuns(_ span: SourceSpan) -> RuntimeError {
        RuntimeError(span, "no runs loaded", hint: "load some first: load \"runs.csv\"")
    }

    static func unknownName(_ name: Name, candidates: [String], role: String = "name") -> RuntimeError {
        let near = Suggest.closest(to: name.text, among: candidates, limit: 3)
        let hint: String?
        switch near.count {
        case 0: hint = candidates.isEmpty ? nil : "known \(role)s: " + listing(candidates)
        case 1: hint = "did you mean \"\(near[0])\"?"
        default: hint = "did you mean " + near.map { "\"\($0)\"" }.joined(separator: " or ") + "?"
        }
        return RuntimeError(name.span, "unknown \(role) \"\(name.text)\"", hint: hint)
    }

    static func ambiguousName(_ name: Name, candidates: [String]) -> RuntimeError {
        RuntimeError(name.span, "\"\(name.text)\" is ambiguous: it could be " + candidates.map { "\"\($0)\"" }.joined(separator: " or "),
                     hint: "write the full name, e.g. \(Name.source(candidates[0]))")
    }

    static func notAMetric(_ name: Name, column: Column, metrics: [String]) -> RuntimeError {
        let hint = metrics.isEmpty
            ? "mark it as a metric when loading: load \"…\" metrics \(Name.source(column.name))"
            : "metrics: " + listing(metrics)
        return RuntimeError(name.span, "\"\(column.name)\" is a \(column.role.rawValue), not a metric", hint: hint)
    }

    /// `hide`/`show` named a metric or a meta field: they only change which params analyses see.
    static func notAParam(_ span: SourceSpan, column: Column, statement: String, params: [String]) -> RuntimeError {
        RuntimeError(span, "\"\(column.name)\" is \(column.role == .meta ? "a meta field" : "a " + column.role.rawValue); \(statement) applies to params only",
                     hint: "metrics and meta fields are never inputs of an analysis; params: " + listing(params))
    }

    static func notNumeric(_ name: Name, column: Column) -> RuntimeError {
        RuntimeError(name.span, "\"\(column.name)\" is \(kindWord(column)), and analyses need a numeric metric",
                     hint: nil)
    }

    static func noHistory(_ name: Name, metric: String) -> RuntimeError {
        RuntimeError(name.span, "no best value of \"\(metric)\": these runs keep no history of it",
                     hint: "\"best\" reads a \"\(metric).best\" column, which W&B, MLflow and Optuna loads make for a metric "
                         + "logged at several steps; without \"best\" the last value is used")
    }

    static func bestNeedsGoal(_ name: Name, metric: String) -> RuntimeError {
        RuntimeError(name.span, "\"best\" is ambiguous: the name \"\(metric)\" does not tell whether lower or higher is better",
                     hint: "name the extreme you want: \"\(metric).min\" or \"\(metric).max\"")
    }

    static func typeMismatch(_ span: SourceSpan, left: String, right: String, hint: String?) -> RuntimeError {
        RuntimeError(span, "cannot compare \(left) with \(right)", hint: hint)
    }

    static func listing(_ names: [String], limit: Int = 8) -> String {
        let shown = names.prefix(limit).joined(separator: ", ")
        return names.count > limit ? shown + ", … (\(names.count) in all)" : shown
    }

    static func kindWord(_ column: Column) -> String {
        switch column.kind {
        case .numeric: return "numeric"
        case .categorical: return "text"
        case .boolean: return "true/false"
        }
    }
}
