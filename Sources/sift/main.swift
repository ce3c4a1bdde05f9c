import Foundation
import SiftLanguage
import SiftRender
import SiftCore

// Placeholder front end; the real one (ArgumentParser, libedit REPL, batch mode) replaces it.
let interpreter = Interpreter()
var failed = false
for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path), let source = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write("sift: cannot read \(path)\n".data(using: .utf8)!)
        exit(2)
    }
    interpreter.run(source, file: path) { event in
        switch event {
        case .output(let o): print(Renderer.render(o, format: .text, options: RenderOptions()), terminator: "")
        case .error(let d): FileHandle.standardError.write(d.rendered().data(using: .utf8)!); failed = true
        default: break
        }
    }
}
exit(failed ? 1 : 0)
