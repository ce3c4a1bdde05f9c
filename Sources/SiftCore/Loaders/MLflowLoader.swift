/// Placeholder until the loader lands: says plainly that the format is not read yet.
enum MLflowLoader {
    static func loadFileStore(path: String, options: LoadOptions) throws(LoadError) -> RunTable {
        throw LoadError(path: path, message: "this format is not supported yet")
    }
}

extension MLflowLoader {
    static func loadSQLite(path: String, options: LoadOptions) throws(LoadError) -> RunTable {
        throw LoadError(path: path, message: "this format is not supported yet")
    }
}
