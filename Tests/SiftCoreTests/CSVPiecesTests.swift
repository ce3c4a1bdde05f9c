import Foundation
import Testing
@testable import SiftCore

/// A file read in pieces, and as two halves on two threads (forced here with tiny pieces and `halvesFrom:
/// 0`), must give exactly the table of the whole-file, one-pass reading, or the same error: numbers, texts
/// and their first-seen order, types, missing cells, and the fallback to one pass where the pieces or the
/// halves cannot stand for it.
@Suite struct CSVPiecesTests {
    /// Every column's name, role, type and levels, and every cell as text (NaN included) with its missing flag.
    private static func cells(_ t: RunTable) -> [String] {
        var out = ["rows \(t.rowCount)"]
        for c in t.columns {
            out.append("\(c.name) \(c.role) \(c.kind) \(c.levels) mixed=\(c.isMixed)")
            for r in 0..<t.rowCount { out.append("\(c[r]) \(c.isMissing(r))") }
        }
        return out
    }

    private static func load(_ text: String, _ reading: CSVLoader.Reading) -> Result<[String], LoadError> {
        Result { () throws(LoadError) -> [String] in
            try cells(CSVLoader.load(file: Array(text.utf8), path: "t.csv", options: LoadOptions(), reading: reading))
        }
    }

    /// The ways of reading compared with the whole-file one pass: pieces of 1, 2, 7 and 61 bytes and the
    /// standard size, each alone and as two halves.
    static let readings: [(String, CSVLoader.Reading)] = [1, 2, 7, 61, CSVLoader.Reading.standard.piece].flatMap { piece in
        [false, true].map { halves in
            ("pieces of \(piece)\(halves ? ", halves" : "")",
             CSVLoader.Reading(piece: piece, halvesFrom: halves ? 0 : .max, inPieces: true))
        }
    }

    /// The same table (or the same error) whether read whole in one pass, or in pieces or halves.
    private static func expectSame(_ text: String, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let onePass = load(text, CSVLoader.Reading(inPieces: false))
        for (how, reading) in readings {
            let other = load(text, reading)
            switch (onePass, other) {
            case (.success(let a), .success(let b)):
                let first = Array(zip(a, b)).firstIndex { $0.0 != $0.1 }
                #expect(a.count == b.count && first == nil,
                        "\(what), \(how): the table differs at \(first.map { "\(a[$0].prefix(80)) vs \(b[$0].prefix(80))" } ?? "the end")",
                        sourceLocation: sourceLocation)
            case (.failure(let a), .failure(let b)):
                #expect(a.description == b.description, "\(what), \(how)", sourceLocation: sourceLocation)
            default:
                Issue.record("\(what), \(how): one pass \(onePass), other \(other)", sourceLocation: sourceLocation)
            }
        }
    }

    /// Whether reading `text` in pieces stands for the one pass by itself (no fallback), and in halves when asked.
    private static func readsInPieces(_ text: String, _ reading: CSVLoader.Reading) -> (pieces: Bool, halves: Bool) {
        let scanned = CSVLoader.inPieces(CSVByteSource(bytes: Array(text.utf8)), path: "t.csv", reading: reading)
        return (scanned != nil, scanned?.rest != nil)
    }

    static func sweep(rows count: Int) -> String {
        var rows = ["name,optimizer,lr,layers,use_bn,notes,val_loss"]
        for i in 0..<count {
            let optimizer = ["adam", "sgd", "\"ada,grad\""][i % 3]
            let lr = i % 7 == 0 ? "" : "\(Double(i) * 0.001 + 1e-5)"
            let note = i % 11 == 0 ? "\"two\nlines, \"\"quoted\"\"\"" : (i % 5 == 0 ? "" : "n\(i % 4)")
            let loss = i % 13 == 0 ? "NaN" : (i % 17 == 0 ? "inf" : "\(1.0 / Double(i + 1))")
            let end = i % 9 == 0 ? "\r" : ""
            rows.append("run-\(i),\(optimizer),\(lr),\(i % 4 + 1),\(i % 2 == 0 ? "true" : "false"),\(note),\(loss)\(end)")
            if i % 50 == 0 { rows.append("") }
        }
        return rows.joined(separator: "\n") + "\n"
    }

    @Test func quotedLineBreaksDoNotStopThePieces() {
        // Quoted line breaks, doubled quotes, CRLF, blank lines and a byte-order mark: the pieces are cut
        // outside quotes, so no reading falls back to the whole file, and every one splits into halves.
        for text in [Self.sweep(rows: 300), "\u{FEFF}" + Self.sweep(rows: 40)] {
            for (how, reading) in Self.readings {
                let read = Self.readsInPieces(text, reading)
                #expect(read.pieces, "\(how): fell back to the whole file")
                #expect(read.halves == (reading.halvesFrom == 0), "\(how): halves \(read.halves)")
            }
            Self.expectSame(text, "sweep")
        }
    }

    @Test func whatThePiecesCannotStandForFallsBack() {
        // A quote inside an unquoted field throws the quote count off; a row longer than the largest piece;
        // a header whose first line does not end in the first 64 KiB. All read whole instead, with the same table.
        let stray = "a,b\n1,x\"y\n2,\"p\nq\"\n3,z\n"
        #expect(!Self.readsInPieces(stray, CSVLoader.Reading(piece: 4, halvesFrom: .max)).pieces)
        Self.expectSame(stray, "a quote inside an unquoted field")
        var reader = CSVPieceReader(source: CSVByteSource(bytes: Array("1,2\n333,4\n".utf8)), delimiter: 0x2C, width: 2,
                                    size: 2)
        reader.maxSize = 4
        #expect(reader.read(from: 0, to: 10, roomFor: 10) == nil)
        reader.maxSize = 8
        #expect(reader.read(from: 0, to: 10, roomFor: 10)?.rows == 2)
        let wide = (0..<7_000).map { "column_\($0)" }.joined(separator: ",")
        #expect(wide.utf8.count > 1 << 16)
        #expect(!Self.readsInPieces(wide + "\n" + wide + "\n", CSVLoader.Reading(piece: 1 << 10)).pieces)
        Self.expectSame(wide + "\n" + wide.replacingOccurrences(of: "column_", with: "") + "\n", "a long header")
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
        // lines read as rows of two fields too, so only the first half's failure (its last quote is never
        // closed) tells the split is wrong; the pieces alone then read it.
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

    @Test func aLoadReportsItsProgressAndStopsWhenCancelled() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sift-pieces-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Self.sweep(rows: 300).write(toFile: path, atomically: true, encoding: .utf8)
        // Two halves in pieces of 64 bytes: fractions from both threads, ending at the whole.
        let fractions = Locked<[Double]>([])
        let watch = LoadWatch(ProgressSink { label, f in fractions.withLock { $0.append(f) }; #expect(label == "load") })
        let table = try CSVLoader.load(path: path, options: LoadOptions(), reading: CSVLoader.Reading(piece: 64, halvesFrom: 0),
                                       watch: watch)
        #expect(table.rowCount == 300)
        let seen = fractions.withLock { $0 }
        #expect(seen.count > 100 && seen.max() == 1 && seen.allSatisfy { $0 > 0 && $0 <= 1 })
        // Raised before the load: no table, and the whole file is not read instead.
        let token = CancellationToken()
        token.cancel()
        #expect {
            try RunLoader.load(path: path, cancellation: token)
        } throws: { ($0 as? LoadError)?.message == "cancelled" }
    }
}
