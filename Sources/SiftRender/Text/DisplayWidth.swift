/// How many terminal columns text takes: 2 for East Asian wide and fullwidth characters and for emoji, 0 for
/// combining marks and other zero-width characters, 1 for the rest.
///
/// A small subset of `wcwidth` (Markus Kuhn's, and Unicode's UAX #11 East Asian Width, wide `W` and fullwidth
/// `F`): the blocks below cover CJK ideographs, kana, Hangul, fullwidth forms and emoji, which is what
/// column names and scripts hold in practice. Ambiguous-width characters count as 1.
public enum DisplayWidth {
    /// Columns of one character (a grapheme cluster: a base and its marks, or an emoji sequence).
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        if isWide(first) { return 2 }
        // An emoji sequence (👍🏽, 👨‍👩‍👧, ❤️) is drawn as one wide glyph.
        if scalars.contains(where: { $0.properties.isEmojiPresentation })
            || (first.properties.isEmoji && scalars.contains("\u{FE0F}")) {
            return 2
        }
        return isZeroWidth(first) ? 0 : 1
    }

    /// Columns of `text`, character by character.
    public static func of(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// East Asian wide (W) or fullwidth (F).
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F,  // Hangul Jamo initial consonants
             0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
             0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes…
             0x3400...0x4DBF,  // CJK extension A
             0x4E00...0x9FFF,  // CJK unified ideographs
             0xA000...0xA4CF,  // Yi
             0xA960...0xA97F,  // Hangul Jamo extended A
             0xAC00...0xD7A3,  // Hangul syllables
             0xF900...0xFAFF,  // CJK compatibility ideographs
             0xFE10...0xFE19,  // vertical forms
             0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
             0xFF00...0xFF60,  // fullwidth forms
             0xFFE0...0xFFE6,  // fullwidth signs
             0x1F200...0x1F2FF,  // enclosed ideographic supplement
             0x20000...0x2FFFD,  // CJK extensions B…F, compatibility supplement
             0x30000...0x3FFFD:  // CJK extension G…
            return true
        default:
            return false
        }
    }

    /// Combining marks, format characters (zero-width joiner, soft hyphen…) and controls.
    static func isZeroWidth(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return true
        default: return false
        }
    }
}
