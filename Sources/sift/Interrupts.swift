import Foundation
import SiftCore
import Synchronization

/// SIGINTs received and not yet handled. The handler only adds to it, which is async-signal-safe; this is
/// the one piece of process-wide state, and only the REPL installs the handler.
private let pendingInterrupts = Atomic<Int>(0)

/// Ctrl-C in the REPL: a `sigaction` handler that counts, read by the line editor and the interrupt watcher.
enum Interrupts {
    /// Installs the handler. Without `SA_RESTART` a blocked `read` returns `EINTR`, so libedit gives the line
    /// back; with it, system calls of a running statement are not disturbed.
    static func install(restartSystemCalls: Bool) {
        _ = pendingInterrupts.load(ordering: .relaxed)  // initialised before the handler can run
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = { _ in pendingInterrupts.add(1, ordering: .relaxed) }
        #else
        action.__sigaction_u.__sa_handler = { _ in pendingInterrupts.add(1, ordering: .relaxed) }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = restartSystemCalls ? Int32(SA_RESTART) : 0
        sigaction(SIGINT, &action, nil)
        // A parent may have started us with SIGINT blocked; Ctrl-C must get through.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Whether Ctrl-C was pressed since the last call (and forgets it).
    static func consume() -> Bool {
        pendingInterrupts.exchange(0, ordering: .relaxed) > 0
    }
}

/// While a statement runs, turns Ctrl-C into `CancellationToken.cancel()` (polled every 20 ms on a thread
/// of its own, since a signal handler cannot call into the interpreter).
final class InterruptWatcher: Sendable {
    private let token: CancellationToken
    private let stopping = DispatchSemaphore(value: 0)
    private let stopped = DispatchSemaphore(value: 0)

    /// Starts watching for `token`.
    init(token: CancellationToken) {
        self.token = token
        let thread = Thread { [self] in
            while stopping.wait(timeout: .now() + .milliseconds(20)) == .timedOut {
                if Interrupts.consume() { token.cancel() }
            }
            stopped.signal()
        }
        thread.start()
    }

    /// Stops watching and waits for the thread to end.
    func stop() {
        stopping.signal()
        stopped.wait()
    }
}
