import Foundation

/// Runs `-e` statements, then script files, or else standard input; no prompt, no history, no libedit.
struct BatchMode {
    let runner: StatementRunner
    /// Run the statements after a failed one.
    let keepGoing: Bool

    /// A source to run and the name diagnostics give it.
    struct Source {
        var text: String
        var name: String
    }

    /// Runs everything; the exit status (0 ok, 1 a statement failed, 2 a file could not be read).
    func run(statements: [String], files: [String]) -> Int32 {
        var sources: [Source] = []
        for (index, text) in statements.enumerated() {
            sources.append(Source(text: text, name: statements.count == 1 ? "<command-line>" : "<command-line-\(index + 1)>"))
        }
        for path in files {
            if path == "-" {
                guard let text = Self.readStandardInput() else { return 1 }
                sources.append(Source(text: text, name: "<stdin>"))
                continue
            }
            switch Self.read(path) {
            case .success(let text): sources.append(Source(text: text, name: path))
            case .failure(let error):
                StandardStream.error.write("sift: \(error)\n")
                return 2
            }
        }
        if statements.isEmpty && files.isEmpty {
            guard let text = Self.readStandardInput() else { return 1 }
            sources.append(Source(text: text, name: "<stdin>"))
        }
        var failed = false
        for source in sources {
            if !runner.run(source.text, file: source.name, keepGoing: keepGoing) {
                failed = true
                if !keepGoing { break }
            }
            if runner.quitRequested { break }
        }
        return failed ? 1 : 0
    }

    /// All of standard input as text, or nil (after saying why) when it is not UTF-8.
    static func readStandardInput() -> String? {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(data: data, encoding: .utf8) else {
            StandardStream.error.write("sift: <stdin>: not UTF-8 text\n")
            return nil
        }
        return text
    }

    /// A script's text, or why it cannot be read.
    static func read(_ path: String) -> Result<String, ScriptError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(ScriptError(path: path, reason: "no such file"))
        }
        if isDirectory.boolValue { return .failure(ScriptError(path: path, reason: "is a directory")) }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ScriptError(path: path, reason: "cannot be read"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(ScriptError(path: path, reason: "not UTF-8 text"))
        }
        return .success(text)
    }
}

/// A script named on the command line that cannot be run.
struct ScriptError: Error, CustomStringConvertible {
    let path: String
    let reason: String
    var description: String { "\(path): \(reason)" }
}
