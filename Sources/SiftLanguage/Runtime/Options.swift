import SiftAnalysis
import SiftCore
import SiftRender

/// `set NAME = VALUE`: session options.
extension Interpreter {
    /// The options `set` knows, with what each accepts (also shown by `help set`).
    static let optionDescriptions: [(name: String, accepts: String)] = [
        ("trees", "a whole number from 1 to \(ForestOptions.maxTrees): trees in the forest (default 100)"),
        ("seed", "a whole number ≥ 0: seed of every random choice (default 0)"),
        ("threads", "a whole number ≥ 0: worker threads, 0 for all cores (results do not depend on it)"),
        ("format", "text, json, csv or markdown: how results are printed"),
        ("maxrows", "a whole number ≥ 1, or none: table rows shown before a footer"),
        ("expanded", "on or off: one field per line"),
        ("color", "on or off: colour on a terminal"),
        ("timer", "on or off: print each statement's time"),
    ]

    /// Changes one option; returns the note saying what it is now.
    func setOption(_ option: Name, value: OptionValue, valueSpan: SourceSpan) throws(RuntimeError) -> String {
        let names = Interpreter.optionDescriptions.map(\.name)
        let key = option.text.lowercased() == "colour" ? "color" : option.text.lowercased()
        guard let accepts = Interpreter.optionDescriptions.first(where: { $0.name == key })?.accepts else {
            throw RuntimeMessages.unknownName(option, candidates: names, role: "option")
        }
        func bad() -> RuntimeError {
            RuntimeError(valueSpan, "\"\(key)\" cannot be set to \(describe(value))", hint: "\(key) takes \(accepts)")
        }
        // A word may be written bare or in quotes: `set format = json` and `set format = "json"` are the same.
        var word: String? {
            switch value {
            case .word(let w), .string(let w): return w.lowercased()
            case .number: return nil
            }
        }
        func integer(min: Int, max: Int = 999_999_999_999) throws(RuntimeError) -> Int {
            guard case .number(let x) = value, x == x.rounded(), x >= Double(min), x <= Double(max) else { throw bad() }
            return Int(x)
        }
        func flag() throws(RuntimeError) -> Bool {
            switch (word, value) {
            case ("on", _), ("true", _), ("yes", _): return true
            case ("off", _), ("false", _), ("no", _): return false
            case (nil, .number(let x)) where x == 0 || x == 1: return x == 1
            default: throw bad()
            }
        }
        switch key {
        case "trees": options.trees = try integer(min: 1, max: ForestOptions.maxTrees)
        case "seed": options.seed = UInt64(try integer(min: 0))
        case "threads": options.threads = try integer(min: 0)
        case "format":
            guard let w = word, let f = OutputFormat(rawValue: w) ?? (w == "md" ? .markdown : nil) else { throw bad() }
            options.format = f
        case "maxrows":
            if let w = word, ["none", "off", "all"].contains(w) {
                options.maxRows = nil
            } else {
                options.maxRows = try integer(min: 1)
            }
        case "expanded": options.expanded = try flag()
        case "color": options.color = try flag()
        default: options.timer = try flag()
        }
        return "\(key) = \(current(key))"
    }

    /// The option's current value as `set` would write it.
    private func current(_ key: String) -> String {
        switch key {
        case "trees": return String(options.trees)
        case "seed": return String(options.seed)
        case "threads": return String(options.threads)
        case "format": return options.format.rawValue
        case "maxrows": return options.maxRows.map(String.init) ?? "none"
        case "expanded": return options.expanded ? "on" : "off"
        case "color": return options.color ? "on" : "off"
        default: return options.timer ? "on" : "off"
        }
    }

    private func describe(_ value: OptionValue) -> String {
        switch value {
        case .number(let x): return NumberFormatting.plain(x)
        case .word(let w): return "\"\(w)\""
        case .string(let s): return "\"\(s)\""
        }
    }
}
