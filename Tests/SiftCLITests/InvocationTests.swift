import Testing

@testable import sift

/// Plain `sift` skips swift-argument-parser (start-up time), so its defaults must be the parser's.
@Suite struct InvocationTests {
    @Test func noArgumentsParseToTheDefaultInvocation() throws {
        #expect(try SiftCommand.parse([]).invocation == Invocation())
    }

    @Test func optionsReachTheInvocation() throws {
        let parsed = try SiftCommand.parse(["--format", "json", "--seed", "7", "--no-rc", "-q", "a.sift"]).invocation
        var expected = Invocation()
        expected.format = .json
        expected.seed = 7
        expected.noRC = true
        expected.quiet = true
        expected.files = ["a.sift"]
        #expect(parsed == expected)
    }
}
