import SiftCore

/// Colours runs by the rank of their metric (so a few outliers do not wash the rest into one colour),
/// the best runs brightest whatever the goal.
struct MetricColors: Sendable {
    /// The finite metric values, ascending.
    let sorted: [Double]
    let lowerIsBetter: Bool

    var lo: Double { sorted.first ?? 0 }
    var hi: Double { sorted.last ?? 1 }

    /// The scale over the finite values among `values`.
    init(values: [Double], goal: Goal?) {
        sorted = values.filter(\.isFinite).sorted()
        lowerIsBetter = goal == .minimize
    }

    /// 0 worst … 1 best: the mid-rank of `x` among the values (ties share one rank).
    func goodness(_ x: Double) -> Double {
        guard sorted.count > 1, hi > lo else { return 0.5 }
        let below = lowerBound(x), notAbove = upperBound(x)
        let rank = (Double(below) + Double(max(below, notAbove - 1))) / 2
        let t = min(1, max(0, rank / Double(sorted.count - 1)))
        return lowerIsBetter ? 1 - t : t
    }

    private func lowerBound(_ x: Double) -> Int {
        var a = 0, b = sorted.count
        while a < b {
            let m = (a + b) / 2
            if sorted[m] < x { a = m + 1 } else { b = m }
        }
        return a
    }

    private func upperBound(_ x: Double) -> Int {
        var a = 0, b = sorted.count
        while a < b {
            let m = (a + b) / 2
            if sorted[m] <= x { a = m + 1 } else { b = m }
        }
        return a
    }

    /// The colour of a run with metric `x`.
    func color(_ x: Double) -> String { Palette.color(goodness(x)) }

    /// A horizontal colour bar with the worst, median and best values written under it.
    func legend(metric: String, width: Double) -> String {
        let id = "ramp"
        var stops = ""
        for i in 0...10 {
            let t = Double(i) / 10
            stops += "<stop offset=\"\(SVG.n(t))\" stop-color=\"\(Palette.color(t))\"/>"
        }
        let worst = lowerIsBetter ? hi : lo, best = lowerIsBetter ? lo : hi
        let median = sorted.isEmpty ? 0 : sorted[sorted.count / 2]
        return "<svg class=\"legend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVG.n(width)) 40\" "
            + "width=\"\(SVG.n(width))\" height=\"40\"><defs><linearGradient id=\"\(id)\">\(stops)</linearGradient>"
            + "</defs>" + SVG.rect(0, 4, width, 12, extra: " fill=\"url(#\(id))\" rx=\"3\"")
            + SVG.text(0, 32, "worst \(NumberFormat.human(worst))", cls: "tick")
            + SVG.text(width / 2, 32, "median \(NumberFormat.human(median))", anchor: "middle", cls: "tick")
            + SVG.text(width, 32, "best \(NumberFormat.human(best))", anchor: "end", cls: "tick") + "</svg>"
    }
}
