@_spi(Fuzzing) import SiftCore
import FuzzSupport
import SiftLanguage
import SiftRender

/// A small fixed table: numeric, integer, categorical and boolean params, two metrics, missing cells,
/// NaN and infinities, a constant column, a one-value param, and a param spanning ±1e308 (with both
/// zeros and a subnormal).
let fixedCSV = """
name,state,learning_rate,batch_size,optimizer,use_bn,dropout,constant,one_value,wide,val_loss,val_acc
r01,finished,0.001,32,adam,true,0.1,5,x,-1e308,0.52,0.81
r02,finished,0.01,64,sgd,false,0.2,5,x,1e308,0.61,0.77
r03,failed,0.1,128,adam,true,,5,x,-0.0,NaN,0.10
r04,finished,0.0005,32,rmsprop,false,0.3,5,x,0,0.48,0.84
r05,finished,0.002,64,adam,true,0.5,5,x,1e308,0.55,0.80
r06,running,0.02,128,sgd,,0.1,5,x,-1e308,inf,
r07,finished,0.005,32,adam,false,0.0,5,x,7,0.50,0.82
r08,finished,0.05,64,rmsprop,true,0.4,5,x,,0.70,0.70
r09,finished,0.0001,256,sgd,false,0.2,5,x,-0.0,-inf,0.75
r10,finished,0.003,32,adam,true,0.3,5,x,1e-320,0.49,0.83
r11,crashed,,64,,true,0.1,5,x,3,,
r12,finished,0.008,128,adam,false,0.25,5,x,-1e308,0.53,0.79

"""

/// Loaded once: every input runs against a fresh interpreter holding these runs.
let fixedTable: RunTable? = try? FuzzingEntryPoints.loadCSV(Array(fixedCSV.utf8), name: "fixed.csv")

/// Statements that reach the file system (`load`, `source`, `export`) or could make an input slow for
/// the fuzzer's sake only (more than 5 trees, threads) are not run.
func allowed(_ script: Script) -> Bool {
    for statement in script.statements {
        switch statement.kind {
        case .load, .source, .export:
            return false
        case .importance(_, let clauses), .suggest(_, let clauses):
            if let trees = clauses.trees, trees.value > 5 { return false }
        case .set(let option, let value, _):
            if option.text.lowercased() == "threads" { return false }
            if option.text.lowercased() == "trees", case .number(let n) = value, n > 5 { return false }
        default:
            break
        }
    }
    return true
}

/// Runs the input as a script (keep going past errors) on the fixed table, rendering every result.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let table = fixedTable else { fatalError("the fixed table does not load") }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard allowed(Parser.parse(text).script) else { return -1 }  // -1: not added to the corpus
    let interpreter = Interpreter(options: SessionOptions(seed: 1, trees: 5, threads: 1))
    interpreter.add(table)
    interpreter.run(text, file: "fuzz.sift", keepGoing: true) { event in
        switch event {
        case .output(let output):
            _ = Renderer.render(output, format: .text, options: RenderOptions(width: 60))
            _ = Renderer.render(output, format: .json, options: RenderOptions())
        case .error(let diagnostic):
            _ = diagnostic.rendered()
        default:
            break
        }
    }
    return 0
}

@_cdecl("FuzzInterpreter_main")
func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv, fuzzInterpreter)
}
