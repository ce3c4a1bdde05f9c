import Foundation
import SiftCore
@testable import SiftRender

/// A deterministic synthetic sweep (150 runs) matching `Samples.panel`'s params, for the HTML report.
enum SampleRuns {
    static func table() throws -> RunTable {
        let n = 150
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let optimizers = ["adam", "sgd", "adamw"]
        var names: [Value] = [], lr: [Value] = [], opt: [Value] = [], wd: [Value] = [], bs: [Value] = []
        var crop: [Value] = [], dropout: [Value] = [], layers: [Value] = [], warmup: [Value] = [], loss: [Value] = []
        for i in 0..<n {
            let l = pow(10, -5 + 4 * uniform())
            let o = optimizers[Int(uniform() * 3) % 3]
            let w = pow(10, -6 + 3 * uniform())
            let b = [32.0, 64, 128, 256][Int(uniform() * 4) % 4]
            let c = 0.08 + 0.92 * uniform()
            let d = 0.5 * uniform()
            let nl = Double(2 + Int(uniform() * 6))
            let wu = uniform() < 0.3 ? Value.missing : .number(Double(Int(uniform() * 2000)))
            var y = 0.35 + 0.12 * pow(log10(l) + 3, 2) + (o == "sgd" ? 0.15 : 0) + 0.02 * log10(w) * -1
                + 0.0003 * b + 0.05 * uniform()
            if i % 37 == 5 { y = .nan }
            names.append(.string(String(format: "sweep-3-run-%03d", i)))
            lr.append(.number(l)); opt.append(.string(o)); wd.append(.number(w)); bs.append(.number(b))
            crop.append(.number(c)); dropout.append(.number(d)); layers.append(.number(nl)); warmup.append(wu)
            loss.append(i % 41 == 3 ? .missing : .number(y))
        }
        let columns = [
            Column(name: "name", role: .meta, values: names),
            Column(name: "learning_rate", role: .param, values: lr),
            Column(name: "optimizer", role: .param, values: opt),
            Column(name: "weight_decay", role: .param, values: wd),
            Column(name: "batch_size", role: .param, values: bs),
            Column(name: "data.augmentation.random_crop_scale", role: .param, values: crop),
            Column(name: "dropout", role: .param, values: dropout),
            Column(name: "model.num_layers", role: .param, values: layers),
            Column(name: "warmup_steps", role: .param, values: warmup),
            Column(name: "val_loss", role: .metric, values: loss),
        ]
        return try RunTable(columns: columns, rowCount: n, source: "synthetic")
    }

    static func report() throws -> ReportData {
        let t = try table()
        return ReportData(table: t, rows: Array(0..<t.rowCount), metric: "val_loss",
                          params: Samples.params.map(\.name))
    }
}
