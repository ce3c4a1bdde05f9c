import SiftCore

/// Colours runs by their metric: the best runs brightest, whatever the goal.
struct MetricColors: Sendable {
    let lo: Double
    let hi: Double
    let lowerIsBetter: Bool

    /// The scale over the finite metric values of `rows`.
    init(values: [Double], goal: Goal?) {
        let finite = values.filter(\.isFinite)
        lo = finite.min() ?? 0
        hi = finite.max() ?? 1
        lowerIsBetter = goal == .minimize
    }

    /// 0 worst … 1 best.
    func goodness(_ x: Double) -> Double {
        guard hi > lo else { return 0.5 }
        let t = (x - lo) / (hi - lo)
        return lowerIsBetter ? 1 - t : t
    }

    /// The colour of a run with metric `x`.
    func color(_ x: Double) -> String { Palette.color(goodness(x)) }

    /// A horizontal colour bar with the worst and best values written under its ends.
    func legend(metric: String, width: Double) -> String {
        let id = "ramp"
        var stops = ""
        for i in 0...10 {
            let t = Double(i) / 10
            stops += "<stop offset=\"\(SVG.n(t))\" stop-color=\"\(Palette.color(t))\"/>"
        }
        let worst = lowerIsBetter ? hi : lo, best = lowerIsBetter ? lo : hi
        return "<svg class=\"legend\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVG.n(width)) 40\" "
            + "width=\"\(SVG.n(width))\" height=\"40\"><defs><linearGradient id=\"\(id)\">\(stops)</linearGradient>"
            + "</defs>" + SVG.rect(0, 4, width, 12, extra: " fill=\"url(#\(id))\" rx=\"3\"")
            + SVG.text(0, 32, "worse: \(NumberFormat.human(worst))", cls: "tick")
            + SVG.text(width / 2, 32, metric, anchor: "middle", cls: "tick")
            + SVG.text(width, 32, "better: \(NumberFormat.human(best))", anchor: "end", cls: "tick") + "</svg>"
    }
}
