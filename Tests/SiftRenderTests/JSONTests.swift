import Foundation
import Testing
import SiftCore
@testable import SiftRender

/// The JSON contract: parse the output back with JSONSerialization and check names and values.
@Suite struct JSONTests {
    func parse(_ line: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func panelContract() throws {
        let text = Renderer.render(.panels([Samples.panel]), format: .json, options: RenderOptions(color: true))
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1)
        let p = try parse(String(lines[0]))
        #expect(p["type"] as? String == "panel")
        #expect(p["metric"] as? String == "val_loss")
        #expect(p["runs"] as? Int == 312)
        #expect(p["runs_in_view"] as? Int == 412)
        #expect(p["method"] as? String == "forest")
        #expect(p["trees"] as? Int == 300)
        #expect(p["seed"] as? Int == 7)
        #expect(p["oob_r2"] as? Double == 0.6234)
        #expect(p["noise_importance"] as? Double == 0.0352)
        #expect(p["goal"] as? String == "minimize")
        #expect(p["group"] is NSNull)
        #expect((p["warnings"] as? [String])?.count == 1)
        let dropped = try #require(p["dropped"] as? [[String: Any]])
        #expect(dropped.first?["reason"] as? String == "metric missing")
        #expect(dropped.first?["count"] as? Int == 91)
        let params = try #require(p["params"] as? [[String: Any]])
        #expect(params.map { $0["name"] as? String } == Samples.params.map(\.name))
        for (json, param) in zip(params, Samples.params) {
            #expect(json["importance"] as? Double == param.importance)
            #expect(json["importance_low"] as? Double == param.importanceLow)
            #expect(json["importance_high"] as? Double == param.importanceHigh)
            #expect(json["n"] as? Int == param.n)
            #expect(json["log_scale"] as? Bool == param.logScale)
            #expect(json["below_noise"] as? Bool == param.belowNoise)
            if let c = param.correlation {
                #expect(json["correlation"] as? Double == c.r)
                #expect(json["values"] == nil)
            } else {
                #expect(json["correlation"] is NSNull)
                let values = try #require(json["values"] as? [[String: Any]])
                #expect(values.map { $0["value"] as? String } == ["adam", "sgd", "adamw"])
                #expect(values[1]["correlation"] as? Double == 0.4471)
                #expect(values[1]["n"] as? Int == 312)
                #expect(json["eta2"] as? Double == 0.2214)
            }
        }
    }

    @Test func fullPrecisionAndNonFinite() throws {
        var panel = Samples.panel
        panel.oobR2 = .nan
        panel.noiseImportance = 1.0 / 3.0
        panel.params[0].importance = 0.1 + 0.2
        panel.params[1].importanceHigh = .infinity
        // JSONDecoder parses numbers exactly (corelibs' JSONSerialization rounds some on Linux).
        struct Param: Decodable { var importance: Double; var importance_high: Double? }
        struct Panel: Decodable { var oob_r2: Double?; var noise_importance: Double?; var params: [Param] }
        let p = try JSONDecoder().decode(Panel.self, from: Data(JSONOutput.lines(.panels([panel]))[0].utf8))
        #expect(p.oob_r2 == nil)
        #expect(p.noise_importance == 1.0 / 3.0)
        #expect(p.params[0].importance == 0.1 + 0.2)
        #expect(p.params[1].importance_high == nil)
    }

    @Test func groupsAreOneLineEach() throws {
        let text = Renderer.render(.panels([Samples.adamPanel, Samples.sgdPanel, Samples.panel]), format: .json,
                                   options: RenderOptions())
        let groups = try text.split(separator: "\n").map { try parse(String($0))["group"] }
        #expect(groups.count == 3)
        #expect(groups[0] as? String == "optimizer=adam")
        #expect(groups[2] is NSNull)
    }

    @Test func tableCorrelationMessage() throws {
        let t = try parse(JSONOutput.lines(.table(Samples.runs))[0])
        #expect(t["type"] as? String == "table")
        #expect(t["kind"] as? String == "runs")
        let rows = try #require(t["rows"] as? [[Any]])
        #expect(rows.count == 4)
        #expect(rows[0][1] as? Double == 0.00012)
        #expect(rows[0][4] is NSNull)
        #expect(rows[3][5] is NSNull, "NaN becomes null")
        #expect(rows[0][7] as? Bool == true)
        let c = try parse(JSONOutput.lines(.correlation([Samples.correlation]))[0])
        #expect(c["type"] as? String == "correlation")
        let crow = try #require((c["rows"] as? [[String: Any]])?[1])
        #expect(crow["param"] as? String == "optimizer")
        #expect(crow["value"] as? String == "sgd")
        #expect(crow["r"] as? Double == 0.4471)
        let m = try parse(JSONOutput.lines(.message(Message("a \"quoted\"\nline\u{1}", level: .warning)))[0])
        #expect(m["type"] as? String == "message")
        #expect(m["level"] as? String == "warning")
        #expect(m["text"] as? String == "a \"quoted\"\nline\u{1}")
    }

    @Test func bigSeedIsExact() throws {
        var panel = Samples.panel
        panel.seed = UInt64.max
        #expect(JSONOutput.lines(.panels([panel]))[0].contains("\"seed\":18446744073709551615"))
    }
}
