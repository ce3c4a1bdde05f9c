/// In-memory entry points into the loaders' parsers for the libFuzzer targets in `Fuzz/` and for
/// regression tests: each takes bytes instead of a path, so a fuzz input costs no file I/O.
///
/// Not part of sift's API: reachable only with `@_spi(Fuzzing) import SiftCore`.
@_spi(Fuzzing)
public enum FuzzingEntryPoints {
    /// Loads `bytes` as the CSV file `name` would be loaded (a UTF-8 BOM is skipped; `.tsv` means tabs). `whole`:
    /// read whole, in one pass; else in pieces of `piece` bytes (nil: the standard size), and as two halves on
    /// two threads whatever the size when `halves` is true. Every way must give the one pass's table or error.
    public static func loadCSV(_ bytes: [UInt8], name: String = "fuzz.csv", whole: Bool = false, piece: Int? = nil,
                               halves: Bool = false) throws(LoadError) -> RunTable {
        var reading = CSVLoader.Reading.standard
        reading.inPieces = !whole
        if let piece { reading.piece = piece }
        if halves { reading.halvesFrom = 0 }
        return try CSVLoader.load(file: bytes, path: name, options: LoadOptions(), reading: reading)
    }

    /// Loads `bytes` as the JSON or JSON Lines file `name` would be loaded (`.jsonl` means JSON Lines).
    public static func loadJSON(_ bytes: [UInt8], name: String = "fuzz.json") throws(LoadError) -> RunTable {
        try JSONRunLoader.load(source: SourceBytes(file: bytes), path: name, options: LoadOptions())
    }

    /// Parses `bytes` with sift's JSON reader (W&B files, JSON loader, Optuna, Ray); true when it is valid JSON.
    public static func parseJSON(_ bytes: [UInt8]) -> Bool {
        (try? JSONReader.parse(bytes)) != nil
    }

    /// Splits `bytes` as a W&B transaction log and decodes each record; the number of records.
    public static func readWandbLog(_ bytes: [UInt8]) throws(LoadError) -> Int {
        let entries = try WandbTransactionLog.entries(of: bytes, path: "fuzz.wandb")
        for entry in entries { _ = try? WandbRecord.decode(entry.payload) }
        return entries.count
    }

    /// Decodes `bytes` as one `wandb.internal.Record` protobuf; true when it decodes.
    public static func decodeWandbRecord(_ bytes: [UInt8]) -> Bool {
        (try? WandbRecord.decode(bytes)) != nil
    }

    /// Writes `records` as a valid W&B transaction log (header, checksummed chunks split at 32 KiB blocks),
    /// so a fuzzer gets past the checksums to the protobuf and JSON decoding.
    public static func wandbLog(records: [[UInt8]]) -> [UInt8] {
        var out = WandbTransactionLog.fileHeader
        let crc = WandbCRC32()
        let header = WandbTransactionLog.chunkHeaderSize, block = WandbTransactionLog.blockSize
        for record in records {
            var start = 0
            repeat {
                var left = block - out.count % block
                if left < header {
                    out += [UInt8](repeating: 0, count: left)
                    left = block
                }
                let n = min(record.count - start, left - header)
                let first = start == 0, last = start + n == record.count
                let type: UInt8 = first && last ? 1 : first ? 2 : last ? 4 : 3
                let sum = record.withUnsafeBufferPointer { crc.checksum(type: type, $0, start..<(start + n)) }
                out += [UInt8(sum & 0xFF), UInt8(sum >> 8 & 0xFF), UInt8(sum >> 16 & 0xFF), UInt8(sum >> 24),
                        UInt8(n & 0xFF), UInt8(n >> 8), type]
                out += record[start..<(start + n)]
                start += n
            } while start < record.count
        }
        return out
    }

    /// Replays a W&B log held in memory into a run, as the loader does for `run-<id>.wandb`.
    public static func replayWandbLog(_ bytes: [UInt8]) throws(LoadError) {
        var replay = WandbReplay()
        try replay.apply(logBytes: bytes, path: "fuzz.wandb")
        var run = WandbRun(folder: "offline-run-fuzz")
        try replay.finish(into: &run)
    }
}
