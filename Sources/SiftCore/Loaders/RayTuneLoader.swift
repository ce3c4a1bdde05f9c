/// Placeholder until the loader lands: says plainly that the format is not read yet.
enum RayTuneLoader {
    static func load(path: String, options: LoadOptions) throws(LoadError) -> RunTable {
        throw LoadError(path: path, message: "this format is not supported yet")
    }
}
