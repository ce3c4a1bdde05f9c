/// Names for a store's own meta columns (`name`, `state`, `number`…) that step aside when the user's
/// params or metrics already use them: the meta column then takes the store's prefix (`mlflow.state`),
/// so a param called `state` keeps its name and its values.
struct MetaNames {
    /// Names of the params and metrics of every run.
    let taken: Set<String>
    /// What a clashing meta name is prefixed with (`mlflow.`, `optuna.`, `ray.`).
    let prefix: String

    /// The column name for the meta field `base`.
    func callAsFunction(_ base: String) -> String {
        taken.contains(base) ? prefix + base : base
    }
}
