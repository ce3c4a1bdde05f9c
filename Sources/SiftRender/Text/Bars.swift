/// Horizontal bars drawn in text cells.
enum Bars {
    /// A left-aligned bar of `fraction` (0…1) of `width` cells, in eighths with Unicode and halves in ASCII,
    /// padded to `width`. `faint` draws whole cells with the faint glyph (params under the noise baseline).
    static func importance(_ fraction: Double, width: Int, glyphs: Glyphs, faint: Bool) -> [Character] {
        var cells = Array(repeating: Character(" "), count: width)
        guard width > 0, fraction.isFinite, fraction > 0 else { return cells }
        let f = min(1, fraction)
        if faint {
            let n = max(1, Int((f * Double(width)).rounded()))
            for i in 0..<min(n, width) { cells[i] = glyphs.faint }
            return cells
        }
        let eighths = Int((f * Double(width) * 8).rounded())
        let whole = min(width, eighths / 8)
        for i in 0..<whole { cells[i] = glyphs.full }
        let rest = eighths % 8
        if whole < width, rest > 0 {
            cells[whole] = glyphs.eighths[rest - 1]
        } else if whole == 0 {
            cells[0] = glyphs.eighths[0]
        }
        return cells
    }

    /// A correlation bar around a centre line: `r` < 0 grows left, `r` > 0 right, in half cells.
    /// Returns the cells and the range of indexes holding the bar (for colouring).
    static func signed(_ r: Double, width: Int, glyphs: Glyphs) -> (cells: [Character], bar: Range<Int>) {
        let half = max(1, (width - 1) / 2)
        let total = half * 2 + 1
        var cells = Array(repeating: Character(" "), count: total)
        cells[half] = glyphs.centre
        guard r.isFinite, r != 0 else { return (cells, half..<half) }
        let halves = min(half * 2, Int((abs(r) * Double(half) * 2).rounded()))
        let whole = halves / 2
        let partial = halves % 2 == 1
        if r > 0 {
            for i in 0..<whole { cells[half + 1 + i] = glyphs.positive }
            if partial { cells[half + 1 + whole] = glyphs.leftHalf }
            let end = half + 1 + whole + (partial ? 1 : 0)
            return (cells, (half + 1)..<end)
        } else {
            for i in 0..<whole { cells[half - 1 - i] = glyphs.negative }
            if partial { cells[half - 1 - whole] = glyphs.rightHalf }
            let start = half - whole - (partial ? 1 : 0)
            return (cells, start..<half)
        }
    }
}
