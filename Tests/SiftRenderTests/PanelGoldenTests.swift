import Testing
import SiftCore
@testable import SiftRender

/// The terminal panel at fixed widths, with and without colour, Unicode and ASCII, against reviewed goldens.
@Suite struct PanelGoldenTests {
    struct Case: Sendable, CustomStringConvertible {
        var width: Int
        var color: Bool
        var unicode: Bool
        var file: String { "panel-w\(width)-\(unicode ? "unicode" : "ascii")-\(color ? "color" : "plain").txt" }
        var description: String { file }
    }

    static let cases: [Case] = [60, 100, 140].flatMap { w in
        [true, false].flatMap { u in [false, true].map { c in Case(width: w, color: c, unicode: u) } }
    }

    @Test(arguments: cases)
    func panel(_ c: Case) throws {
        let text = Renderer.render(.panels([Samples.panel]), format: .text,
                                   options: RenderOptions(width: c.width, color: c.color, unicode: c.unicode))
        try Golden.check(text, c.file)
    }

    @Test(arguments: cases)
    func fitsWidth(_ c: Case) {
        let text = Renderer.render(.panels([Samples.panel, Samples.adamPanel]), format: .text,
                                   options: RenderOptions(width: c.width, color: false, unicode: c.unicode))
        for line in text.split(separator: "\n") {
            #expect(line.count <= c.width, "\(line)")
        }
    }

    @Test func groups() throws {
        let panels = [Samples.adamPanel, Samples.sgdPanel, Samples.panel]
        try Golden.check(Renderer.render(.panels(panels), format: .text, options: RenderOptions(width: 100)),
                         "groups-w100-unicode-plain.txt")
        try Golden.check(Renderer.render(.panels(panels), format: .text,
                                         options: RenderOptions(width: 80, color: true, unicode: false)),
                         "groups-w80-ascii-color.txt")
    }

    @Test func plainHasNoEscapes() {
        for format in OutputFormat.allCases {
            let color = format != .text
            for output in [Output.panels([Samples.panel]), .table(Samples.runs), .correlation([Samples.correlation])] {
                let text = Renderer.render(output, format: format, options: RenderOptions(color: color))
                #expect(!text.contains("\u{1B}"), "\(format) must not hold ANSI escapes")
            }
        }
        let coloured = Renderer.render(.panels([Samples.panel]), format: .text, options: RenderOptions(color: true))
        #expect(coloured.contains("\u{1B}[31m") && coloured.contains("\u{1B}[32m"))
    }

    @Test func asciiIsAscii() {
        var panel = Samples.panel
        panel.warnings = ["OOB R² is low"]
        let text = Renderer.render(.panels([panel, Samples.adamPanel]), format: .text,
                                   options: RenderOptions(width: 90, unicode: false))
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII }, "\(text)")
    }

    @Test func hiddenParamsCountedNotShown() {
        let text = Renderer.render(.panels([Samples.panel]), format: .text, options: RenderOptions())
        #expect(text.contains("3 hidden"))
        #expect(text.contains("lower is better"))
        #expect(text.contains("  optimizer=sgd"))
    }

    @Test func lowR2Warns() {
        let text = Renderer.render(.panels([Samples.adamPanel]), format: .text, options: RenderOptions())
        #expect(text.contains("OOB R² 0.08 (low)"))
        #expect(text.contains("importances mean little"))
    }

    @Test func emptyPanel() {
        let p = ImportancePanel(metric: "acc", goal: .maximize, method: "forest", trees: 10, seed: 1, runsUsed: 0,
                                runsInView: 0, params: [])
        let text = Renderer.render(.panels([p]), format: .text, options: RenderOptions(width: 60))
        #expect(text.contains("higher is better"))
        #expect(text.contains("(no params to show)"))
    }

    @Test func degenerateNumbersDoNotBreakLayout() {
        let p = ImportancePanel(
            metric: "acc", method: "forest", trees: 5, seed: 0, runsUsed: 3, runsInView: 3, oobR2: -.infinity,
            noiseImportance: .nan,
            params: [
                ParamImportance(name: "a", importance: .nan, importanceLow: .nan, importanceHigh: .nan,
                                correlation: Correlation(r: .nan, n: 3), n: 3),
                ParamImportance(name: "b", importance: 0, importanceLow: 0, importanceHigh: 0,
                                correlation: Correlation(r: -1, n: 3), n: 3),
                ParamImportance(name: "c", importance: 0, importanceLow: 0, importanceHigh: 0, correlation: nil, n: 0,
                                values: []),
            ])
        for width in [10, 60, 200] {
            for format in OutputFormat.allCases {
                let text = Renderer.render(.panels([p]), format: format, options: RenderOptions(width: width))
                #expect(!text.isEmpty)
            }
            let text = Renderer.render(.panels([p]), format: .text, options: RenderOptions(width: width))
            #expect(text.split(separator: "\n").allSatisfy { $0.count <= max(40, width) }, "\(text)")
        }
        #expect(Renderer.render(.panels([p]), format: .json, options: RenderOptions()).contains("\"oob_r2\":null"))
        #expect(PanelSVG.render([p]).contains("<svg"))
    }

    /// Every param at 0 with a positive noise importance (and huge or tiny values) renders; the noise
    /// marker's cell is computed in doubles before it becomes an index.
    @Test func noiseFarAboveEveryParamRenders() {
        for (noise, value) in [(0.5, 0.0), (1e300, 1e-300), (.infinity, 0.0), (1.0, .leastNonzeroMagnitude)] {
            let p = ImportancePanel(
                metric: "acc", method: "forest", trees: 5, seed: 0, runsUsed: 3, runsInView: 3, noiseImportance: noise,
                params: [ParamImportance(name: "a", importance: value, importanceLow: 0, importanceHigh: value,
                                         correlation: nil, n: 3)])
            for format in OutputFormat.allCases {
                #expect(!Renderer.render(.panels([p]), format: format, options: RenderOptions(width: 80)).isEmpty)
            }
            #expect(PanelSVG.render([p]).contains("<svg"))
        }
    }

    @Test func tinyNoiseIsNotMarkedAndMissingCorrelationIsShown() {
        let p = ImportancePanel(
            metric: "val_loss", method: "forest", trees: 100, seed: 0, runsUsed: 131, runsInView: 150, oobR2: 0.99,
            noiseImportance: 0.001,
            params: [
                ParamImportance(name: "learning_rate", importance: 0.989, importanceLow: 0.985, importanceHigh: 0.992,
                                correlation: Correlation(r: -0.6, n: 131), n: 131, logScale: true),
                ParamImportance(name: "momentum", importance: 0, importanceLow: 0, importanceHigh: 0, belowNoise: true,
                                correlation: nil, n: 0),
            ])
        let text = Renderer.render(.panels([p]), format: .text, options: RenderOptions(width: 80))
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("learning_rate") || $0.hasPrefix("momentum") }
        #expect(rows.count == 2)
        #expect(rows.allSatisfy { !$0.contains("┆") }, "\(rows)")
        #expect(rows[0].contains("█████"))
        #expect(rows[1].hasSuffix("∅   0"))
        #expect(text.contains("┆ noise baseline 0.001"))
    }
}
