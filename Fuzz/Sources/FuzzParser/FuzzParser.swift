import FuzzSupport
import SiftLanguage

/// Lexes and parses the input as a sift script, checks completeness and asks for completions at its end.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParser(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let (script, problems) = Parser.parse(text)
    for p in problems { _ = String(describing: p) }
    _ = script.statements.count
    let interpreter = Interpreter()
    _ = interpreter.isComplete(text)
    _ = interpreter.completions(line: text, cursor: text.utf8.count)
    _ = interpreter.completions(line: text, cursor: text.utf8.count / 2)
    return 0
}

@_cdecl("FuzzParser_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzParser)
}
