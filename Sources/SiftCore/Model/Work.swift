import Foundation
import Synchronization

/// A flag a front end raises (Ctrl-C) to stop long work; loaders and analyses poll it between chunks.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// Asks the work to stop.
    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Clears the flag before new work starts.
    public func reset() { flag.store(false, ordering: .relaxed) }

    /// Whether stopping was asked for.
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// Thrown by long work that stopped because its `CancellationToken` was raised.
public struct Cancelled: Error, Sendable, Equatable {
    public init() {}
}

/// Where long work reports how far it is (fraction 0…1 and a short label). Front ends decide whether
/// and how to show it (only on a terminal, only after half a second).
public struct ProgressSink: Sendable {
    private let report: @Sendable (String, Double) -> Void

    public init(_ report: @escaping @Sendable (String, Double) -> Void) { self.report = report }

    /// Reports `fraction` done of `label`.
    public func callAsFunction(_ label: String, _ fraction: Double) { report(label, fraction) }

    /// A sink that shows nothing.
    public static let silent = ProgressSink { _, _ in }
}

/// A value shared between threads behind a lock (`NSLock`, a pthread mutex).
///
/// Used instead of `Synchronization.Mutex`, whose Linux implementation hands the lock over inside the
/// kernel where ThreadSanitizer cannot see it: every use then reports a false data race
/// (`scripts/sanitizers/mutex-false-positive.sh`), which would hide real ones.
public final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    /// Wraps `value`.
    public init(_ value: Value) { self.value = value }

    /// Runs `body` on the value while holding the lock.
    public func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}

/// Work spread over threads with results kept in index order, so they do not depend on the thread count.
public enum Parallel {
    /// `body(i)` for each i in `0..<count` on up to `threads` threads (0: one per core), each thread taking
    /// the next i in turn; the results by index.
    public static func map<T: Sendable>(_ count: Int, threads: Int = 0,
                                        _ body: @Sendable @escaping (Int) -> T) -> [T] {
        let results = Locked<[T?]>(Array(repeating: nil, count: count))
        let next = Atomic<Int>(0)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let workers = Swift.max(1, Swift.min(threads > 0 ? threads : cores, count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                let i = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard i < count else { break }
                let value = body(i)
                results.withLock { $0[i] = value }
            }
        }
        return results.withLock { $0 }.map { $0! }
    }

    /// `body(i, &items[i])` for each item on up to `threads` threads, each item changed in place by one
    /// thread (no copy of it is made, so what it holds can be grown or moved out); the results by index.
    public static func map<T: Sendable, R: Sendable>(_ items: inout [T], threads: Int = 0,
                                                     _ body: @Sendable @escaping (Int, inout T) -> R) -> [R] {
        items.withUnsafeMutableBufferPointer { buffer in
            let shared = SharedItems(buffer: buffer)
            return map(buffer.count, threads: threads) { i in body(i, &shared.buffer[i]) }
        }
    }

    /// Items handed to the threads of `map(_:threads:_:)`, each index to one thread only.
    private struct SharedItems<T>: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<T>
    }
}
