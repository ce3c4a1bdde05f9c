import Foundation

/// What one Ray Tune trial folder says: its config, its last reported result, whether it failed.
struct RayTrial {
    /// The config (`params.json`, else the `config` of a result, else `config/…` columns of progress.csv).
    var config: JSONLike
    /// The last reported iteration's keys and values, in the order Ray wrote them.
    var lastResult: [(String, JSONLike)]
    /// The trial left `error.txt` (or `error.pkl`).
    var errored: Bool

    static func read(folder: String) throws(LoadError) -> RayTrial {
        let fm = FileManager.default
        var config: JSONLike?
        let paramsPath = folder + "/params.json"
        if fm.fileExists(atPath: paramsPath) {
            let parsed = try parseJSON(try readText(paramsPath), file: paramsPath, line: nil)
            guard case .object = parsed else {
                throw LoadError(path: paramsPath, message: "expected a JSON object of the trial's config")
            }
            config = parsed
        }
        var last: [(String, JSONLike)] = []
        let resultPath = folder + "/result.json"
        let progressPath = folder + "/progress.csv"
        if fm.fileExists(atPath: resultPath), let result = try lastJSONLine(resultPath) {
            if case .object(let pairs) = result { last = pairs }
            if config == nil { config = result["config"] }
        } else if fm.fileExists(atPath: progressPath) {
            last = try lastCSVRow(progressPath)
            if config == nil {
                let pairs = last.filter { $0.0.hasPrefix("config/") }.map { (String($0.0.dropFirst(7)), $0.1) }
                config = dotted(pairs)
            }
        }
        let errored = fm.fileExists(atPath: folder + "/error.txt") || fm.fileExists(atPath: folder + "/error.pkl")
        return RayTrial(config: config ?? .object([]), lastResult: last, errored: errored)
    }

    /// The last non-blank line of a JSON Lines file, parsed; every line must be a JSON object.
    private static func lastJSONLine(_ file: String) throws(LoadError) -> JSONLike? {
        let text = try readText(file)
        var last: JSONLike?
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == " " || $0 == "\t" || $0 == "\r" }) { continue }
            let value = try parseJSON(String(line), file: file, line: lineNumber)
            guard case .object = value else {
                throw LoadError(path: file, line: lineNumber, message: "expected a JSON object per line")
            }
            last = value
        }
        return last
    }

    /// The last row of progress.csv as (column, value), values inferred like CSV cells. Names are the
    /// header's own (the CSV loader may rename Ray's `config/…` columns by its conventions).
    private static func lastCSVRow(_ file: String) throws(LoadError) -> [(String, JSONLike)] {
        let table = try CSVLoader.load(path: file, options: LoadOptions())
        guard table.rowCount > 0 else { return [] }
        let row = table.rowCount - 1
        let header = headerNames(try readText(file))
        let names = header.count == table.columns.count ? header : table.columns.map(\.name)
        return zip(names, table.columns).map { name, column in
            let v: JSONLike
            switch column[row] {
            case .missing: v = .null
            case .number(let x): v = .number(x)
            case .bool(let b): v = .bool(b)
            case .string(let s): v = .string(s)
            }
            return (name, v)
        }
    }

    /// The names in a CSV text's first record (Ray writes plain headers; quotes are honoured).
    static func headerNames(_ text: String) -> [String] {
        var names: [String] = []
        var field = ""
        var quoted = false
        var chars = text.unicodeScalars.makeIterator()
        if text.unicodeScalars.first == "\u{FEFF}" { _ = chars.next() }
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    quoted = false
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                names.append(field)
                field = ""
            } else if c == "\n" || c == "\r" {
                break
            } else {
                field.unicodeScalars.append(c)
            }
        }
        names.append(field)
        return names
    }

    /// An object of dotted keys from `a/b`-style keys (Ray's flattened config columns).
    private static func dotted(_ pairs: [(String, JSONLike)]) -> JSONLike {
        .object(pairs.map { ($0.0.replacingOccurrences(of: "/", with: "."), $0.1) })
    }

    private static func readText(_ file: String) throws(LoadError) -> String {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw LoadError(path: file, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadError(path: file, message: "not valid UTF-8")
        }
        return text
    }

    private static func parseJSON(_ text: String, file: String, line: Int?) throws(LoadError) -> JSONLike {
        do {
            return try JSONReader.parse(text)
        } catch {
            // Inside a JSON Lines file the failure's line is the file's line.
            let at = error.location(in: Array(text.utf8))
            throw LoadError(path: file, line: line ?? at.line, column: at.column, message: "bad JSON: \(error.message)")
        }
    }
}
