import Foundation
import Yams

/// Reads MLflow's `meta.yaml` files (flat mappings of scalars) with Yams.
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
            case .double(let x) where x.isFinite: return Int64(x)
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
        let loaded: Any?
        do {
            loaded = try Yams.load(yaml: text)
        } catch let error as YamlError {
            throw loadError(error, file: file)
        } catch {
            throw LoadError(path: file, message: "not valid YAML")
        }
        guard let dict = loaded as? [String: Any] else {
            throw LoadError(path: file, message: "expected a YAML mapping of run or experiment fields")
        }
        return dict.mapValues(scalar)
    }

    private static func scalar(_ v: Any) -> Scalar {
        switch v {
        case let b as Bool: return .bool(b)
        case let i as Int: return .int(i)
        case let x as Double: return .double(x)
        case let s as String: return .string(s)
        case is NSNull: return .null
        default: return .other
        }
    }

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
