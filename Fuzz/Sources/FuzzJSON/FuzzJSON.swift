@_spi(Fuzzing) import SiftCore
import FuzzSupport

/// Loads the input as a JSON and as a JSON Lines run file from memory, and parses it with the JSON reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSON(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    _ = try? FuzzingEntryPoints.loadJSON(bytes)
    _ = try? FuzzingEntryPoints.loadJSON(bytes, name: "fuzz.jsonl")
    _ = FuzzingEntryPoints.parseJSON(bytes)
    return 0
}

@_cdecl("FuzzJSON_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzJSON)
}
