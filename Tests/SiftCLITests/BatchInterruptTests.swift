import Foundation
import Testing

/// Ctrl-C in batch mode: sift installs no handler, so SIGINT ends it as the signal's default action does
/// (a shell reports status 130) instead of being taken for a cancelled statement and going on.
@Suite struct BatchInterruptTests {
    @Test func controlCStopsAScriptWithSIGINT() throws {
        let pid = try ChildProcess.spawn([siftExecutable().path, "--quiet", "-e",
                                  "load \"\(packageRoot().path)/Examples/sweep.csv\"; set trees = 10000; importance val_loss; runs 1"])
        usleep(700_000)  // well into the forest, which takes most of a minute in a debug build
        kill(pid, SIGINT)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(10)
        var done = false
        while Date() < deadline {
            if waitpid(pid, &status, WNOHANG) == pid {
                done = true
                break
            }
            usleep(20_000)
        }
        if !done {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        #expect(done, "sift went on after SIGINT")
        // WIFSIGNALED / WTERMSIG, which Swift does not import.
        let signal = status & 0x7f
        #expect(signal == SIGINT, "status \(status): not ended by SIGINT")
    }
}
