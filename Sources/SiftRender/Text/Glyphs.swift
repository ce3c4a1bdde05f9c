/// The characters text output draws with: Unicode blocks and lines, or plain ASCII.
struct Glyphs: Sendable {
    /// Partial cells from 1/8 to 8/8 of a left-aligned block (`▏▎▍▌▋▊▉█`); ASCII has only half and full.
    let eighths: [Character]
    /// A full cell of a bar.
    let full: Character
    /// A full cell of a bar whose param stays under the noise baseline.
    let faint: Character
    /// Left half block for positive correlation bars; right half block for negative ones.
    let leftHalf: Character
    let rightHalf: Character
    /// Fill of positive and negative correlation bars.
    let positive: Character
    let negative: Character
    /// The centre line of the correlation bars.
    let centre: Character
    /// The noise-baseline marker drawn across the importance bars.
    let noise: Character
    /// A horizontal rule.
    let rule: Character
    /// Shown for a missing cell.
    let missing: String
    /// Shown where text was cut.
    let ellipsis: String
    /// Separates two ends of an interval.
    let dash: String
    /// `·` between header items.
    let dot: String
    let times: String
    let r2: String
    let eta2: String

    static let unicode = Glyphs(
        eighths: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], full: "█", faint: "░", leftHalf: "▌", rightHalf: "▐",
        positive: "█", negative: "█", centre: "│", noise: "┆", rule: "─", missing: "∅", ellipsis: "…", dash: "–",
        dot: "·", times: "×", r2: "R²", eta2: "η²")

    static let ascii = Glyphs(
        eighths: [" ", " ", " ", "=", "=", "=", "=", "#"], full: "#", faint: ".", leftHalf: "+", rightHalf: "-",
        positive: "+", negative: "-", centre: "|", noise: ":", rule: "-", missing: "NA", ellipsis: "...", dash: "-",
        dot: "|", times: "x", r2: "R2", eta2: "eta2")

    /// The glyphs `options` ask for.
    static func of(_ options: RenderOptions) -> Glyphs { options.unicode ? .unicode : .ascii }
}
