/// The user's word on roles, applied after a loader's conventions.
public enum RoleRules {
    /// Makes `options.metrics` metrics and `options.params` params; an unknown name is an error.
    public static func applyUserRoles(to table: inout RunTable, options: LoadOptions, path: String) throws(LoadError) {
        for (names, role) in [(options.metrics, Role.metric), (options.params, Role.param)] {
            for name in names where !table.setRole(role, of: name) {
                let near = Suggest.closest(to: name, among: table.columns.map(\.name))
                var error = LoadError(path: path, message: "no column \"\(name)\" to mark as \(role.rawValue)",
                                      hint: near.map { "did you mean \"\($0)\"?" })
                error.roleName = name
                throw error
            }
        }
    }
}
