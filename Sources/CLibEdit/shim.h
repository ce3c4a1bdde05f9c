#ifndef SIFT_CLIBEDIT_SHIM_H
#define SIFT_CLIBEDIT_SHIM_H
// libedit's native interface (histedit.h) for the sift REPL.
//
// el_set, el_get and history() are C-variadic, which Swift cannot call: each use sift makes of them is
// wrapped below as a small static inline function with a fixed signature. Nothing here holds state.
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>
#include <histedit.h>

/// The function type libedit calls for a bound key (EL_ADDFN): returns a CC_* code.
typedef unsigned char (*sift_el_key_fn)(EditLine *, int);
/// The function type libedit calls for the prompt text.
typedef char *(*sift_el_prompt_fn)(EditLine *);

static inline int sift_el_set_prompt(EditLine *el, sift_el_prompt_fn fn) { return el_set(el, EL_PROMPT, fn); }
static inline int sift_el_set_editor(EditLine *el, const char *mode) { return el_set(el, EL_EDITOR, mode); }
static inline int sift_el_set_signal(EditLine *el, int on) { return el_set(el, EL_SIGNAL, on); }
static inline int sift_el_set_history(EditLine *el, History *h) { return el_set(el, EL_HIST, history, h); }
/// The function libedit calls to read one character (EL_GETCFN): 1 read, 0 end of input, -1 error (errno).
typedef int (*sift_el_getc_fn)(EditLine *, wchar_t *);
static inline int sift_el_set_getc(EditLine *el, sift_el_getc_fn fn) { return el_set(el, EL_GETCFN, fn); }
/// Redraws the prompt and the line from where the cursor is, forgetting what libedit thinks is on the screen.
static inline int sift_el_refresh(EditLine *el) { return el_set(el, EL_REFRESH); }
static inline int sift_el_set_clientdata(EditLine *el, void *data) { return el_set(el, EL_CLIENTDATA, data); }
static inline void *sift_el_get_clientdata(EditLine *el) {
    void *data = NULL;
    el_get(el, EL_CLIENTDATA, &data);
    return data;
}
static inline int sift_el_add_function(EditLine *el, const char *name, const char *help, sift_el_key_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}
static inline int sift_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, NULL);
}
/// The line being edited: its text up to `lastchar` and the cursor, as byte offsets.
static inline void sift_el_line(EditLine *el, const char **buffer, int *length, int *cursor) {
    const LineInfo *li = el_line(el);
    *buffer = li->buffer;
    *length = (int)(li->lastchar - li->buffer);
    *cursor = (int)(li->cursor - li->buffer);
}
/// Deletes `count` bytes before the cursor (el_deletestr counts characters; this is what completion needs).
static inline void sift_el_delete_before(EditLine *el, int count) { el_deletestr(el, count); }

static inline int sift_history_set_size(History *h, int size) {
    HistEvent ev;
    return history(h, &ev, H_SETSIZE, size);
}
static inline int sift_history_set_unique(History *h, int on) {
    HistEvent ev;
    return history(h, &ev, H_SETUNIQUE, on);
}
static inline int sift_history_enter(History *h, const char *line) {
    HistEvent ev;
    return history(h, &ev, H_ENTER, line);
}
static inline int sift_history_load(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_LOAD, path);
}
static inline int sift_history_save(History *h, const char *path) {
    HistEvent ev;
    return history(h, &ev, H_SAVE, path);
}
static inline int sift_history_count(History *h) {
    HistEvent ev;
    if (history(h, &ev, H_GETSIZE) < 0) return 0;
    return ev.num;
}
/// Removes every older entry equal to `line`, so that the history keeps one copy of each line.
static inline void sift_history_remove(History *h, const char *line) {
    HistEvent ev;
    int found = 1;
    while (found) {
        found = 0;
        if (history(h, &ev, H_FIRST) < 0) return;
        do {
            if (ev.str != NULL && strcmp(ev.str, line) == 0) {
                int num = ev.num;
                HistEvent del;
                history(h, &del, H_DEL, num);
                found = 1;
                break;
            }
        } while (history(h, &ev, H_NEXT) >= 0);
    }
}

/// The C standard streams, as functions: Swift 6 rejects reading the imported mutable globals.
static inline FILE *sift_stdin(void) { return stdin; }
static inline FILE *sift_stdout(void) { return stdout; }
static inline FILE *sift_stderr(void) { return stderr; }

/// Columns of the terminal on `fd`, or 0 when it is not one.
static inline int sift_terminal_columns(int fd) {
    struct winsize ws;
    if (ioctl(fd, TIOCGWINSZ, &ws) != 0) return 0;
    return ws.ws_col;
}
#endif
