import Foundation
import Testing

/// Compares rendered text with a file under Fixtures/golden; `SIFT_UPDATE_GOLDEN=1` rewrites the files.
enum Golden {
    /// The golden folder in the source tree (goldens are reviewed and committed, so tests read them there).
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/golden")

    /// Whether this run rewrites goldens instead of comparing.
    static var updating: Bool { ProcessInfo.processInfo.environment["SIFT_UPDATE_GOLDEN"] == "1" }

    /// Expects `text` to equal the golden file `name`, or rewrites it when updating.
    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if updating {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden \(name); run with SIFT_UPDATE_GOLDEN=1 and review it", sourceLocation: sourceLocation)
            return
        }
        if expected != text {
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let t = text.split(separator: "\n", omittingEmptySubsequences: false)
            let first = (0..<min(e.count, t.count)).first { e[$0] != t[$0] } ?? min(e.count, t.count)
            let want = first < e.count ? String(e[first]) : "<end>"
            let got = first < t.count ? String(t[first]) : "<end>"
            Issue.record("\(name) differs at line \(first + 1):\n want: \(want)\n  got: \(got)",
                         sourceLocation: sourceLocation)
        }
    }
}
