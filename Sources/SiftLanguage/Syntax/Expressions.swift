extension Parser {
    // MARK: - Expressions

    /// Filter condition: Expression (a `=` where `==` was meant gets its own message).
    mutating func parseCondition() throws(SyntaxProblem) -> Expr {
        let e = try parseExpression()
        if current.kind == .equal { throw problem(.singleEqual) }
        return e
    }

    /// Expression = OrExpr .
    mutating func parseExpression() throws(SyntaxProblem) -> Expr {
        try parseBinary(minPrecedence: 1)
    }

    /// OrExpr = AndExpr { "or" AndExpr } .  AndExpr = NotExpr { "and" NotExpr } .
    /// Comparison = Sum [ CompareOp Sum | [ "not" ] "in" List | "is" [ "not" ] "missing" ] .
    /// Sum = Product { ( "+" | "-" ) Product } .  Product = Unary { ( "*" | "/" ) Unary } .
    ///
    /// Precedence climbing over the binary levels; `NotExpr` and `Unary` are in `parseUnary`.
    mutating func parseBinary(minPrecedence: Int) throws(SyntaxProblem) -> Expr {
        var left = try parseUnary(minPrecedence: minPrecedence)
        var compared = false
        while true {
            let opToken = current
            // Postfix forms at comparison level: in, not in, is [not] missing.
            if minPrecedence <= 4, atWord("in") || (atWord("not") && peek().word == "in") || atWord("is") {
                if compared { throw problem(.chainedComparison) }
                compared = true
                left = try parsePostfixComparison(left)
                continue
            }
            guard let op = binaryOperator(current), op.precedence >= minPrecedence else { break }
            if op.isComparison {
                if compared { throw problem(.chainedComparison) }
                compared = true
            }
            advance()
            skipNewlines()
            let right = try parseBinary(minPrecedence: op.precedence + 1)
            left = try node(.binary(op, left, right), span: left.span.through(opToken.span).through(right.span),
                            children: [left, right], errorAt: opToken.span)
        }
        return left
    }

    /// The rest of `x in [..]`, `x not in [..]`, `x is missing`, `x is not missing`.
    private mutating func parsePostfixComparison(_ left: Expr) throws(SyntaxProblem) -> Expr {
        if atWord("is") {
            let isToken = advance()
            var negated = false
            if atWord("not") {
                advance()
                negated = true
            }
            guard atWord("missing") else { throw problem(.expectedMissingAfterIs(found: found)) }
            let end = advance()
            _ = isToken
            return try node(.isMissing(left, negated: negated), span: left.span.through(end.span), children: [left])
        }
        var negated = false
        if atWord("not") {
            advance()
            negated = true
        }
        advance()  // in
        skipNewlines()
        guard current.kind == .leftBracket else { throw problem(.expectedListAfterIn(found: found)) }
        let (items, close) = try parseList()
        return try node(.membership(left, items, negated: negated), span: left.span.through(close.span),
                        children: [left] + items)
    }

    /// The binary operator the token spells, if any.
    private func binaryOperator(_ t: Token) -> BinaryOperator? {
        switch t.kind {
        case .identifier("or"): return .or
        case .identifier("and"): return .and
        case .equalEqual: return .equal
        case .bangEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        case .tilde: return .match
        case .bangTilde: return .notMatch
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        default: return nil
        }
    }

    /// NotExpr = "not" NotExpr | Comparison .   Unary = "-" Unary | Primary .
    mutating func parseUnary(minPrecedence: Int) throws(SyntaxProblem) -> Expr {
        let t = current
        if atWord("not"), minPrecedence <= 3 {
            advance()
            skipNewlines()
            try enter(t)
            defer { nesting -= 1 }
            let operand = try parseBinary(minPrecedence: 3)
            return try node(.unary(.not, operand), span: t.span.through(operand.span), children: [operand])
        }
        if t.kind == .minus {
            advance()
            try enter(t)
            defer { nesting -= 1 }
            let operand = try parseUnary(minPrecedence: 7)
            if case .number(let x) = operand.kind { return Expr(kind: .number(-x), span: t.span.through(operand.span)) }
            return try node(.unary(.negate, operand), span: t.span.through(operand.span), children: [operand])
        }
        return try parsePrimary()
    }

    /// Primary = number | string | "true" | "false" | "missing" | Name | Call | "(" Expression ")" .
    /// Call = identifier "(" [ Expression { "," Expression } ] ")" .
    mutating func parsePrimary() throws(SyntaxProblem) -> Expr {
        let t = current
        switch t.kind {
        case .number(let x):
            advance()
            return Expr(kind: .number(x), span: t.span)
        case .string(let s):
            advance()
            return Expr(kind: .string(s), span: t.span)
        case .quotedIdentifier(let w):
            advance()
            return Expr(kind: .name(Name(text: w, span: t.span, quoted: true)), span: t.span)
        case .identifier(let w):
            switch w {
            case "true", "false":
                advance()
                return Expr(kind: .bool(w == "true"), span: t.span)
            case "missing":
                advance()
                return Expr(kind: .missing, span: t.span)
            case _ where Parser.reservedWords.contains(w):
                throw problem(.expectedExpression(found: found))
            default:
                advance()
                let name = Name(text: w, span: t.span)
                // Blanks may come between a function's name and its "(" (`log10 (x)`): no rule lets "(" follow
                // a name otherwise, so this is unambiguous.
                guard current.kind == .leftParen else {
                    return Expr(kind: .name(name), span: t.span)
                }
                return try parseCall(name)
            }
        case .leftParen:
            openBracket()
            try enter(t)
            defer { nesting -= 1 }
            var inner = try parseExpression()
            guard current.kind == .rightParen else {
                if current.kind == .equal { throw problem(.singleEqual) }
                throw problem(.expectedClose(closer: ")", opener: "(", line: t.span.line, found: found))
            }
            let close = closeBracket()
            inner.span = t.span.through(close.span)
            return inner
        default:
            throw problem(.expectedExpression(found: found))
        }
    }

    /// The arguments of a call, after its name.
    private mutating func parseCall(_ name: Name) throws(SyntaxProblem) -> Expr {
        let open = openBracket()
        try enter(open)
        defer { nesting -= 1 }
        var args: [Expr] = []
        if current.kind != .rightParen {
            args.append(try parseExpression())
            while current.kind == .comma {
                advance()
                args.append(try parseExpression())
            }
        }
        guard current.kind == .rightParen else {
            throw problem(.expectedClose(closer: ")", opener: "(", line: open.span.line, found: found))
        }
        let close = closeBracket()
        return try node(.call(name, args), span: name.span.through(close.span), children: args)
    }

    /// List = "[" [ Expression { "," Expression } [ "," ] ] "]" .
    private mutating func parseList() throws(SyntaxProblem) -> ([Expr], Token) {
        let open = openBracket()
        try enter(open)
        defer { nesting -= 1 }
        var items: [Expr] = []
        while current.kind != .rightBracket {
            items.append(try parseExpression())
            guard current.kind == .comma else { break }
            advance()
        }
        guard current.kind == .rightBracket else {
            throw problem(.expectedClose(closer: "]", opener: "[", line: open.span.line, found: found))
        }
        return (items, closeBracket())
    }

    // MARK: - Limits

    /// Counts one level of nesting; too many is an error, never a stack overflow.
    private mutating func enter(_ t: Token) throws(SyntaxProblem) {
        nesting += 1
        if nesting > Parser.maxNesting {
            nesting -= 1
            throw SyntaxProblem(span: t.span, message: .nestingTooDeep(limit: Parser.maxNesting))
        }
    }

    /// A node over `children`, refusing trees deeper than `maxTreeDepth`.
    private func node(_ kind: ExprKind, span: SourceSpan, children: [Expr],
                      errorAt: SourceSpan? = nil) throws(SyntaxProblem) -> Expr {
        let depth = 1 + (children.map(\.depth).max() ?? 0)
        if depth > Parser.maxTreeDepth {
            throw SyntaxProblem(span: errorAt ?? span, message: .nestingTooDeep(limit: Parser.maxTreeDepth))
        }
        return Expr(kind: kind, span: span, depth: depth)
    }
}
