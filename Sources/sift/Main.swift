import ArgumentParser
import Foundation

extension SiftCommand {
    /// Parses the command line and runs; maps ArgumentParser's usage errors to exit status 2.
    static func main() {
        // Plain `sift` (the prompt, or a script on a pipe) has nothing to parse: skip swift-argument-parser's
        // set-up, about a third of the start-up CPU (BENCHMARKS.md, REPL start-up).
        if CommandLine.arguments.count <= 1 { finish { try Invocation().run() } }
        let command: SiftCommand
        do {
            command = try parse()
        } catch {
            exitForParseError(error)
        }
        finish { try command.run() }
    }

    /// Runs `body` and exits with its status: 0, the `ExitCode` it throws, or 1 after printing another error.
    private static func finish(_ body: () throws -> Void) -> Never {
        do {
            try body()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch {
            StandardStream.error.write("sift: \(error)\n")
            Foundation.exit(1)
        }
        Foundation.exit(0)
    }

    private static func exitForParseError(_ error: Error) -> Never {
        let message = fullMessage(for: error)
        let code = exitCode(for: error)
        if code == .success {
            StandardStream.output.write(message.hasSuffix("\n") ? message : message + "\n")
            Foundation.exit(0)
        }
        StandardStream.error.write(message.hasSuffix("\n") ? message : message + "\n")
        Foundation.exit(2)
    }
}
