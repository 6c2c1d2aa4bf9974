/* The interface's state and its views. A view is a table of operations
 * with private state (tig's view.h); the two panes (list, detail) are
 * always there, modal views (pickers, the line editor, help, history)
 * stack over them. Only tui/ includes this. */
#ifndef FU_TUI_APP_H
#define FU_TUI_APP_H

#include "tui/lib_curses.h"

#include "host/config.h"
#include "util/err.h"
#include "db/db.h"
#include "tui/bulk.h"
#include "tui/colors.h"
#include "tui/keys.h"
#include "tui/model.h"
#include "core/user.h"

#define APP_STACK 8
#define APP_MIN_COLS 40
#define APP_MIN_LINES 10
#define APP_SPLIT_COLS 120     /* the detail shows beside the list from here */

struct app;
struct view;

struct rect {
    int y, x, h, w;
};

struct view_ops {
    const char *name;
    int popup;             /* 1: drawn over what is beneath, which stays visible */
    int msgline;           /* 1: sits on the message line (messages move to the status line) */
    /* Where the view goes, given the body area (screen coordinates).
     * NULL: the whole body. */
    void (*place)(struct view *v, struct app *a, const struct rect *body, struct rect *out);
    void (*draw)(struct view *v, struct app *a);
    void (*key)(struct view *v, struct app *a, const struct keyev *k);
    /* Releases the state. NULL when there is nothing to release. */
    void (*close)(struct view *v, struct app *a);
    /* Where the terminal cursor goes (window coordinates); 0 to hide it. */
    int (*cursor)(struct view *v, struct app *a, int *y, int *x);
};

struct view {
    const struct view_ops *ops;
    void *state;           /* owned by the view, released by close */
    WINDOW *win;           /* made by the layout, NULL while hidden */
    struct rect r;         /* where win is */
};

struct app {
    struct db *db;
    const struct actor *actor;
    const struct config *cfg;
    struct user user;      /* the effective user */
    int zh;                /* the interface speaks Chinese */
    char catalogue[512];   /* where the translations came from, "" none */
    struct palette pal;
    struct model m;
    long long data_version;
    unsigned gen;          /* bumped by every reload */
    struct view list, detail;
    int focus_detail;      /* keys go to the detail pane */
    int split;             /* the detail shows beside the list */
    struct view *stack[APP_STACK];
    int depth;
    WINDOW *head, *bar, *msgw;
    struct rect body;
    int too_small;
    char msg[FU_ERRLEN];   /* the message line, "" for the key hint */
    int msg_style;         /* enum style */
    char search[256];      /* the last search, for n and N */
    int dirty, quit;
    int trace;             /* FOLLOWUP_TRACE's file, -1 when unset (tui.c) */
    struct bulk bulk;      /* marks and the undo stack */
    int zpend;             /* z was typed: the next key is a fold command (zR, zM) */
};

/* Pushes a modal view over the others; state becomes the view's (close
 * releases it even when the push fails). Returns 0, -1 when the stack is
 * full. */
int app_push(struct app *a, const struct view_ops *ops, void *state);

/* Closes the topmost modal view. */
void app_pop(struct app *a);

/* The view that gets the keys. */
struct view *app_top(struct app *a);

/* Sets the message line (printf format; shown sanitised). */
void app_msg(struct app *a, int style, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Reloads the model from the database (the cursor stays on its task). */
void app_reload(struct app *a);
/* Brings the model up to date with what was written since it was read,
 * reading only the tasks that changed (model_refresh): after a change of
 * the user's own and when another process has written. */
void app_refresh(struct app *a);

/* Recomputes the layout for the current terminal size. */
void app_layout(struct app *a);

/* OWN_LEAD when the effective user's departments include t's lead,
 * OWN_SUPPORT when only a supporting department, else OWN_NONE. */
int app_owns(const struct app *a, const struct task *t);

/* Leaves curses mode to run a program in the terminal, and comes back. */
void app_suspend(struct app *a);
void app_resume(struct app *a);

#endif
