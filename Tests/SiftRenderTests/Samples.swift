import SiftCore

/// Hand-built results that look like a real sweep (412 runs of an image classifier), used by every test.
enum Samples {
    static func corr(_ r: Double, _ n: Int, p: Double? = nil, low: Double? = nil, high: Double? = nil) -> Correlation {
        Correlation(r: r, n: n, pValue: p, low: low, high: high)
    }

    /// Eight params: a log-scale learning rate, a three-valued optimizer, a long nested name, two under noise.
    static let params: [ParamImportance] = [
        ParamImportance(name: "learning_rate", importance: 0.4123, importanceLow: 0.3811, importanceHigh: 0.4467,
                        correlation: corr(-0.6237, 312, p: 1.2e-34, low: -0.684, high: -0.553), n: 312,
                        logScale: true),
        ParamImportance(name: "optimizer", importance: 0.2187, importanceLow: 0.1902, importanceHigh: 0.2455,
                        correlation: nil, n: 312,
                        values: [ValueCorrelation(value: "adam", correlation: corr(-0.312, 312, p: 1.8e-8)),
                                 ValueCorrelation(value: "sgd", correlation: corr(0.4471, 312, p: 1e-16)),
                                 ValueCorrelation(value: "adamw", correlation: corr(-0.1208, 312, p: 0.033))],
                        eta2: 0.2214),
        ParamImportance(name: "weight_decay", importance: 0.1204, importanceLow: 0.0977, importanceHigh: 0.1431,
                        correlation: corr(0.2812, 298, p: 8.1e-7, low: 0.173, high: 0.383), n: 298, logScale: true),
        ParamImportance(name: "batch_size", importance: 0.0912, importanceLow: 0.0703, importanceHigh: 0.1121,
                        correlation: corr(0.1733, 312, p: 0.0021, low: 0.063, high: 0.279), n: 312),
        ParamImportance(name: "data.augmentation.random_crop_scale", importance: 0.0651, importanceLow: 0.0488,
                        importanceHigh: 0.0815, correlation: corr(-0.0921, 287, p: 0.12), n: 287),
        ParamImportance(name: "dropout", importance: 0.0473, importanceLow: 0.0352, importanceHigh: 0.0590,
                        correlation: corr(0.0488, 312, p: 0.39), n: 312),
        ParamImportance(name: "model.num_layers", importance: 0.0262, importanceLow: 0.0181, importanceHigh: 0.0349,
                        belowNoise: true, correlation: corr(-0.0212, 312, p: 0.71), n: 312),
        ParamImportance(name: "warmup_steps", importance: 0.0188, importanceLow: 0.0102, importanceHigh: 0.0271,
                        belowNoise: true, correlation: corr(0.0105, 204, p: 0.88), n: 204),
    ]

    /// The overall panel.
    static let panel = ImportancePanel(
        metric: "val_loss", goal: .minimize, method: "forest", trees: 300, seed: 7, runsUsed: 312, runsInView: 412,
        oobR2: 0.6234, noiseImportance: 0.0352, noiseImportanceHigh: 0.0418, params: params,
        interactions: [Interaction(first: "learning_rate", second: "optimizer", importance: 0.0821),
                       Interaction(first: "learning_rate", second: "batch_size", importance: 0.0313)],
        hiddenCount: 3, metricValue: "last",
        dropped: [DroppedRuns(reason: "metric missing", count: 91), DroppedRuns(reason: "metric NaN", count: 9)],
        warnings: ["3 of 412 runs diverged (val_loss NaN) and were dropped"])

    /// A group's panel with a low OOB R².
    static let adamPanel = ImportancePanel(
        metric: "val_loss", goal: .minimize, method: "forest", trees: 300, seed: 7, runsUsed: 121, runsInView: 130,
        oobR2: 0.081, noiseImportance: 0.061,
        params: [
            ParamImportance(name: "learning_rate", importance: 0.5012, importanceLow: 0.43, importanceHigh: 0.57,
                            correlation: corr(-0.7102, 121), n: 121, logScale: true),
            ParamImportance(name: "batch_size", importance: 0.2877, importanceLow: 0.22, importanceHigh: 0.35,
                            correlation: corr(0.2203, 121), n: 121),
            ParamImportance(name: "dropout", importance: 0.2111, importanceLow: 0.15, importanceHigh: 0.27,
                            correlation: corr(-0.0301, 121), n: 121),
        ],
        group: "optimizer=adam", dropped: [DroppedRuns(reason: "metric missing", count: 9)])

    /// A second group, without noise baseline or interval width.
    static let sgdPanel = ImportancePanel(
        metric: "val_loss", goal: .minimize, method: "forest", trees: 300, seed: 7, runsUsed: 104, runsInView: 140,
        oobR2: 0.5577,
        params: [
            ParamImportance(name: "learning_rate", importance: 0.6234, importanceLow: 0.55, importanceHigh: 0.69,
                            correlation: corr(-0.5511, 104), n: 104, logScale: true),
            ParamImportance(name: "momentum", importance: 0.2566, importanceLow: 0.20, importanceHigh: 0.31,
                            correlation: corr(-0.4012, 104), n: 104),
            ParamImportance(name: "batch_size", importance: 0.12, importanceLow: 0.08, importanceHigh: 0.16,
                            correlation: corr(0.1208, 104), n: 104),
        ],
        group: "optimizer=sgd")

    /// A `runs` table with missing cells, big and tiny numbers, a long string.
    static let runs = ResultTable(
        kind: "runs", title: "runs sorted by val_loss",
        columns: ["name", "learning_rate", "optimizer", "batch_size", "momentum", "val_loss", "train_steps", "finished"],
        rows: [
            [.string("sweep-3-run-017"), .number(0.00012), .string("adam"), .number(64), .missing, .number(0.3121),
             .number(12400), .bool(true)],
            [.string("sweep-3-run-101"), .number(0.0031), .string("sgd"), .number(128), .number(0.9), .number(0.3388),
             .number(12400), .bool(true)],
            [.string("a-very-long-run-name-from-a-hyperband-bracket-42"), .number(0.01), .string("adamw"),
             .number(256), .missing, .number(0.41), .number(3100), .bool(false)],
            [.string("sweep-3-run-230"), .number(1.5e-5), .string("adam"), .number(32), .missing, .number(.nan),
             .number(1_250_000), .missing],
        ],
        footer: ["4 of 412 runs"])

    /// A correlation report with a categorical param.
    static let correlation = CorrelationReport(
        metric: "val_loss", method: "pearson",
        rows: [
            CorrelationRow(param: "learning_rate", correlation: corr(-0.6237, 312, p: 1.2e-34, low: -0.684, high: -0.553),
                           logScale: true),
            CorrelationRow(param: "optimizer", value: "sgd", correlation: corr(0.4471, 312, p: 1e-16, low: 0.354,
                                                                                high: 0.531)),
            CorrelationRow(param: "optimizer", value: "adam", correlation: corr(-0.312, 312, p: 1.8e-8, low: -0.409,
                                                                                 high: -0.208)),
            CorrelationRow(param: "batch_size", correlation: corr(0.1733, 312, p: 0.0021, low: 0.063, high: 0.279)),
            CorrelationRow(param: "dropout", correlation: corr(0.0488, 312, p: 0.39, low: -0.063, high: 0.159)),
        ],
        warnings: ["momentum is missing in 208 of 312 runs"])
}
