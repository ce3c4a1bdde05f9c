/// A reader of the protocol-buffer wire format, just enough for the few W&B messages sift needs.
///
/// Wire format (protobuf encoding guide): each field is a varint key `(number << 3) | wireType`
/// followed by a varint (type 0), 8 bytes (1), a varint length and that many bytes (2), or 4 bytes (5).
/// Unknown fields are skipped, so newer clients' extra fields do no harm.
struct ProtoReader: Sendable {
    /// A field as read: its number and its value in raw form.
    enum Field: Sendable {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed
    }

    /// Why the bytes are not a well-formed message; `offset` is relative to the record start.
    struct Malformed: Error, Sendable {
        var offset: Int
        var message: String
    }

    private let bytes: ArraySlice<UInt8>
    private var pos: Int
    private let base: Int

    /// A reader over `bytes`; offsets in errors count from `bytes.startIndex - base`.
    init(_ bytes: ArraySlice<UInt8>, base: Int? = nil) {
        self.bytes = bytes
        self.pos = bytes.startIndex
        self.base = base ?? bytes.startIndex
    }

    /// The next field, or nil at the end of the message.
    mutating func next() throws(Malformed) -> (number: Int, field: Field)? {
        guard pos < bytes.endIndex else { return nil }
        let keyAt = pos
        let key = try varint()
        let number = Int(key >> 3)
        guard number > 0 else { throw Malformed(offset: keyAt - base, message: "field number 0") }
        switch key & 7 {
        case 0:
            return (number, .varint(try varint()))
        case 1:
            try skip(8, at: keyAt)
            return (number, .fixed)
        case 2:
            let length = try varint()
            guard length <= UInt64(bytes.endIndex - pos) else {
                throw Malformed(offset: keyAt - base, message: "field \(number) runs past the end of its message")
            }
            let start = pos
            pos += Int(length)
            return (number, .bytes(bytes[start..<pos]))
        case 5:
            try skip(4, at: keyAt)
            return (number, .fixed)
        default:
            throw Malformed(offset: keyAt - base, message: "unsupported wire type \(key & 7) for field \(number)")
        }
    }

    /// A reader for a nested message held in `slice`, keeping offsets relative to this record.
    func nested(_ slice: ArraySlice<UInt8>) -> ProtoReader { ProtoReader(slice, base: base) }

    /// The offset of `slice` from the start of the record (for error messages).
    func offset(of slice: ArraySlice<UInt8>) -> Int { slice.startIndex - base }

    private mutating func varint() throws(Malformed) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = pos
        while pos < bytes.endIndex {
            let b = bytes[pos]
            pos += 1
            guard shift < 64 else { break }
            result |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
        }
        throw Malformed(offset: start - base, message: "bad varint")
    }

    private mutating func skip(_ n: Int, at keyAt: Int) throws(Malformed) {
        guard bytes.endIndex - pos >= n else {
            throw Malformed(offset: keyAt - base, message: "fixed-size field runs past the end of its message")
        }
        pos += n
    }
}

extension ProtoReader.Field {
    /// The bytes as UTF-8 text, or nil when the field is not length-delimited or not valid UTF-8.
    var text: String? {
        guard case .bytes(let b) = self else { return nil }
        return String(validating: b, as: UTF8.self)
    }

    /// A varint read as a signed 64-bit integer (int32/int64 fields; negative int32s take 10 bytes).
    var int: Int64? {
        guard case .varint(let v) = self else { return nil }
        return Int64(bitPattern: v)
    }

    /// The raw bytes of a length-delimited field.
    var slice: ArraySlice<UInt8>? {
        guard case .bytes(let b) = self else { return nil }
        return b
    }
}
