import Foundation
import Testing
@testable import SiftCore

/// MLflow's `meta.yaml` files are read without Yams when they have the flat shape MLflow writes; that reading
/// must give what Yams gives, and leave every other file to Yams.
@Suite struct MLflowYAMLTests {
    /// A time written as a number past Int64 (a damaged or hand-written meta.yaml) is no time, not a trap.
    @Test func wholeNumbersPastInt64AreNoTime() {
        #expect(MLflowYAML.Scalar.double(1e30).int64 == nil)
        #expect(MLflowYAML.Scalar.double(-9.3e18).int64 == nil)
        #expect(MLflowYAML.Scalar.double(.nan).int64 == nil)
        #expect(MLflowYAML.Scalar.double(1_700_000_000_123.9).int64 == 1_700_000_000_123)
    }

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

    /// What PyYAML 6.0.4 gives for `a: TOKEN` (`yaml.safe_load`), which is what MLflow sees in meta.yaml.
    static let pyYAML: [(token: String, value: MLflowYAML.Scalar)] = [
        ("1e3", .string("1e3")), ("1.5e3", .string("1.5e3")), ("0o17", .string("0o17")), (".5e3", .string(".5e3")),
        ("1E5", .string("1E5")), ("2e-3", .string("2e-3")), ("1e+3", .string("1e+3")), ("1.5e+3", .double(1500)),
        ("1.0e-3", .double(0.001)), ("0x1F", .int(31)), ("0b11", .int(3)), ("017", .int(15)), ("09", .string("09")),
        ("1_000", .int(1000)), ("+1", .int(1)), ("-0", .int(0)), ("3.0", .double(3)), ("1.", .double(1)),
        (".5", .double(0.5)), ("12:30", .int(750)), ("1:30.5", .double(90.5)), ("~", .null), ("null", .null),
        ("Null", .null), ("Yes", .bool(true)), ("on", .bool(true)), ("OFF", .bool(false)), ("y", .string("y")),
        (".inf", .double(.infinity)), ("-.Inf", .double(-.infinity)), ("1e3abc", .string("1e3abc")),
        ("12e45", .string("12e45")), ("2024-01-01", .string("2024-01-01")),  // PyYAML: a date; kept as text
        ("'1e3'", .string("1e3")), ("\"0x1F\"", .string("0x1F")),
    ]

    @Test(arguments: pyYAML)
    func scalarsAreReadAsPyYAMLReadsThem(c: (token: String, value: MLflowYAML.Scalar)) throws {
        let text = "a: \(c.token)\n"
        #expect(try MLflowYAML.yamsMapping(text, file: "meta.yaml")["a"] == c.value)
        if let flat = MLflowYAML.flatMapping(text) { #expect(flat["a"] == c.value) }
    }

    @Test func flatSamplesAreReadFlat() {
        // The first two samples are in MLflow's shape and must not need Yams.
        #expect(MLflowYAML.flatMapping(Self.samples[0])?.count == 6)
        #expect(MLflowYAML.flatMapping(Self.samples[1])?["name"] == .string("it's: #1"))
    }
}
