import ArgumentParser
import Foundation

extension SiftCommand {
    /// Parses the command line and runs; maps ArgumentParser's usage errors to exit status 2.
    static func main() {
        let command: SiftCommand
        do {
            command = try parse()
        } catch {
            exitForParseError(error)
        }
        do {
            try command.run()
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
