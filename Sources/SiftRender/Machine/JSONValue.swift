import SiftCore

/// A JSON document with ordered keys, serialised compactly and deterministically.
public indirect enum JSONValue: Sendable, Equatable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A number; NaN and ±inf serialise as `null`.
    case number(Double)
    /// A signed integer (counts).
    case int(Int)
    /// An unsigned integer written with all its digits (seeds).
    case uint(UInt64)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// Keys keep their order.
    case object([(String, JSONValue)])

    /// Equal when they serialise to the same text.
    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized() == b.serialized() }

    /// A number, or `null` when absent.
    static func number(_ x: Double?) -> JSONValue { x.map { .number($0) } ?? .null }
    /// A string, or `null` when absent.
    static func string(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }

    /// A table cell: missing and non-finite numbers become `null`.
    static func cell(_ v: Value) -> JSONValue {
        switch v {
        case .missing: return .null
        case .number(let x): return .number(x)
        case .string(let s): return .string(s)
        case .bool(let b): return .bool(b)
        }
    }

    /// Compact JSON text on one line (numbers at full precision, shortest round-trip form).
    public func serialized() -> String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .uint(let i): out += String(i)
        case .number(let x): out += NumberFormat.roundTrip(x) ?? "null"
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (k, v)) in pairs.enumerated() {
                if i > 0 { out += "," }
                Self.writeString(k, into: &out)
                out += ":"
                v.write(into: &out)
            }
            out += "}"
        }
    }

    /// A JSON string literal (RFC 8259 escapes; non-ASCII kept as UTF-8).
    static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
