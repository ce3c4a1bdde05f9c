import Foundation
import Testing
@testable import SiftCore

/// A file read as two halves on two threads (forced here with `halvesFrom: 0`) must give exactly the table
/// of the one-pass reading, or the same error: numbers, texts and their first-seen order, types, missing
/// cells, and the fallback to one pass where the halves cannot stand for it.
@Suite struct CSVHalvesTests {
    /// Every column's name, role, type and levels, and every cell as text (NaN included) with its missing flag.
    private static func cells(_ t: RunTable) -> [String] {
        var out = ["rows \(t.rowCount)"]
        for c in t.columns {
            out.append("\(c.name) \(c.role) \(c.kind) \(c.levels) mixed=\(c.isMixed)")
            for r in 0..<t.rowCount { out.append("\(c[r]) \(c.isMissing(r))") }
        }
        return out
    }

    private static func load(_ text: String, halvesFrom: Int) -> Result<[String], LoadError> {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            Result { () throws(LoadError) -> [String] in
                try cells(CSVLoader.load(bytes: UnsafeBufferPointer(buffer), path: "t.csv", options: LoadOptions(),
                                         halvesFrom: halvesFrom))
            }
        }
    }

    /// The same table (or the same error) whether read in one pass or as two halves.
    private static func expectSame(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let onePass = load(text, halvesFrom: .max), halves = load(text, halvesFrom: 0)
        switch (onePass, halves) {
        case (.success(let a), .success(let b)):
            let first = Array(zip(a, b)).firstIndex { $0.0 != $0.1 }
            #expect(a.count == b.count && first == nil,
                    "\(what): the halves' table differs at \(first.map { "\(a[$0].prefix(80)) vs \(b[$0].prefix(80))" } ?? "the end")",
                    sourceLocation: sourceLocation)
        case (.failure(let a), .failure(let b)):
            #expect(a.description == b.description, "\(what)", sourceLocation: sourceLocation)
        default:
            Issue.record("\(what): one pass \(onePass), halves \(halves)", sourceLocation: sourceLocation)
        }
    }

    @Test func typicalSweepWithQuotesBlankLinesAndCRLF() {
        var rows = ["name,optimizer,lr,layers,use_bn,notes,val_loss"]
        for i in 0..<300 {
            let optimizer = ["adam", "sgd", "\"ada,grad\""][i % 3]
            let lr = i % 7 == 0 ? "" : "\(Double(i) * 0.001 + 1e-5)"
            let note = i % 11 == 0 ? "\"two\nlines, \"\"quoted\"\"\"" : (i % 5 == 0 ? "" : "n\(i % 4)")
            let loss = i % 13 == 0 ? "NaN" : (i % 17 == 0 ? "inf" : "\(1.0 / Double(i + 1))")
            let end = i % 9 == 0 ? "\r" : ""
            rows.append("run-\(i),\(optimizer),\(lr),\(i % 4 + 1),\(i % 2 == 0 ? "true" : "false"),\(note),\(loss)\(end)")
            if i % 50 == 0 { rows.append("") }
        }
        Self.expectSame(rows.joined(separator: "\n") + "\n", "sweep")
    }

    @Test func columnsThatTurnToTextInEitherHalf() {
        // `late` is numbers in the first half and meets a text in the second; `early` meets its text in the
        // first half and holds only numbers (spelled "1.50") in the second, which the halves do not join
        // (the spelling is gone), so the file is read again in one pass; `gone` is text, then only missing.
        var rows = ["late,early,gone,y"]
        for i in 0..<200 {
            let late = i == 150 ? "auto" : "\(i).50"
            let early = i == 10 ? "auto" : "\(i % 3).50"
            let gone = i < 100 ? "g\(i % 3)" : ""
            rows.append("\(late),\(early),\(gone),\(i)")
        }
        Self.expectSame(rows.joined(separator: "\n"), "mixed columns")
    }

    @Test func aQuotedFieldAcrossTheMiddle() {
        // One cell of many lines spans the middle of the file: the guessed split is not a row start. Its
        // lines read as rows of two fields too, so only the check that the first half ends at the split
        // (not an error in the second half) tells the split is wrong.
        for line in ["line", "k,v"] {
            let long = (0..<400).map { "\(line) \($0)" }.joined(separator: "\n")
            let text = "a,b\n1,x\n2,\"\(long)\"\n3,y\n4,z\n"
            Self.expectSame(text, "a quoted field across the middle (\(line))")
        }
    }

    @Test func errorsInTheSecondHalfAreReportedAsInOnePass() {
        var rows = ["a,b"]
        for i in 0..<100 { rows.append("\(i),\(i)") }
        rows.append("1,2,3")
        for i in 0..<100 { rows.append("\(i),\(i)") }
        Self.expectSame(rows.joined(separator: "\n"), "ragged row")
        Self.expectSame(rows.dropLast(100).joined(separator: "\n") + "\n5,\"open", "unterminated quote")
    }
}
