@_spi(Fuzzing) import SiftCore
import FuzzSupport

/// Loads the input as a CSV file from memory, as CSV and as TSV; with a BOM in front it must give the
/// same table or error as without. Read in pieces (the standard size, and 1 to 16 bytes chosen by the input),
/// alone and as two halves on two threads, it must give the table or error of the whole-file one pass.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = fuzzBytes(data, size)
    let whole = summary { () throws(LoadError) in try FuzzingEntryPoints.loadCSV(bytes, whole: true) }
    let bom = summary { () throws(LoadError) in try FuzzingEntryPoints.loadCSV([0xEF, 0xBB, 0xBF] + bytes, whole: true) }
    let hadBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])  // then the added one is a second BOM, part of the text
    fuzzCheck(hadBOM || whole == bom || !(whole + bom).contains("rows:"), "without a BOM \(whole), with one \(bom)")
    let small = 1 + bytes.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF } % 16
    for (piece, halves) in [(nil, false), (nil, true), (small, false), (small, true)] {
        let read = summary { () throws(LoadError) in try FuzzingEntryPoints.loadCSV(bytes, piece: piece, halves: halves) }
        fuzzCheck(whole == read, "in one pass \(whole), in pieces of \(piece ?? 0)\(halves ? " as halves" : "") \(read)")
    }
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
