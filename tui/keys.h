/* The one table that binds keys to actions. Views look keys up here, and
 * the help screen is generated from it, so help cannot drift from the keys. */
#ifndef FU_TUI_KEYS_H
#define FU_TUI_KEYS_H

#include <stddef.h>
#include <wchar.h>

/* A key as wget_wch returns it: fkey is a KEY_* code (then ch is unused),
 * or 0 for the character ch. */
struct keyev {
    int fkey;
    wint_t ch;
};

enum action {
    DO_NONE = 0,
    /* moving */
    DO_DOWN, DO_UP, DO_PGDN, DO_PGUP, DO_TOP, DO_BOTTOM, DO_COLLAPSE, DO_EXPAND, DO_TOGGLE,
    /* views */
    DO_OPEN, DO_FOCUS, DO_SEARCH, DO_NEXT, DO_PREV, DO_FILTER, DO_REPORTS, DO_HISTORY, DO_HELP,
    DO_BACK, DO_REDRAW, DO_REPORT, DO_EXPORT,
    /* changing tasks */
    DO_STATUS, DO_LEAD, DO_SUPPORT, DO_DUE, DO_NOTE, DO_NOTE_EDITOR,
    DO_MARK_ROW, DO_CLEAR_MARKS, DO_UNDO, DO_MINE, DO_EXPAND_ALL, DO_COLLAPSE_ALL,
    DO_SORT,
    /* the workflow */
    DO_PENDING, DO_SAVE_ATTACH, DO_APPROVE, DO_DENY,
    /* pickers and the line editor */
    DO_ACCEPT, DO_CANCEL, DO_MARK, DO_LEFT, DO_RIGHT, DO_HOME, DO_END, DO_DELPREV, DO_DELNEXT,
    DO_KILL_START, DO_KILL_END, DO_DELWORD,
    DO_COUNT
};

/* Where a binding applies (bit set). */
enum scope {
    SC_LIST = 1,       /* the task list */
    SC_DETAIL = 2,     /* the detail pane */
    SC_PAGER = 4,      /* help, history */
    SC_PICKER = 8,     /* status, department, filter and report pickers */
    SC_INPUT = 16,     /* the one-line editor */
    SC_Z = 32,         /* the list, after z (vim's folds: zR, zM) */
    SC_REQUESTS = 64   /* the pending extension requests (with SC_PAGER's moves) */
};
#define SC_MAIN (SC_LIST | SC_DETAIL)

struct keybind {
    int fkey;              /* KEY_* or 0 */
    wint_t ch;             /* the character when fkey is 0 */
    unsigned scope;
    enum action act;
    const char *name;      /* as help shows it: "j", "Down", "Ctrl-L" */
};

/* The action bound to k in scope, DO_NONE when none is. */
enum action keys_lookup(unsigned scope, const struct keyev *k);

/* The first key bound to act in scope, as help names it ("" when none). */
const char *keys_name(enum action act, unsigned scope);

/* The table (static storage) and its length. */
const struct keybind *keys_table(size_t *n);

/* What an action does, one line in English (translate with gettext). */
const char *keys_action_help(enum action a);

/* The help groups, in order: a title (English, for gettext) and the
 * actions of the group, ending with DO_NONE. n receives the group count. */
struct key_group {
    const char *title;
    unsigned scope;
    enum action acts[16];
};
const struct key_group *keys_groups(size_t *n);

#endif
