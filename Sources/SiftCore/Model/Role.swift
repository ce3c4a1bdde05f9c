/// What a field is to an analysis.
///
/// Only `param` columns are ever inputs of an importance; `metric` columns are targets;
/// `meta` columns (name, state, created, runtime, tags…) describe runs and may be filtered on.
public enum Role: String, Sendable, Hashable, CaseIterable, Codable {
    case param
    case metric
    case meta
}

/// The type a column settled on after loading.
public enum ColumnKind: String, Sendable, Hashable, Codable {
    /// Doubles; `isInteger` on the column tells whether every present value is whole.
    case numeric
    /// Dictionary-encoded strings. A column that held both numbers and strings is categorical
    /// and marked `mixed`.
    case categorical
    /// true/false.
    case boolean
}
