import Foundation
import Yams

/// Reads the text files a synced W&B run keeps under `files/`.
enum WandbFiles {
    /// The config in `config.yaml`, unwrapped: `key: {value: …}` becomes `key: …`
    /// (older clients' `desc:` beside `value:` is ignored), `wandb_version` and `_wandb` are dropped.
    static func config(yamlAt path: String) throws(LoadError) -> JSONLike {
        let text = try utf8Text(path)
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw yamlError(e, path: path)
        } catch {
            throw LoadError(path: path, message: "cannot parse YAML: \(error)")
        }
        guard let root else { return .object([]) }
        guard case .mapping(let mapping) = root else {
            throw LoadError(path: path, line: root.mark?.line, column: root.mark?.column,
                            message: "expected a mapping of config keys at the top level")
        }
        var pairs: [(String, JSONLike)] = []
        for (k, v) in mapping {
            let key = k.string ?? ""
            if key == "wandb_version" || key == "_wandb" { continue }
            let inner: Node
            if case .mapping(let m) = v, let wrapped = m["value"] { inner = wrapped } else { inner = v }
            pairs.append((key, try json(inner, path: path)))
        }
        return .object(pairs)
    }

    /// The JSON object in `wandb-summary.json` or `wandb-metadata.json`.
    static func jsonObject(at path: String) throws(LoadError) -> JSONLike {
        let bytes = try read(path)
        let value: JSONLike
        do {
            value = try JSONReader.parse(bytes)
        } catch {
            let (line, column) = error.location(in: bytes)
            throw LoadError(path: path, line: line, column: column, message: error.message)
        }
        guard case .object = value else {
            throw LoadError(path: path, line: 1, column: 1, message: "expected a JSON object")
        }
        return value
    }

    /// The bytes of `path`, or an error naming it.
    static func read(_ path: String) throws(LoadError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LoadError(path: path, message: "cannot read file")
        }
        return [UInt8](data)
    }

    private static func utf8Text(_ path: String) throws(LoadError) -> String {
        let bytes = try read(path)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LoadError(path: path, message: "not valid UTF-8")
        }
        return text
    }

    private static func json(_ node: Node, path: String) throws(LoadError) -> JSONLike {
        switch node {
        case .scalar(let scalar):
            // Quoted scalars are strings; plain ones resolve as YAML 1.1 (null, bool, int, float, else text).
            if scalar.style == .plain {
                if node.null != nil { return .null }
                if let b = node.bool { return .bool(b) }
                if let i = node.int { return .number(Double(i)) }
                if let x = node.float { return .number(x) }
            }
            return .string(scalar.string)
        case .mapping(let m):
            var pairs: [(String, JSONLike)] = []
            for (k, v) in m { pairs.append((k.string ?? "", try json(v, path: path))) }
            return .object(pairs)
        case .sequence(let s):
            var items: [JSONLike] = []
            for v in s { items.append(try json(v, path: path)) }
            return .array(items)
        case .alias:
            throw LoadError(path: path, line: node.mark?.line, column: node.mark?.column,
                            message: "YAML aliases are not supported in a W&B config")
        }
    }

    private static func yamlError(_ e: YamlError, path: String) -> LoadError {
        switch e {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
             .composer(_, let problem, let mark, _):
            return LoadError(path: path, line: mark.line, column: mark.column, message: "bad YAML: \(problem)")
        case .reader(let problem, let offset, _, _):
            return LoadError(path: path, record: offset.map { "byte \($0)" }, message: "bad YAML: \(problem)")
        default:
            return LoadError(path: path, message: "bad YAML: \(e)")
        }
    }
}
