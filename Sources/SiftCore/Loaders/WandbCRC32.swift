/// The CRC-32 that W&B's transaction log puts in front of every chunk.
///
/// It is the plain IEEE 802.3 CRC-32 (reflected polynomial 0xEDB88320, the one zlib's `crc32` computes),
/// taken over the chunk's type byte followed by its payload, and stored little-endian **without**
/// LevelDB's masking. (LevelDB itself uses a masked CRC-32C; W&B's Python writer used `zlib.crc32`
/// seeded with the type byte, and wandb-core keeps that with `CRCAlgoIEEE`.)
struct WandbCRC32: Sendable {
    private let table: [UInt32]

    /// Builds the 256-entry lookup table.
    init() {
        var t = [UInt32](repeating: 0, count: 256)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? (0xEDB8_8320 ^ (c >> 1)) : (c >> 1) }
            t[i] = c
        }
        table = t
    }

    /// The checksum of `type` followed by `bytes[range]`.
    func checksum(type: UInt8, _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        c = table[Int((c ^ UInt32(type)) & 0xFF)] ^ (c >> 8)
        for i in range {
            c = table[Int((c ^ UInt32(bytes[i])) & 0xFF)] ^ (c >> 8)
        }
        return c ^ 0xFFFF_FFFF
    }
}
