import Foundation

/// Splits a W&B transaction log (`run-<id>.wandb`) into its records, checking every checksum.
///
/// Layout (LevelDB's log format with a W&B header; see wandb-core's `pkg/leveldb/record.go`):
/// - 7 header bytes: `:W&B`, magic `0xBEE1` little-endian, version `0`;
/// - then 32 KiB blocks counted from the start of the file (the header eats the first 7 bytes of
///   block 0), each a run of chunks `[crc32 u32 LE][length u16 LE][type u8][payload]`;
///   a chunk never crosses a block; when fewer than 7 bytes are left in a block they are zero padding;
/// - types FULL (1) hold a whole record; FIRST (2), MIDDLE (3)…, LAST (4) hold one record in pieces;
/// - an all-zero chunk header at a record start means a zero-filled rest of block (skipped, as wandb-core does).
///
/// Truncation: the writer always writes whole chunks, so a file that ends **inside** a chunk
/// (header or payload) is damaged and is an error. A file that ends after a FIRST or MIDDLE chunk
/// is what a still-running run leaves on disk; the unfinished record is dropped, every complete
/// record before it is used.
struct WandbTransactionLog: Sendable {
    /// One complete record: its protobuf bytes and the file offset of its first chunk.
    struct Entry: Sendable {
        /// The record's serialized `wandb.internal.Record`.
        var payload: [UInt8]
        /// Byte offset of the record's first chunk header.
        var offset: Int
    }

    static let blockSize = 32 * 1024
    static let chunkHeaderSize = 7
    static let fileHeader: [UInt8] = [0x3A, 0x57, 0x26, 0x42, 0xE1, 0xBE, 0x00]  // ":W&B", 0xBEE1 LE, version 0

    /// Every complete record of `bytes` in order; `path` names the file in errors.
    static func entries(of bytes: [UInt8], path: String) throws(LoadError) -> [Entry] {
        guard bytes.count >= 7 else {
            throw LoadError(path: path, record: "byte 0",
                            message: "truncated header: \(bytes.count) of 7 bytes")
        }
        guard bytes[0..<4].elementsEqual(fileHeader[0..<4]) else {
            throw LoadError(path: path, record: "byte 0", message: "not a W&B transaction log (no \":W&B\" header)")
        }
        guard bytes[4] == fileHeader[4], bytes[5] == fileHeader[5] else {
            throw LoadError(path: path, record: "byte 4",
                            message: "bad header magic 0x\(hex2(bytes[5]))\(hex2(bytes[4])), expected 0xbee1")
        }
        guard bytes[6] == 0 else {
            throw LoadError(path: path, record: "byte 6",
                            message: "unsupported transaction log version \(bytes[6])",
                            hint: "this file was written by a newer wandb client than sift knows")
        }
        let crc = WandbCRC32()
        return try bytes.withUnsafeBufferPointer { (buf) throws(LoadError) -> [Entry] in
            try scan(buf, crc: crc, path: path)
        }
    }

    private static func scan(_ buf: UnsafeBufferPointer<UInt8>, crc: WandbCRC32, path: String) throws(LoadError) -> [Entry] {
        var out: [Entry] = []
        var pos = 7
        var pending: [UInt8] = []
        var pendingStart = -1  // offset of the FIRST chunk of an unfinished record, or -1
        let n = buf.count
        while pos < n {
            let left = blockSize - pos % blockSize
            if left < chunkHeaderSize {
                for i in pos..<min(pos + left, n) where buf[i] != 0 {
                    throw LoadError(path: path, record: "byte \(i)", message: "non-zero padding at the end of a block")
                }
                pos += left
                continue
            }
            guard pos + chunkHeaderSize <= n else {
                throw LoadError(path: path, record: "byte \(pos)",
                                message: "truncated chunk header: file ends \(n - pos) bytes into a 7-byte header")
            }
            let stored = UInt32(buf[pos]) | UInt32(buf[pos + 1]) << 8 | UInt32(buf[pos + 2]) << 16 | UInt32(buf[pos + 3]) << 24
            let length = Int(buf[pos + 4]) | Int(buf[pos + 5]) << 8
            let type = buf[pos + 6]
            if stored == 0 && length == 0 && type == 0 && pendingStart < 0 {
                pos += left  // zero-filled rest of block
                continue
            }
            let start = pos + chunkHeaderSize
            guard start + length <= pos + left else {
                throw LoadError(path: path, record: "byte \(pos)",
                                message: "chunk of \(length) bytes does not fit in its 32 KiB block")
            }
            guard start + length <= n else {
                throw LoadError(path: path, record: "byte \(pos)",
                                message: "truncated chunk: \(length) payload bytes announced, file ends after \(n - start)")
            }
            let computed = crc.checksum(type: type, buf, start..<(start + length))
            guard computed == stored else {
                throw LoadError(path: path, record: "byte \(pos)",
                                message: "checksum mismatch (stored 0x\(hex8(stored)), computed 0x\(hex8(computed)))",
                                hint: "the file is damaged; records before this offset are intact")
            }
            let body = buf[start..<(start + length)]
            switch type {
            case 1:
                guard pendingStart < 0 else { throw unexpected(type, at: pos, pendingStart: pendingStart, path: path) }
                out.append(Entry(payload: Array(body), offset: pos))
            case 2:
                guard pendingStart < 0 else { throw unexpected(type, at: pos, pendingStart: pendingStart, path: path) }
                pending = Array(body)
                pendingStart = pos
            case 3:
                guard pendingStart >= 0 else { throw unexpected(type, at: pos, pendingStart: pendingStart, path: path) }
                pending.append(contentsOf: body)
            case 4:
                guard pendingStart >= 0 else { throw unexpected(type, at: pos, pendingStart: pendingStart, path: path) }
                pending.append(contentsOf: body)
                out.append(Entry(payload: pending, offset: pendingStart))
                pending = []
                pendingStart = -1
            default:
                throw LoadError(path: path, record: "byte \(pos)", message: "unknown chunk type \(type)")
            }
            pos = start + length
        }
        // A record left unfinished at the end of the file: a run still writing. Dropped (see above).
        return out
    }

    private static func unexpected(_ type: UInt8, at pos: Int, pendingStart: Int, path: String) -> LoadError {
        let names: [UInt8: String] = [1: "FULL", 2: "FIRST", 3: "MIDDLE", 4: "LAST"]
        let name = names[type] ?? "\(type)"
        let why = pendingStart >= 0
            ? "record started at byte \(pendingStart) is not finished"
            : "no record was started"
        return LoadError(path: path, record: "byte \(pos)", message: "unexpected \(name) chunk: \(why)")
    }

    private static func hex2(_ b: UInt8) -> String {
        let s = String(b, radix: 16)
        return s.count < 2 ? "0" + s : s
    }

    private static func hex8(_ x: UInt32) -> String {
        let s = String(x, radix: 16)
        return String(repeating: "0", count: 8 - s.count) + s
    }
}
