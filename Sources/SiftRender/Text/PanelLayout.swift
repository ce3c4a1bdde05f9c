import SiftCore

/// Column widths of the terminal panel, shared by every panel of a `group by` so they line up.
struct PanelLayout: Sendable {
    var name: Int
    /// `log` flag column (0 when no param is on log scale).
    var flag: Int
    var importanceBar: Int
    /// Interval column (0 when dropped for lack of width).
    var interval: Int
    var correlationBar: Int
    var n: Int
    /// The importance a full bar stands for.
    var scale: Double

    static let number = 5
    static let intervalWidth = 11

    /// Widths for `panels` in `width` columns.
    init(panels: [ImportancePanel], width: Int) {
        let labels = panels.flatMap { p in
            p.params.flatMap { param in [param.name] + (param.values ?? []).map { "  \(param.name)=\($0.value)" } }
        }
        let longest = max(5, labels.map(DisplayWidth.of).max() ?? 5)
        let flag = panels.contains { $0.params.contains(where: \.logScale) } ? 3 : 0
        self.flag = flag
        let maxN = panels.flatMap { p in
            p.params.flatMap { [$0.n] + ($0.values ?? []).map(\.correlation.n) }
        }.max() ?? 0
        let n = max(1, String(maxN).count)
        self.n = n
        let total = max(40, width)
        func fixed(interval: Int) -> Int {
            1 + (flag > 0 ? flag + 1 : 0) + Self.number + 1 + 1 + (interval > 0 ? interval + 2 : 1) + 1
                + Self.number + 1 + n
        }
        var room = total - fixed(interval: Self.intervalWidth)
        if room < 40 {
            interval = 0
            room = total - fixed(interval: 0)
        } else {
            interval = Self.intervalWidth
        }
        let nameCap = max(14, room * 34 / 100)
        name = min(longest, nameCap)
        let rest = max(16, room - name)
        var corr = min(31, rest * 9 / 20)
        if corr % 2 == 0 { corr -= 1 }
        correlationBar = max(7, corr)
        importanceBar = max(8, min(40, rest - correlationBar))
        let top = panels.flatMap { p in p.params.map(\.importance) + [p.noiseImportance ?? 0] }
            .filter(\.isFinite).max() ?? 0
        scale = top > 0 ? top : 1
    }
}
