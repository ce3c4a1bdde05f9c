/// One CSV column being read: numbers straight from bytes until the first cell that is not a number,
/// then every distinct text interned once and typed once when the column is built.
///
/// The typing rule is `ColumnBuilder`'s (all numbers → numeric; all booleans → boolean; otherwise
/// categorical, numbers spelled plainly, `mixed` when numbers or booleans met strings), so a CSV column
/// and the same values given one by one settle on the same type.
struct CSVColumnAccumulator {
    /// Numbers read so far; a missing cell holds `missingMark`, a NaN bit pattern parsing never yields.
    private var numbers: [Double] = []
    private var whole = true
    private var present = false
    private var isText = false
    private var codes: [Int32] = []
    private var interner = ByteInterner()

    /// Starts an empty column, with room for about `capacity` cells.
    init(capacity: Int) {
        numbers.reserveCapacity(capacity)
    }

    /// A signalling-NaN payload standing for a missing cell while the column is numeric.
    private static let missingMark = Double(bitPattern: 0x7FF4_DEAD_0000_0001)

    @inline(__always)
    private static func isMissingMark(_ x: Double) -> Bool { x.bitPattern == 0x7FF4_DEAD_0000_0001 }

    /// Appends the cell spelled by `count` bytes at `p` (`escaped`: doubled quotes to undo).
    @inline(__always)
    mutating func add(_ p: UnsafePointer<UInt8>, _ count: Int, escaped: Bool, scratch: inout [UInt8]) {
        if !isText {
            if count == 0 {
                numbers.append(Self.missingMark)
                return
            }
            if !escaped, var x = CSVNumberParser.parse(p, count) {
                if x.isNaN { x = .nan }  // one NaN, never the missing mark
                numbers.append(x)
                present = true
                if whole && !(x.isFinite && x.rounded(.towardZero) == x) { whole = false }
                return
            }
            switchToText()
        }
        if count == 0 {
            codes.append(-1)
        } else if escaped {
            CSVColumnAccumulator.unescape(UnsafeBufferPointer(start: p, count: count), into: &scratch)
            codes.append(scratch.withUnsafeBufferPointer { interner.intern($0) })
        } else {
            codes.append(interner.intern(UnsafeBufferPointer(start: p, count: count)))
        }
    }

    /// Makes room for `cells` cells in all, so the column is not copied as it grows.
    mutating func reserve(_ cells: Int) {
        if isText { codes.reserveCapacity(cells) } else { numbers.reserveCapacity(cells) }
    }

    /// Whether `append(other)` can join the two: not when this column turned to text while `other` read
    /// only numbers, which the column would have kept as written ("1.50"), but `other` kept only their values.
    func canAppend(_ other: CSVColumnAccumulator) -> Bool { !(isText && !other.isText && other.present) }

    /// Appends the cells `other` read after this column's (the second half of a file read in two halves), as
    /// if they had been added here one by one: same numbers, same texts in the same first-seen order.
    /// `canAppend(other)` must hold.
    mutating func append(_ other: CSVColumnAccumulator) {
        precondition(canAppend(other), "the second half's numbers lost their spelling")
        if !isText && !other.isText {
            numbers += other.numbers
            whole = whole && other.whole
            present = present || other.present
            return
        }
        if isText && !other.isText {
            codes += repeatElement(-1, count: other.numbers.count)
            return
        }
        if !isText { switchToText() }
        var map = [Int32](repeating: -1, count: other.interner.count)
        for k in map.indices { map[k] = other.interner.withText(k) { interner.intern($0) } }
        codes.reserveCapacity(codes.count + other.codes.count)
        for code in other.codes { codes.append(code < 0 ? -1 : map[Int(code)]) }
    }

    /// The typed column; the cells are moved into it (not copied), leaving this accumulator empty.
    mutating func build(name: String, role: Role) -> Column {
        if !isText {
            var values = numbers
            numbers = []
            var missing = [Bool](repeating: false, count: values.count)
            for i in values.indices where Self.isMissingMark(values[i]) {
                values[i] = 0
                missing[i] = true
            }
            return Column(name: name, role: role, numbers: values, missing: missing, isInteger: whole && present)
        }
        return Self.settle(name: name, role: role, codes: codes, levels: interner.strings())
    }

    /// From here on cells are texts; the numbers read so far become their plain spelling.
    private mutating func switchToText() {
        isText = true
        codes.reserveCapacity(numbers.capacity)
        for x in numbers { codes.append(Self.isMissingMark(x) ? -1 : internNumber(x)) }
        numbers = []
    }

    private mutating func internNumber(_ x: Double) -> Int32 {
        var text = NumberFormatting.plain(x)
        return text.withUTF8 { interner.intern($0) }
    }

    /// Types interned texts by `Value.infer(fromText:)` and makes the column.
    static func settle(name: String, role: Role, codes: [Int32], levels: [String]) -> Column {
        let values = levels.map { Value.infer(fromText: Substring($0)) }
        var sawNumber = false, sawString = false, sawBool = false
        for v in values {
            switch v {
            case .number: sawNumber = true
            case .string: sawString = true
            case .bool: sawBool = true
            case .missing: break
            }
        }
        let onlyMarkers = sawString && values.allSatisfy { $0.string.map(MissingMarkers.contains) ?? true }
        switch CellTyping.settle(number: sawNumber, bool: sawBool, string: sawString, onlyMarkers: onlyMarkers) {
        case .numeric:
            // Texts of numbers ("1.50") and missing markers back to numbers and missing cells.
            var whole = true
            var numbers = [Double](repeating: 0, count: codes.count)
            var missing = [Bool](repeating: true, count: codes.count)
            for (i, c) in codes.enumerated() where c >= 0 {
                guard let x = values[Int(c)].number else { continue }
                numbers[i] = x
                missing[i] = false
                if whole && !(x.isFinite && x.rounded(.towardZero) == x) { whole = false }
            }
            return Column(name: name, role: role, numbers: numbers, missing: missing, isInteger: whole)
        case .boolean:
            let flags: [Int8] = values.map { v in
                if case .bool(let b) = v { return b ? 1 : 0 }
                return -1
            }
            return Column(name: name, role: role, booleans: codes.map { $0 < 0 ? -1 : flags[Int($0)] })
        case .categorical(let mixed):
            if !mixed {
                return Column(name: name, role: role, codes: codes, levels: levels, mixed: false)
            }
        }
        // Several texts may share one label ("1.0" and "1"): labels keep first-appearance order.
        var labelIndex: [String: Int32] = [:]
        var labels: [String] = []
        var remap: [Int32] = []
        remap.reserveCapacity(values.count)
        for v in values {
            let label = v.categoryLabel ?? ""
            if let c = labelIndex[label] {
                remap.append(c)
            } else {
                let c = Int32(labels.count)
                labelIndex[label] = c
                labels.append(label)
                remap.append(c)
            }
        }
        let mapped = codes.map { $0 < 0 ? -1 : remap[Int($0)] }
        return Column(name: name, role: role, codes: mapped, levels: labels, mixed: sawString && (sawNumber || sawBool))
    }

    /// Copies a quoted field's text with each doubled quote made single.
    static func unescape(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.removeAll(keepingCapacity: true)
        var i = 0
        while i < text.count {
            let c = text[i]
            out.append(c)
            i += (c == 0x22 && i + 1 < text.count && text[i + 1] == 0x22) ? 2 : 1
        }
    }
}

/// Distinct byte strings, numbered in first-seen order (an open-addressing hash table over one byte store).
struct ByteInterner {
    private var storage: [UInt8] = []
    private var offsets: [Int] = [0]
    private var hashes: [UInt64] = []
    private var table: [Int32] = Array(repeating: -1, count: 64)

    /// The number of distinct texts.
    var count: Int { hashes.count }

    /// The number of `text`, adding it when new.
    mutating func intern(_ text: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Self.hash(text)
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let k = table[slot]
            if k < 0 { break }
            if hashes[Int(k)] == h && equals(Int(k), text) { return k }
            slot = (slot + 1) & mask
        }
        let k = Int32(hashes.count)
        hashes.append(h)
        storage.append(contentsOf: text)
        offsets.append(storage.count)
        table[slot] = k
        if hashes.count * 2 > table.count { grow() }
        return k
    }

    /// Calls `body` with the bytes of text number `k`.
    func withText<R>(_ k: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        storage.withUnsafeBufferPointer { s in body(UnsafeBufferPointer(rebasing: s[offsets[k]..<offsets[k + 1]])) }
    }

    /// The texts as Strings, by number. The bytes must be valid UTF-8 (the loader checked them).
    func strings() -> [String] {
        storage.withUnsafeBufferPointer { s in
            (0..<count).map { k in
                String(decoding: UnsafeBufferPointer(rebasing: s[offsets[k]..<offsets[k + 1]]), as: UTF8.self)
            }
        }
    }

    private func equals(_ k: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = offsets[k], end = offsets[k + 1]
        guard end - start == text.count else { return false }
        return storage.withUnsafeBufferPointer { s in
            var i = 0
            while i < text.count {
                if s[start + i] != text[i] { return false }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let capacity = table.count * 2
        var fresh = Array(repeating: Int32(-1), count: capacity)
        let mask = capacity - 1
        for (k, h) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: h) & mask
            while fresh[slot] >= 0 { slot = (slot + 1) & mask }
            fresh[slot] = Int32(k)
        }
        table = fresh
    }

    /// A 64-bit multiplicative hash over 8-byte words (FNV-style mixing for the tail).
    private static func hash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325 ^ UInt64(text.count)
        let raw = UnsafeRawBufferPointer(text)
        var i = 0
        while i + 8 <= text.count {
            let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            h = (h ^ word) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 29
            i += 8
        }
        while i < text.count {
            h = (h ^ UInt64(text[i])) &* 0x0000_0100_0000_01B3
            i += 1
        }
        h ^= h >> 32
        return h &* 0xD6E8_FEB8_6659_FD93
    }
}
