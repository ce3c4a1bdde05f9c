import Testing
@testable import SiftCore

/// The one JSON reader every loader uses (W&B values and files, JSON runs, Optuna, Ray).
@Suite struct JSONReaderTests {
    static let good: [(String, JSONLike)] = [
        ("0.01", .number(0.01)),
        ("-1.5e-3", .number(-0.0015)),
        ("\"adam\"", .string("adam")),
        ("\"a\\\"b\\\\c\\n\\u00e9\\ud83d\\ude00\"", .string("a\"b\\c\né😀")),
        ("true", .bool(true)),
        ("null", .null),
        ("NaN", .number(.nan)),
        ("-Infinity", .number(-.infinity)),
        ("[1, \"x\", [false]]", .array([.number(1), .string("x"), .array([.bool(false)])])),
        ("{\"b\": 1, \"a\": {\"c\": 2}}", .object([("b", .number(1)), ("a", .object([("c", .number(2))]))])),
        ("{\"a\": 1, \"a\": 2}", .object([("a", .number(2))])),
        (" {} ", .object([])),
    ]

    @Test(arguments: good)
    func parses(text: String, expected: JSONLike) throws {
        #expect(try JSONReader.parse(text) == expected)
    }

    static let bad: [(String, Int, String)] = [
        ("", 0, "unexpected end of JSON"),
        ("{\"a\": 1,}", 8, "expected a string key"),
        ("[1 2]", 3, "expected \"]\""),
        ("01", 0, "expected a JSON value"),
        ("1.", 0, "expected a JSON value"),
        ("\"abc", 0, "unterminated string"),
        ("\"a\\", 0, "unterminated string"),
        ("\"\\q\"", 1, "bad escape in string"),
        ("\"\\ud800\"", 1, "unpaired surrogate in string"),
        ("tru", 0, "expected a JSON value"),
        ("{} x", 3, "unexpected text after the JSON value"),
        (String(repeating: "[", count: 600), 512, "nesting deeper than 512 levels"),
    ]

    @Test(arguments: bad)
    func rejects(text: String, offset: Int, message: String) {
        do {
            let v = try JSONReader.parse(text)
            Issue.record("parsed \(v)")
        } catch {
            #expect(error.offset == offset)
            #expect(error.message == message)
        }
    }

    @Test func repeatedKeysOfLargeObjectsKeepTheirFirstPlaceAndLastValue() throws {
        // Past eight keys an object finds repeats through a hash table: every key repeated at a later place
        // (even ones whose hashes share a slot), including escaped and non-ASCII keys, and one key spelled
        // both with an escape and without ("é\u00e9" and "éé").
        var keys = (0..<40).map { "k\($0)" } + ["é\\u00e9", "a\\\"b", "k3", "éé"]
        keys += (0..<keys.count).map { keys[($0 * 17) % keys.count] }
        var expected: [(String, JSONLike)] = []
        var text = "{"
        for (n, key) in keys.enumerated() {
            text += (n == 0 ? "" : ", ") + "\"\(key)\": \(n)"
            guard case .string(let name) = try JSONReader.parse("\"\(key)\"") else { throw JSONReader.Malformed(offset: 0, message: key) }
            if let k = expected.firstIndex(where: { $0.0 == name }) { expected[k].1 = .number(Double(n)) } else {
                expected.append((name, .number(Double(n))))
            }
        }
        text += "}"
        #expect(expected.count == 42)
        #expect(try JSONReader.parse(text) == .object(expected))
        #expect(try JSONReader.parse("[\(text), {\"x\": \(text)}]") == .array([.object(expected), .object([("x", .object(expected))])]))
    }
}
