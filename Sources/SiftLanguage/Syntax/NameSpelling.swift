/// How a field name is written in source so that it reads back as that exact name.
enum NameSpelling {
    /// `name` bare when it lexes as one identifier that is not a reserved word (`model.layers`), else in
    /// backticks (`` `lr/warmup` ``, `` `and` ``, `` `1abc` ``); nil when no spelling reads back as it (empty,
    /// or holding a backtick or a newline, which backtick names cannot contain and cannot escape).
    static func source(_ name: String) -> String? {
        if name.isEmpty || name.contains("`") || name.contains("\n") { return nil }
        var lexer = Lexer(name)
        let tokens = lexer.tokenize()
        if tokens.count == 2, tokens[0].kind == .identifier(name), !Parser.reservedWords.contains(name) {
            return name
        }
        return quoted(name)
    }

    /// `name` in backticks (nil when it cannot be written, as for `source`).
    static func quoted(_ name: String) -> String? {
        if name.isEmpty || name.contains("`") || name.contains("\n") { return nil }
        return "`" + name + "`"
    }
}
