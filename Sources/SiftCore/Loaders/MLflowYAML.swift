import Foundation
import Yams

/// Reads MLflow's `meta.yaml` files (flat mappings of scalars) as PyYAML, which wrote them, reads them: a
/// fast reader for the shape MLflow writes, else Yams with PyYAML's reading of plain scalars (``PyYAMLResolver``).
enum MLflowYAML {
    /// A scalar of a meta.yaml mapping.
    enum Scalar: Equatable {
        case int(Int)
        case double(Double)
        case string(String)
        case bool(Bool)
        case null
        case other

        /// The scalar as text (ids may be written as numbers or quoted strings).
        var text: String? {
            switch self {
            case .int(let i): return String(i)
            case .string(let s): return s
            case .double(let x): return NumberFormatting.plain(x)
            case .bool(let b): return b ? "true" : "false"
            case .null, .other: return nil
            }
        }

        /// The scalar as a whole number (times in milliseconds).
        var int64: Int64? {
            switch self {
            case .int(let i): return Int64(i)
            case .double(let x): return Int64(exactly: x.rounded(.towardZero))  // nil past Int64, not a trap
            case .string(let s): return Int64(s)
            default: return nil
            }
        }
    }

    /// The top-level mapping of the YAML file at `file`; a parse error names its line and column.
    static func mapping(file: String) throws(LoadError) -> [String: Scalar] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw LoadError(path: file, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LoadError(path: file, message: "not valid UTF-8")
        }
        if let flat = flatMapping(text) { return flat }
        return try yamsMapping(text, file: file)
    }

    /// The top-level mapping of `text`, parsed by Yams, its plain scalars read as PyYAML reads them
    /// (``PyYAMLResolver``: MLflow writes and reads meta.yaml with PyYAML, so a bare `1e3` is a string);
    /// quoted scalars are strings.
    static func yamsMapping(_ text: String, file: String) throws(LoadError) -> [String: Scalar] {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw loadError(error, file: file)
        } catch {
            throw LoadError(path: file, message: "not valid YAML")
        }
        guard case .mapping(let mapping)? = root else {
            throw LoadError(path: file, message: "expected a YAML mapping of run or experiment fields")
        }
        let resolver = PyYAMLResolver()
        var out: [String: Scalar] = [:]
        for (key, value) in mapping {
            guard case .scalar(let k) = key else { continue }
            guard case .scalar(let v) = value else {
                out[k.string] = .other
                continue
            }
            out[k.string] = v.style == .plain ? resolver.scalar(plain: v.string) : .string(v.string)
        }
        return out
    }

    /// The mapping of a file in the shape MLflow writes (`key: value` lines, values plain words, whole numbers,
    /// single-quoted strings, `null` or `[]`), read without Yams, which spends most of a run's load resolving
    /// tags with regular expressions. Nil for anything else (comments, nesting, other quoting, repeated keys,
    /// words YAML 1.1 reads as booleans or nulls, numbers other than plain integers), which Yams then reads.
    static func flatMapping(_ text: String) -> [String: Scalar]? {
        var out: [String: Scalar] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard let colon = line.firstIndex(of: ":"), colon > line.startIndex else { return nil }
            let key = line[..<colon]
            guard key.utf8.allSatisfy(isKeyByte), let first = key.utf8.first, !(0x30...0x39).contains(first) else {
                return nil
            }
            let rest = line[line.index(after: colon)...]
            guard rest.first == " " else { return nil }
            let value = rest.dropFirst()
            guard let scalar = flatScalar(value), out.updateValue(scalar, forKey: String(key)) == nil else { return nil }
        }
        return out.isEmpty ? nil : out
    }

    private static func flatScalar(_ v: Substring) -> Scalar? {
        if v == "null" { return .null }
        if v == "[]" { return .other }
        if v.first == "'" {
            guard v.count >= 2, v.last == "'" else { return nil }
            let inner = v.dropFirst().dropLast()
            guard !inner.replacingOccurrences(of: "''", with: "").contains("'") else { return nil }
            return .string(inner.replacingOccurrences(of: "''", with: "'"))
        }
        let bytes = Array(v.utf8)
        guard let first = bytes.first else { return nil }
        // A hex id (MLflow's run ids) that starts with a digit: a string when it holds a letter other than `e`
        // (no YAML number can) and does not start like `0b…`.
        let isDigit = { (c: UInt8) in (0x30...0x39).contains(c) }
        let isHexLetter = { (c: UInt8) in (0x61...0x66).contains(c) }
        if isDigit(first), bytes.allSatisfy({ isDigit($0) || isHexLetter($0) }),
           bytes.contains(where: { isHexLetter($0) && $0 != UInt8(ascii: "e") }),
           !(first == 0x30 && bytes.count > 1 && isHexLetter(bytes[1])) {
            return .string(String(v))
        }
        if first == UInt8(ascii: "-") || isDigit(first) {
            // Plain integers only, without leading zeros (YAML 1.1 reads 017 as octal).
            let digits = first == UInt8(ascii: "-") ? bytes.dropFirst() : bytes[...]
            guard let lead = digits.first, digits.allSatisfy({ (0x30...0x39).contains($0) }),
                  lead != 0x30 || digits.count == 1, let i = Int(v) else { return nil }
            return .int(i)
        }
        // A plain word: a letter first, then letters, digits and `_-./:`; not a YAML 1.1 boolean or null.
        guard (0x41...0x5A).contains(first) || (0x61...0x7A).contains(first), bytes.last != UInt8(ascii: ":"),
              bytes.allSatisfy({ isWordByte($0) || $0 == UInt8(ascii: ":") }),
              !yaml11Words.contains(v.lowercased()) else { return nil }
        return .string(String(v))
    }

    /// A letter, digit or `_`.
    private static func isKeyByte(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || c == UInt8(ascii: "_")
    }

    private static func isWordByte(_ c: UInt8) -> Bool {
        isKeyByte(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: ".") || c == UInt8(ascii: "/")
    }

    /// Plain words YAML 1.1 reads as something other than a string.
    private static let yaml11Words: Set<String> = ["y", "yes", "n", "no", "true", "false", "on", "off", "null"]

    private static func loadError(_ error: YamlError, file: String) -> LoadError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return LoadError(path: file, line: mark.line, column: mark.column, message: "bad YAML: \(problem)")
        case .duplicatedKeysInMapping(let keys, let context):
            return LoadError(path: file, line: context.mark.line, column: context.mark.column,
                             message: "duplicate key " + keys.map { "\"\($0)\"" }.joined(separator: ", "))
        default:
            return LoadError(path: file, message: "bad YAML: \(error)")
        }
    }
}
