import CLibEdit
import Foundation
import SiftLanguage

/// What one `LineEditor.readLine` got.
enum LineInput: Equatable {
    case line(String)
    /// Ctrl-C: drop what was typed.
    case interrupted
    /// Ctrl-D on an empty line, or the terminal went away.
    case endOfInput
}

/// libedit's native interface (emacs keys, history, Tab completion). Used only when stdin is a terminal.
///
/// libedit calls back through C function pointers that cannot capture: they reach this editor's state through
/// `EL_CLIENTDATA`, a pointer to `EditorState` owned (retained) by the editor.
final class LineEditor {
    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let state: EditorState
    private let historyFile: HistoryFile?

    /// Opens the editor on the terminal; nil when libedit cannot start. Prompts and completion lists go to
    /// `outputDescriptor`'s stream (stdout on a terminal, else stderr).
    init?(program: String, historyFile: HistoryFile?, outputToStandardError: Bool,
          completer: @escaping (String, Int) -> TabCompletion) {
        guard let editLine = el_init(program, sift_stdin(), outputToStandardError ? sift_stderr() : sift_stdout(),
                                     sift_stderr()) else { return nil }
        guard let history = history_init() else {
            el_end(editLine)
            return nil
        }
        self.editLine = editLine
        self.history = history
        self.historyFile = historyFile
        state = EditorState(completer: completer, outputDescriptor: outputToStandardError ? 2 : 1)

        sift_history_set_size(history, Int32(HistoryFile.limit))
        sift_history_set_unique(history, 1)
        if let historyFile { historyFile.load(into: history) }

        sift_el_set_clientdata(editLine, Unmanaged.passUnretained(state).toOpaque())
        sift_el_set_editor(editLine, "emacs")
        sift_el_set_signal(editLine, 0)
        sift_el_set_history(editLine, history)
        sift_el_set_prompt(editLine) { editLine in
            guard let editLine, let raw = sift_el_get_clientdata(editLine) else { return nil }
            return Unmanaged<EditorState>.fromOpaque(raw).takeUnretainedValue().prompt
        }
        sift_el_add_function(editLine, "sift-complete", "complete the word before the cursor") { editLine, _ in
            guard let editLine, let raw = sift_el_get_clientdata(editLine) else { return UInt8(CC_ERROR) }
            return Unmanaged<EditorState>.fromOpaque(raw).takeUnretainedValue().complete(editLine)
        }
        sift_el_bind(editLine, "^I", "sift-complete")
        // Keys are read by the editor's own function, so that a resize redraws the line instead of losing it.
        sift_el_set_getc(editLine) { editLine, character in
            guard let editLine, let character, let raw = sift_el_get_clientdata(editLine) else { return -1 }
            return Unmanaged<EditorState>.fromOpaque(raw).takeUnretainedValue().readCharacter(editLine, into: character)
        }
        // Users' ~/.editrc (lines starting with `sift:` apply to sift only) may rebind keys.
        el_source(editLine, nil)
    }

    deinit {
        el_end(editLine)
        history_end(history)
    }

    /// Reads one line with `prompt`; Ctrl-C and Ctrl-D are told apart by the SIGINT counter.
    func readLine(prompt: String) -> LineInput {
        state.setPrompt(prompt)
        _ = Interrupts.consume()
        _ = Interrupts.consumeResize()  // el_gets measures the terminal as it starts
        var count: Int32 = 0
        guard let text = el_gets(editLine, &count) else {
            if count < 0 || Interrupts.consume() {
                StandardStream(descriptor: state.outputDescriptor).write("^C\n")
                return .interrupted
            }
            return .endOfInput
        }
        if Interrupts.consume() {
            StandardStream(descriptor: state.outputDescriptor).write("^C\n")
            return .interrupted
        }
        var line = String(cString: text)
        if line.hasSuffix("\n") { line.removeLast() }
        return .line(line)
    }

    /// Remembers `entry` (one copy only, the newest) and saves the history file.
    func remember(_ entry: String) {
        let trimmed = entry.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return }
        sift_history_remove(history, entry)
        sift_history_enter(history, entry)
        historyFile?.save(from: history)
    }
}

/// The editor's state reachable from libedit's callbacks: the prompt text and the completer.
final class EditorState {
    /// The prompt as a C string that stays valid until the next `setPrompt`.
    private(set) var prompt: UnsafeMutablePointer<CChar>?
    private let completer: (String, Int) -> TabCompletion
    /// Where completion lists are printed.
    let outputDescriptor: Int32

    init(completer: @escaping (String, Int) -> TabCompletion, outputDescriptor: Int32) {
        self.completer = completer
        self.outputDescriptor = outputDescriptor
    }

    deinit { free(prompt) }

    func setPrompt(_ text: String) {
        free(prompt)
        prompt = strdup(text)
    }

    /// Tab: one candidate is inserted, several extend the word to their common prefix or are listed.
    func complete(_ editLine: OpaquePointer) -> UInt8 {
        var buffer: UnsafePointer<CChar>?
        var length: Int32 = 0
        var cursor: Int32 = 0
        sift_el_line(editLine, &buffer, &length, &cursor)
        guard let buffer else { return UInt8(CC_ERROR) }
        let bytes = Array(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
        let line = String(decoding: bytes, as: UTF8.self)
        let completion = completer(line, Int(cursor))
        let plan = Completion.plan(line: line, cursor: Int(cursor), wordStart: completion.start,
                                   candidates: completion.candidates)
        switch plan {
        case .none:
            return UInt8(CC_REFRESH_BEEP)
        case .replace(let deleteCharacters, let insert):
            if deleteCharacters > 0 { sift_el_delete_before(editLine, Int32(deleteCharacters)) }
            if el_insertstr(editLine, insert) != 0 { return UInt8(CC_ERROR) }
            return UInt8(CC_REFRESH)
        case .list(let candidates):
            let columns = Terminal.columns(of: outputDescriptor) ?? 80
            StandardStream(descriptor: outputDescriptor).write("\n" + Completion.columns(candidates, width: columns))
            return UInt8(CC_REDISPLAY)
        }
    }
}
