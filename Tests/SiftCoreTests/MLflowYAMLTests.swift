import Foundation
import Testing
@testable import SiftCore

/// MLflow's `meta.yaml` files are read without Yams when they have the flat shape MLflow writes; that reading
/// must give what Yams gives, and leave every other file to Yams.
@Suite struct MLflowYAMLTests {
    @Test func theFixtureStoresTakeTheFlatReadingAndMatchYams() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let files = FileManager.default.enumerator(atPath: root.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix("meta.yaml") } ?? []
        #expect(files.count >= 16)
        for file in files {
            let text = try String(contentsOfFile: root.appendingPathComponent(file).path, encoding: .utf8)
            let flat = MLflowYAML.flatMapping(text)
            #expect(flat != nil, "\(file) fell back to Yams")
            #expect(flat == (try MLflowYAML.yamsMapping(text, file: file)), "\(file)")
        }
    }

    static let samples = [
        "experiment_id: '1'\nstatus: 3\nend_time: null\ntags: []\nrun_name: happy-panda-42\nrun_id: 227c87af1f5b4001802b20b7d2ca6323\n",
        "name: 'it''s: #1'\nartifact_location: file:///tmp/a/b\nstart_time: -15\nzero: 0\n",
        "status: yes\n", "status: No\n", "status: on\n", "value: null\n", "value: ~\n", "mode: 0777\n",
        "t: 2023-01-01\n", "x: 1.5\n", "x: 1e3\n", "x: .inf\n", "x: 1:30\n", "name: two words\n", "a: 1\na: 2\n",
        "nested:\n  a: 1\n", "a: 'open\n", "a: b # comment\n", "a: b\r\n", "- 1\n", "a: 99999999999999999999\n",
        "a: b:\n", "id: 0b101\n", "id: 12e45\n", "id: 1e5f\n", "id: 0abc\n", "id: 9f\n", "a: \"double\"\n", "a:b\n", "1a: 2\n", "a-b: 1\n", "---\na: 1\n",
    ]

    @Test(arguments: samples)
    func theFlatReadingIsYamsOrNothing(text: String) {
        guard let flat = MLflowYAML.flatMapping(text) else { return }
        #expect(flat == (try? MLflowYAML.yamsMapping(text, file: "meta.yaml")), "\(text.debugDescription)")
    }

    @Test func flatSamplesAreReadFlat() {
        // The first two samples are in MLflow's shape and must not need Yams.
        #expect(MLflowYAML.flatMapping(Self.samples[0])?.count == 6)
        #expect(MLflowYAML.flatMapping(Self.samples[1])?["name"] == .string("it's: #1"))
    }
}
