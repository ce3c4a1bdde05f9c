import SiftCore

/// Writes results to files, choosing the format by the file's extension.
public enum Exporter {
    /// The extensions `write` understands, in the order error messages list them.
    public static let knownExtensions = ["json", "jsonl", "csv", "md", "svg", "html", "txt"]

    /// Writes `output` to `path` atomically (an existing file is replaced only when writing succeeded; see
    /// `AtomicFile` for symbolic links, permissions and read-only files).
    /// `.json` holds one JSON object, or an array of them for several panels (groups) or reports; `.jsonl`
    /// holds one object per line, as `--format json` prints them;
    /// `.txt` is the terminal text without colour; `.svg` and `.html` need panels, and `.html` draws the
    /// runs of `report` when given.
    public static func write(_ output: Output, to path: String, report: ReportData? = nil,
                             options: RenderOptions = RenderOptions(width: 100)) throws(ExportError) {
        let text = try contents(output, path: path, report: report, options: options)
        try AtomicFile.write(text, to: path)
    }

    /// What `write` would put in the file at `path`.
    public static func contents(_ output: Output, path: String, report: ReportData? = nil,
                                options: RenderOptions = RenderOptions(width: 100)) throws(ExportError) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let ext = name.split(separator: ".").count > 1 ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        var plain = options
        plain.color = false
        switch ext {
        case "json":
            let values = JSONOutput.values(output)
            return (values.count == 1 ? values[0] : .array(values)).serialized() + "\n"
        case "jsonl": return Renderer.render(output, format: .json, options: plain)
        case "csv": return CSVOutput.render(output)
        case "md", "markdown": return MarkdownOutput.render(output, options: plain)
        case "txt", "text": return Renderer.render(output, format: .text, options: plain)
        case "svg":
            guard case .panels(let panels) = output, !panels.isEmpty else { throw .needsPanel(path: path, format: "SVG") }
            return PanelSVG.render(panels)
        case "html", "htm":
            guard case .panels(let panels) = output, !panels.isEmpty else { throw .needsPanel(path: path, format: "HTML") }
            return HTMLReport.render(panels: panels, data: report)
        default:
            throw .unknownExtension(path: path, known: knownExtensions)
        }
    }
}
