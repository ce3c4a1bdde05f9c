import SiftCore

extension Parser {
    // MARK: - Script

    /// Script = [ Chain ] { Separator [ Chain ] } .
    mutating func parseScript() -> (script: Script, problems: [SyntaxProblem]) {
        var statements: [Statement] = []
        var problems: [SyntaxProblem] = []
        var recovering = false
        while true {
            // After an error, a "|" left by recovery separates like ";" (so "a | | b" is one error).
            while current.kind == .newline || current.kind == .semicolon || (recovering && current.kind == .pipe) {
                advance()
            }
            recovering = false
            if current.kind == .eof { break }
            let start = position
            do throws(SyntaxProblem) {
                try parseChain(into: &statements)
            } catch {
                problems.append(error)
                bracketDepth = 0
                recovering = true
                synchronize()
                if position == start { advance() }  // a stray "|" must not stop progress
            }
        }
        return (Script(statements: statements), problems)
    }

    /// Chain = Statement { "|" Statement } .
    /// A statement joins `statements` only once it is known to end well, so a line with an error runs nothing.
    mutating func parseChain(into statements: inout [Statement]) throws(SyntaxProblem) {
        var keyword = current.word ?? "?"
        var chain = [try parseStatement()]
        guard atStatementEnd else { throw problem(.expectedEndOfStatement(found: found, statement: keyword)) }
        while current.kind == .pipe {
            advance()
            skipNewlines()
            if atStatementEnd { throw problem(.expectedStatementAfterPipe(found: found)) }
            keyword = current.word ?? "?"
            chain.append(try parseStatement())
            guard atStatementEnd else { throw problem(.expectedEndOfStatement(found: found, statement: keyword)) }
        }
        statements += chain
    }

    /// Statement = Load | Filter | Reset | Undo | Hide | Show | GroupBy | Ungroup | Collapse | Importance
    ///           | Suggest | Correlation | Params | Metrics | Fields | Runs | Describe | Set | Export | Source
    ///           | Help | Quit .
    mutating func parseStatement() throws(SyntaxProblem) -> Statement {
        let keyword = current
        guard let word = keyword.word else {
            throw problem(.expectedStatement(found: found))
        }
        let kind: StatementKind
        switch word {
        case "load": advance(); kind = .load(try parseLoad())
        case "filter": advance(); kind = .filter(try parseCondition())
        case "reset": advance(); kind = .reset
        case "undo": advance(); kind = .undo
        case "hide": advance(); kind = .hide(try parsePatternList(after: "hide"))
        case "show":
            advance()
            if atWord("all"), peek().kind != .comma {
                advance()
                kind = .showAll
            } else {
                kind = .show(try parsePatternList(after: "show"))
            }
        case "group":
            advance()
            guard atWord("by") else { throw problem(.expectedBy(found: found)) }
            advance()
            kind = .groupBy(try parseNameList(after: "by"))
        case "ungroup": advance(); kind = .ungroup
        case "collapse": advance(); kind = try parseCollapse()
        case "importance":
            advance()
            let metric = try parseName(after: "importance")
            kind = .importance(metric: metric, try parseAnalysisClauses(statement: "importance"))
        case "suggest":
            advance()
            let metric = try parseName(after: "suggest")
            kind = .suggest(metric: metric, try parseAnalysisClauses(statement: "suggest"))
        case "correlation": advance(); kind = try parseCorrelation()
        case "params": advance(); kind = .params
        case "metrics": advance(); kind = .metrics
        case "fields": advance(); kind = .fields
        case "runs": advance(); kind = .runs(try parseRuns())
        case "describe": advance(); kind = .describe(try parseName(after: "describe"))
        case "set": advance(); kind = try parseSet()
        case "export": advance(); kind = .export(try parsePath(after: "export"))
        case "source": advance(); kind = .source(try parsePath(after: "source"))
        case "help":
            advance()
            if atStatementEnd {
                kind = .help(topic: nil)
            } else {
                let t = advance()
                let text: String
                switch t.kind {
                case .identifier(let w), .quotedIdentifier(let w), .string(let w): text = w
                default: throw problem(.expectedName(after: "help", found: t.kind.described), at: t)
                }
                kind = .help(topic: Name(text: text, span: t.span))
            }
        case "quit": advance(); kind = .quit
        default:
            throw problem(.unknownStatement(word, suggestion: Suggest.closest(to: word, among: Parser.statementKeywords)))
        }
        return Statement(kind: kind, span: keyword.span)
    }

    // MARK: - Statements

    /// Load = "load" string { "as" Name | "metrics" NameList | "params" NameList | "study" ( string | Name ) } .
    mutating func parseLoad() throws(SyntaxProblem) -> LoadStatement {
        var load = LoadStatement(path: try parsePath(after: "load"))
        var seen: Set<String> = []
        let clauses = ["as", "metrics", "params", "study"]
        while !atStatementEnd {
            guard let word = current.word, clauses.contains(word) else {
                throw problem(.unknownClause(statement: "load", word: current.word ?? found, allowed: clauses))
            }
            if seen.contains(word) { throw problem(.duplicateClause(word)) }
            seen.insert(word)
            advance()
            switch word {
            case "as": load.alias = try parseName(after: "as")
            case "metrics": load.metrics = try parseNameList(after: "metrics")
            case "params": load.params = try parseNameList(after: "params")
            default:
                if case .string(let s) = current.kind {
                    load.study = StringLiteral(value: s, span: advance().span)
                } else {
                    let n = try parseName(after: "study")
                    load.study = StringLiteral(value: n.text, span: n.span)
                }
            }
        }
        return load
    }

    /// Collapse = "collapse" NameList [ "with" Aggregate ] .
    /// Aggregate = "mean" | "median" | "min" | "max" .
    mutating func parseCollapse() throws(SyntaxProblem) -> StatementKind {
        let names = try parseNameList(after: "collapse")
        var aggregate = Aggregate.mean
        if atWord("with") {
            advance()
            guard let w = current.word, let a = Aggregate(rawValue: w) else {
                throw problem(.unknownAggregate(current.word ?? found))
            }
            advance()
            aggregate = a
        } else if !atStatementEnd {
            throw problem(.unknownClause(statement: "collapse", word: current.word ?? found, allowed: ["with"]))
        }
        return .collapse(names, aggregate)
    }

    /// AnalysisClause = "using" Method | "trees" int | "seed" int | "top" int | "best" | "last" .
    /// Method = "forest" | "permutation" | "fanova" | "pedanova" .
    mutating func parseAnalysisClauses(statement: String) throws(SyntaxProblem) -> AnalysisClauses {
        var clauses = AnalysisClauses()
        var seen: Set<String> = []
        let allowed = ["using", "trees", "seed", "top", "best", "last"]
        while !atStatementEnd {
            guard let word = current.word, allowed.contains(word) else {
                throw problem(.unknownClause(statement: statement, word: current.word ?? found, allowed: allowed))
            }
            let key = word == "last" ? "best" : word
            if seen.contains(key) { throw problem(.duplicateClause(word)) }
            seen.insert(key)
            advance()
            switch word {
            case "using":
                guard let m = current.word, ImportanceMethodNames.all.contains(m) else {
                    throw problem(.unknownMethod(current.word ?? found))
                }
                clauses.method = Name(text: m, span: advance().span)
            case "trees": clauses.trees = try parseInteger(after: "trees")
            case "seed": clauses.seed = try parseInteger(after: "seed")
            case "top": clauses.top = try parseInteger(after: "top")
            case "best": clauses.value = .best
            default: clauses.value = .last
            }
        }
        return clauses
    }

    /// Correlation = "correlation" Name [ "pearson" | "spearman" ] .
    mutating func parseCorrelation() throws(SyntaxProblem) -> StatementKind {
        let metric = try parseName(after: "correlation")
        var method: Name?
        if !atStatementEnd {
            guard let w = current.word, w == "pearson" || w == "spearman" else {
                throw problem(.unknownCorrelationMethod(current.word ?? found))
            }
            method = Name(text: w, span: advance().span)
        }
        return .correlation(metric: metric, method: method)
    }

    /// Runs = "runs" [ int ] { "sort" Name [ "asc" | "desc" ] | "columns" NameList } .
    mutating func parseRuns() throws(SyntaxProblem) -> RunsStatement {
        var runs = RunsStatement()
        if case .number = current.kind { runs.limit = try parseInteger(after: "runs") }
        var seen: Set<String> = []
        let allowed = ["sort", "columns"]
        while !atStatementEnd {
            guard let word = current.word, allowed.contains(word) else {
                throw problem(.unknownClause(statement: "runs", word: current.word ?? found, allowed: allowed))
            }
            if seen.contains(word) { throw problem(.duplicateClause(word)) }
            seen.insert(word)
            advance()
            if word == "sort" {
                runs.sort = try parseName(after: "sort")
                if atWord("desc") || atWord("asc") {
                    runs.descending = advance().word == "desc"
                }
            } else {
                runs.columns = try parseNameList(after: "columns")
            }
        }
        return runs
    }

    /// Set = "set" Name "=" OptionValue .
    /// OptionValue = [ "-" ] number | string | Name .
    mutating func parseSet() throws(SyntaxProblem) -> StatementKind {
        let option = try parseName(after: "set")
        guard current.kind == .equal else { throw problem(.expectedEqualInSet(found: found)) }
        advance()
        skipNewlines()
        let start = current
        switch current.kind {
        case .number(let x):
            advance()
            return .set(option: option, value: .number(x), valueSpan: start.span)
        case .minus:
            advance()
            guard case .number(let x) = current.kind else { throw problem(.expectedOptionValue(found: found)) }
            let span = start.span.through(advance().span)
            return .set(option: option, value: .number(-x), valueSpan: span)
        case .string(let s):
            advance()
            return .set(option: option, value: .string(s), valueSpan: start.span)
        case .identifier(let w), .quotedIdentifier(let w):
            advance()
            return .set(option: option, value: .word(w), valueSpan: start.span)
        default:
            throw problem(.expectedOptionValue(found: found))
        }
    }

    // MARK: - Pieces

    /// Name = identifier | quoted_identifier .
    mutating func parseName(after: String) throws(SyntaxProblem) -> Name {
        switch current.kind {
        case .identifier(let w):
            if Parser.reservedWords.contains(w) { throw problem(.reservedWord(w)) }
            return Name(text: w, span: advance().span)
        case .quotedIdentifier(let w):
            return Name(text: w, span: advance().span, quoted: true)
        default:
            throw problem(.expectedName(after: after, found: found))
        }
    }

    /// NameList = Name { "," Name } .
    mutating func parseNameList(after: String) throws(SyntaxProblem) -> [Name] {
        var names = [try parseName(after: after)]
        while current.kind == .comma {
            advance()
            skipNewlines()
            names.append(try parseName(after: ","))
        }
        return names
    }

    /// PatternList = Pattern { "," Pattern } .
    /// Pattern = quoted_identifier | ( identifier | "*" ) { identifier | "*" } .   (no blanks inside)
    mutating func parsePatternList(after: String) throws(SyntaxProblem) -> [NamePattern] {
        var patterns = [try parsePattern(after: after)]
        while current.kind == .comma {
            advance()
            skipNewlines()
            patterns.append(try parsePattern(after: ","))
        }
        return patterns
    }

    mutating func parsePattern(after: String) throws(SyntaxProblem) -> NamePattern {
        if case .quotedIdentifier(let w) = current.kind {
            return NamePattern(text: w, span: advance().span, isGlob: false)
        }
        let first = current
        var text = ""
        var glob = false
        var last = first
        loop: while true {
            if !text.isEmpty && current.spaceBefore { break }
            switch current.kind {
            case .identifier(let w): text += w
            case .star: text += "*"; glob = true
            default: break loop
            }
            last = advance()
        }
        if text.isEmpty { throw problem(.expectedName(after: after, found: found)) }
        if !glob, Parser.reservedWords.contains(text) { throw problem(.reservedWord(text), at: first) }
        return NamePattern(text: text, span: first.span.through(last.span), isGlob: glob)
    }

    /// A path: string .
    mutating func parsePath(after: String) throws(SyntaxProblem) -> StringLiteral {
        guard case .string(let s) = current.kind else { throw problem(.expectedPath(after: after, found: found)) }
        return StringLiteral(value: s, span: advance().span)
    }

    /// int = a number token holding a whole number ≥ 0.
    mutating func parseInteger(after: String) throws(SyntaxProblem) -> IntLiteral {
        guard case .number(let x) = current.kind, x >= 0, x == x.rounded(), x < 1e15 else {
            throw problem(.expectedInteger(after: after, found: found))
        }
        return IntLiteral(value: Int(x), span: advance().span)
    }
}
