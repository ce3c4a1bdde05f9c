import Foundation

/// Number formatting for people (tables, panels) and for programs (JSON, CSV).
public enum NumberFormat {
    /// A number for people: integers without decimals (`12,400`, grouped from five digits on), four
    /// significant digits otherwise (`0.003142`, `12.35`), scientific outside [0.001, 1e15) (`1.2e-4`),
    /// and `NaN`, `inf`, `-inf`.
    public static func human(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        if x == 0 { return "0" }
        let a = abs(x)
        if a < 1e-3 || a >= 1e15 { return scientific(x, significant: 3) }
        if x == x.rounded() { return grouped(String(Int64(x))) }
        let magnitude = Int(floor(log10(a)))
        let decimals = max(0, 3 - magnitude)
        var s = String(format: "%.\(decimals)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        if s == "-0" { s = "0" }
        return grouped(s)
    }

    /// `x` as `1.23e-4`: `significant` digits, trailing zeros and exponent padding removed.
    public static func scientific(_ x: Double, significant: Int) -> String {
        let raw = String(format: "%.\(max(0, significant - 1))e", x)
        guard let e = raw.firstIndex(of: "e") else { return raw }
        var mantissa = String(raw[..<e])
        if mantissa.contains(".") {
            while mantissa.hasSuffix("0") { mantissa.removeLast() }
            if mantissa.hasSuffix(".") { mantissa.removeLast() }
        }
        var exponent = String(raw[raw.index(after: e)...])
        var sign = ""
        if exponent.hasPrefix("-") { sign = "-" }
        exponent = String(exponent.drop(while: { $0 == "+" || $0 == "-" }).drop(while: { $0 == "0" }))
        if exponent.isEmpty { exponent = "0" }
        return mantissa + "e" + sign + exponent
    }

    /// `x` with exactly `decimals` decimals (`0.412`); `NaN`/`inf` spelled out.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        let s = String(format: "%.\(decimals)f", x)
        // Avoid "-0.00" for tiny negatives.
        if s.hasPrefix("-"), s.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) { return String(s.dropFirst()) }
        return s
    }

    /// `x` with a sign always (`+0.62`, `-0.08`, `0.00` for zero).
    public static func signed(_ x: Double, decimals: Int) -> String {
        let s = fixed(x, decimals: decimals)
        if s.hasPrefix("-") || x.isNaN { return s }
        if s.allSatisfy({ $0 == "0" || $0 == "." }) { return " " + s }
        return "+" + s
    }

    /// A p-value: `<1e-4` below that, else two significant digits (`0.031`, `0.5`).
    public static func pValue(_ p: Double) -> String {
        if p.isNaN { return "NaN" }
        if p < 1e-4 { return "<1e-4" }
        if p >= 0.1 { return fixed(p, decimals: 2) }
        let magnitude = Int(floor(log10(p)))
        return String(format: "%.\(1 - magnitude)f", p)
    }

    /// The shortest text that reads back as exactly `x` (JSON numbers); nil for NaN and ±inf.
    /// Whole numbers below 2^53 print without a fraction (`300`, not `300.0`).
    public static func roundTrip(_ x: Double) -> String? {
        guard x.isFinite else { return nil }
        if x == x.rounded(), abs(x) < 9_007_199_254_740_992 {
            if x == 0 { return x.sign == .minus ? "-0" : "0" }
            return String(Int64(x))
        }
        return "\(x)"
    }

    /// Inserts thousands separators into the integer part of a plain decimal (`12400.5` → `12,400.5`),
    /// only when it has five digits or more.
    static func grouped(_ s: String) -> String {
        let negative = s.hasPrefix("-")
        let body = negative ? String(s.dropFirst()) : s
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let intPart = Array(parts[0])
        guard intPart.count >= 5 else { return s }
        var out: [Character] = []
        for (i, c) in intPart.enumerated() {
            if i > 0, (intPart.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        var result = (negative ? "-" : "") + String(out)
        if parts.count > 1 { result += "." + parts[1] }
        return result
    }
}
