import Foundation

/// Unbuffered writes to a file descriptor (stdout, stderr, a results file), retried until all bytes are out.
struct StandardStream: Sendable {
    /// The descriptor written to.
    let descriptor: Int32

    static let output = StandardStream(descriptor: 1)
    static let error = StandardStream(descriptor: 2)

    /// Writes all of `text` as UTF-8; gives up quietly on a closed pipe.
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        bytes.withUnsafeMutableBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
