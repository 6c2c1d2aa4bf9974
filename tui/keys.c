/* Key bindings, after htop's Action.c and tig's request table. */
#include "tui/keys.h"

#include <curses.h>

#include "tui/i18n.h"

#define CTRL(c) ((c) & 0x1f)

static const struct keybind table[] = {
    {0, 'j', SC_MAIN | SC_PAGER, DO_DOWN, "j"},
    {KEY_DOWN, 0, SC_MAIN | SC_PAGER | SC_PICKER, DO_DOWN, "Down"},
    {0, CTRL('n'), SC_PICKER, DO_DOWN, "Ctrl-N"},
    {0, 'k', SC_MAIN | SC_PAGER, DO_UP, "k"},
    {KEY_UP, 0, SC_MAIN | SC_PAGER | SC_PICKER, DO_UP, "Up"},
    {0, CTRL('p'), SC_PICKER, DO_UP, "Ctrl-P"},
    {KEY_NPAGE, 0, SC_MAIN | SC_PAGER | SC_PICKER, DO_PGDN, "PgDn"},
    {0, CTRL('f'), SC_MAIN | SC_PAGER, DO_PGDN, "Ctrl-F"},
    {KEY_PPAGE, 0, SC_MAIN | SC_PAGER | SC_PICKER, DO_PGUP, "PgUp"},
    {0, CTRL('b'), SC_MAIN | SC_PAGER, DO_PGUP, "Ctrl-B"},
    {0, 'g', SC_MAIN | SC_PAGER, DO_TOP, "g"},
    {KEY_HOME, 0, SC_MAIN | SC_PAGER | SC_PICKER, DO_TOP, "Home"},
    {0, 'G', SC_MAIN | SC_PAGER, DO_BOTTOM, "G"},
    {KEY_END, 0, SC_MAIN | SC_PAGER | SC_PICKER, DO_BOTTOM, "End"},
    {0, 'h', SC_LIST, DO_COLLAPSE, "h"},
    {KEY_LEFT, 0, SC_LIST, DO_COLLAPSE, "Left"},
    {0, 'l', SC_LIST, DO_EXPAND, "l"},
    {KEY_RIGHT, 0, SC_LIST, DO_EXPAND, "Right"},
    {0, ' ', SC_LIST, DO_TOGGLE, "Space"},
    {0, 'R', SC_Z, DO_EXPAND_ALL, "zR"},
    {0, 'M', SC_Z, DO_COLLAPSE_ALL, "zM"},

    {0, '\n', SC_LIST, DO_OPEN, "Enter"},
    {0, '\r', SC_LIST, DO_OPEN, NULL},
    {KEY_ENTER, 0, SC_LIST, DO_OPEN, NULL},
    {0, '\t', SC_MAIN, DO_FOCUS, "Tab"},
    {0, '/', SC_MAIN, DO_SEARCH, "/"},
    {0, 'n', SC_MAIN, DO_NEXT, "n"},
    {0, 'N', SC_MAIN, DO_PREV, "N"},
    {0, 'f', SC_MAIN, DO_FILTER, "f"},
    {0, 'A', SC_MAIN, DO_MINE, "A"},
    {0, 'S', SC_MAIN, DO_SORT, "S"},
    {0, 'R', SC_MAIN, DO_REPORTS, "R"},
    {0, 'r', SC_MAIN, DO_REPORT, "r"},
    {0, 'e', SC_PAGER, DO_EXPORT, "e"},
    {0, 'H', SC_MAIN, DO_HISTORY, "H"},
    {0, '?', SC_MAIN | SC_PAGER, DO_HELP, "?"},
    {KEY_F(1), 0, SC_MAIN | SC_PAGER, DO_HELP, "F1"},
    {0, 'q', SC_MAIN | SC_PAGER, DO_BACK, "q"},
    {0, 27, SC_DETAIL | SC_PAGER, DO_BACK, "Esc"},
    {0, CTRL('l'), SC_MAIN | SC_PAGER | SC_PICKER | SC_INPUT, DO_REDRAW, "Ctrl-L"},

    {0, 's', SC_MAIN, DO_STATUS, "s"},
    {0, 'a', SC_MAIN, DO_LEAD, "a"},
    {0, 'o', SC_MAIN, DO_SUPPORT, "o"},
    {0, 'd', SC_MAIN, DO_DUE, "d"},
    {0, 'c', SC_MAIN, DO_NOTE, "c"},
    {0, 'E', SC_MAIN, DO_NOTE_EDITOR, "E"},
    {0, 'm', SC_LIST, DO_MARK_ROW, "m"},
    {0, 'M', SC_MAIN, DO_CLEAR_MARKS, "M"},
    {0, 'u', SC_MAIN, DO_UNDO, "u"},
    {0, 'P', SC_MAIN, DO_PENDING, "P"},
    {0, 'w', SC_MAIN, DO_SAVE_ATTACH, "w"},
    {0, 'y', SC_REQUESTS, DO_APPROVE, "y"},
    {0, 'x', SC_REQUESTS, DO_DENY, "x"},
    {0, '\n', SC_REQUESTS, DO_OPEN, "Enter"},
    {0, '\r', SC_REQUESTS, DO_OPEN, NULL},
    {KEY_ENTER, 0, SC_REQUESTS, DO_OPEN, NULL},

    {0, '\n', SC_PICKER | SC_INPUT, DO_ACCEPT, "Enter"},
    {0, '\r', SC_PICKER | SC_INPUT, DO_ACCEPT, NULL},
    {KEY_ENTER, 0, SC_PICKER | SC_INPUT, DO_ACCEPT, NULL},
    {0, 27, SC_PICKER | SC_INPUT, DO_CANCEL, "Esc"},
    {0, CTRL('g'), SC_PICKER | SC_INPUT, DO_CANCEL, "Ctrl-G"},
    {0, ' ', SC_PICKER, DO_MARK, "Space"},
    {KEY_LEFT, 0, SC_INPUT, DO_LEFT, "Left"},
    {KEY_RIGHT, 0, SC_INPUT, DO_RIGHT, "Right"},
    {KEY_HOME, 0, SC_INPUT, DO_HOME, "Home"},
    {0, CTRL('a'), SC_INPUT, DO_HOME, "Ctrl-A"},
    {KEY_END, 0, SC_INPUT, DO_END, "End"},
    {0, CTRL('e'), SC_INPUT, DO_END, "Ctrl-E"},
    {KEY_BACKSPACE, 0, SC_PICKER | SC_INPUT, DO_DELPREV, "Backspace"},
    {0, 127, SC_PICKER | SC_INPUT, DO_DELPREV, NULL},
    {0, CTRL('h'), SC_PICKER | SC_INPUT, DO_DELPREV, NULL},
    {KEY_DC, 0, SC_INPUT, DO_DELNEXT, "Delete"},
    {0, CTRL('d'), SC_INPUT, DO_DELNEXT, "Ctrl-D"},
    {0, CTRL('u'), SC_PICKER | SC_INPUT, DO_KILL_START, "Ctrl-U"},
    {0, CTRL('k'), SC_INPUT, DO_KILL_END, "Ctrl-K"},
    {0, CTRL('w'), SC_INPUT, DO_DELWORD, "Ctrl-W"},
};

static const char *const help[DO_COUNT] = {
    [DO_DOWN] = N_("next row; scroll down"),
    [DO_UP] = N_("previous row; scroll up"),
    [DO_PGDN] = N_("page down"),
    [DO_PGUP] = N_("page up"),
    [DO_TOP] = N_("first row"),
    [DO_BOTTOM] = N_("last row"),
    [DO_COLLAPSE] = N_("collapse, or go to the parent"),
    [DO_EXPAND] = N_("expand, or go to the first child"),
    [DO_TOGGLE] = N_("collapse or expand"),
    [DO_EXPAND_ALL] = N_("expand everything"),
    [DO_COLLAPSE_ALL] = N_("collapse everything"),
    [DO_OPEN] = N_("show the detail of the task"),
    [DO_FOCUS] = N_("switch between the list and the detail"),
    [DO_SEARCH] = N_("search (as you type)"),
    [DO_NEXT] = N_("next match"),
    [DO_PREV] = N_("previous match"),
    [DO_FILTER] = N_("filter by department, status or overdue"),
    [DO_SORT] = N_("order: the report's tree, or its items by due date, status, overdue "
                   "first, last updated"),
    [DO_MINE] = N_("all tasks, or only your departments' (a liaison starts with those)"),
    [DO_REPORTS] = N_("switch report"),
    [DO_REPORT] = N_("status report: departments with progress bars, overdue items"),
    [DO_EXPORT] = N_("in the status report: export it (.txt .md .csv .html .json)"),
    [DO_HISTORY] = N_("history of the task"),
    [DO_HELP] = N_("this help"),
    [DO_BACK] = N_("back; in the list, q quits"),
    [DO_REDRAW] = N_("redraw the screen"),
    [DO_STATUS] = N_("change the status"),
    [DO_LEAD] = N_("assign the lead department"),
    [DO_SUPPORT] = N_("choose the supporting departments"),
    [DO_DUE] = N_("set the due date"),
    [DO_NOTE] = N_("add a progress note"),
    [DO_NOTE_EDITOR] = N_("write a long progress note in $EDITOR"),
    [DO_MARK_ROW] = N_("mark or unmark the task (s a o d then change every marked task)"),
    [DO_CLEAR_MARKS] = N_("clear every mark"),
    [DO_UNDO] = N_("undo your last change (a bulk change as a whole)"),
    [DO_PENDING] = N_("pending extension requests (the committee approves or denies them)"),
    [DO_SAVE_ATTACH] = N_("save an attachment of the task to a file"),
    [DO_APPROVE] = N_("in the pending requests: approve (the due date moves)"),
    [DO_DENY] = N_("in the pending requests: deny, with the reason"),
    [DO_ACCEPT] = N_("take the highlighted entry; finish the line"),
    [DO_CANCEL] = N_("cancel"),
    [DO_MARK] = N_("tick or untick (supporting departments)"),
    [DO_LEFT] = N_("one character left"),
    [DO_RIGHT] = N_("one character right"),
    [DO_HOME] = N_("start of the line"),
    [DO_END] = N_("end of the line"),
    [DO_DELPREV] = N_("delete the character before the cursor"),
    [DO_DELNEXT] = N_("delete the character under the cursor"),
    [DO_KILL_START] = N_("delete to the start of the line"),
    [DO_KILL_END] = N_("delete to the end of the line"),
    [DO_DELWORD] = N_("delete the word before the cursor"),
};

static const struct key_group groups[] = {
    {N_("Moving"), SC_MAIN | SC_PAGER | SC_Z,
     {DO_DOWN, DO_UP, DO_PGDN, DO_PGUP, DO_TOP, DO_BOTTOM, DO_COLLAPSE, DO_EXPAND, DO_TOGGLE,
      DO_EXPAND_ALL, DO_COLLAPSE_ALL}},
    {N_("Changing the task under the cursor"), SC_MAIN,
     {DO_STATUS, DO_LEAD, DO_SUPPORT, DO_DUE, DO_NOTE, DO_NOTE_EDITOR}},
    {N_("Marks: changing several tasks at once"), SC_MAIN,
     {DO_MARK_ROW, DO_CLEAR_MARKS, DO_UNDO}},
    {N_("Views"), SC_MAIN | SC_PAGER,
     {DO_OPEN, DO_FOCUS, DO_SEARCH, DO_NEXT, DO_PREV, DO_FILTER, DO_MINE, DO_SORT, DO_REPORTS, DO_HISTORY,
      DO_HELP, DO_BACK, DO_REDRAW}},
    {N_("In a picker (type to filter)"), SC_PICKER,
     {DO_DOWN, DO_UP, DO_MARK, DO_ACCEPT, DO_CANCEL}},
    {N_("In the line editor"), SC_INPUT,
     {DO_LEFT, DO_RIGHT, DO_HOME, DO_END, DO_DELPREV, DO_DELNEXT, DO_KILL_START, DO_KILL_END,
      DO_DELWORD, DO_ACCEPT, DO_CANCEL}},
    {N_("The status report"), SC_MAIN | SC_PAGER, {DO_REPORT, DO_EXPORT}},
    {N_("Extension requests and evidence"), SC_MAIN | SC_REQUESTS,
     {DO_PENDING, DO_APPROVE, DO_DENY, DO_SAVE_ATTACH}},
};

enum action keys_lookup(unsigned scope, const struct keyev *k)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        const struct keybind *b = &table[i];
        if (!(b->scope & scope))
            continue;
        if (k->fkey ? b->fkey == k->fkey : (!b->fkey && b->ch == k->ch))
            return b->act;
    }
    return DO_NONE;
}

const char *keys_name(enum action act, unsigned scope)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (table[i].act == act && (table[i].scope & scope) && table[i].name)
            return table[i].name;
    return "";
}

const struct keybind *keys_table(size_t *n)
{
    *n = sizeof table / sizeof table[0];
    return table;
}

const char *keys_action_help(enum action a)
{
    return (unsigned)a < DO_COUNT && help[a] ? help[a] : "";
}

const struct key_group *keys_groups(size_t *n)
{
    *n = sizeof groups / sizeof groups[0];
    return groups;
}
