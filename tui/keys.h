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

/* The help groups (bits): which sections of the help screen list an action. */
enum key_group_id {
    G_MOVE = 1 << 0, G_CHANGE = 1 << 1, G_EDIT = 1 << 2, G_MARKS = 1 << 3, G_VIEWS = 1 << 4,
    G_PICKER = 1 << 5, G_INPUT = 1 << 6, G_REPORT = 1 << 7, G_REQUESTS = 1 << 8
};
#define KEY_NGROUPS 9

#ifndef N_
#define N_(s) (s)
#endif

/* Every action the keys can ask for, with the help groups that list it and
 * its help text (English, translated with gettext): the one list the
 * action enum, the help texts and the help screen's sections come from,
 * so none can lack another. The help screen lists a group's actions in
 * this order. */
#define KEY_ACTIONS(X) \
    X(DOWN, G_MOVE | G_PICKER, N_("next row; scroll down")) \
    X(UP, G_MOVE | G_PICKER, N_("previous row; scroll up")) \
    X(PGDN, G_MOVE, N_("page down")) \
    X(PGUP, G_MOVE, N_("page up")) \
    X(TOP, G_MOVE, N_("first row")) \
    X(BOTTOM, G_MOVE, N_("last row")) \
    X(COLLAPSE, G_MOVE, N_("collapse, or go to the parent")) \
    X(EXPAND, G_MOVE, N_("expand, or go to the first child")) \
    X(TOGGLE, G_MOVE, N_("collapse or expand")) \
    X(EXPAND_ALL, G_MOVE, N_("expand everything")) \
    X(COLLAPSE_ALL, G_MOVE, N_("collapse everything")) \
    X(STATUS, G_CHANGE, N_("change the status")) \
    X(LEAD, G_CHANGE, N_("assign the lead department")) \
    X(SUPPORT, G_CHANGE, N_("choose the supporting departments")) \
    X(DUE, G_CHANGE, N_("set the due date")) \
    X(NOTE, G_CHANGE, N_("add a progress note")) \
    X(NOTE_EDITOR, G_CHANGE, N_("write a long progress note in $EDITOR")) \
    X(EDIT_TEXT, G_EDIT, N_("correct the task's text (its title or sentence)")) \
    X(ADD_CHILD, G_EDIT, N_("add a task under it (an item under a section, a statement under an item)")) \
    X(ADD_SIBLING, G_EDIT, N_("add a task of its kind after it")) \
    X(WITHDRAW, G_EDIT, N_("withdraw it and its sub-tasks, with the reason (nothing is deleted)")) \
    X(RESTORE, G_EDIT, N_("restore a withdrawn task, by its code")) \
    X(MOVE_UP, G_EDIT, N_("move it up among its siblings (it keeps its code)")) \
    X(MOVE_DOWN, G_EDIT, N_("move it down among its siblings")) \
    X(INDENT, G_EDIT, N_("move it under the task before it")) \
    X(OUTDENT, G_EDIT, N_("move it out of its parent, after it")) \
    X(REPORT_META, G_EDIT, N_("correct the report's title, 文号, issuer, dates …")) \
    X(MARK_ROW, G_MARKS, N_("mark or unmark the task (s a o d then change every marked task)")) \
    X(CLEAR_MARKS, G_MARKS, N_("clear every mark")) \
    X(UNDO, G_MARKS, N_("undo your last change (a bulk change as a whole)")) \
    X(OPEN, G_VIEWS | G_REQUESTS, N_("show the detail of the task")) \
    X(FOCUS, G_VIEWS, N_("switch between the list and the detail")) \
    X(SEARCH, G_VIEWS, N_("search (as you type)")) \
    X(NEXT, G_VIEWS, N_("next match")) \
    X(PREV, G_VIEWS, N_("previous match")) \
    X(FILTER, G_VIEWS, N_("filter by department, status or overdue")) \
    X(MINE, G_VIEWS, N_("all tasks, or only your departments' (a liaison starts with those)")) \
    X(SORT, G_VIEWS, N_("order: the report's tree, or its items by due date, status, overdue first, last updated")) \
    X(REPORTS, G_VIEWS, N_("switch report")) \
    X(HISTORY, G_VIEWS, N_("history of the task")) \
    X(HELP, G_VIEWS, N_("this help")) \
    X(BACK, G_VIEWS, N_("back; in the list, q quits")) \
    X(REDRAW, G_VIEWS, N_("redraw the screen")) \
    X(REPORT, G_REPORT, N_("status report: departments with progress bars, overdue items")) \
    X(EXPORT, G_REPORT, N_("in the status report: export it (.txt .md .csv .html .json)")) \
    X(PENDING, G_REQUESTS, N_("pending extension requests (the committee approves or denies them)")) \
    X(APPROVE, G_REQUESTS, N_("in the pending requests: approve (the due date moves)")) \
    X(DENY, G_REQUESTS, N_("in the pending requests: deny, with the reason")) \
    X(SAVE_ATTACH, G_REQUESTS, N_("save an attachment of the task to a file")) \
    X(MARK, G_PICKER, N_("tick or untick (supporting departments)")) \
    X(LEFT, G_INPUT, N_("one character left")) \
    X(RIGHT, G_INPUT, N_("one character right")) \
    X(HOME, G_INPUT, N_("start of the line")) \
    X(END, G_INPUT, N_("end of the line")) \
    X(DELPREV, G_INPUT, N_("delete the character before the cursor")) \
    X(DELNEXT, G_INPUT, N_("delete the character under the cursor")) \
    X(KILL_START, G_INPUT, N_("delete to the start of the line")) \
    X(KILL_END, G_INPUT, N_("delete to the end of the line")) \
    X(DELWORD, G_INPUT, N_("delete the word before the cursor")) \
    X(ACCEPT, G_PICKER | G_INPUT, N_("take the highlighted entry; finish the line")) \
    X(CANCEL, G_PICKER | G_INPUT, N_("cancel"))

enum action {
    DO_NONE = 0,
#define X(name, groups, help) DO_##name,
    KEY_ACTIONS(X)
#undef X
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

/* What an action does, one line in English (translate with gettext);
 * "" for DO_NONE and out of range. */
const char *keys_action_help(enum action a);

/* The help groups (enum key_group_id bits) that list action a. */
unsigned keys_action_groups(enum action a);

/* The help screen's sections, in order: a title (English, for gettext) and
 * the scope whose keys it names; section i lists the actions whose groups
 * include bit 1 << i, in KEY_ACTIONS order. n receives the count. */
struct key_group {
    const char *title;
    unsigned scope;
};
const struct key_group *keys_groups(size_t *n);

#endif
