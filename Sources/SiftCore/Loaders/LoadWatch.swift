import Synchronization

/// How far a load is, reported to a `ProgressSink` as the fraction read (of a file's bytes, or of a folder's
/// runs) from whichever thread reads them; and whether the user asked it to stop. Every loader that can take
/// long is given one by `RunLoader.load`.
final class LoadWatch: Sendable {
    private let progress: ProgressSink
    private let cancellation: CancellationToken?
    private let total = Atomic<Int>(0)
    private let done = Atomic<Int>(0)

    init(_ progress: ProgressSink = .silent, _ cancellation: CancellationToken? = nil) {
        self.progress = progress
        self.cancellation = cancellation
    }

    /// Whether the load was asked to stop.
    var isCancelled: Bool { cancellation?.isCancelled == true }

    /// (Re)starts counting towards `total` bytes.
    func start(total bytes: Int) {
        total.store(bytes, ordering: .relaxed)
        done.store(0, ordering: .relaxed)
    }

    /// Counts `bytes` more as read and reports the fraction; false when the load should stop.
    func advance(_ bytes: Int) -> Bool {
        let now = done.wrappingAdd(bytes, ordering: .relaxed).newValue
        let all = total.load(ordering: .relaxed)
        if all > 0 { progress("load", min(1, Double(now) / Double(all))) }
        return !isCancelled
    }
}

extension LoadWatch {
    /// `read(i)` for each i in `0..<count` (a folder's runs, say) on all cores, the results in index order,
    /// each item counted as progress. The first failure in index order is thrown; a cancelled load throws
    /// "cancelled", naming `path`.
    func map<T: Sendable>(_ count: Int, path: String,
                          _ read: @escaping @Sendable (Int) throws(LoadError) -> T) throws(LoadError) -> [T] {
        start(total: count)
        let results = Parallel.map(count) { i -> Result<T, LoadError>? in
            guard !self.isCancelled else { return nil }
            let result = Result { () throws(LoadError) -> T in try read(i) }
            _ = self.advance(1)
            return result
        }
        var out: [T] = []
        out.reserveCapacity(count)
        for result in results {
            guard let result else { throw LoadError(path: path, message: "cancelled") }
            out.append(try result.get())
        }
        return out
    }
}
