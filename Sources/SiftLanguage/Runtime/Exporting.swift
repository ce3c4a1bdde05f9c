import Foundation
import SiftCore
import SiftRender

/// Hands the last result to SiftRender's `Exporter` (format by extension, written atomically), with the runs
/// in view so an HTML report can plot them.
enum Exporting {
    static func write(_ output: Output, to path: String, span: SourceSpan, session: Session) throws(RuntimeError) -> String {
        var report: ReportData?
        if case .panels(let panels) = output, let panel = panels.last {
            let state = session.state
            report = ReportData(table: state.table, rows: state.view.rows, metric: panel.metric,
                                params: panel.params.map(\.name), goal: panel.goal)
        }
        do {
            try Exporter.write(output, to: path, report: report)
        } catch {
            let text = error.description
            let prefix = "cannot export to \"\(path)\": "
            let reason = text.hasPrefix(prefix) ? String(text.dropFirst(prefix.count)) : text
            throw RuntimeError(span, "cannot export to \"\(path)\": \(reason)", hint: error.hint)
        }
        return "wrote \(path)"
    }
}
