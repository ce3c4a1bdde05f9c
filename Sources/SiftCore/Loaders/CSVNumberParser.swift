#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a number straight from bytes, with the same answers as `NumberParsing.parse` but without
/// making a `String` per cell.
///
/// Decimal forms `[+-]digits[.digits][e[+-]digits]` are read here: exactly (Clinger's fast path:
/// an integer mantissa below 2^53 times an exact power of ten up to 1e22 rounds once) or, for longer
/// mantissas, by `strtod` on a small stack buffer. `nan`, `inf` and `infinity` (any case, optional sign)
/// are recognised directly. Anything else that could still be a number goes to `NumberParsing.parse`,
/// so both always agree.
enum CSVNumberParser {
    /// Exact powers of ten representable as Double.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    /// The number spelled by `count` bytes at `p`, or nil when they are not a number.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var start = 0, end = count
        while start < end, p[start] == 0x20 || p[start] == 0x09 { start += 1 }
        while end > start, p[end - 1] == 0x20 || p[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        var i = start
        var negative = false
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
            negative = p[i] == UInt8(ascii: "-")
            i += 1
        }
        var mantissa: UInt64 = 0
        var digits = 0          // significant digits kept in `mantissa`
        var anyDigit = false
        var exponent = 0
        var truncated = false
        while i < end, p[i] &- 0x30 < 10 {
            anyDigit = true
            if mantissa != 0, digits <= 11, i + 8 <= end, let eight = eightDigits(p + i) {
                mantissa = mantissa &* 100_000_000 &+ eight
                digits += 8
                i += 8
                continue
            }
            let d = UInt64(p[i] &- 0x30)
            if digits < 19 {
                if mantissa != 0 || d != 0 {
                    mantissa = mantissa &* 10 &+ d
                    digits += 1
                }
            } else {
                exponent += 1
                if d != 0 { truncated = true }
            }
            i += 1
        }
        if i < end, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, p[i] &- 0x30 < 10 {
                anyDigit = true
                if mantissa != 0, digits <= 11, i + 8 <= end, let eight = eightDigits(p + i) {
                    mantissa = mantissa &* 100_000_000 &+ eight
                    digits += 8
                    exponent -= 8
                    i += 8
                    continue
                }
                let d = UInt64(p[i] &- 0x30)
                if digits < 19 {
                    if mantissa != 0 || d != 0 {
                        mantissa = mantissa &* 10 &+ d
                        digits += 1
                    }
                    exponent -= 1
                } else if d != 0 {
                    truncated = true
                }
                i += 1
            }
        }
        guard anyDigit else { return special(p, start, end, negative) }
        if i < end, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < end, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < end, p[i] &- 0x30 < 10 {
                if e < 100_000 { e = e * 10 + Int(p[i] &- 0x30) }
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return fallback(p, start, end) }
            exponent += expNegative ? -e : e
        }
        guard i == end else { return fallback(p, start, end) }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            var x = Double(mantissa)
            x = exponent < 0 ? x / powersOfTen[-exponent] : x * powersOfTen[exponent]
            return negative ? -x : x
        }
        if !truncated, let x = eiselLemire(mantissa, exponent, negative) { return x }
        return viaStrtod(p, start, end)
    }

    /// `mantissa` × 10^`exponent`, correctly rounded, or nil in the rare cases the 128-bit product cannot
    /// decide the rounding (then `strtod` does). Lemire, "Number Parsing at a Gigabyte per Second"
    /// (Software: Practice and Experience, 2021), in the compact form of Go's `strconv.eiselLemire64`.
    @inline(__always)
    private static func eiselLemire(_ mantissa: UInt64, _ exponent: Int, _ negative: Bool) -> Double? {
        guard exponent >= CSVPowersOfTen.minExponent, exponent <= CSVPowersOfTen.maxExponent else { return nil }
        let zeros = mantissa.leadingZeroBitCount
        let man = mantissa << UInt64(zeros)
        var exp2 = UInt64(bitPattern: Int64((217706 * exponent) >> 16 + 64 + 1023)) &- UInt64(zeros)
        let index = 2 * (exponent - CSVPowersOfTen.minExponent)
        let table = CSVPowersOfTen.table
        var (hi, lo) = man.multipliedFullWidth(by: table[index])
        // Widen the approximation when the low bits could carry into the kept ones.
        if hi & 0x1FF == 0x1FF && lo &+ man < man {
            let (yHi, yLo) = man.multipliedFullWidth(by: table[index + 1])
            var mergedHi = hi
            let mergedLo = lo &+ yHi
            if mergedLo < lo { mergedHi &+= 1 }
            if mergedHi & 0x1FF == 0x1FF && mergedLo &+ 1 == 0 && yLo &+ man < man { return nil }
            hi = mergedHi
            lo = mergedLo
        }
        let msb = hi >> 63
        var bits = hi >> (msb + 9)
        exp2 &-= 1 ^ msb
        // A tie the truncated table cannot settle.
        if lo == 0 && hi & 0x1FF == 0 && bits & 3 == 1 { return nil }
        bits &+= bits & 1
        bits >>= 1
        if bits >> 53 > 0 {
            bits >>= 1
            exp2 &+= 1
        }
        // Subnormal, infinite or NaN results are left to strtod.
        if exp2 &- 1 >= 0x7FF - 1 { return nil }
        var pattern = exp2 << 52 | bits & 0x000F_FFFF_FFFF_FFFF
        if negative { pattern |= 1 << 63 }
        return Double(bitPattern: pattern)
    }

    /// The value of eight ASCII digits at `p`, or nil if any of them is not a digit (SWAR: one load,
    /// three multiplications; Lemire, "Fast numerical parsing", as in simdjson and fast_float).
    @inline(__always)
    private static func eightDigits(_ p: UnsafePointer<UInt8>) -> UInt64? {
        let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        guard ((word &+ 0x4646_4646_4646_4646) | (word &- 0x3030_3030_3030_3030)) & 0x8080_8080_8080_8080 == 0 else {
            return nil
        }
        var v = word &- 0x3030_3030_3030_3030
        v = v &* 10 &+ (v >> 8)
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        v = ((v & mask) &* 0x000F_4240_0000_0064 &+ ((v >> 16) & mask) &* 0x0000_2710_0000_0001) >> 32
        return v
    }

    /// `nan`, `inf`, `infinity` in any case, after an optional sign (already consumed).
    private static func special(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ negative: Bool) -> Double? {
        var i = start
        if p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") { i += 1 }
        let n = end - i
        func lower(_ k: Int) -> UInt8 { p[i + k] | 0x20 }
        if n == 3, lower(0) == UInt8(ascii: "n"), lower(1) == UInt8(ascii: "a"), lower(2) == UInt8(ascii: "n") {
            return .nan
        }
        if n == 3 || n == 8, lower(0) == UInt8(ascii: "i"), lower(1) == UInt8(ascii: "n"), lower(2) == UInt8(ascii: "f") {
            if n == 3 { return negative ? -.infinity : .infinity }
            let rest = Array("inity".utf8)
            for k in 0..<5 where lower(3 + k) != rest[k] { return fallback(p, start, end) }
            return negative ? -.infinity : .infinity
        }
        return fallback(p, start, end)
    }

    /// Long mantissas and large exponents: the C library's correctly rounded conversion.
    private static func viaStrtod(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        let n = end - start
        guard n < 128 else { return fallback(p, start, end) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 128) { buffer -> Double? in
            guard let base = buffer.baseAddress else { return fallback(p, start, end) }
            for k in 0..<n { base[k] = CChar(bitPattern: p[start + k]) }
            base[n] = 0
            var stop: UnsafeMutablePointer<CChar>? = nil
            let x = strtod(base, &stop)
            // A locale whose decimal point is not "." stops early: let Swift's parser decide then.
            guard let stop, stop == base + n else { return fallback(p, start, end) }
            return x
        }
    }

    /// Rare spellings (hex is rejected there, `nan(…)` and the like): ask `NumberParsing` itself.
    private static func fallback(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        switch p[start] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
             UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "i"), UInt8(ascii: "I"):
            let text = String(decoding: UnsafeBufferPointer(start: p + start, count: end - start), as: UTF8.self)
            return NumberParsing.parse(Substring(text))
        default:
            return nil
        }
    }
}
