import Foundation
import SiftCore
import Testing
@testable import SiftLanguage

/// The scripts in `Examples/` run end to end on the example sweep, in a copy of the folder (so `export`
/// writes there, not into the repository).
@Suite struct ExampleTests {
    static let scripts = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot().appendingPathComponent("Examples").path)
        .filter { $0.hasSuffix(".sift") }.sorted()) ?? []

    @Test func thereAreAtLeastThreeAnalysisScripts() {
        #expect(ExampleTests.scripts.count >= 4, "\(ExampleTests.scripts)")
    }

    @Test(arguments: scripts)
    func runs(_ name: String) throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("sift-examples-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let examples = packageRoot().appendingPathComponent("Examples")
        for file in try fm.contentsOfDirectory(atPath: examples.path) {
            try fm.copyItem(at: examples.appendingPathComponent(file), to: dir.appendingPathComponent(file))
        }
        let path = dir.appendingPathComponent(name).path
        var source = try String(contentsOfFile: path, encoding: .utf8)
        // Keep the suite quick in debug builds: fewer trees than the scripts ask for, same statements.
        source = source.replacingOccurrences(of: "trees 200", with: "trees 20")
            .replacingOccurrences(of: "set trees = 200", with: "set trees = 20")
        let interpreter = Interpreter(options: SessionOptions(trees: 20))
        var errors: [String] = []
        var outputs = 0
        let ok = interpreter.run(source, file: path) { event in
            switch event {
            case .error(let d): errors.append(d.rendered())
            case .output: outputs += 1
            default: break
            }
        }
        #expect(ok, "\(name):\n\(errors.joined())")
        #expect(outputs >= 3)
        if name == "triage.sift" {
            #expect(fm.fileExists(atPath: dir.appendingPathComponent("triage-panel.json").path))
        }
    }
}
