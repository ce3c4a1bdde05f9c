import Foundation
import Testing
@testable import SiftCore

private func fixture(_ name: String) -> String {
    Bundle.module.resourceURL?.appendingPathComponent("Fixtures/csv/\(name)").path ?? name
}

private func load(_ name: String, _ options: LoadOptions = LoadOptions()) throws -> RunTable {
    try RunLoader.load(path: fixture(name), options: options)
}

@Suite struct CSVLoaderTests {
    @Test func rfc4180QuotesNewlinesEmptyCellsAndSpecialNumbers() throws {
        let t = try load("rfc4180.csv")
        #expect(t.rowCount == 4)
        #expect(t.columns.map(\.name) == ["name", "optimizer", "lr", "notes", "val_loss", "use_bn", "width"])
        #expect(t.column(named: "notes")?[1] == .string("has, comma"))
        #expect(t.column(named: "notes")?[2] == .string("say \"hi\""))
        #expect(t.column(named: "notes")?[3] == .string("two\nlines"))
        let lr = try #require(t.column(named: "lr"))
        #expect(lr.kind == .numeric)
        #expect(lr[1] == .number(0.01))
        #expect(lr.isMissing(2))
        let loss = try #require(t.column(named: "val_loss"))
        #expect(loss[1].number?.isNaN == true)
        #expect(loss[2] == .number(.infinity))
        #expect(loss[3] == .number(-.infinity))
        #expect(!loss.isMissing(1))
        let bn = try #require(t.column(named: "use_bn"))
        #expect(bn.kind == .boolean)
        #expect(bn[2] == .bool(true))
        #expect(bn.isMissing(3))
        let width = try #require(t.column(named: "width"))
        #expect(width.kind == .categorical)
        #expect(width.isMixed)
        #expect(width.levels == ["64", "auto", "128"])
        #expect(t.column(named: "optimizer")?.levels == ["adam", "sgd"])
        #expect(t.source(ofRun: 0) == fixture("rfc4180.csv"))
    }

    @Test func columnsTypeLikeColumnBuilder() throws {
        let t = try load("rfc4180.csv")
        let rows = [
            ["a", "adam", "0.001", "plain", "0.5", "true", "64"],
            ["b", "sgd", "1e-2", "has, comma", "NaN", "false", "auto"],
            ["c", "adam", "", "say \"hi\"", "inf", "TRUE", "128"],
            ["d", "sgd", "0.1", "two\nlines", "-inf", "", ""],
        ]
        for (c, column) in t.columns.enumerated() {
            var builder = ColumnBuilder(name: column.name, role: column.role)
            for row in rows { builder.appendText(Substring(row[c])) }
            let expected = builder.build()
            #expect(column.kind == expected.kind, "\(column.name)")
            #expect(column.levels == expected.levels, "\(column.name)")
            #expect(column.isInteger == expected.isInteger, "\(column.name)")
            for r in 0..<t.rowCount {
                if case .number(let x) = expected[r], x.isNaN { #expect(column[r].number?.isNaN == true); continue }
                #expect(column[r] == expected[r], "\(column.name) row \(r)")
            }
        }
    }

    /// `NA`, `null`, `None`, … are missing cells beside numbers only or booleans only, and text elsewhere;
    /// CSV and `ColumnBuilder` agree, whether the markers come before or after the first number.
    @Test func missingMarkersOnlyBesideNumbersOrBooleans() throws {
        let text = """
            lr,flag,region,choice,late
            NA,true,NA,1,0.5
            0.01,N/A,EU,NA,2
            null,false,NA,adam,
            0.5,  None ,US,2,#N/A

            """
        let t = try CSVLoader.load(file: Array(text.utf8), path: "m.csv", options: LoadOptions())
        let lr = try #require(t.column(named: "lr"))
        #expect(lr.kind == .numeric && !lr.isInteger)
        #expect((0..<4).map { lr[$0] } == [.missing, .number(0.01), .missing, .number(0.5)])
        let flag = try #require(t.column(named: "flag"))
        #expect(flag.kind == .boolean)
        #expect((0..<4).map { flag[$0] } == [.bool(true), .missing, .bool(false), .missing])
        // A text column keeps "NA" (North America); a truly mixed column keeps it as a label.
        let region = try #require(t.column(named: "region"))
        #expect(region.kind == .categorical && region[0] == .string("NA"))
        let choice = try #require(t.column(named: "choice"))
        #expect(choice.kind == .categorical && choice.isMixed && choice[1] == .string("NA"))
        let late = try #require(t.column(named: "late"))
        #expect(late.kind == .numeric)
        #expect((0..<4).map { late[$0] } == [.number(0.5), .number(2), .missing, .missing])
        for column in t.columns {
            var builder = ColumnBuilder(name: column.name, role: column.role)
            for r in 0..<t.rowCount {
                let cell = text.split(separator: "\n", omittingEmptySubsequences: false)[r + 1]
                    .split(separator: ",", omittingEmptySubsequences: false)
                builder.appendText(cell[t.columns.firstIndex { $0.name == column.name }!])
            }
            let built = builder.build()
            #expect(built.kind == column.kind && built.isInteger == column.isInteger, "\(column.name)")
            #expect((0..<4).map { built[$0] } == (0..<4).map { column[$0] }, "\(column.name)")
        }
    }

    @Test(arguments: [
        ("bom_crlf.csv", ["name", "lr", "val_acc"], 2),
        ("semicolon.csv", ["name", "lr", "val_loss"], 2),
        ("tabs.tsv", ["name", "lr", "val_loss"], 2),
        ("tabs_sniffed.csv", ["name", "lr", "val_loss"], 1),
        ("header_only.csv", ["name", "lr", "val_loss"], 0),
        ("blank_lines.csv", ["name", "lr"], 2),
        ("no_trailing_newline.csv", ["name", "lr"], 2),
        ("pandas_index.csv", ["index", "lr", "val_loss"], 2),
    ])
    func layouts(file: String, names: [String], rows: Int) throws {
        let t = try load(file)
        #expect(t.columns.map(\.name) == names)
        #expect(t.rowCount == rows)
        if rows > 0 { #expect(t.columns[1].kind == .numeric) }
    }

    @Test func crlfAndBomLeaveNoStrayBytes() throws {
        let t = try load("bom_crlf.csv")
        #expect(t.column(named: "name")?.levels == ["r1", "r2"])
        #expect(t.column(named: "val_acc")?[1] == .number(0.95))
    }

    @Test func headerOnlyFileIsAnEmptyTable() throws {
        let t = try load("header_only.csv")
        #expect(t.rowCount == 0)
        #expect(t.column(named: "val_loss")?.role == .metric)
    }

    @Test(arguments: [
        ("empty.csv", ":1:1: empty file: no header row\nhelp: the first line must name the columns, e.g. name,lr,val_loss"),
        ("ragged_more.csv", ":3:12: row has 4 fields, expected 3 like the header\nhelp: quote fields that contain \",\""),
        ("ragged_fewer.csv", ":3:7: row has 2 fields, expected 3 like the header\nhelp: every row needs a field (possibly empty) for each column"),
        ("unterminated.csv", ":3:4: unterminated quoted field: the quote opened here is never closed\nhelp: close the quote, or double it (\"\") to put a quote inside a quoted field"),
        ("bad_utf8.csv", ":4:2: invalid UTF-8 byte 0xFF\nhelp: save the file as UTF-8"),
        ("duplicate.csv", ":1:9: duplicate column name \"lr\" (also column 2)\nhelp: rename one of the columns"),
        ("text_after_quote.csv", ":2:5: unexpected text after a closing quote\nhelp: a quoted field ends at its closing quote; double a quote (\"\") to put one inside"),
    ])
    func malformedFilesSayWhereAndWhy(file: String, expected: String) throws {
        let path = fixture(file)
        let error = try #require(throws: LoadError.self) { try RunLoader.load(path: path) }
        #expect(error.description == path + expected)
    }

    @Test func userRolesWinOverConventions() throws {
        let t = try load("plain_names.csv", LoadOptions(metrics: ["lr"], params: ["val_loss"]))
        #expect(t.column(named: "lr")?.role == .metric)
        #expect(t.column(named: "val_loss")?.role == .param)
    }

    @Test func aliasNamesTheSource() throws {
        let t = try load("bom_crlf.csv", LoadOptions(alias: "first"))
        #expect(t.source(ofRun: 1) == "first")
    }

    @Test func manyRowsWithQuotedLineBreaks() throws {
        // Many rows with quoted line breaks, doubled quotes and missing numbers.
        var text = "name,lr,notes,val_loss\n"
        var expectedNotes: [String] = []
        for i in 0..<3_000 {
            let note = i % 7 == 0 ? "line \(i)\nnext, \"q\"" : "n\(i % 13)"
            expectedNotes.append(note)
            let quoted = "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            text += "run-\(i),\(Double(i) * 1e-5),\(quoted),\(i % 11 == 0 ? "" : String(Double(i) / 3))\n"
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sift-csv-split-\(getpid()).csv")
        try Data(text.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let t = try RunLoader.load(path: url.path)
        #expect(t.rowCount == 3_000)
        let notes = try #require(t.column(named: "notes"))
        let loss = try #require(t.column(named: "val_loss"))
        for i in stride(from: 0, to: 3_000, by: 97) {
            #expect(notes[i] == .string(expectedNotes[i]))
            #expect(loss[i] == (i % 11 == 0 ? .missing : .number(Double(i) / 3)))
        }
        #expect(t.column(named: "lr")?[2_999] == .number(Double(2_999) * 1e-5))
    }
}
