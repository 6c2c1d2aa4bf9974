/* The task list: sections, items and statements as a collapsible tree.
 * Columns: code, status, lead, due, the light, text (last, cut with …).
 * Every cell is measured in display columns so the text column starts at
 * the same column on every row, whatever the department names. */
#include "tui/list.h"

#include <string.h>

#include "util/text.h"
#include "tui/actions.h"
#include "tui/bulk.h"
#include "tui/draw.h"
#include "tui/i18n.h"
#include "core/workflow.h"

struct cols {
    int mark;                              /* 2 while any task is marked, else 0 */
    int short_status;                      /* short status labels */
    int code, status, lead, due, light, text;   /* widths; 0: column hidden */
    int x_status, x_lead, x_due, x_light, x_text;
};

static int max_i(int a, int b)
{
    return a > b ? a : b;
}

/* Short status labels for narrow screens (the colour says the rest). */
static const char *short_status(const struct app *a, enum task_status st)
{
    static const char *const en[ST_COUNT] = {
        N_("Todo"), N_("Active"), N_("Ongoing"), N_("Delayed"), N_("Submit"), N_("Done"),
    };
    static const char *const zh[ST_COUNT] = {"未启动", "推进", "持续", "滞后", "待审", "办结"};
    if ((unsigned)st >= ST_COUNT)
        return "?";
    return a->zh ? zh[st] : _(en[st]);
}

static int status_width(const struct app *a, int shrt)
{
    int w = text_width(_("Status"));
    for (int s = 0; s < ST_COUNT; s++)
        w = max_i(w, text_width(shrt ? short_status(a, (enum task_status)s)
                                     : i18n_status(a->zh, (enum task_status)s)));
    return w;
}

/* The widest a lead may be: wide screens give names their room before the
 * text (the text still gets the most). */
static int lead_cap(int width)
{
    return width >= 140 ? 24 : width >= 110 ? 18 : 14;
}

/* Widths: the due date is whole (2024-12-31) or not shown at all, and
 * the light has its own column; the text keeps at least half the width by
 * shorter department names, short status labels, shorter names still; on
 * narrower screens the department goes, then the due date (the light
 * stays). */
static void compute_cols(const struct app *a, int width, struct cols *c)
{
    const struct model *m = &a->m;
    memset(c, 0, sizeof *c);
    c->mark = a->bulk.nmarks ? 2 : 0;
    width -= c->mark;
    c->code = max_i(text_width(_("Code")), m->wcode);   /* widest over the report, */
    c->lead = max_i(text_width(_("Lead")), m->wlead);   /* measured when it loaded */
    c->status = status_width(a, 0);
    c->lead = c->lead > lead_cap(width) ? lead_cap(width) : c->lead;
    c->due = max_i(10, text_width(_("Due")));
    c->light = 1;
    int fixed = c->code + c->status + c->lead + c->due + c->light + 5;
    if (width - fixed < width / 2 && c->lead > 8) {
        fixed -= c->lead - 8;
        c->lead = 8;
    }
    if (width - fixed < width / 2) {
        c->short_status = 1;
        fixed -= c->status - status_width(a, 1);
        c->status = status_width(a, 1);
    }
    if (width - fixed < width / 2 && c->lead > 6) {
        fixed -= c->lead - 6;
        c->lead = 6;
    }
    if (width - fixed < 12) {                   /* narrower: no department */
        fixed -= c->lead + 1;
        c->lead = 0;
    }
    if (width - fixed < 12) {                   /* narrowest: only the light */
        fixed -= c->due + 1;
        c->due = 0;
    }
    c->x_status = c->code + 1;
    c->x_lead = c->x_status + c->status + 1;
    c->x_due = c->x_lead + c->lead + (c->lead ? 1 : 0);
    c->x_light = c->x_due + c->due + (c->due ? 1 : 0);
    c->x_text = c->x_light + c->light + 1;
    c->text = width - c->x_text;
    if (c->text < 0)
        c->text = 0;
    c->x_status += c->mark;                /* everything moves right of the mark */
    c->x_lead += c->mark;
    c->x_due += c->mark;
    c->x_light += c->mark;
    c->x_text += c->mark;
}

static void draw_titles(WINDOW *w, const struct app *a, const struct cols *c, int width)
{
    attr_t at = a->pal.a[S_COLHEAD];
    draw_fill(w, 0, 0, width, at);
    draw_text(w, 0, c->mark, _("Code"), c->code, 0, at);
    draw_text(w, 0, c->x_status, _("Status"), c->status, 0, at);
    draw_text(w, 0, c->x_lead, _("Lead"), c->lead, 0, at);
    if (c->due)
        draw_text(w, 0, c->x_due, _("Due"), c->due, 0, at);
    draw_text(w, 0, c->x_text, _("Text"), c->text, 0, at);
}

/* The due date, whole, and the light (红黄蓝灯) in its own column: its
 * letter, in its colour when there is colour. */
static void draw_due(WINDOW *w, const struct app *a, int y, const struct cols *c,
                     const struct task *t, attr_t base)
{
    enum light l = model_light(&a->m, t);
    static const int style[LIGHT_COUNT] = {S_NORMAL, S_LIGHT_BLUE, S_LIGHT_YELLOW, S_LIGHT_RED};
    attr_t at = l == LIGHT_RED ? base | a->pal.a[S_OVERDUE] : base;
    char mark[2] = {light_letter(l), '\0'};
    if (c->due)
        draw_text(w, y, c->x_due, t->due[0] ? t->due : "-", c->due, 1, at);
    draw_text(w, y, c->x_light, mark, 1, 1, base | a->pal.a[style[l]]);
}

/* Byte offset of q in s, ASCII letters without regard to case; -1 none. */
static long find_ci(const char *s, const char *q)
{
    size_t nq = strlen(q);
    for (const char *p = s; nq && *p; p++) {
        size_t k = 0;
        while (k < nq && p[k] && (p[k] == q[k] || ((unsigned char)p[k] < 0x80 &&
                                                   (p[k] | 0x20) == (q[k] | 0x20) &&
                                                   ((q[k] | 0x20) >= 'a' && (q[k] | 0x20) <= 'z'))))
            k++;
        if (k == nq)
            return (long)(p - s);
    }
    return -1;
}

/* The search's match in the text column, in reverse video (as less does). */
static void draw_match(WINDOW *w, const struct app *a, int y, const struct cols *c,
                       const char *text, attr_t base)
{
    long at = a->search[0] && text ? find_ci(text, a->search) : -1;
    if (at < 0)
        return;
    char pre[4096], hit[512];
    snprintf(pre, sizeof pre, "%.*s", (int)(at < 4000 ? at : 4000), text);
    snprintf(hit, sizeof hit, "%.*s", (int)strlen(a->search), text + at);
    int x = text_width(pre), hw = text_width(hit);
    if (x + hw > c->text - 1)              /* cut off (the last column may hold the …) */
        return;
    draw_text(w, y, c->x_text + x, hit, hw, 0, base | A_REVERSE | A_BOLD);
}

static void draw_row(WINDOW *w, struct app *a, int y, size_t r, const struct cols *c,
                     int width)
{
    struct model *m = &a->m;
    size_t i = m->rows[r];
    const struct task *t = model_task(m, i);   /* read now: only rows on screen are */
    if (!t)
        return;
    int cursor = r == m->cur && (!a->focus_detail || a->split);
    attr_t base = cursor ? a->pal.a[S_CURSOR] : A_NORMAL;
    attr_t text_at = base;
    if (!m->match[i])
        text_at |= a->pal.a[S_DIM];
    else if (t->kind == KIND_SECTION)
        text_at |= a->pal.a[S_SECTION];
    draw_fill(w, y, 0, width, base);

    char code[96];
    const char *mark = m->kids[i] ? (model_expanded(m, i) ? "- " : "+ ") : "  ";
    if (m->sort != SORT_TREE)          /* sorted: a flat list of items */
        snprintf(code, sizeof code, "%s", t->code);
    else
        snprintf(code, sizeof code, "%*s%s%s", 2 * t->depth, "", mark, t->code);
    if (c->mark && bulk_is_marked(&a->bulk, t->id))
        draw_text(w, y, 0, "*", 1, 1, base | A_BOLD | a->pal.a[S_SOON]);
    draw_text(w, y, c->mark, code, c->code, 1, text_at);
    attr_t st = base | (m->match[i] ? a->pal.a[S_STATUS0 + t->status] : a->pal.a[S_DIM]);
    draw_text(w, y, c->x_status, c->short_status ? short_status(a, t->status)
                                                 : i18n_status(a->zh, t->status),
              c->status, 1, st);
    if (c->lead)
        draw_text(w, y, c->x_lead, t->lead ? t->lead : "-", c->lead, 1, text_at);
    draw_due(w, a, y, c, t, base);
    draw_text(w, y, c->x_text, t->text, c->text, 1, text_at);
    draw_match(w, a, y, c, t->text, text_at);
}

static void empty_message(WINDOW *w, const struct app *a, int width)
{
    const char *s = !a->m.report_id ? _("No report yet: import one with "
                                        "'followup import FILE'.")
                    : a->m.filter.mine && !a->m.filter.dept[0] && a->m.filter.status < 0 &&
                      !a->m.filter.overdue ? _("Your departments have no task in this report "
                                               "(A shows all).")
                    : model_filter_active(&a->m) ? _("Nothing matches the filter "
                                                     "(f changes it).")
                                                 : _("This report has no tasks.");
    draw_text(w, 2, 2, s, width - 4, 0, A_NORMAL);
}

/* Keeps the cursor within the rows shown. */
static void scroll_to_cursor(struct model *m, int rows)
{
    if (rows < 1)
        rows = 1;
    if (m->cur < m->top)
        m->top = m->cur;
    if (m->cur >= m->top + (size_t)rows)
        m->top = m->cur - (size_t)rows + 1;
    if (m->top + (size_t)rows > m->nrows)
        m->top = m->nrows > (size_t)rows ? m->nrows - (size_t)rows : 0;
}

static void list_draw(struct view *v, struct app *a)
{
    WINDOW *w = v->win;
    int width = getmaxx(w), rows = getmaxy(w) - 1;
    struct cols c;
    werase(w);
    compute_cols(a, width, &c);
    draw_titles(w, a, &c, width);
    if (!a->m.nrows) {
        empty_message(w, a, width);
        return;
    }
    scroll_to_cursor(&a->m, rows);
    for (int y = 0; y < rows && a->m.top + (size_t)y < a->m.nrows; y++)
        draw_row(w, a, y + 1, a->m.top + (size_t)y, &c, width);
}

static void collapse_or_parent(struct model *m)
{
    size_t i = m->rows[m->cur];
    if (m->kids[i] && model_expanded(m, i)) {
        model_set_expanded(m, i, 0);
        model_rebuild(m);
    } else if (m->parent[i] != MODEL_NONE) {
        size_t r = model_row_of(m, m->parent[i]);
        if (r != MODEL_NONE)
            model_set_cursor(m, r);
    }
}

static void expand_or_child(struct model *m)
{
    size_t i = m->rows[m->cur];
    if (!m->kids[i])
        return;
    if (!model_expanded(m, i)) {
        model_set_expanded(m, i, 1);
        model_rebuild(m);
    } else if (m->cur + 1 < m->nrows) {
        model_set_cursor(m, m->cur + 1);
    }
}

/* Moving actions; returns 1 when act was one. */
static int move_cursor(struct app *a, struct view *v, enum action act)
{
    struct model *m = &a->m;
    size_t page = getmaxy(v->win) > 2 ? (size_t)getmaxy(v->win) - 2 : 1;
    if (!m->nrows)
        return act == DO_DOWN || act == DO_UP || act == DO_PGDN || act == DO_PGUP ||
               act == DO_TOP || act == DO_BOTTOM || act == DO_COLLAPSE || act == DO_EXPAND ||
               act == DO_TOGGLE;
    switch (act) {
    case DO_DOWN: model_set_cursor(m, m->cur + 1); break;
    case DO_UP: model_set_cursor(m, m->cur ? m->cur - 1 : 0); break;
    case DO_PGDN: model_set_cursor(m, m->cur + page); m->top += page; break;
    case DO_PGUP:
        model_set_cursor(m, m->cur > page ? m->cur - page : 0);
        m->top = m->top > page ? m->top - page : 0;
        break;
    case DO_TOP: model_set_cursor(m, 0); break;
    case DO_BOTTOM: model_set_cursor(m, m->nrows - 1); break;
    case DO_COLLAPSE: collapse_or_parent(m); break;
    case DO_EXPAND: expand_or_child(m); break;
    case DO_TOGGLE: {
        size_t i = m->rows[m->cur];
        if (m->kids[i]) {
            model_set_expanded(m, i, !model_expanded(m, i));
            model_rebuild(m);
        }
        break;
    }
    default: return 0;
    }
    return 1;
}

/* zR and zM: every task open, or closed (the cursor's task stays shown). */
static void fold_all(struct app *a, int open)
{
    struct model *m = &a->m;
    long long keep = m->cur_id;
    m->fold = open ? 1 : 2;
    m->nflip = 0;
    model_rebuild(m);
    size_t i = 0;
    while (i < m->ix.n && m->ix.v[i].id != keep)
        i++;
    while (!open && i < m->ix.n && m->parent[i] != MODEL_NONE)
        i = m->parent[i];                  /* closed: the cursor goes to its top section */
    size_t r = i < m->ix.n ? model_row_of(m, i) : MODEL_NONE;
    if (r != MODEL_NONE)
        model_set_cursor(m, r);
    app_msg(a, S_INFO, "%s", open ? _("Everything expanded (zM collapses).")
                                  : _("Everything collapsed (zR expands)."));
}

static void list_key(struct view *v, struct app *a, const struct keyev *k)
{
    if (a->zpend) {
        a->zpend = 0;
        enum action z = keys_lookup(SC_Z, k);
        if (z == DO_EXPAND_ALL || z == DO_COLLAPSE_ALL)
            fold_all(a, z == DO_EXPAND_ALL);
        else
            app_msg(a, S_INFO, "%s", _("After z: R expands everything, M collapses it."));
        return;
    }
    if (!k->fkey && k->ch == 'z') {
        a->zpend = 1;
        app_msg(a, S_INFO, "%s", _("z: R expands everything, M collapses it."));
        return;
    }
    enum action act = keys_lookup(SC_LIST, k);
    if (move_cursor(a, v, act))
        return;
    switch (act) {
    case DO_OPEN:
        if (model_current(&a->m)) {
            a->focus_detail = 1;
            app_layout(a);
        }
        return;
    case DO_FOCUS:
        a->focus_detail = 1;
        app_layout(a);
        return;
    case DO_BACK:
        a->quit = 1;
        return;
    case DO_MARK_ROW:
        bulk_toggle(a);
        return;
    default:
        break;
    }
    if (!actions_run(a, act) && !(k->fkey == 0 && k->ch == 27))
        app_msg(a, S_INFO, "%s", _("That key does nothing here; ? shows the keys."));
}

const struct view_ops list_ops = {
    .name = "list",
    .draw = list_draw,
    .key = list_key,
};
