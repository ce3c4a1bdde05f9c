import SiftCore

/// A self-contained HTML report: the panel, a parallel-coordinates plot and scatter plots of the top params.
/// Nothing is fetched from the network: styles, pictures (SVG) and the small script are inline.
public enum HTMLReport {
    /// How many params the scatter plots and parallel coordinates show at most.
    public static let topParams = 6
    /// How many params the parallel-coordinates plot shows at most (plus the metric).
    public static let parallelAxes = 8

    /// The report for `panels` (one, or per group plus overall); `data` adds the plots of the runs.
    public static func render(panels: [ImportancePanel], data: ReportData?) -> String {
        let overall = panels.last { $0.group == nil } ?? panels.last
        let metric = overall?.metric ?? data?.metric ?? "metric"
        var body = "<header><h1>Which hyperparameters mattered for <code>\(SVG.escape(metric))</code>?</h1>"
        if let p = overall {
            var facts = ["\(p.runsUsed) of \(p.runsInView) runs used", p.method]
            if p.trees > 0 { facts.append("\(p.trees) trees") }
            facts.append("seed \(p.seed)")
            if let r2 = p.oobR2 { facts.append("OOB R² \(NumberFormat.fixed(r2, decimals: 2))") }
            if let g = p.goal { facts.append(g == .minimize ? "lower is better" : "higher is better") }
            body += "<p class=\"facts\">" + facts.map(SVG.escape).joined(separator: " · ") + "</p>"
        }
        body += "</header>\n"
        body += "<section><h2>Importance and correlation</h2>" + PanelSVG.render(panels) + "</section>\n"
        if let data, let p = overall {
            body += plots(data: data, panel: p)
        } else if data == nil {
            body += "<section><p class=\"note\">The runs were not included, so there are no plots of them.</p></section>\n"
        }
        body += "<footer>Made by sift. Importance: how much a random forest fitted to params → \(SVG.escape(metric)) "
            + "relies on each param; the dashed line is the importance a column of pure noise reaches.</footer>\n"
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>sift · \(SVG.escape(metric))</title>
        <script>window.addEventListener("error", function (e) { document.documentElement.setAttribute("data-js-error", String(e.message)); });</script>
        <style>\(css)</style>
        </head>
        <body>
        \(body)<script>\(script)</script>
        </body>
        </html>

        """
    }

    static func plots(data: ReportData, panel: ImportancePanel) -> String {
        let params = (data.params.isEmpty ? panel.params.map(\.name) : data.params)
            .filter { data.table.column(named: $0) != nil }
        let logScale = Set(panel.params.filter(\.logScale).map(\.name))
        let metricValues = data.table.column(named: data.metric).map { c in data.rows.compactMap { c[$0].number } } ?? []
        let colors = MetricColors(values: metricValues, goal: data.goal ?? panel.goal)
        var s = "<section><h2>Runs in parallel coordinates</h2>"
        s += "<p class=\"note\">One line per run through its param values (top \(min(parallelAxes, params.count)) "
            + "params by importance) to \(SVG.escape(data.metric)), coloured by the rank of \(SVG.escape(data.metric)), "
            + "best runs brightest. ∅: param missing. Hover a line to see the run.</p>"
        s += colors.legend(metric: data.metric, width: 360)
        s += ParallelCoordinates.render(data: data, params: Array(params.prefix(parallelAxes)), logScale: logScale,
                                        colors: colors)
        s += "<p id=\"pc-caption\" class=\"caption\">&nbsp;</p></section>\n"
        s += "<section><h2>\(SVG.escape(data.metric)) against the top params</h2><div class=\"plots\">"
        for name in params.prefix(topParams) {
            let row = panel.params.first { $0.name == name }
            let corr = row?.correlation.map { "r = " + NumberFormat.signed($0.r, decimals: 2) }
                ?? row?.eta2.map { "η² = " + NumberFormat.fixed($0, decimals: 2) }
            s += ScatterPlots.render(data: data, param: name, log: logScale.contains(name), correlation: corr,
                                     colors: colors)
        }
        return s + "</div></section>\n"
    }

    static let css = """
    :root{color-scheme:light}body{margin:0 auto;max-width:1100px;padding:24px 28px 40px;background:#f4f5f7;\
    color:#1d2430;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif}\
    header h1{font-size:22px;margin:0 0 4px}header code{background:#e8ebf0;padding:1px 6px;border-radius:4px}\
    .facts{color:#5b6472;margin:0 0 16px}section{background:#fff;border:1px solid #e3e6ea;border-radius:10px;\
    padding:16px 20px;margin:0 0 18px;box-shadow:0 1px 2px rgba(20,30,40,.04)}section h2{font-size:16px;\
    margin:0 0 8px}section>svg{max-width:100%;height:auto;display:block}.note{color:#5b6472;margin:4px 0 10px}\
    .caption{color:#1d2430;font-variant-numeric:tabular-nums;min-height:1.4em;margin:6px 0 0}\
    .plots{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:10px}\
    .scatter{width:100%;height:auto}#pc{width:100%;height:auto}#pc .run{fill:none;stroke-width:1.1;\
    stroke-opacity:.55}#pc .run.hi{stroke:#111;stroke-width:2.6;stroke-opacity:1}.axisline{stroke:#6b7380;\
    stroke-width:1}.gridline{stroke:#eceef1}.tick{fill:#4b5360;font-size:11px}#pc .tick{paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}\
    .axistitle{paint-order:stroke;stroke:#fff;stroke-width:4px;fill:#1d2430;font-size:12px;font-weight:600}.axistitle.metric{fill:#7a3e9d}\
    .plottitle{fill:#1d2430;font-size:13px;font-weight:600}.legend{display:block;margin:4px 0 6px}\
    footer{color:#7a828e;font-size:12px;margin-top:8px}
    """

    static let script = """
    (function () {
      var pc = document.getElementById("pc");
      var caption = document.getElementById("pc-caption");
      if (pc && caption) {
        var last = null;
        pc.addEventListener("mouseover", function (e) {
          var t = e.target;
          if (!t.classList || !t.classList.contains("run")) { return; }
          if (last) { last.classList.remove("hi"); }
          t.parentNode.appendChild(t);
          t.classList.add("hi");
          last = t;
          caption.textContent = t.getAttribute("data-run");
        });
      }
      document.documentElement.setAttribute("data-height", String(document.documentElement.scrollHeight));
      document.documentElement.setAttribute("data-ready", "1");
    })();
    """
}
