import Foundation
import SiftCore

/// One plotted dimension: linear, log10, or categorical; maps values to 0…1 (0 is the bottom or left).
struct Axis: Sendable {
    enum Kind: Sendable {
        case linear(Double, Double)
        case log(Double, Double)
        case categorical([String])
    }

    let name: String
    let kind: Kind

    /// An axis for `column` over `rows`; `log` asks for log10 when every present value is positive.
    init(name: String, column: Column, rows: [Int], log: Bool) {
        self.name = name
        switch column.kind {
        case .numeric:
            var lo = Double.infinity, hi = -Double.infinity
            var positive = true
            for r in rows {
                guard let x = column[r].number, x.isFinite else { continue }
                lo = min(lo, x)
                hi = max(hi, x)
                if x <= 0 { positive = false }
            }
            if !lo.isFinite {
                lo = 0
                hi = 1
            }
            if log && positive && lo > 0 {
                var a = log10(lo), b = log10(hi)
                if a == b { a -= 0.5; b += 0.5 }
                kind = .log(a, b)
            } else {
                if lo == hi {
                    let pad = lo == 0 ? 0.5 : abs(lo) * 0.1
                    lo -= pad
                    hi += pad
                }
                kind = .linear(lo, hi)
            }
        case .categorical, .boolean:
            var seen = Set<String>()
            for r in rows { if let s = Axis.label(column[r]) { seen.insert(s) } }
            let ordered = column.levels.filter { seen.contains($0) }
            kind = .categorical(ordered.isEmpty ? ["–"] : ordered)
        }
    }

    /// The text of a categorical cell.
    static func label(_ v: Value) -> String? {
        switch v {
        case .missing: return nil
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .number(let x): return NumberFormat.human(x)
        }
    }

    /// Whether the axis is categorical.
    var isCategorical: Bool {
        if case .categorical = kind { return true }
        return false
    }

    /// The width of one category band in 0…1 (1 for continuous axes).
    var band: Double {
        if case .categorical(let levels) = kind { return 1 / Double(levels.count) }
        return 1
    }

    /// `v` on the axis in 0…1, nil when missing or not placeable (NaN, or ≤ 0 on a log axis).
    func position(_ v: Value) -> Double? {
        switch kind {
        case .linear(let lo, let hi):
            guard let x = v.number, x.isFinite else { return nil }
            return (x - lo) / (hi - lo)
        case .log(let lo, let hi):
            guard let x = v.number, x.isFinite, x > 0 else { return nil }
            return (log10(x) - lo) / (hi - lo)
        case .categorical(let levels):
            guard let s = Axis.label(v), let i = levels.firstIndex(of: s) else { return nil }
            return (Double(i) + 0.5) / Double(levels.count)
        }
    }

    /// Tick positions (0…1) and labels.
    func ticks() -> [(Double, String)] {
        switch kind {
        case .linear(let lo, let hi):
            let step = Axis.niceStep((hi - lo) / 4)
            var out: [(Double, String)] = []
            var t = (lo / step).rounded(.up) * step
            while t <= hi + step * 1e-9, out.count < 12 {
                out.append(((t - lo) / (hi - lo), NumberFormat.human(abs(t) < step * 1e-9 ? 0 : t)))
                t += step
            }
            return out
        case .log(let lo, let hi):
            var out: [(Double, String)] = []
            var e = lo.rounded(.up)
            while e <= hi + 1e-9 {
                out.append(((e - lo) / (hi - lo), NumberFormat.human(pow(10, e))))
                e += 1
            }
            if out.count < 2 {
                out = [(0, NumberFormat.human(pow(10, lo))), (1, NumberFormat.human(pow(10, hi)))]
            }
            return out
        case .categorical(let levels):
            return levels.enumerated().map { ((Double($0) + 0.5) / Double(levels.count), $1) }
        }
    }

    /// 1, 2 or 5 times a power of ten, at least `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw > 0, raw.isFinite else { return 1 }
        let p = pow(10, floor(log10(raw)))
        for m in [1.0, 2, 5, 10] where m * p >= raw { return m * p }
        return 10 * p
    }
}
