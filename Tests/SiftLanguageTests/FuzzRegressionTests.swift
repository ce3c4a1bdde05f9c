import Foundation
import Testing
@testable import SiftLanguage

/// Inputs the fuzzers (`Fuzz/`, see FUZZING.md) found crashing or hanging, kept under `Fixtures/fuzz/`.
struct FuzzRegressionTests {
    /// The committed input named `file`.
    private func input(_ file: String) throws -> String {
        let data = try Data(contentsOf: fixturesFolder().appendingPathComponent("fuzz").appendingPathComponent(file))
        return String(decoding: data, as: UTF8.self)
    }

    /// A statement that fails before a `|` used to leave the parser in place forever (FuzzParser timeout).
    @Test(arguments: ["parser-pipe-after-bad-statement.sift"])
    func parserTerminates(file: String) throws {
        let (_, problems) = Parser.parse(try input(file))
        #expect(problems.count >= 1 && problems.count <= 10)
    }

    /// Recovery after a failed statement before `|` checks the statement after it.
    @Test(arguments: [
        ("imporn | params", 1),
        ("imporn | params | runs", 2),
        ("bogus |", 0),
        ("| | |", 0),
        ("params | bogus | runs", 1),
    ])
    func pipeRecovery(source: String, statementsAfter: Int) {
        let (script, problems) = Parser.parse(source)
        #expect(!problems.isEmpty)
        #expect(script.statements.count >= statementsAfter)
    }
}
