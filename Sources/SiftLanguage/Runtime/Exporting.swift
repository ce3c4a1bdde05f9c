import Foundation
import SiftCore
import SiftRender

/// Writes a result to a file by extension, atomically (a temporary file, then a rename).
///
/// Text formats go through `Renderer`; HTML and SVG wait for the report writer of the rendering layer.
enum Exporting {
    static func write(_ output: Output, to path: String, span: SourceSpan, session: Session) throws(RuntimeError) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        let text: String
        switch ext {
        case "json", "jsonl": text = Renderer.render(output, format: .json, options: RenderOptions())
        case "csv": text = Renderer.render(output, format: .csv, options: RenderOptions())
        case "md", "markdown": text = Renderer.render(output, format: .markdown, options: RenderOptions())
        case "txt", "text": text = Renderer.render(output, format: .text, options: RenderOptions(unicode: true))
        case "html", "htm", "svg":
            throw RuntimeError(span, "exporting .\(ext) is not available yet", hint: "use .json, .csv, .md or .txt")
        default:
            throw RuntimeError(span, "cannot tell the format of \"\(path)\" from its extension",
                               hint: "use .json, .csv, .md, .txt, .html or .svg")
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw RuntimeError(span, "cannot write \"\(path)\": \((error as NSError).localizedDescription)")
        }
        return "wrote \(path)"
    }
}
