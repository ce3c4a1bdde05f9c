/// The one JSON parser every loader uses (W&B, JSON runs, Optuna, Ray), keeping object key order.
///
/// Accepts RFC 8259 JSON plus the `NaN`, `Infinity` and `-Infinity` tokens that Python's `json`
/// module (and so the W&B client) writes for non-finite floats.
struct JSONReader: Sendable {
    /// Where and why text is not JSON; `offset` is a byte offset into the text.
    struct Malformed: Error, Sendable {
        var offset: Int
        var message: String

        /// 1-based line and column of `offset` in `bytes` (column counts bytes).
        func location(in bytes: [UInt8]) -> (line: Int, column: Int) {
            var line = 1, col = 1
            for b in bytes.prefix(offset) {
                if b == UInt8(ascii: "\n") { line += 1; col = 1 } else { col += 1 }
            }
            return (line, col)
        }
    }

    private let b: [UInt8]
    private var i = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) { b = bytes }

    /// Parses one JSON value filling all of `bytes` (whitespace aside).
    static func parse(_ bytes: [UInt8]) throws(Malformed) -> JSONLike {
        var p = JSONReader(bytes)
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        guard p.i == bytes.count else { throw Malformed(offset: p.i, message: "unexpected text after the JSON value") }
        return v
    }

    /// Parses one JSON value held in `text`.
    static func parse(_ text: String) throws(Malformed) -> JSONLike { try parse(Array(text.utf8)) }

    private mutating func value() throws(Malformed) -> JSONLike {
        guard i < b.count else { throw Malformed(offset: i, message: "unexpected end of JSON") }
        switch b[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "N"): try literal("NaN"); return .number(.nan)
        case UInt8(ascii: "I"): try literal("Infinity"); return .number(.infinity)
        default: return .number(try number())
        }
    }

    private mutating func object() throws(Malformed) -> JSONLike {
        try enter()
        i += 1
        var pairs: [(String, JSONLike)] = []
        var places = KeyPlaces()
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "}") { i += 1; depth -= 1; return .object(pairs) }
        while true {
            skipSpace()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw Malformed(offset: i, message: "expected a string key") }
            let start = i + 1
            let key = try string()
            // The key's hash, from its bytes when it had no escape (its text is then those bytes).
            let hash = i - 1 - start == key.utf8.count
                ? b.withUnsafeBufferPointer { KeyPlaces.hash(UnsafeBufferPointer(rebasing: $0[start..<(i - 1)])) }
                : KeyPlaces.hash(key)
            skipSpace()
            try expect(":")
            skipSpace()
            let v = try value()
            // A repeated key keeps its first place and its last value.
            if let k = places.find(key, hash: hash, in: pairs) { pairs[k].1 = v } else { pairs.append((key, v)) }
            skipSpace()
            guard i < b.count else { throw Malformed(offset: i, message: "unterminated object") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            try expect("}")
            depth -= 1
            return .object(pairs)
        }
    }

    private mutating func array() throws(Malformed) -> JSONLike {
        try enter()
        i += 1
        var items: [JSONLike] = []
        skipSpace()
        if i < b.count, b[i] == UInt8(ascii: "]") { i += 1; depth -= 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < b.count else { throw Malformed(offset: i, message: "unterminated array") }
            if b[i] == UInt8(ascii: ",") { i += 1; continue }
            try expect("]")
            depth -= 1
            return .array(items)
        }
    }

    private mutating func enter() throws(Malformed) {
        depth += 1
        guard depth <= 512 else { throw Malformed(offset: i, message: "nesting deeper than 512 levels") }
    }

    private mutating func string() throws(Malformed) -> String {
        let open = i
        i += 1
        // Most strings hold no escape: made straight from the bytes (checked as UTF-8 unless all ASCII).
        var end = i
        var ascii = true
        while end < b.count {
            let c = b[end]
            if c == 0x22 || c == 0x5C || c < 0x20 { break }
            if c >= 0x80 { ascii = false }
            end += 1
        }
        if end < b.count, b[end] == 0x22 {
            let text: String? = b.withUnsafeBufferPointer { all in
                let bytes = UnsafeBufferPointer(rebasing: all[i..<end])
                return ascii ? String(decoding: bytes, as: UTF8.self) : String(validating: bytes, as: UTF8.self)
            }
            guard let text else { throw Malformed(offset: open, message: "string is not valid UTF-8") }
            i = end + 1
            return text
        }
        var out: [UInt8] = []
        while i < b.count {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw Malformed(offset: open, message: "string is not valid UTF-8")
                }
                return s
            case UInt8(ascii: "\\"):
                guard i + 1 < b.count else { throw Malformed(offset: open, message: "unterminated string") }
                let e = b[i + 1]
                i += 2
                switch e {
                case UInt8(ascii: "\""): out.append(0x22)
                case UInt8(ascii: "\\"): out.append(0x5C)
                case UInt8(ascii: "/"): out.append(0x2F)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"): out.append(contentsOf: try unicodeEscape())
                default: throw Malformed(offset: i - 2, message: "bad escape in string")
                }
            case 0..<0x20:
                throw Malformed(offset: i, message: "control character in string")
            default:
                out.append(c)
                i += 1
            }
        }
        throw Malformed(offset: open, message: "unterminated string")
    }

    /// Reads the hex digits after `\u` (and a following low surrogate) and returns UTF-8 bytes.
    private mutating func unicodeEscape() throws(Malformed) -> [UInt8] {
        let at = i - 2
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            guard i + 1 < b.count, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                throw Malformed(offset: at, message: "unpaired surrogate in string")
            }
            i += 2
            let low = try hex4()
            guard (0xDC00..<0xE000).contains(low) else { throw Malformed(offset: at, message: "unpaired surrogate in string") }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let u = Unicode.Scalar(scalar) else { throw Malformed(offset: at, message: "unpaired surrogate in string") }
        return Array(String(Character(u)).utf8)
    }

    private mutating func hex4() throws(Malformed) -> UInt32 {
        guard i + 4 <= b.count else { throw Malformed(offset: i, message: "short \\u escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = b[i]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw Malformed(offset: i, message: "bad hex digit in \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    private mutating func number() throws(Malformed) -> Double {
        let start = i
        if i < b.count, b[i] == UInt8(ascii: "-") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "I") { try literal("Infinity"); return -.infinity }
        }
        var digits = 0
        while i < b.count, isNumberByte(b[i]) { i += 1; digits += 1 }
        // A strict JSON number is a decimal form, which `CSVNumberParser` reads exactly as `Double(String)`.
        guard digits > 0, strictJSONNumber(b[start..<i]),
              let x = b.withUnsafeBufferPointer({ CSVNumberParser.parse($0.baseAddress! + start, i - start) }) else {
            throw Malformed(offset: start, message: "expected a JSON value")
        }
        return x
    }

    private func isNumberByte(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
             UInt8(ascii: "+"), UInt8(ascii: "-"):
            return true
        default:
            return false
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    private func strictJSONNumber(_ s: ArraySlice<UInt8>) -> Bool {
        var k = s.startIndex
        func digit(_ at: Int) -> Bool { at < s.endIndex && s[at] >= 0x30 && s[at] <= 0x39 }
        if k < s.endIndex, s[k] == UInt8(ascii: "-") { k += 1 }
        guard digit(k) else { return false }
        if s[k] == 0x30 { k += 1 } else { while digit(k) { k += 1 } }
        if k < s.endIndex, s[k] == UInt8(ascii: ".") {
            k += 1
            guard digit(k) else { return false }
            while digit(k) { k += 1 }
        }
        if k < s.endIndex, s[k] == UInt8(ascii: "e") || s[k] == UInt8(ascii: "E") {
            k += 1
            if k < s.endIndex, s[k] == UInt8(ascii: "+") || s[k] == UInt8(ascii: "-") { k += 1 }
            guard digit(k) else { return false }
            while digit(k) { k += 1 }
        }
        return k == s.endIndex
    }

    private mutating func literal(_ word: StaticString) throws(Malformed) {
        let n = word.utf8CodeUnitCount
        let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
        guard i + n <= b.count, b[i..<(i + n)].elementsEqual(w) else {
            throw Malformed(offset: i, message: "expected a JSON value")
        }
        i += n
    }

    private mutating func expect(_ c: Unicode.Scalar) throws(Malformed) {
        guard i < b.count, b[i] == UInt8(ascii: c) else { throw Malformed(offset: i, message: "expected \"\(c)\"") }
        i += 1
    }

    private mutating func skipSpace() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }
}

/// Finds a key among an object's pairs read so far: by comparing each while there are few, then through an
/// open-addressing table of the keys' FNV-1a hashes (cheaper than `Hasher` for short keys), built on first need.
private struct KeyPlaces {
    /// Index into the pairs per slot; -1: empty. Empty until the object has `linearUpTo` pairs.
    private var slots: [Int32] = []
    /// Each pair's hash, kept to rebuild the table as it grows.
    private var hashes: [UInt64] = []
    private static let linearUpTo = 8

    /// FNV-1a of a key's UTF-8 bytes.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    static func hash(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { hash($0) }
    }

    /// The place of `key` (whose hash is `hash`) in `pairs`, or nil; a nil answer records `key` at
    /// `pairs.count`, where the caller appends it.
    mutating func find(_ key: String, hash: UInt64, in pairs: [(String, JSONLike)]) -> Int? {
        if pairs.count < Self.linearUpTo {
            if let k = pairs.firstIndex(where: { $0.0 == key }) { return k }
            hashes.append(hash)
            return nil
        }
        if 2 * (pairs.count + 1) > slots.count {
            slots = [Int32](repeating: -1, count: max(64, slots.count * 2))
            let mask = slots.count - 1
            for k in pairs.indices {
                var slot = Int(truncatingIfNeeded: hashes[k]) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = Int32(k)
            }
        }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let k = Int(slots[slot])
            if hashes[k] == hash && pairs[k].0 == key { return k }
            slot = (slot + 1) & mask
        }
        slots[slot] = Int32(pairs.count)
        hashes.append(hash)
        return nil
    }
}
