@_spi(Fuzzing) import SiftCore
import FuzzSupport

/// Reads the input three ways: as a raw W&B transaction log (header, chunks, checksums), as one protobuf
/// record, and as length-prefixed records (`[n: 1 byte][n bytes]`…) wrapped into a valid log and replayed
/// the way the loader replays `run-<id>.wandb` (protobuf, JSON values, key paths).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWandbLog(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    _ = try? FuzzingEntryPoints.readWandbLog(bytes)
    _ = FuzzingEntryPoints.decodeWandbRecord(bytes)
    var records: [[UInt8]] = []
    var i = 0
    while i < bytes.count {
        let n = Int(bytes[i])
        let end = min(bytes.count, i + 1 + n)
        records.append(Array(bytes[(i + 1)..<end]))
        i = end
    }
    try? FuzzingEntryPoints.replayWandbLog(FuzzingEntryPoints.wandbLog(records: records))
    return 0
}

@_cdecl("FuzzWandbLog_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzWandbLog)
}
