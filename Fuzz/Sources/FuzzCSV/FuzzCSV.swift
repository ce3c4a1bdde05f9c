@_spi(Fuzzing) import SiftCore
import FuzzSupport

/// Loads the input as a CSV file from memory, as CSV and as TSV; with a BOM in front it must give the
/// same table or error as without, and read as two halves on two threads the same as in one pass.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    let whole = summary { () throws(LoadError) in try FuzzingEntryPoints.loadCSV(bytes) }
    let bom = summary { () throws(LoadError) in try FuzzingEntryPoints.loadCSV([0xEF, 0xBB, 0xBF] + bytes) }
    let hadBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])  // then the added one is a second BOM, part of the text
    fuzzCheck(hadBOM || whole == bom || !(whole + bom).contains("rows:"), "without a BOM \(whole), with one \(bom)")
    let halves = summary { () throws(LoadError) in try FuzzingEntryPoints.loadCSV(bytes, inHalves: true) }
    fuzzCheck(whole == halves, "in one pass \(whole), in halves \(halves)")
    _ = summary { () throws(LoadError) in try FuzzingEntryPoints.loadCSV(bytes, name: "fuzz.tsv") }
    return 0
}

/// The table's shape and every cell, or the error, as text.
func summary(_ load: () throws(LoadError) -> RunTable) -> String {
    do {
        let t = try load()
        var s = "\(t.rowCount) rows:"
        for c in t.columns {
            s += " \(c.name)/\(c.role)/\(c.kind)/\(c.levels)["
            for r in 0..<t.rowCount { s += "\(c[r]);" }
            s += "]"
        }
        return s
    } catch {
        return "error: \(error)"
    }
}

@_cdecl("FuzzCSV_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzCSV)
}
