import Foundation
import SiftCore
import SiftRender

/// `source` and `export`: statements that read or write files.
extension Interpreter {
    /// How deep `source` may nest (a script sourcing itself stops here).
    static let maxSourceDepth = 16

    /// Runs another script; its errors are reported at their own file and line.
    func runSource(_ path: StringLiteral, context: ChunkContext,
                   handler: (StatementEvent) -> Void) throws(StatementFailure) {
        guard session.sourceDepth < Interpreter.maxSourceDepth else {
            throw .error(RuntimeError(path.span, "\"source\" nested more than \(Interpreter.maxSourceDepth) deep",
                                      hint: "does \"\(path.value)\" source itself?"))
        }
        let resolved = context.resolve(path.value)
        guard let data = FileManager.default.contents(atPath: resolved) else {
            var isDir: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: resolved, isDirectory: &isDir)
            throw .error(RuntimeError(path.span, "cannot read \"\(path.value)\": "
                                      + (exists ? (isDir.boolValue ? "it is a directory" : "permission denied") : "no such file")))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .error(RuntimeError(path.span, "cannot read \"\(path.value)\": not UTF-8 text"))
        }
        session.sourceDepth += 1
        defer { session.sourceDepth -= 1 }
        if !runChunk(text, file: resolved, keepGoing: context.keepGoing, handler: handler) {
            throw .reported
        }
    }

    /// Writes the last result to a file, its format chosen by the extension.
    func export(_ path: StringLiteral, context: ChunkContext) throws(RuntimeError) -> String {
        guard let result = session.lastResult else {
            throw RuntimeError(path.span, "nothing to export yet",
                               hint: "run importance, correlation, suggest, runs, params or describe first")
        }
        return try Exporting.write(result, to: context.resolveForWriting(path.value), span: path.span, session: session)
    }
}
