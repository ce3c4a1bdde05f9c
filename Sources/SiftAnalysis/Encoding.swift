import SiftCore

/// Turns runs of a `RunTable` into a `FeatureMatrix` for one metric.
public enum Encoding {
    /// Most category codes a native categorical feature keeps; rarer levels share the last code.
    public static let maxNativeLevels = 255

    /// Encodes `params` over `rows` of `table` against `metric`.
    ///
    /// Runs whose metric is missing, NaN or infinite are dropped and counted by reason. Throws when a
    /// name is unknown or the metric is not numeric (booleans count as 0/1).
    public static func encode(table: RunTable, rows: [Int], params: [String], metric: String,
                              encoding: CategoricalEncoding = .native) throws -> FeatureMatrix {
        guard let metricColumn = table.column(named: metric) else {
            throw AnalysisError("unknown metric \"\(metric)\"")
        }
        let target = try metricValues(metricColumn, rows: rows)
        var kept: [Int] = []
        var y: [Double] = []
        kept.reserveCapacity(rows.count)
        y.reserveCapacity(rows.count)
        var missing = 0, nan = 0, inf = 0
        for (i, r) in rows.enumerated() {
            guard let v = target[i] else { missing += 1; continue }
            if v.isNaN { nan += 1; continue }
            if v.isInfinite { inf += 1; continue }
            kept.append(r)
            y.append(v)
        }
        var dropped: [DroppedRuns] = []
        if missing > 0 { dropped.append(.init(reason: "metric missing", count: missing)) }
        if nan > 0 { dropped.append(.init(reason: "metric NaN", count: nan)) }
        if inf > 0 { dropped.append(.init(reason: "metric inf", count: inf)) }

        var features: [FeatureSchema.Feature] = []
        var values: [Double] = []
        for (p, name) in params.enumerated() {
            guard let column = table.column(named: name) else {
                throw AnalysisError("unknown parameter \"\(name)\"")
            }
            appendColumns(of: column, param: p, rows: kept, encoding: encoding, features: &features,
                          values: &values)
        }
        return FeatureMatrix(schema: FeatureSchema(features: features, params: params), values: values,
                             target: y, tableRows: kept, dropped: dropped)
    }

    /// The metric per requested row (nil = missing); throws when the column is not numeric.
    static func metricValues(_ column: Column, rows: [Int]) throws -> [Double?] {
        switch column.storage {
        case .numeric(let v, _):
            return rows.map { column.missing[$0] ? nil : v[$0] }
        case .boolean(let b):
            return rows.map { b[$0] < 0 ? nil : Double(b[$0]) }
        case .categorical:
            throw AnalysisError("metric \"\(column.name)\" is categorical, not numeric",
                                hint: "importance needs a numeric metric")
        }
    }

    /// Appends the feature column(s) of one param.
    static func appendColumns(of column: Column, param p: Int, rows: [Int], encoding: CategoricalEncoding,
                              features: inout [FeatureSchema.Feature], values: inout [Double]) {
        switch column.storage {
        case .numeric(let v, _):
            let start = values.count
            values.append(contentsOf: rows.lazy.map { column.missing[$0] ? .nan : v[$0] })
            features.append(.init(name: column.name, kind: numericKind(values[start...]), param: p))
        case .boolean(let b):
            let start = values.count
            values.append(contentsOf: rows.lazy.map { b[$0] < 0 ? .nan : Double(b[$0]) })
            features.append(.init(name: column.name, kind: numericKind(values[start...]), param: p))
        case .categorical(let codes, let levels, _):
            switch encoding {
            case .oneHot:
                // One 0/1 column per level seen in the rows; a missing cell is 0 everywhere (pandas get_dummies).
                var seen = [Bool](repeating: false, count: levels.count)
                for r in rows where codes[r] >= 0 { seen[Int(codes[r])] = true }
                for (l, level) in levels.enumerated() where seen[l] {
                    values.append(contentsOf: rows.lazy.map { codes[$0] == Int32(l) ? 1 : 0 })
                    features.append(.init(name: "\(column.name)=\(level)", kind: .numeric(min: 0, max: 1),
                                          param: p))
                }
            case .native:
                let map = nativeCodes(codes: codes, levels: levels.count, rows: rows)
                values.append(contentsOf: rows.lazy.map { codes[$0] < 0 ? .nan : Double(map.code[Int(codes[$0])]) })
                features.append(.init(name: column.name, kind: .categorical(levels: map.levels), param: p))
            }
        }
    }

    /// Codes for native splits: the table's codes when there are at most `maxNativeLevels` levels, else
    /// the most frequent `maxNativeLevels - 1` levels keep a code each and the rest share the last one.
    static func nativeCodes(codes: [Int32], levels: Int, rows: [Int]) -> (code: [Int32], levels: Int) {
        if levels <= maxNativeLevels { return (Array(0..<Int32(levels)), max(levels, 1)) }
        var counts = [Int](repeating: 0, count: levels)
        for r in rows where codes[r] >= 0 { counts[Int(codes[r])] += 1 }
        let order = (0..<levels).sorted { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        var map = [Int32](repeating: Int32(maxNativeLevels - 1), count: levels)
        for (rank, l) in order.prefix(maxNativeLevels - 1).enumerated() { map[l] = Int32(rank) }
        return (map, maxNativeLevels)
    }

    /// The numeric kind (range of present values) of a freshly appended column.
    static func numericKind(_ column: ArraySlice<Double>) -> FeatureSchema.Feature.Kind {
        var lo = Double.infinity, hi = -Double.infinity
        for v in column where !v.isNaN {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        return lo <= hi ? .numeric(min: lo, max: hi) : .numeric(min: .nan, max: .nan)
    }
}
