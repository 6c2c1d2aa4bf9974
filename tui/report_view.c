/* The report screen: a full-screen view over the panes, rows built from
 * the status report's model (report/report.h) and scrolled; rebuilt when
 * the database changes (the model's generation). e exports it. */
#include "tui/report_view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "report/report.h"
#include "host/priv.h"
#include "util/text.h"
#include "core/calendar.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "tui/input.h"
#include "tui/picker.h"
#include "db/db_report.h"

#define NAME_COLS 14
#define MIN_BAR 10

enum row_kind { ROW_SUMMARY, ROW_BLANK, ROW_DEPT_HEAD, ROW_DEPT, ROW_TITLE_LATE,
                ROW_TITLE_SOON, ROW_ITEM_HEAD, ROW_LATE, ROW_SOON, ROW_NONE };

struct row {
    enum row_kind kind;
    size_t ix;             /* ROW_DEPT: into depts; ROW_LATE/SOON: into overdue/due_soon */
};

struct rview {
    struct rpt r;
    struct row *rows;
    size_t nrows;
    unsigned gen;          /* the model generation it was built for */
    size_t top;
    int height;
};

static const struct view_ops report_ops;

/* ---- building ---------------------------------------------------------------- */

static void add_row(struct rview *s, enum row_kind k, size_t ix)
{
    s->rows[s->nrows++] = (struct row){k, ix};
}

static int build(struct rview *s, struct app *a, char *err, size_t errlen)
{
    struct rpt *r = &s->r;
    rpt_fini(r);
    free(s->rows);
    s->rows = NULL;
    s->nrows = 0;
    r->zh = a->zh;
    r->warn_days = a->m.warn_days;
    snprintf(r->today, sizeof r->today, "%s", a->m.today);
    cal_now(CAL_ISO, r->generated_at, sizeof r->generated_at);
    int rc = db_rpt_fill(a->db, r, a->m.report_id, DB_ROUND_NONE, err, errlen);
    if (rc == FU_OK)
        rc = rpt_compute(r, err, errlen);
    if (rc != FU_OK)
        return rc;
    s->rows = calloc(r->ndepts + r->noverdue + r->ndue_soon + 16, sizeof *s->rows);
    if (!s->rows) {
        snprintf(err, errlen, "out of memory");
        return FU_ERR;
    }
    add_row(s, ROW_SUMMARY, 0);
    add_row(s, ROW_BLANK, 0);
    add_row(s, ROW_DEPT_HEAD, 0);
    for (size_t i = 0; i < r->ndepts; i++)
        add_row(s, ROW_DEPT, i);
    add_row(s, ROW_BLANK, 0);
    add_row(s, ROW_TITLE_LATE, 0);
    if (r->noverdue)
        add_row(s, ROW_ITEM_HEAD, 0);
    for (size_t i = 0; i < r->noverdue; i++)
        add_row(s, ROW_LATE, i);
    if (!r->noverdue)
        add_row(s, ROW_NONE, 0);
    add_row(s, ROW_BLANK, 0);
    add_row(s, ROW_TITLE_SOON, 0);
    if (r->ndue_soon)
        add_row(s, ROW_ITEM_HEAD, 1);
    for (size_t i = 0; i < r->ndue_soon; i++)
        add_row(s, ROW_SOON, i);
    if (!r->ndue_soon)
        add_row(s, ROW_NONE, 0);
    s->gen = a->gen;
    return FU_OK;
}

/* ---- drawing ----------------------------------------------------------------- */

/* Writes a number right-aligned in cols columns. */
static int num(WINDOW *w, int y, int x, int cols, long long n, attr_t attr)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%*lld", cols, n);
    return draw_text(w, y, x, buf, cols, 0, attr);
}

/* A bar of width cols: one segment per status, in proportion, in the
 * status's colour; shades tell them apart without colour. Done comes
 * first, so progress fills the bar from the left. */
static void bar(WINDOW *w, int y, int x, int cols, const struct rpt_dept *d,
                const struct palette *pal)
{
    static const char *const shade[ST_COUNT] = {
        [ST_TODO] = "\xe2\x96\x91", [ST_ACTIVE] = "\xe2\x96\x92", [ST_ONGOING] = "\xe2\x96\x92",
        [ST_DELAYED] = "\xe2\x96\x91", [ST_SUBMITTED] = "\xe2\x96\x93", [ST_DONE] = "\xe2\x96\x88",
    };
    long long total = d->nlead + d->nsupport, acc = 0;
    int drawn = 0;
    for (int i = 0; i < ST_COUNT && total > 0; i++) {
        int st = ST_COUNT - 1 - i;
        long long n = d->lead[st] + d->support[st];
        acc += n;
        int upto = (int)((acc * cols + total / 2) / total);   /* cumulative, rounded */
        const char *ch = pal->color ? "\xe2\x96\x88" : shade[st];
        for (; drawn < upto; drawn++)
            draw_raw(w, y, x + drawn, ch, strlen(ch), 1, pal->a[S_STATUS0 + st]);
    }
    for (; drawn < cols; drawn++)
        draw_raw(w, y, x + drawn, " ", 1, 1, pal->a[S_DIM]);
}

/* Where the department table's columns go in a window cols wide; the
 * bar takes what is left (none below MIN_BAR), one column spare at the end. */
struct dcols {
    int name, items, done, bar, bw, pct, late;
};

static void dept_cols(int cols, struct dcols *c)
{
    c->name = 1;
    c->items = c->name + NAME_COLS + 1;
    c->done = c->items + 6;
    c->bar = c->done + 7;
    c->bw = cols - 1 - c->bar - 14;
    if (c->bw < MIN_BAR)
        c->bw = 0;
    c->pct = c->bar + (c->bw ? c->bw + 1 : 0);
    c->late = c->pct + 8;
}

static void dept_row(struct app *a, const struct rpt_dept *d, WINDOW *w, int y, int cols)
{
    const struct palette *pal = &a->pal;
    long long total = d->nlead + d->nsupport;
    struct dcols c;
    char pct[16];
    dept_cols(cols, &c);
    draw_text(w, y, c.name, d->name ? d->name : _("(no lead department)"), NAME_COLS, 1,
              pal->a[S_NORMAL]);
    num(w, y, c.items, 5, total, pal->a[S_NORMAL]);
    num(w, y, c.done, 5, d->done, pal->a[S_NORMAL]);
    if (c.bw)
        bar(w, y, c.bar, c.bw, d, pal);
    snprintf(pct, sizeof pct, "%6.1f%%", total ? 100.0 * (double)d->done / (double)total : 0.0);
    draw_text(w, y, c.pct, pct, 7, 0, pal->a[S_NORMAL]);
    num(w, y, c.late, 5, d->overdue, pal->a[d->overdue ? S_OVERDUE : S_NORMAL]);
}

static void dept_head(struct app *a, WINDOW *w, int y, int cols)
{
    attr_t h = a->pal.a[S_COLHEAD];
    struct dcols c;
    dept_cols(cols, &c);
    draw_fill(w, y, 0, cols, h);
    draw_text(w, y, c.name, _("Department"), NAME_COLS, 0, h);
    draw_text(w, y, c.items, _("Items"), 5, 0, h);
    draw_text(w, y, c.done, _("Done"), 6, 0, h);
    if (c.bw)
        draw_text(w, y, c.bar, _("Progress"), c.bw, 0, h);
    draw_text(w, y, c.pct + 6, "%", 1, 0, h);
    draw_text(w, y, c.late, _("Late"), 5, 0, h);
}

static void item_row(struct app *a, const struct rpt_item *it, long days, WINDOW *w, int y,
                     int cols, attr_t attr)
{
    int x = 1;
    draw_text(w, y, x, it->code, 10, 1, attr);
    x += 11;
    num(w, y, x, 9, days, attr);
    x += 10;
    draw_text(w, y, x, it->lead ? it->lead : "-", NAME_COLS, 1, a->pal.a[S_NORMAL]);
    x += NAME_COLS + 1;
    draw_text(w, y, x, it->title, cols - x, 0, a->pal.a[S_NORMAL]);
}

static void draw_row(struct rview *s, struct app *a, const struct row *row, WINDOW *w, int y,
                     int cols)
{
    const struct rpt *r = &s->r;
    const struct palette *pal = &a->pal;
    char buf[512];
    switch (row->kind) {
    case ROW_SUMMARY:
        snprintf(buf, sizeof buf, _("%lld items: %lld done (%.1f%%), %zu overdue, %zu due "
                 "within %d days"), r->total, r->by_status[ST_DONE],
                 r->total ? 100.0 * (double)r->by_status[ST_DONE] / (double)r->total : 0.0,
                 r->noverdue, r->ndue_soon, r->warn_days);
        draw_text(w, y, 1, buf, cols - 1, 0, pal->a[S_NORMAL]);
        break;
    case ROW_DEPT_HEAD:
        dept_head(a, w, y, cols);
        break;
    case ROW_DEPT:
        dept_row(a, &r->depts[row->ix], w, y, cols);
        break;
    case ROW_TITLE_LATE:
        snprintf(buf, sizeof buf, _("Overdue (%zu)"), r->noverdue);
        draw_text(w, y, 0, buf, cols, 0, pal->a[S_TITLE]);
        break;
    case ROW_TITLE_SOON:
        snprintf(buf, sizeof buf, _("Due within %d days (%zu)"), r->warn_days, r->ndue_soon);
        draw_text(w, y, 0, buf, cols, 0, pal->a[S_TITLE]);
        break;
    case ROW_ITEM_HEAD:
        draw_fill(w, y, 0, cols, pal->a[S_COLHEAD]);
        draw_text(w, y, 1, _("Code"), 10, 0, pal->a[S_COLHEAD]);
        draw_text(w, y, 12, row->ix ? _("Days left") : _("Days late"), 9, 0, pal->a[S_COLHEAD]);
        draw_text(w, y, 22, _("Lead"), NAME_COLS, 0, pal->a[S_COLHEAD]);
        draw_text(w, y, 22 + NAME_COLS + 1, _("Item"), cols - 37, 0, pal->a[S_COLHEAD]);
        break;
    case ROW_LATE:
        item_row(a, &r->items[r->overdue[row->ix]], r->items[r->overdue[row->ix]].late, w, y,
                 cols, pal->a[S_OVERDUE]);
        break;
    case ROW_SOON:
        item_row(a, &r->items[r->due_soon[row->ix]], -r->items[r->due_soon[row->ix]].late, w,
                 y, cols, pal->a[S_SOON]);
        break;
    case ROW_NONE:
        draw_text(w, y, 1, _("None."), cols - 1, 0, pal->a[S_DIM]);
        break;
    default:
        break;
    }
}

static void clamp(struct rview *s)
{
    size_t max = s->nrows > (size_t)s->height ? s->nrows - (size_t)s->height : 0;
    if (s->top > max)
        s->top = max;
}

static void report_draw(struct view *v, struct app *a)
{
    struct rview *s = v->state;
    WINDOW *w = v->win;
    int cols = getmaxx(w), rows = getmaxy(w);
    char err[FU_ERRLEN] = "", title[512];
    if (s->gen != a->gen && build(s, a, err, sizeof err) != FU_OK)
        app_msg(a, S_ERROR, "%s", err);
    werase(w);
    const struct report *rep = model_report(&a->m);
    snprintf(title, sizeof title, _("Status report %s, as of %s — e exports, q goes back"),
             rep && rep->doc_no ? rep->doc_no : "", s->r.today);
    draw_text(w, 0, 0, title, cols, 1, a->pal.a[S_COLHEAD] | A_BOLD);
    s->height = rows - 1;
    clamp(s);
    for (int y = 1; y < rows && s->top + (size_t)(y - 1) < s->nrows; y++)
        draw_row(s, a, &s->rows[s->top + (size_t)(y - 1)], w, y, cols);
}

/* ---- export ---------------------------------------------------------------------- */

/* "~/x" → "$HOME/x". */
static void expand(const char *in, char *out, size_t len)
{
    char homebuf[1024];
    const char *home = priv_home(homebuf, sizeof homebuf);
    if (in[0] == '~' && in[1] == '/' && home && *home)
        snprintf(out, len, "%s%s", home, in + 1);
    else
        snprintf(out, len, "%s", in);
}

/* The report view under the prompt or picker (NULL when it has gone). */
static struct rview *report_under(struct app *a)
{
    struct view *v = app_top(a);
    return v && v->ops == &report_ops ? v->state : NULL;
}

static void write_export(struct app *a, const char *path, enum rpt_format f)
{
    struct rview *s = report_under(a);
    char err[FU_ERRLEN] = "";
    if (!s)
        return;
    s->r.excel = f == RPT_CSV;     /* a CSV from here is for Excel: the BOM it needs */
    int rc = rpt_write_file(&s->r, f, path, err, sizeof err);
    s->r.excel = 0;
    if (rc != FU_OK)
        app_msg(a, S_ERROR, "%s", err);
    else
        app_msg(a, S_INFO, _("Report written to %s"), path);
}

struct export_ctx {
    char path[4096];
    enum rpt_format f;
};

static void start_export_at(struct app *a, const char *initial, int select);

static void overwrite_picked(struct app *a, void *ctx, int value, const int *v, size_t nv)
{
    (void)v, (void)nv;
    struct export_ctx *e = ctx;
    if (value == 1)
        write_export(a, e->path, e->f);
    else
        start_export_at(a, e->path, 0);    /* another name */
}

static int export_given(struct app *a, void *ctx, const char *text)
{
    (void)ctx;
    char path[4096];
    enum rpt_format f;
    struct stat st;
    if (!report_under(a))
        return 0;
    while (*text == ' ')
        text++;
    if (!*text)
        return 0;
    expand(text, path, sizeof path);
    if (rpt_format_for_path(path, &f) != 0) {
        app_msg(a, S_ERROR, _("%s: the extension names no format; use .txt, .md, .csv, .html, "
                              ".json, .xlsx or .docx"), text);
        return 1;
    }
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {   /* ask before replacing it */
        struct export_ctx *e = calloc(1, sizeof *e);
        if (!e)
            return 0;
        snprintf(e->path, sizeof e->path, "%s", path);
        e->f = f;
        char title[600];
        snprintf(title, sizeof title, _("%s exists: overwrite it?"), text);
        const struct picker_item items[] = {
            {.label = _("No, choose another name"), .value = 0},
            {.label = _("Yes, overwrite it"), .value = 1},
        };
        struct picker_spec spec = {.title = title, .items = items, .n = 2, .current = 0,
                                   .done = overwrite_picked, .ctx = e};
        picker_open(a, &spec);
        return 0;
    }
    write_export(a, path, f);
    return 0;
}

/* The proposed name is selected: typing replaces it, arrows keep it. */
static void start_export_at(struct app *a, const char *initial, int select)
{
    struct input_spec in = {.prompt = _("Export to (.html .csv .xlsx …): "),
                            .initial = initial, .select = select, .accept = export_given};
    input_open(a, &in);
}

static void start_export(struct app *a)
{
    start_export_at(a, "report.html", 1);
}

/* ---- the view --------------------------------------------------------------------- */

static void report_key(struct view *v, struct app *a, const struct keyev *k)
{
    struct rview *s = v->state;
    size_t page = s->height > 1 ? (size_t)s->height - 1 : 1;
    switch (keys_lookup(SC_PAGER, k)) {
    case DO_DOWN: s->top++; break;
    case DO_UP: s->top = s->top ? s->top - 1 : 0; break;
    case DO_PGDN: s->top += page; break;
    case DO_PGUP: s->top = s->top > page ? s->top - page : 0; break;
    case DO_TOP: s->top = 0; break;
    case DO_BOTTOM: s->top = s->nrows; break;
    case DO_EXPORT: start_export(a); return;
    case DO_BACK: app_pop(a); return;
    case DO_HELP: app_pop(a); return;
    default: app_msg(a, S_INFO, "%s", _("e exports the report; q or Esc goes back")); return;
    }
    clamp(s);
    a->dirty = 1;
}

static void report_close(struct view *v, struct app *a)
{
    (void)a;
    struct rview *s = v->state;
    if (s) {
        rpt_fini(&s->r);
        free(s->rows);
    }
    free(s);
}

static const struct view_ops report_ops = {
    .name = "report",
    .draw = report_draw,
    .key = report_key,
    .close = report_close,
};

void report_view_open(struct app *a)
{
    char err[FU_ERRLEN] = "";
    struct rview *s = calloc(1, sizeof *s);
    if (!s) {
        app_msg(a, S_ERROR, "%s", "out of memory");
        return;
    }
    rpt_init(&s->r);
    if (build(s, a, err, sizeof err) != FU_OK) {
        app_msg(a, S_ERROR, "%s", err);
        report_close(&(struct view){.state = s}, a);
        return;
    }
    app_push(a, &report_ops, s);
}
