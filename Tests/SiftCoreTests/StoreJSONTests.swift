import Testing
@testable import SiftCore

/// The store JSON parser: exact numbers (checked against the standard library's `Double(_:)`), key order,
/// Python's non-finite tokens, escapes, and positioned failures.
@Suite struct StoreJSONTests {
    @Test(arguments: ["0.43599490214200376", "0.00038642916535526494", "1e-300", "-2.5E+10", "0", "-0", "123456789012345678",
                      "4.9e-324", "1.7976931348623157e308", "0.1", "0.30000000000000004"])
    func numbersAreCorrectlyRounded(text: String) throws {
        let parsed = try StoreJSON.parseOrFail("[\(text)]")
        #expect(parsed == .array([.number(try #require(Double(text)))]))
    }

    @Test func objectsKeepKeyOrderAndPythonTokens() throws {
        let v = try StoreJSON.parseOrFail(#"{"z": NaN, "a": [Infinity, -Infinity, true, null], "m": {"k": "\u00e9\ud83d\ude00\n"}}"#)
        guard case .object(let pairs) = v else {
            Issue.record("not an object")
            return
        }
        #expect(pairs.map(\.0) == ["z", "a", "m"])
        #expect(v["a"] == .array([.number(.infinity), .number(-.infinity), .bool(true), .null]))
        #expect(v["m"]?["k"] == .string("é😀\n"))
        if case .number(let x)? = v["z"] { #expect(x.isNaN) } else { Issue.record("NaN not read") }
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "expected a quoted key"),
        ("[1, 2", 1, 6, "expected \",\" or \"]\""),
        ("{\n  \"a\": tru\n}", 2, 8, "unexpected character"),
        ("\"abc", 1, 5, "unterminated string"),
        ("1 2", 1, 3, "unexpected text after the value"),
        ("-", 1, 2, "expected a digit"),
    ])
    func failuresSayWhere(text: String, line: Int, column: Int, message: String) {
        #expect(throws: StoreJSON.Failure(line: line, column: column, message: message)) {
            _ = try StoreJSON.parseOrFail(text)
        }
    }
}
