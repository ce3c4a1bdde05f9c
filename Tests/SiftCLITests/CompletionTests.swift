import SiftLanguage
import Testing

@testable import sift

/// What Tab does with the interpreter's candidates: the word it replaces, common prefixes, lists.
@Suite struct CompletionTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var line: String
        var candidates: [String]
        var plan: Completion.Plan
        var testDescription: String { "\(line) \(candidates)" }
    }

    static let cases: [Case] = [
        Case(line: "imp", candidates: ["importance"], plan: .replace(deleteCharacters: 3, insert: "importance ")),
        Case(line: "importance v", candidates: ["val_loss", "val_acc"], plan: .replace(deleteCharacters: 1, insert: "val_")),
        Case(line: "importance v", candidates: ["val_loss", "val_acc", "val_loss"],
             plan: .replace(deleteCharacters: 1, insert: "val_")),
        Case(line: "importance val_", candidates: ["val_loss", "val_acc"], plan: .list(["val_loss", "val_acc"])),
        Case(line: "importance val_lo", candidates: ["val_loss", "val_loss_ema"],
             plan: .replace(deleteCharacters: 6, insert: "val_loss")),
        Case(line: "hide model.la", candidates: ["model.layers"], plan: .replace(deleteCharacters: 8, insert: "model.layers ")),
        Case(line: "load \"Examples/sw", candidates: ["Examples/sweep.csv"],
             plan: .replace(deleteCharacters: 11, insert: "Examples/sweep.csv\"")),
        Case(line: "load \"Exa", candidates: ["Examples/"], plan: .replace(deleteCharacters: 3, insert: "Examples/")),
        Case(line: "filter lr<", candidates: [], plan: .none),
        Case(line: "filter optimizer == \"ad", candidates: ["adam", "adamw"], plan: .replace(deleteCharacters: 2, insert: "adam")),
        Case(line: "filter optimizer == \"adam", candidates: ["adam", "adamw"], plan: .list(["adam", "adamw"])),
        Case(line: "filter é", candidates: ["émotion"], plan: .replace(deleteCharacters: 1, insert: "émotion ")),
        Case(line: "hide ", candidates: ["lr", "seed"], plan: .list(["lr", "seed"])),
    ]

    @Test(arguments: cases)
    func plans(_ test: Case) {
        // The word starts where the interpreter says (the editor has no word rule of its own).
        let cursor = test.line.utf8.count
        let start = Interpreter().tabCompletion(line: test.line, cursor: cursor).start
        #expect(Completion.plan(line: test.line, cursor: cursor, wordStart: start, candidates: test.candidates) == test.plan)
    }

    /// The interpreter says where the word starts (an open backtick name holds spaces); the plan replaces
    /// from there.
    @Test func replacesFromTheGivenWordStart() {
        #expect(Completion.plan(line: "filter `val l", cursor: 13, wordStart: 7, candidates: ["`val loss`"])
                == .replace(deleteCharacters: 6, insert: "`val loss` "))
        #expect(Completion.plan(line: "filter lr", cursor: 9, wordStart: 7, candidates: ["`lr/warmup`"])
                == .replace(deleteCharacters: 2, insert: "`lr/warmup` "))
        #expect(Completion.plan(line: "filter `v", cursor: 9, wordStart: 7, candidates: ["`val loss`", "`val_acc`"])
                == .replace(deleteCharacters: 2, insert: "`val"))
        #expect(Completion.plan(line: "filter `val", cursor: 11, wordStart: 7, candidates: ["`val loss`", "`val_acc`"])
                == .list(["`val loss`", "`val_acc`"]))
        // A bare word goes as far as all names go: in plain characters, or with the backtick when all need it.
        #expect(Completion.plan(line: "filter v", cursor: 8, wordStart: 7, candidates: ["`val loss`", "val_acc"])
                == .replace(deleteCharacters: 1, insert: "val"))
        #expect(Completion.plan(line: "filter val", cursor: 10, wordStart: 7, candidates: ["`val loss`", "val_acc"])
                == .list(["`val loss`", "val_acc"]))
        #expect(Completion.plan(line: "filter v", cursor: 8, wordStart: 7, candidates: ["`val loss`", "`val lr`"])
                == .replace(deleteCharacters: 1, insert: "`val l"))
        #expect(Completion.plan(line: "filter 1", cursor: 8, wordStart: 7, candidates: ["`1abc`", "`1abd`"])
                == .replace(deleteCharacters: 1, insert: "`1ab"))
    }

    /// The word Tab replaces starts where the interpreter says: after a bracket, operator or comma.
    @Test func wordStartsAfterSeparators() {
        let line = "filter (lr<0.1,optimizer"
        let interpreter = Interpreter()
        #expect(interpreter.tabCompletion(line: line, cursor: line.utf8.count).start == 15)
        #expect(interpreter.tabCompletion(line: line, cursor: 10).start == 8)
        #expect(interpreter.tabCompletion(line: "", cursor: 0).start == 0)
    }

    @Test func listsInColumns() {
        #expect(Completion.columns(["lr", "seed", "momentum"], width: 30) == "lr        seed      momentum\n")
        #expect(Completion.columns(["lr", "seed", "momentum"], width: 20) == "lr        seed\nmomentum\n")
    }

    @Test func commonPrefixOfScalars() {
        #expect(Completion.commonPrefix(["val_loss", "val_lr"]) == "val_l")
        #expect(Completion.commonPrefix(["a", "b"]) == "")
        #expect(Completion.commonPrefix(["été", "étoile"]) == "ét")
    }
}
