import Foundation
import SiftCore

/// Where the statements being run come from: for diagnostics and for paths relative to the script.
struct ChunkContext {
    let file: String
    /// The source's lines, without their `\n` or `\r\n`.
    let lines: [String]
    let keepGoing: Bool
    /// The directory of `file` when it is a real file (relative `load`/`source`/`export` paths start there).
    let directory: String?

    init(source: String, file: String, keepGoing: Bool) {
        self.file = file
        // Split on scalars: as Characters, "\r\n" is one grapheme that is not "\n", and a CRLF script would be
        // one long line.
        self.lines = source.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            String(line.last == "\r" ? line.dropLast() : line)
        }
        self.keepGoing = keepGoing
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDir), !isDir.boolValue {
            directory = (file as NSString).deletingLastPathComponent
        } else {
            directory = nil
        }
    }

    /// A diagnostic at `span` in this chunk.
    func diagnostic(_ span: SourceSpan, _ message: String, hint: String?) -> Diagnostic {
        let index = span.line - 1
        let line = index >= 0 && index < lines.count ? lines[index] : ""
        return Diagnostic(file: file, line: span.line, column: span.column, length: max(1, span.length),
                          message: message, hint: hint, sourceLine: line)
    }

    /// `path` as the statement meant it: absolute, else beside the script when such a file exists there,
    /// else relative to the working directory.
    func resolve(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        if let directory, !directory.isEmpty {
            let beside = (directory as NSString).appendingPathComponent(expanded)
            if FileManager.default.fileExists(atPath: beside) { return beside }
        }
        return expanded
    }

    /// Where a file named in the script is written: beside the script when it is a real file, else
    /// relative to the working directory.
    func resolveForWriting(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return expanded }
        guard let directory, !directory.isEmpty else { return expanded }
        return (directory as NSString).appendingPathComponent(expanded)
    }
}

/// Why a statement failed: an error to report, or one already reported (inside a sourced script).
enum StatementFailure: Error {
    case error(RuntimeError)
    case reported
}

extension Interpreter {
    /// Parses and runs one chunk (a script, a REPL entry, or a sourced file).
    func runChunk(_ source: String, file: String, keepGoing: Bool, handler: (StatementEvent) -> Void) -> Bool {
        let context = ChunkContext(source: source, file: file, keepGoing: keepGoing)
        let (script, problems) = Parser.parse(source)
        let syntaxErrors = problems.map { context.diagnostic($0.span, $0.message.text, hint: $0.message.hint) }
        if !problems.isEmpty && !keepGoing {
            for d in syntaxErrors { handler(.error(d)) }
            return false
        }
        var ok = problems.isEmpty
        var pending = Array(zip(problems.map(\.span.offset), syntaxErrors))
        for statement in script.statements {
            while let first = pending.first, first.0 < statement.span.offset {
                handler(.error(first.1))
                pending.removeFirst()
            }
            if quitRequested { return ok }
            if cancellation.isCancelled {
                handler(.error(context.diagnostic(statement.span, "cancelled", hint: nil)))
                return false
            }
            let start = DispatchTime.now().uptimeNanoseconds
            do throws(StatementFailure) {
                try execute(statement, context: context, handler: handler)
                handler(.finished(seconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
            } catch {
                ok = false
                if case .error(let e) = error { handler(.error(context.diagnostic(e.span, e.message, hint: e.hint))) }
                if !keepGoing || quitRequested { return false }
            }
            if quitRequested {
                if session.sourceDepth == 0 { handler(.quit) }  // once, from the outermost script
                return ok
            }
        }
        for (_, d) in pending { handler(.error(d)) }
        return ok
    }

    /// Runs one statement.
    func execute(_ statement: Statement, context: ChunkContext,
                 handler: (StatementEvent) -> Void) throws(StatementFailure) {
        if case .source(let path) = statement.kind {
            try runSource(path, context: context, handler: handler)
            return
        }
        do throws(RuntimeError) {
            switch statement.kind {
            case .quit:
                quitRequested = true
                return
            case .help(let topic):
                handler(.output(.message(Message(try Help.text(topic: topic)))))
                return
            case .set(let option, let value, let valueSpan):
                handler(.note(try setOption(option, value: value, valueSpan: valueSpan)))
                return
            case .load(let l):
                handler(.note(try load(l, context: context)))
                return
            default:
                break
            }
            guard session.hasRuns else { throw RuntimeMessages.noRuns(statement.span) }
            switch statement.kind {
            case .filter(let e): handler(.note(try filter(e)))
            case .reset: handler(.note(reset()))
            case .undo: handler(.note(try undo(statement.span)))
            case .hide(let patterns): handler(.note(try hide(patterns)))
            case .show(let patterns): handler(.note(try show(patterns)))
            case .showAll: handler(.note(showAll()))
            case .groupBy(let names): handler(.note(try groupBy(names)))
            case .ungroup: handler(.note(ungroup()))
            case .collapse(let names, let aggregate): handler(.note(try collapse(names, with: aggregate)))
            case .importance(let metric, let clauses):
                let (panels, notes) = try importance(metric, clauses, span: statement.span)
                for n in notes { handler(.note(n)) }
                try emit(.panels(panels), handler)
            case .suggest(let metric, let clauses):
                let suggestions = try suggest(metric, clauses)
                for s in suggestions { try emit(.table(s.table), handler) }
                // `export` then writes every group's suggestion, in one table with a "group" column.
                if suggestions.count > 1 { session.lastResult = .table(SuggestionExport.combined(suggestions)) }
            case .correlation(let metric, let method): try emit(.correlation(try correlation(metric, method: method)), handler)
            case .params: try emit(.table(listing(role: .param)), handler)
            case .metrics: try emit(.table(listing(role: .metric)), handler)
            case .fields: try emit(.table(listing(role: nil)), handler)
            case .runs(let r): try emit(.table(try runs(r)), handler)
            case .describe(let name): try emit(.table(try describe(name)), handler)
            case .export(let path): handler(.note(try export(path, context: context)))
            case .load, .source, .quit, .help, .set: break
            }
        } catch {
            throw .error(error)
        }
    }

    /// Hands a result to the front end and keeps it for `export`.
    private func emit(_ output: Output, _ handler: (StatementEvent) -> Void) throws(RuntimeError) {
        session.lastResult = output
        handler(.output(output))
    }
}
