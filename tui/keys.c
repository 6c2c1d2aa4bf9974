/* Key bindings, after htop's Action.c and tig's request table. */
#include "tui/keys.h"

#include "tui/lib_curses.h"

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
    {0, 'e', SC_MAIN, DO_EDIT_TEXT, "e"},
    {0, 'I', SC_MAIN, DO_ADD_CHILD, "I"},
    {0, 'i', SC_MAIN, DO_ADD_SIBLING, "i"},
    {0, 'D', SC_MAIN, DO_WITHDRAW, "D"},
    {0, 'U', SC_MAIN, DO_RESTORE, "U"},
    {0, 'K', SC_LIST, DO_MOVE_UP, "K"},
    {0, 'J', SC_LIST, DO_MOVE_DOWN, "J"},
    {0, '>', SC_LIST, DO_INDENT, ">"},
    {0, '<', SC_LIST, DO_OUTDENT, "<"},
    {0, 'T', SC_MAIN, DO_REPORT_META, "T"},
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

static const struct {
    unsigned groups;
    const char *help;
} actions[DO_COUNT] = {
#define X(name, g, h) [DO_##name] = {(g), h},
    KEY_ACTIONS(X)
#undef X
};

/* The sections, in the bit order of enum key_group_id. */
static const struct key_group groups[KEY_NGROUPS] = {
    {N_("Moving"), SC_MAIN | SC_PAGER | SC_Z},
    {N_("Changing the task under the cursor"), SC_MAIN},
    {N_("Correcting the report (committee)"), SC_MAIN},
    {N_("Marks: changing several tasks at once"), SC_MAIN},
    {N_("Views"), SC_MAIN | SC_PAGER},
    {N_("In a picker (type to filter)"), SC_PICKER},
    {N_("In the line editor"), SC_INPUT},
    {N_("The status report"), SC_MAIN | SC_PAGER},
    {N_("Extension requests and evidence"), SC_MAIN | SC_REQUESTS},
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
    return (unsigned)a < DO_COUNT && actions[a].help ? actions[a].help : "";
}

unsigned keys_action_groups(enum action a)
{
    return (unsigned)a < DO_COUNT ? actions[a].groups : 0;
}

const struct key_group *keys_groups(size_t *n)
{
    *n = sizeof groups / sizeof groups[0];
    return groups;
}
