/// What a loader keeps of one metric's logged steps in one run: how many there were and the smallest and
/// largest finite value, never the steps themselves, so memory does not grow with the history.
struct StepExtremes: Sendable, Equatable {
    /// Steps seen, finite or not.
    private(set) var steps = 0
    /// The smallest finite value; nil when no step was finite.
    private(set) var min: Double?
    /// The largest finite value; nil when no step was finite.
    private(set) var max: Double?

    /// Counts one step; a NaN or infinite value counts as a step but is never the best.
    mutating func add(_ x: Double) {
        steps += 1
        guard x.isFinite else { return }
        min = Swift.min(min ?? x, x)
        max = Swift.max(max ?? x, x)
    }

    /// Counts `steps` steps whose finite values lay between `min` and `max` (a store that aggregated them).
    mutating func add(steps n: Int, min lo: Double?, max hi: Double?) {
        steps += n
        if let lo, lo.isFinite { min = Swift.min(min ?? lo, lo) }
        if let hi, hi.isFinite { max = Swift.max(max ?? hi, hi) }
    }

    /// Both runs' steps together (a resumed W&B run).
    mutating func merge(_ other: StepExtremes) {
        add(steps: other.steps, min: other.min, max: other.max)
    }

    /// The best finite value for `goal`: the smallest when minimising, the largest when maximising.
    func best(_ goal: Goal) -> Double? { goal == .minimize ? min : max }
}

/// The step extremes of every metric one run logged, by metric name.
struct MetricHistory: Sendable, Equatable {
    /// Extremes per metric name.
    private(set) var byMetric: [String: StepExtremes] = [:]

    /// Counts one logged step of `metric`.
    mutating func add(_ metric: String, _ x: Double) {
        byMetric[metric, default: StepExtremes()].add(x)
    }

    /// Counts steps a store already aggregated (a SQL `MIN`/`MAX`/`COUNT`).
    mutating func add(_ metric: String, steps: Int, min: Double?, max: Double?) {
        byMetric[metric, default: StepExtremes()].add(steps: steps, min: min, max: max)
    }

    /// Adds another part of the same run's history (a resumed W&B run).
    mutating func merge(_ other: MetricHistory) {
        for (k, v) in other.byMetric { byMetric[k, default: StepExtremes()].merge(v) }
    }

    /// Whether no step was logged at all.
    var isEmpty: Bool { byMetric.isEmpty }

    /// The extremes of `metric`, if it was logged.
    subscript(metric: String) -> StepExtremes? { byMetric[metric] }
}
