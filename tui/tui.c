/* The interface: start-up, the main loop, the layout, the header and
 * status lines, live reload, and the way out (the terminal is restored on
 * every path). One loop: draw what changed into windows (wnoutrefresh),
 * one doupdate(), wait for a key with a timeout (wget_wch), dispatch. */
#include "tui/tui.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "host/priv.h"
#include "util/text.h"
#include "tui/actions.h"
#include "tui/app.h"
#include "db/db_import.h"
#include "tui/detail.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/list.h"
#include "db/db_user.h"

#define TICK_MS 40             /* how often the database is asked for changes: another
                                * user's change shows within it (PRAGMA data_version
                                * costs a few microseconds) */

/* The one piece of mutable file state: a signal handler can only talk
 * through a flag. Set by SIGINT, SIGTERM, SIGHUP; the loop then leaves
 * the normal way (terminal restored, database closed). */
static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
    got_signal = sig;
}

/* Installed before the screen starts, so that curses keeps them. */
static void catch_signals(struct sigaction old[3])
{
    static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    got_signal = 0;
    for (int i = 0; i < 3; i++)
        sigaction(sigs[i], &sa, &old[i]);
}

static void release_signals(const struct sigaction old[3])
{
    static const int sigs[3] = {SIGINT, SIGTERM, SIGHUP};
    for (int i = 0; i < 3; i++)
        sigaction(sigs[i], &old[i], NULL);
}

/* ---- views ------------------------------------------------------------------- */

int app_push(struct app *a, const struct view_ops *ops, void *state)
{
    struct view *v = calloc(1, sizeof *v);
    if (!v || a->depth == APP_STACK) {
        struct view tmp = {.ops = ops, .state = state};
        if (ops->close)
            ops->close(&tmp, a);
        free(v);
        app_msg(a, S_ERROR, "%s", _("Too many windows open; close one first (Esc)."));
        return -1;
    }
    v->ops = ops;
    v->state = state;
    a->stack[a->depth++] = v;
    app_layout(a);
    return 0;
}

void app_pop(struct app *a)
{
    if (!a->depth)
        return;
    struct view *v = a->stack[--a->depth];
    if (v->ops->close)
        v->ops->close(v, a);
    if (v->win)
        delwin(v->win);
    free(v);
    a->dirty = 1;
}

struct view *app_top(struct app *a)
{
    if (a->depth)
        return a->stack[a->depth - 1];
    return a->focus_detail ? &a->detail : &a->list;
}

void app_msg(struct app *a, int style, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->msg, sizeof a->msg, fmt, ap);
    va_end(ap);
    a->msg_style = style;
    a->dirty = 1;
}

/* A liaison opens on the first report that has tasks of their departments
 * (the first report may have none of them). */
static void open_on_mine(struct app *a)
{
    struct db_report_counts cn;
    char err[FU_ERRLEN];
    if (db_report_counts(a->db, a->actor, a->m.today, &cn, err, sizeof err) != FU_OK)
        return;   /* the first report, as for everyone */
    for (size_t i = 0; i < cn.n && !a->m.report_id; i++)
        if (cn.v[i].mine > 0)
            a->m.report_id = cn.v[i].report_id;
    db_report_counts_fini(&cn);
}

int app_owns(const struct app *a, const struct task *t)
{
    int own = OWN_NONE;
    for (size_t i = 0; i < a->user.ndepts; i++) {
        const char *d = a->user.depts[i];
        if (t->lead && !strcmp(t->lead, d))
            return OWN_LEAD;
        for (size_t k = 0; k < t->nsupport; k++)
            if (!strcmp(t->support[k], d))
                own = OWN_SUPPORT;
    }
    return own;
}

void app_reload(struct app *a)
{
    char err[FU_ERRLEN] = "";
    struct user u = {0};
    if (db_user_effective(a->db, a->actor, &u, err, sizeof err) == FU_OK) {
        user_fini(&a->user);
        a->user = u;
        model_set_mine(&a->m, a->user.depts, a->user.ndepts);
    }
    db_data_version(a->db, &a->data_version, err, sizeof err);
    if (model_load(&a->m, a->db, err, sizeof err) != FU_OK)
        app_msg(a, S_ERROR, "%s", err);
    if (a->m.sort == SORT_UPDATED)     /* the order of changes changed */
        model_set_sort(&a->m, SORT_UPDATED, err, sizeof err);
    a->gen++;
    a->dirty = 1;
}

void app_refresh(struct app *a)
{
    char err[FU_ERRLEN] = "";
    size_t loads = a->m.loads;
    /* the version first: a commit after it is seen at the next tick */
    db_data_version(a->db, &a->data_version, err, sizeof err);
    if (model_refresh(&a->m, a->db, err, sizeof err) != FU_OK)
        app_msg(a, S_ERROR, "%s", err);
    if (a->m.sort == SORT_UPDATED)     /* the order of changes changed */
        model_set_sort(&a->m, SORT_UPDATED, err, sizeof err);
    if (a->m.loads != loads) {    /* read again in full: users may have changed too */
        struct user u = {0};
        if (db_user_effective(a->db, a->actor, &u, err, sizeof err) == FU_OK) {
            user_fini(&a->user);
            a->user = u;
            model_set_mine(&a->m, a->user.depts, a->user.ndepts);
        }
    }
    a->gen++;
    a->dirty = 1;
}

/* ---- layout ---------------------------------------------------------------------- */

static void place_window(struct view *v, const struct rect *r)
{
    if (v->win && v->r.y == r->y && v->r.x == r->x && v->r.h == r->h && v->r.w == r->w)
        return;
    if (v->win)
        delwin(v->win);
    v->r = *r;
    v->win = r->h > 0 && r->w > 0 ? newwin(r->h, r->w, r->y, r->x) : NULL;
}

static WINDOW *remake(WINDOW *old, int h, int w, int y, int x)
{
    if (old)
        delwin(old);
    return newwin(h, w, y, x);
}

void app_layout(struct app *a)
{
    int rows = LINES, cols = COLS;
    a->too_small = rows < APP_MIN_LINES || cols < APP_MIN_COLS;
    a->dirty = 1;
    if (a->too_small) {
        rows = rows < 1 ? 1 : rows;
        cols = cols < 1 ? 1 : cols;
    }
    a->head = remake(a->head, 1, cols, 0, 0);
    a->bar = remake(a->bar, 1, cols, rows > 2 ? rows - 2 : 0, 0);
    a->msgw = remake(a->msgw, 1, cols, rows - 1, 0);
    keypad(a->msgw, TRUE);
    wtimeout(a->msgw, TICK_MS);
    a->body = (struct rect){.y = 1, .x = 0, .h = rows > 3 ? rows - 3 : 1, .w = cols};
    a->split = cols >= APP_SPLIT_COLS;
    if (a->split) {
        int dw = cols * 2 / 5;
        struct rect l = {a->body.y, 0, a->body.h, cols - dw};
        struct rect d = {a->body.y, cols - dw, a->body.h, dw};
        place_window(&a->list, &l);
        place_window(&a->detail, &d);
    } else {
        place_window(&a->list, &a->body);
        place_window(&a->detail, &a->body);
    }
    for (int i = 0; i < a->depth; i++) {
        struct view *v = a->stack[i];
        struct rect r = a->body;
        if (v->ops->place)
            v->ops->place(v, a, &a->body, &r);
        place_window(v, &r);
    }
}

/* ---- header, status line, message line ----------------------------------------------- */

static void filter_text(const struct app *a, char *out, size_t outlen)
{
    const struct model_filter *f = &a->m.filter;
    out[0] = '\0';
    if (!model_filter_active(&a->m))
        return;
    size_t n = (size_t)snprintf(out, outlen, "%s", _("filter:"));
    if (f->mine && n < outlen)
        n += (size_t)snprintf(out + n, outlen - n, " %s", _("my departments (A: all)"));
    if (f->dept[0] && n < outlen)
        n += (size_t)snprintf(out + n, outlen - n, " %s", f->dept);
    if (f->status >= 0 && n < outlen)
        n += (size_t)snprintf(out + n, outlen - n, " %s",
                              i18n_status(a->zh, (enum task_status)f->status));
    if (f->overdue && n < outlen)
        snprintf(out + n, outlen - n, " %s", _("overdue"));
}

static void draw_head(struct app *a)
{
    WINDOW *w = a->head;
    int cols = getmaxx(w);
    char left[1024], right[512], filt[300];
    const struct report *r = model_report(&a->m);
    werase(w);
    draw_fill(w, 0, 0, cols, a->pal.a[S_BAR]);
    if (r)
        snprintf(left, sizeof left, "R%lld %s %s", r->id, r->doc_no ? r->doc_no : "",
                 r->title ? r->title : "");
    else
        snprintf(left, sizeof left, "followup");
    filter_text(a, filt, sizeof filt);
    if (a->m.sort != SORT_TREE) {
        size_t fl = strlen(filt);
        snprintf(filt + fl, sizeof filt - fl, _("%sby %s"), fl ? "  " : "",
                 actions_sort_name(a->m.sort));
    }
    if (a->m.reports.n > 1)
        snprintf(right, sizeof right, "%s%s[%zu %s · R]", filt, filt[0] ? "  " : "",
                 a->m.reports.n, _("reports"));
    else
        snprintf(right, sizeof right, "%s", filt);
    int rw = text_width(right);
    rw = rw > cols / 2 ? cols / 2 : rw;
    draw_text(w, 0, 0, left, cols - rw - (rw ? 2 : 0), 0, a->pal.a[S_BAR] | A_BOLD);
    if (rw)
        draw_text(w, 0, cols - rw, right, rw, 0, a->pal.a[S_BAR]);
}

static void draw_bar(struct app *a)
{
    WINDOW *w = a->bar;
    int cols = getmaxx(w);
    char left[512], right[256];
    const struct task *t = model_current(&a->m);
    size_t n = 0;
    /* in words: "2.4 · row 9/14 · 14 shown of 59 · items 11: Not started 10, …": the
     * cursor's task and row, the rows shown of the tasks there are */
    if (t)
        n = (size_t)snprintf(left, sizeof left, _("%s · row %zu/%zu · "), t->code,
                             a->m.cur + 1, a->m.nrows);
    n += (size_t)snprintf(left + n, sizeof left - n, _("%zu shown of %zu · "), a->m.nrows,
                          model_count(&a->m));
    if (a->bulk.nmarks)
        n += (size_t)snprintf(left + n, sizeof left - n, _("%zu marked · "), a->bulk.nmarks);
    n += (size_t)snprintf(left + n, sizeof left - n, "%s %d", _("items"), a->m.nitems);
    for (int s = 0, first = 1; s < ST_COUNT && n < sizeof left; s++)
        if (a->m.counts[s]) {
            n += (size_t)snprintf(left + n, sizeof left - n, "%s%s %d", first ? ": " : ", ",
                                  i18n_status(a->zh, (enum task_status)s), a->m.counts[s]);
            first = 0;
        }
    snprintf(right, sizeof right, "%s%s (%s)", db_readonly(a->db) ? _("read-only  ") : "",
             a->user.login, i18n_role(a->user.role));
    werase(w);
    draw_fill(w, 0, 0, cols, a->pal.a[S_BAR]);
    if (a->msg[0] && app_top(a)->ops->msgline) {
        /* the line editor has the message line: say it here */
        draw_text(w, 0, 0, a->msg, cols, 0, a->pal.a[S_BAR] | a->pal.a[a->msg_style]);
        return;
    }
    int rw = text_width(right);
    rw = rw > cols / 2 ? cols / 2 : rw;
    draw_text(w, 0, 0, left, cols - rw - 2, 0, a->pal.a[S_BAR]);
    draw_text(w, 0, cols - rw, right, rw, 0, a->pal.a[S_BAR]);
}

/* 0 when the user's role may never take act (a liaison assigns nothing,
 * a viewer changes nothing): such keys are not offered in the hint. */
static int usable(const struct app *a, enum action act)
{
    enum task_action t;
    switch (act) {
    case DO_STATUS: t = ACT_STATUS; break;
    case DO_NOTE: t = ACT_NOTE; break;
    case DO_LEAD: case DO_DUE: case DO_SUPPORT: t = ACT_ASSIGN; break;
    case DO_EDIT_TEXT: case DO_ADD_CHILD: case DO_ADD_SIBLING: case DO_WITHDRAW:
    case DO_RESTORE: case DO_MOVE_UP: case DO_MOVE_DOWN: case DO_INDENT: case DO_OUTDENT:
    case DO_REPORT_META: t = ACT_EDIT; break;
    case DO_MINE: return a->m.nmine > 0;
    default: return 1;
    }
    return perm_check(a->user.role, t, 1, NULL, 0) == FU_OK && !db_readonly(a->db);
}

struct hint {
    enum action act;
    const char *label;
    int prio;              /* lower is kept first */
};

static const struct hint detail_hint[] = {
    {DO_DOWN, N_("scroll"), 3}, {DO_STATUS, N_("status"), 2}, {DO_NOTE, N_("note"), 4},
    {DO_HISTORY, N_("history"), 5}, {DO_BACK, N_("list"), 1}, {DO_HELP, N_("help"), 0},
}, list_hint[] = {
    {DO_OPEN, N_("detail"), 2}, {DO_SEARCH, N_("search"), 3}, {DO_FILTER, N_("filter"), 5},
    {DO_STATUS, N_("status"), 4}, {DO_LEAD, N_("lead"), 7}, {DO_DUE, N_("due"), 8},
    {DO_NOTE, N_("note"), 6}, {DO_MINE, N_("mine/all"), 4}, {DO_HELP, N_("help"), 0},
    {DO_BACK, N_("quit"), 1},
}, picker_hint[] = {
    {DO_DOWN, N_("next"), 2}, {DO_UP, N_("previous"), 3}, {DO_MARK, N_("tick"), 4},
    {DO_ACCEPT, N_("take"), 0}, {DO_CANCEL, N_("cancel"), 1},
}, pager_hint[] = {
    {DO_DOWN, N_("scroll"), 1}, {DO_PGDN, N_("page"), 2}, {DO_BACK, N_("back"), 0},
}, report_hint[] = {
    {DO_DOWN, N_("scroll"), 2}, {DO_PGDN, N_("page"), 3}, {DO_EXPORT, N_("export"), 1},
    {DO_BACK, N_("back"), 0},
};

/* The hint of the view that has the keys. */
static const struct hint *hint_for(struct app *a, unsigned *scope, size_t *n)
{
    const char *top = app_top(a)->ops->name;
#define HINT(t, sc) (*scope = (sc), *n = sizeof t / sizeof t[0], t)
    if (!strcmp(top, "picker"))
        return HINT(picker_hint, SC_PICKER);
    if (!strcmp(top, "report"))
        return HINT(report_hint, SC_PAGER);
    if (!strcmp(top, "pager"))
        return HINT(pager_hint, SC_PAGER);
    if (a->focus_detail && !a->split)
        return HINT(detail_hint, SC_DETAIL);
    return HINT(list_hint, SC_LIST);
#undef HINT
}

/* The key hint of the focused view: as many of its actions as fit, most
 * useful first, shown in their natural order, with the keys the table
 * binds; actions the user's role may never take are left out. */
static void key_hint(struct app *a, int cols, char *out, size_t outlen)
{
    unsigned scope;
    size_t n;
    const struct hint *h = hint_for(a, &scope, &n);
    char piece[16][64];
    int keep[16] = {0}, used = 0;
    for (size_t k = 0; k < n && k < 16; k++)
        snprintf(piece[k], sizeof piece[k], "%s %s", keys_name(h[k].act, scope), _(h[k].label));
    for (int prio = 0; prio < 16; prio++)
        for (size_t k = 0; k < n && k < 16; k++) {
            int w = text_width(piece[k]) + 2;
            if (h[k].prio == prio && used + w <= cols && usable(a, h[k].act)) {
                keep[k] = 1;
                used += w;
            }
        }
    size_t o = 0;
    out[0] = '\0';
    for (size_t k = 0; k < n && k < 16 && o < outlen; k++)
        if (keep[k])
            o += (size_t)snprintf(out + o, outlen - o, "%s%s", o ? "  " : "", piece[k]);
}

static void draw_msg(struct app *a)
{
    WINDOW *w = a->msgw;
    int cols = getmaxx(w);
    char hint[512];
    werase(w);
    if (a->msg[0]) {
        draw_text(w, 0, 0, a->msg, cols, 0, a->pal.a[a->msg_style]);
        return;
    }
    key_hint(a, cols, hint, sizeof hint);
    draw_text(w, 0, 0, hint, cols, 0, A_DIM);
}

/* A change kept waiting for another process's write lock: the message
 * line names the holder at once (the key that asked is still in hand). */
static void say_waiting(void *ctx, const char *line)
{
    struct app *a = ctx;
    if (!a->msgw)
        return;
    app_msg(a, S_ERROR, "%s", line);
    draw_msg(a);
    wnoutrefresh(a->msgw);
    doupdate();
}

static void draw_too_small(struct app *a)
{
    char size[64];
    const char *lines[3] = {_("Terminal too small"), size, _("q quits")};
    snprintf(size, sizeof size, "%dx%d < %dx%d", COLS, LINES, APP_MIN_COLS, APP_MIN_LINES);
    (void)a;
    werase(stdscr);
    for (int i = 0; i < 3 && i < LINES; i++) {
        int w = text_width(lines[i]);
        int x = COLS > w ? (COLS - w) / 2 : 0;
        draw_text(stdscr, LINES / 2 - 1 + i < 0 ? 0 : LINES / 2 - 1 + i, x, lines[i], COLS - x, 0,
                  i == 0 ? A_BOLD : A_NORMAL);
    }
    wnoutrefresh(stdscr);
}

/* ---- drawing ------------------------------------------------------------------------------- */

static void draw_view(struct app *a, struct view *v)
{
    if (!v->win)
        return;
    v->ops->draw(v, a);
    wnoutrefresh(v->win);
}

static void draw_all(struct app *a)
{
    if (a->too_small) {
        draw_too_small(a);
        curs_set(0);
        doupdate();
        return;
    }
    draw_head(a);
    wnoutrefresh(a->head);
    int from = a->depth;   /* the lowest modal view that is drawn */
    while (from > 0 && a->stack[from - 1]->ops->popup)
        from--;
    if (from == 0 || !a->depth) {
        if (a->split || !a->focus_detail)
            draw_view(a, &a->list);
        if (a->split || a->focus_detail)
            draw_view(a, &a->detail);
    }
    if (from > 0)
        from--;            /* that full-screen view itself */
    draw_bar(a);
    wnoutrefresh(a->bar);
    draw_msg(a);
    wnoutrefresh(a->msgw);
    for (int i = from; i < a->depth; i++)
        draw_view(a, a->stack[i]);
    struct view *top = app_top(a);
    int y, x;
    if (top->win && top->ops->cursor && top->ops->cursor(top, a, &y, &x)) {
        wmove(top->win, y, x);
        wnoutrefresh(top->win);
        curs_set(1);
    } else {
        curs_set(0);
    }
    doupdate();
}

/* ---- the loop ------------------------------------------------------------------------------ */

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Another process changed the database: show it. */
static void tick(struct app *a)
{
    long long v = 0;
    char err[FU_ERRLEN];
    if (db_data_version(a->db, &v, err, sizeof err) == FU_OK && v != a->data_version)
        app_refresh(a);
    if (model_tick_today(&a->m))
        a->dirty = 1;
}

static void dispatch(struct app *a, const struct keyev *k)
{
    if (a->too_small) {
        if (!k->fkey && (k->ch == 'q' || k->ch == 27))
            a->quit = 1;
        return;
    }
    a->msg[0] = '\0';
    struct view *v = app_top(a);
    v->ops->key(v, a, k);
    a->dirty = 1;
}

/* FOLLOWUP_TRACE=FILE, for make bench (bench/bench.py): "K <ns>" is
 * appended when a key is read and "F <ns>" when a frame is finished
 * (CLOCK_MONOTONIC nanoseconds). */
static void trace_mark(const struct app *a, char what)
{
    struct timespec ts;
    char line[48];
    if (a->trace < 0)
        return;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    int n = snprintf(line, sizeof line, "%c %lld\n", what,
                     (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec);
    if (write(a->trace, line, (size_t)n) != n)
        return;            /* a lost line only spoils a measurement */
}

/* The terminal went away without a SIGHUP reaching us (its pty closed
 * while we are not its session's process): wget_wch then fails at once,
 * forever, and the loop would spin. */
static int terminal_gone(void)
{
    struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* The view at screen position (y, x): a modal one, the detail or the list. */
static struct view *view_at(struct app *a, int y, int x)
{
    if (a->depth)
        return app_top(a);
    struct view *v = a->split || !a->focus_detail ? &a->list : &a->detail;
    if (a->split && a->detail.win && x >= a->detail.r.x)
        v = &a->detail;
    return y >= v->r.y && y < v->r.y + v->r.h ? v : NULL;
}

/* Mouse ([ui] mouse): a click selects a row of the list (and gives it the
 * keys), a double click opens it, the wheel scrolls what is under it. */
static void on_mouse(struct app *a)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || a->too_small)
        return;
    struct view *v = view_at(a, ev.y, ev.x);
    a->msg[0] = '\0';
    a->dirty = 1;
    if (!v)
        return;
    if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
        int up = (ev.bstate & BUTTON4_PRESSED) != 0;
        struct keyev k = {.fkey = up ? KEY_UP : KEY_DOWN, .ch = up ? KEY_UP : KEY_DOWN};
        for (int i = 0; i < 3; i++)
            v->ops->key(v, a, &k);
        return;
    }
    if (!(ev.bstate & (BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON1_RELEASED)) || a->depth)
        return;
    if (v == &a->detail) {
        a->focus_detail = 1;
        return;
    }
    size_t row = a->m.top + (size_t)(ev.y - v->r.y - 1);   /* below the column titles */
    if (ev.y <= v->r.y || row >= a->m.nrows)
        return;
    a->focus_detail = 0;
    model_set_cursor(&a->m, row);
    if (ev.bstate & BUTTON1_DOUBLE_CLICKED) {
        a->focus_detail = 1;
        app_layout(a);
    }
}

static void loop(struct app *a)
{
    long long last = now_ms();
    while (!a->quit && !got_signal) {
        if (a->dirty) {
            a->dirty = 0;
            draw_all(a);
            trace_mark(a, 'F');
        }
        wint_t ch;
        /* while search's texts are being read, a slice at a time between
         * keys: a key waits for one slice (2 ms) at most */
        int busy = model_idle_pending(&a->m);
        wtimeout(a->msgw, busy ? 0 : TICK_MS);
        int r = wget_wch(a->msgw, &ch);
        if (r != ERR)
            trace_mark(a, 'K');
        if ((r == ERR && !busy) || now_ms() - last >= TICK_MS) {
            tick(a);
            last = now_ms();
        }
        if (r == ERR) {
            if (busy)
                model_idle(&a->m, 2);
            else if (terminal_gone())
                a->quit = 1;
            continue;
        }
        if (r == KEY_CODE_YES && ch == KEY_MOUSE) {
            on_mouse(a);
            continue;
        }
        if (r == KEY_CODE_YES && ch == KEY_RESIZE) {
            app_layout(a);
            clearok(curscr, TRUE);
            continue;
        }
        struct keyev k = {.fkey = r == KEY_CODE_YES ? (int)ch : 0, .ch = ch};
        dispatch(a, &k);
    }
}

/* ---- start and end ------------------------------------------------------------------------- */

void app_suspend(struct app *a)
{
    (void)a;
    def_prog_mode();
    endwin();
}

void app_resume(struct app *a)
{
    reset_prog_mode();
    clearok(curscr, TRUE);
    app_layout(a);
}

/* Home and End differ between terminals (and between a terminal and
 * the TERM it is told): accept the common encodings of both. */
static void more_keys(void)
{
    static const struct {
        const char *seq;
        int key;
    } alt[] = {
        {"\033[1~", KEY_HOME}, {"\033[7~", KEY_HOME}, {"\033[H", KEY_HOME},
        {"\033OH", KEY_HOME},  {"\033[4~", KEY_END},  {"\033[8~", KEY_END},
        {"\033[F", KEY_END},   {"\033OF", KEY_END},   {"\033[3~", KEY_DC},
    };
    for (size_t i = 0; i < sizeof alt / sizeof alt[0]; i++)
        if (key_defined(alt[i].seq) == 0)
            define_key(alt[i].seq, alt[i].key);
}

static int start_screen(struct app *a, SCREEN **scr)
{
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fputs("followup: the interface needs a terminal; use 'followup list' in scripts\n",
              stderr);
        return FU_USAGE;
    }
    *scr = newterm(NULL, stdout, stdin);
    if (!*scr) {
        const char *term = getenv("TERM");
        fprintf(stderr, "followup: cannot use the terminal type '%s'; set TERM (e.g. xterm)\n",
                term ? term : "");
        return FU_ERR;
    }
    set_term(*scr);
    set_escdelay(25);
    cbreak();
    noecho();
    nonl();
    intrflush(stdscr, FALSE);
    curs_set(0);
    more_keys();
    if (a->cfg->mouse) {           /* [ui] mouse = no leaves the terminal's own selection */
        mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED | BUTTON4_PRESSED | BUTTON5_PRESSED,
                  NULL);
        mouseinterval(200);
    }
    palette_init(&a->pal, a->cfg);
    a->list.ops = &list_ops;
    app_layout(a);
    return FU_OK;
}

static void stop_screen(struct app *a, SCREEN *scr)
{
    while (a->depth)
        app_pop(a);
    WINDOW *wins[] = {a->head, a->bar, a->msgw, a->list.win, a->detail.win};
    for (size_t i = 0; i < sizeof wins / sizeof wins[0]; i++)
        if (wins[i])
            delwin(wins[i]);
    if (scr) {
        endwin();
        delscreen(scr);
    }
}

int tui_run(struct db *db, const struct actor *actor, const struct config *cfg)
{
    struct app a = {.db = db, .actor = actor, .cfg = cfg, .trace = -1};
    char err[FU_ERRLEN] = "";
    if (lib_curses_load("cannot open the interface", err, sizeof err) != 0) {
        fprintf(stderr, "followup: %s\n", err);
        return FU_ERR;
    }
    const char *trace_path = priv_test_getenv("FOLLOWUP_TRACE");
    if (trace_path && *trace_path)
        a.trace = open(trace_path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    i18n_ctype();
    a.zh = i18n_init(cfg, a.catalogue, sizeof a.catalogue);
    int rc = db_user_effective(db, actor, &a.user, err, sizeof err);
    if (rc != FU_OK) {
        fprintf(stderr, "followup: %s\n", err);
        return rc == FU_CONFLICT ? FU_ERR : rc;
    }
    model_init(&a.m, cfg->warn_days);
    /* a liaison opens on their own work; A shows everything */
    model_set_mine(&a.m, a.user.depts, a.user.ndepts);
    a.m.filter.mine = a.user.role == ROLE_DEPARTMENT && a.user.ndepts > 0;
    if (a.m.filter.mine)
        open_on_mine(&a);
    if ((rc = db_data_version(db, &a.data_version, err, sizeof err)) != FU_OK ||
        (rc = model_load(&a.m, db, err, sizeof err)) != FU_OK) {
        fprintf(stderr, "followup: %s\n", err);
        model_fini(&a.m);
        user_fini(&a.user);
        return rc == FU_CONFLICT ? FU_ERR : rc;
    }
    SCREEN *scr = NULL;
    struct sigaction old[3];
    catch_signals(old);
    if (detail_init(&a.detail) != 0)
        rc = FU_ERR;
    else
        rc = start_screen(&a, &scr);
    if (rc == FU_OK) {
        db_on_wait(db, say_waiting, &a);
        loop(&a);
        db_on_wait(db, NULL, NULL);
    }
    stop_screen(&a, scr);
    release_signals(old);
    if (rc == FU_OK && got_signal)
        rc = 128 + got_signal;     /* as a shell reports a signal */
    if (a.detail.ops && a.detail.ops->close)
        a.detail.ops->close(&a.detail, &a);
    model_fini(&a.m);
    bulk_fini(&a.bulk);
    user_fini(&a.user);
    if (a.trace >= 0)
        close(a.trace);
    return rc;
}
