import Foundation
import Testing

/// Ctrl-C in batch mode: sift installs no handler, so SIGINT ends it as the signal's default action does
/// (a shell reports status 130) instead of being taken for a cancelled statement and going on.
@Suite struct BatchInterruptTests {
    @Test func controlCStopsAScriptWithSIGINT() throws {
        let pid = try Self.spawn([siftExecutable().path, "--quiet", "-e",
                                  "load \"\(packageRoot().path)/Examples/sweep.csv\"; set trees = 1000000; importance val_loss; runs 1"])
        usleep(700_000)  // well into the forest, which would take hours
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

    /// Starts `arguments` with stdin, stdout and stderr on /dev/null, default signal
    /// actions and no blocked signals (test threads block some, and a child would inherit that).
    static func spawn(_ arguments: [String]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigfillset(&defaults)
        sigdelset(&defaults, SIGKILL)
        sigdelset(&defaults, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid = pid_t()
        let result = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard result == 0 else { throw TmuxError(message: "cannot start \(arguments[0]): error \(result)") }
        return pid
    }
}
