import Foundation

/// Reads a plain (unquoted) YAML scalar as PyYAML does (YAML 1.1), because MLflow writes and reads its
/// `meta.yaml` files with PyYAML: `yaml.safe_dump` quotes a string only when PyYAML itself would read it as
/// something else, so `1e3`, `1.5e3`, `0o17` or `2e-3` are written bare and are strings to MLflow (PyYAML's
/// float needs a dot and a signed exponent), where a YAML 1.2 reader such as Yams sees numbers.
///
/// The patterns are PyYAML's implicit resolvers (`yaml/resolver.py`) and the values its constructors
/// (`construct_yaml_int`, `construct_yaml_float` in `yaml/constructor.py`). A timestamp stays text.
struct PyYAMLResolver {
    private let bool: NSRegularExpression
    private let float: NSRegularExpression
    private let int: NSRegularExpression

    init() {
        // Fixed patterns: they compile.
        func compile(_ pattern: String) -> NSRegularExpression {
            guard let r = try? NSRegularExpression(pattern: pattern) else { preconditionFailure("bad pattern \(pattern)") }
            return r
        }
        bool = compile("^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$")
        float = compile(#"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"#
            + #"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"#)
        int = compile(#"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"#
            + #"|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$"#)
    }

    /// The value of the plain scalar `text`.
    func scalar(plain text: String) -> MLflowYAML.Scalar {
        if ["", "~", "null", "Null", "NULL"].contains(text) { return .null }
        if matches(bool, text) { return .bool(["yes", "true", "on"].contains(text.lowercased())) }
        if matches(int, text) { return Self.integer(text).map { .int($0) } ?? .other }
        if matches(float, text) { return Self.double(text).map { .double($0) } ?? .other }
        return .string(text)
    }

    private func matches(_ r: NSRegularExpression, _ text: String) -> Bool {
        r.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// `construct_yaml_int`: `_` dropped; `0b` binary, `0x` hex, a leading `0` octal, `a:b:c` base 60.
    /// Nil when it does not fit an `Int`.
    private static func integer(_ text: String) -> Int? {
        var s = Substring(text.replacingOccurrences(of: "_", with: ""))
        let sign = s.first == "-" ? -1 : 1
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        let magnitude: Int?
        if s == "0" {
            magnitude = 0
        } else if s.hasPrefix("0b") {
            magnitude = Int(s.dropFirst(2), radix: 2)
        } else if s.hasPrefix("0x") {
            magnitude = Int(s.dropFirst(2), radix: 16)
        } else if s.hasPrefix("0") {
            magnitude = Int(s, radix: 8)
        } else if s.contains(":") {
            magnitude = s.split(separator: ":").reduce(Optional(0)) { acc, part in
                guard let acc, let d = Int(part) else { return nil }
                let (m, o1) = acc.multipliedReportingOverflow(by: 60)
                let (v, o2) = m.addingReportingOverflow(d)
                return o1 || o2 ? nil : v
            }
        } else {
            magnitude = Int(s)
        }
        return magnitude.map { sign * $0 }
    }

    /// `construct_yaml_float`: `_` dropped, `.inf`, `.nan`, `a:b.c` base 60.
    private static func double(_ text: String) -> Double? {
        var s = Substring(text.replacingOccurrences(of: "_", with: "").lowercased())
        let sign: Double = s.first == "-" ? -1 : 1
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        if s == ".inf" { return sign * .infinity }
        if s == ".nan" { return .nan }
        if s.contains(":") {
            return s.split(separator: ":").reduce(Optional(0.0)) { acc, part in
                guard let acc, let d = Double(part) else { return nil }
                return acc * 60 + d
            }.map { sign * $0 }
        }
        // `1.` and `1.e+5` are PyYAML floats; Swift's parser wants a digit after the dot.
        let dotted = s.hasSuffix(".") ? s + "0" : String(s).replacingOccurrences(of: ".e", with: ".0e")[...]
        return Double(dotted).map { sign * $0 }
    }
}
