import CLibEdit
import Foundation

extension EditorState {
    /// Reads one character from the terminal for libedit (`EL_GETCFN`): 1 when `character` holds one, 0 at
    /// the end of input, -1 with `errno` set on an error, `EINTR` meaning Ctrl-C.
    ///
    /// It does what libedit's own reader does (one byte at a time, decoded with `mbrtowc` in the `LC_CTYPE`
    /// locale), except when SIGWINCH interrupts the read: then the line is redrawn at the new width and the
    /// read goes on, where libedit would either miss the resize (no handler) or give the line up (`EINTR`).
    func readCharacter(_ editLine: OpaquePointer, into character: UnsafeMutablePointer<wchar_t>) -> Int32 {
        var bytes: [CChar] = []
        while true {
            if Interrupts.consumeResize() { redrawAfterResize(editLine) }
            // Ctrl-C that came while libedit was busy with the previous key would not interrupt the next read.
            if Interrupts.pending {
                errno = EINTR
                character.pointee = 0
                return -1
            }
            var byte: CChar = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count == 0 {
                character.pointee = 0
                return 0
            }
            if count < 0 {
                if errno == EINTR && Interrupts.consumeResize() {
                    redrawAfterResize(editLine)
                    continue
                }
                character.pointee = 0
                return -1
            }
            bytes.append(byte)
            switch Self.decode(bytes, into: character) {
            case .character: return 1
            case .incomplete:
                if bytes.count >= Int(MB_LEN_MAX) {
                    errno = EILSEQ
                    character.pointee = 0
                    return -1
                }
            case .invalid:
                // Drop the bytes that cannot make a character; the last one may start the next.
                guard bytes.count > 1 else {
                    bytes = []
                    continue
                }
                bytes = [byte]
                switch Self.decode(bytes, into: character) {
                case .character: return 1
                case .incomplete: continue
                case .invalid: bytes = []
                }
            }
        }
    }

    /// What `mbrtowc` made of some bytes.
    enum Decoded: Equatable {
        case character, incomplete, invalid
    }

    /// Decodes `bytes` as one multibyte character of the current locale.
    static func decode(_ bytes: [CChar], into character: UnsafeMutablePointer<wchar_t>) -> Decoded {
        var state = mbstate_t()
        let result = bytes.withUnsafeBufferPointer { mbrtowc(character, $0.baseAddress, $0.count, &state) }
        switch Int(truncatingIfNeeded: result) {
        case -2: return .incomplete
        case -1: return .invalid
        default: return .character
        }
    }

    /// After a resize: lets libedit measure the terminal, moves to where the prompt starts (the terminal has
    /// re-wrapped the line at the new width, as tmux, VTE and iTerm2 do), clears below and draws it all again.
    func redrawAfterResize(_ editLine: OpaquePointer) {
        el_resize(editLine)
        let columns = Terminal.columns(of: outputDescriptor) ?? 80
        var buffer: UnsafePointer<CChar>?
        var length: Int32 = 0
        var cursor: Int32 = 0
        sift_el_line(editLine, &buffer, &length, &cursor)
        var typed = 0
        if let buffer {
            let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(cursor))
            typed = String(decoding: bytes, as: UTF8.self).count
        }
        let promptWidth = prompt.map { String(cString: $0).count } ?? 0
        let rowsAbove = (promptWidth + typed) / max(1, columns)
        StandardStream(descriptor: outputDescriptor)
            .write("\r" + (rowsAbove > 0 ? "\u{1B}[\(rowsAbove)A" : "") + "\u{1B}[J")
        sift_el_refresh(editLine)
    }
}
