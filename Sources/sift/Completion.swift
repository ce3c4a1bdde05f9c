/// Tab completion logic independent of libedit: which word the cursor is on, and what to do with candidates.
enum Completion {
    /// What pressing Tab does.
    enum Plan: Equatable {
        /// Nothing matches: beep.
        case none
        /// Delete this many characters before the cursor, then insert this text.
        case replace(deleteCharacters: Int, insert: String)
        /// Several candidates and nothing more to insert: show them.
        case list([String])
    }

    /// Whether `offset` is inside an open double-quoted string.
    static func insideString(_ bytes: [UInt8], before offset: Int) -> Bool {
        var open = false
        var index = 0
        while index < offset {
            if bytes[index] == UInt8(ascii: "\\") && open { index += 2; continue }
            if bytes[index] == UInt8(ascii: "\"") { open.toggle() }
            index += 1
        }
        return open
    }

    /// What to do for `candidates` (whole words, see `Interpreter.tabCompletion`) at `cursor` in `line`, for
    /// the word from `wordStart` (a UTF-8 offset, where the interpreter says the word starts) to the cursor.
    static func plan(line: String, cursor: Int, wordStart: Int, candidates: [String]) -> Plan {
        let bytes = Array(line.utf8)
        let cursor = min(max(0, cursor), bytes.count)
        let start = min(max(0, wordStart), cursor)
        let word = String(decoding: bytes[start..<cursor], as: UTF8.self)
        var unique: [String] = []
        for candidate in candidates where !unique.contains(candidate) { unique.append(candidate) }
        guard let first = unique.first else { return .none }
        let deleteCount = word.unicodeScalars.count
        if unique.count == 1 {
            var insert = first
            if !first.hasSuffix("/") {
                insert += insideString(bytes, before: start) ? "\"" : " "
            }
            return .replace(deleteCharacters: deleteCount, insert: insert)
        }
        let common = commonPrefix(unique)
        if common.unicodeScalars.count > deleteCount && common.hasPrefix(word) {
            return .replace(deleteCharacters: deleteCount, insert: common)
        }
        if let extended = extendBare(word, toward: unique), extended != word {
            return .replace(deleteCharacters: deleteCount, insert: extended)
        }
        return .list(unique)
    }

    /// A bare `word` extended toward candidates of which some are names in backticks (`` `val loss` ``,
    /// `val_acc`): when all are, to their common prefix with the opening backtick; else as far as they all
    /// go in characters that need no backticks. Nil when no candidate is in backticks or `word` is.
    static func extendBare(_ word: String, toward candidates: [String]) -> String? {
        guard !word.hasPrefix("`"), candidates.contains(where: { $0.hasPrefix("`") }) else { return nil }
        let bare = commonPrefix(candidates.map { $0.hasPrefix("`") ? String($0.dropFirst()) : $0 })
        guard bare.hasPrefix(word) else { return nil }
        if candidates.allSatisfy({ $0.hasPrefix("`") }) { return "`" + bare }
        let plain = bare.unicodeScalars.prefix { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "." }
        var result = ""
        result.unicodeScalars.append(contentsOf: plain)
        return result.hasPrefix(word) ? result : nil
    }

    /// The longest prefix (in Unicode scalars) all `words` share.
    static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for word in words.dropFirst() {
            let scalars = Array(word.unicodeScalars)
            var length = 0
            while length < min(prefix.count, scalars.count) && prefix[length] == scalars[length] { length += 1 }
            prefix.removeSubrange(length...)
        }
        var result = ""
        result.unicodeScalars.append(contentsOf: prefix)
        return result
    }

    /// `words` laid out in columns across `width`, one line per row.
    static func columns(_ words: [String], width: Int) -> String {
        let cell = (words.map(\.count).max() ?? 0) + 2
        let perRow = max(1, width / max(1, cell))
        var text = ""
        for (index, word) in words.enumerated() {
            let last = index % perRow == perRow - 1 || index == words.count - 1
            text += last ? word + "\n" : word + String(repeating: " ", count: cell - word.count)
        }
        return text
    }
}
