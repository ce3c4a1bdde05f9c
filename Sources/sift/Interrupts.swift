import Foundation
import SiftCore
import Synchronization

/// SIGINTs received and not yet handled. The handler only adds to it, which is async-signal-safe; with
/// `pendingResizes` this is the only process-wide state, and only the REPL installs the handlers.
private let pendingInterrupts = Atomic<Int>(0)
/// SIGWINCHs received while the prompt waits for a key, not yet handled.
private let pendingResizes = Atomic<Int>(0)

/// Ctrl-C and terminal resizes in the REPL: `sigaction` handlers that count, read by the line editor and the
/// interrupt watcher.
enum Interrupts {
    /// Installs the handlers. While the prompt reads (`reading`), neither uses `SA_RESTART`: a blocked `read`
    /// returns `EINTR`, so libedit gives the line back on Ctrl-C and the editor redraws it on a resize. While a
    /// statement runs, Ctrl-C restarts system calls (so they are not disturbed) and SIGWINCH is left to its
    /// default (ignored): output re-reads the width when it is printed.
    static func install(reading: Bool) {
        _ = pendingInterrupts.load(ordering: .relaxed)  // initialised before a handler can run
        _ = pendingResizes.load(ordering: .relaxed)
        var action = sigaction()
        #if os(Linux)
        action.__sigaction_handler.sa_handler = { _ in pendingInterrupts.add(1, ordering: .relaxed) }
        #else
        action.__sigaction_u.__sa_handler = { _ in pendingInterrupts.add(1, ordering: .relaxed) }
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = reading ? 0 : Int32(SA_RESTART)
        sigaction(SIGINT, &action, nil)

        var resize = sigaction()
        if reading {
            #if os(Linux)
            resize.__sigaction_handler.sa_handler = { _ in pendingResizes.add(1, ordering: .relaxed) }
            #else
            resize.__sigaction_u.__sa_handler = { _ in pendingResizes.add(1, ordering: .relaxed) }
            #endif
        } else {
            #if os(Linux)
            resize.__sigaction_handler.sa_handler = SIG_DFL
            #else
            resize.__sigaction_u.__sa_handler = SIG_DFL
            #endif
        }
        sigemptyset(&resize.sa_mask)
        resize.sa_flags = 0
        sigaction(SIGWINCH, &resize, nil)

        // A parent may have started us with these signals blocked; Ctrl-C must get through.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGWINCH)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Whether Ctrl-C was pressed and not yet handled (without forgetting it).
    static var pending: Bool { pendingInterrupts.load(ordering: .relaxed) > 0 }

    /// Whether the terminal was resized since the last call (and forgets it).
    static func consumeResize() -> Bool {
        pendingResizes.exchange(0, ordering: .relaxed) > 0
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
            // Signals go to the main thread: one taken here would not interrupt the prompt's read if this
            // thread were still ending when the next line is read.
            var signals = sigset_t()
            sigemptyset(&signals)
            sigaddset(&signals, SIGINT)
            sigaddset(&signals, SIGWINCH)
            pthread_sigmask(SIG_BLOCK, &signals, nil)
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
