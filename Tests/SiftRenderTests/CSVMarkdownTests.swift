import Testing
import SiftCore
@testable import SiftRender

@Suite struct CSVMarkdownTests {
    static let quoting: [(String, String)] = [
        ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
        (" padded", "\" padded\""), ("", ""),
    ]

    @Test(arguments: quoting)
    func rfc4180(_ field: String, _ expected: String) {
        #expect(CSVOutput.quote(field) == expected)
    }

    @Test func panelRowPerParamAndValue() {
        let csv = Renderer.render(.panels([Samples.panel]), format: .csv, options: RenderOptions())
        let lines = csv.split(separator: "\n")
        #expect(lines.count == 1 + 8 + 3)
        #expect(lines[0].hasPrefix("metric,group,param,value,importance,importance_low,importance_high"))
        #expect(lines[1] == "val_loss,,learning_rate,,0.4123,0.3811,0.4467,false,-0.6237,-0.684,-0.553,1.2e-34,312,true,")
        #expect(lines[3].hasPrefix("val_loss,,optimizer,adam,,,,,-0.312,"))
    }

    @Test func tableCells() {
        let csv = Renderer.render(.table(Samples.runs), format: .csv, options: RenderOptions())
        let lines = csv.split(separator: "\n")
        #expect(lines[0] == "name,learning_rate,optimizer,batch_size,momentum,val_loss,train_steps,finished")
        #expect(lines[1] == "sweep-3-run-017,0.00012,adam,64,,0.3121,12400,true")
        #expect(lines[4] == "sweep-3-run-230,1.5e-05,adam,32,,NaN,1250000,")
    }

    @Test func markdownEscapesAndLimits() {
        let t = ResultTable(kind: "runs", columns: ["name", "x"],
                            rows: [[.string("a|b"), .number(1)], [.string("c"), .missing], [.string("d"), .number(2)]])
        let md = Renderer.render(.table(t), format: .markdown, options: RenderOptions(maxRows: 2))
        #expect(md == "| name | x |\n|---|---:|\n| a\\|b | 1 |\n| c | ∅ |\n\n… 1 more rows\n")
        let panel = Renderer.render(.panels([Samples.panel]), format: .markdown, options: RenderOptions())
        #expect(panel.contains("| &nbsp;&nbsp;optimizer=sgd | | | +0.447 | 312 |"))
        #expect(panel.contains("| `learning_rate` (log) | 0.412 | 0.381–0.447 | -0.624 | 312 |"))
    }
}
