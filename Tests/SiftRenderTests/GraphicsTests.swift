import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import SiftCore
@testable import SiftRender

/// SVG and HTML output: well-formed, self-contained, and drawing what the data says.
@Suite struct GraphicsTests {
    /// Whether `text` parses as XML.
    static func wellFormed(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse()
    }

    @Test func panelSVGIsWellFormed() {
        let svg = PanelSVG.render([Samples.adamPanel, Samples.sgdPanel, Samples.panel])
        #expect(Self.wellFormed(svg))
        #expect(svg.contains("class=\"noise\""))
        #expect(svg.contains("optimizer=sgd"))
        var odd = Samples.panel
        odd.params[0].name = "a<b & \"c\""
        #expect(Self.wellFormed(PanelSVG.render([odd])))
    }

    @Test func reportIsSelfContained() throws {
        let html = HTMLReport.render(panels: [Samples.panel], data: try SampleRuns.report())
        let links = html.components(separatedBy: "http").dropFirst().map { String($0.prefix(30)) }
        #expect(links.allSatisfy { $0.hasPrefix("://www.w3.org/2000/svg\"") }, "only the SVG namespace: \(links)")
        #expect(!html.contains("<link") && !html.contains("src="), "nothing fetched")
        #expect(!html.contains("\u{1B}"))
        #expect(html.contains("learning_rate (log)"), "log axis for a log-scale param")
    }

    @Test func reportWithoutRunsSaysSo() {
        let html = HTMLReport.render(panels: [Samples.panel], data: nil)
        #expect(html.contains("no plots"))
    }

    @Test func parallelCoordinatesDrawEveryRunWithAMetric() throws {
        let data = try SampleRuns.report()
        let html = HTMLReport.render(panels: [Samples.panel], data: data)
        let metric = try #require(data.table.column(named: "val_loss"))
        let finite = data.rows.filter { metric[$0].number?.isFinite == true }.count
        #expect(html.components(separatedBy: "<polyline class=\"run\"").count - 1 == finite)
    }

    static let axes: [(Double, Double, Bool, [String])] = [
        (1e-5, 0.1, true, ["1e-5", "1e-4", "0.001", "0.01", "0.1"]),
        (0, 100, false, ["0", "50", "100"]),
        (0.2, 0.9, false, ["0.2", "0.4", "0.6", "0.8"]),
    ]

    @Test(arguments: axes)
    func ticks(_ lo: Double, _ hi: Double, _ log: Bool, _ labels: [String]) {
        let column = Column(name: "x", role: .param, values: [.number(lo), .number(hi), .missing])
        let axis = Axis(name: "x", column: column, rows: [0, 1, 2], log: log)
        #expect(axis.ticks().map(\.1) == labels)
        #expect(axis.position(.number(lo)) == 0)
        #expect(axis.position(.number(hi)) == 1)
        #expect(axis.position(.missing) == nil)
    }

    @Test func categoricalAxis() {
        let column = Column(name: "opt", role: .param, values: [.string("adam"), .string("sgd"), .missing])
        let axis = Axis(name: "opt", column: column, rows: [0, 1, 2], log: false)
        #expect(axis.ticks().map(\.1) == ["adam", "sgd"])
        #expect(axis.position(.string("sgd")) == 0.75)
    }

    @Test func bestRunsAreBrightest() {
        let lower = MetricColors(values: [0.3, 0.9], goal: .minimize)
        #expect(lower.goodness(0.3) == 1 && lower.goodness(0.9) == 0)
        let higher = MetricColors(values: [0.3, 0.9], goal: .maximize)
        #expect(higher.goodness(0.9) == 1)
        // By rank: one outlier does not squeeze the others together; ties share their mid-rank.
        let skewed = MetricColors(values: [0.1, 0.2, 0.3, 0.3, 100], goal: .maximize)
        #expect(skewed.goodness(0.2) == 0.25)
        #expect(skewed.goodness(0.3) == 0.625)
        #expect(skewed.goodness(100) == 1)
    }

    @Test func manyRunsAreThinnedKeepingTheBest() {
        let runs = (0..<10_000).map { ($0, Double($0)) }
        let kept = ParallelCoordinates.thinned(runs)
        #expect(kept.count == ParallelCoordinates.maxRuns)
        #expect(kept.first?.0 == 0 && kept.last?.0 == 9_999)
        #expect(ParallelCoordinates.thinned(Array(runs.prefix(10))).count == 10)
    }
}
