/* Pages: paragraphs laid out by display width (text_wrap), and the pager
 * view that shows one (help, history). */
#include "tui/page.h"

#include "util/mem.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/i18n.h"

void page_init(struct page *p)
{
    memset(p, 0, sizeof *p);
}

void page_clear(struct page *p)
{
    for (size_t i = 0; i < p->n; i++) {
        free(p->v[i].label);
        free(p->v[i].text);
    }
    p->n = 0;
    p->width = 0;
    p->nlines = 0;
}

void page_fini(struct page *p)
{
    page_clear(p);
    free(p->v);
    free(p->lines);
    memset(p, 0, sizeof *p);
}

static char *sanitised(const char *s)
{
    size_t cap = strlen(s) * 8 + 16;   /* "<U+009B>" is 8 bytes for 2 */
    char *out = malloc(cap);
    if (out)
        text_sanitize(s, out, cap);
    return out;
}

void page_add(struct page *p, int style, int indent, const char *label, int label_cols,
              const char *text)
{
    if (mem_grow((void **)&p->v, p->n, &p->cap, sizeof *p->v) != 0)
        return;
    struct para *q = &p->v[p->n];
    q->style = style;
    q->indent = indent;
    q->label = label ? sanitised(label) : NULL;
    q->label_cols = label ? label_cols : 0;
    q->text = sanitised(text ? text : "");
    if (!q->text) {
        free(q->label);
        return;
    }
    p->n++;
    p->width = 0;
}

void page_addf(struct page *p, int style, int indent, const char *fmt, ...)
{
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    page_add(p, style, indent, NULL, 0, buf);
}

/* ---- layout ----------------------------------------------------------------- */

struct wrap_ctx {
    struct page *p;
    size_t para;
    const char *base;
    int first;
};

static void push_line(struct page *p, size_t para, size_t start, size_t len, int first)
{
    if (p->nlines % 64 == 0) {
        struct page_line *v = realloc(p->lines, (p->nlines + 64) * sizeof *v);
        if (!v)
            return;
        p->lines = v;
    }
    p->lines[p->nlines++] = (struct page_line){para, start, len, first};
}

static void on_line(void *ctx, const char *start, size_t len)
{
    struct wrap_ctx *c = ctx;
    push_line(c->p, c->para, (size_t)(start - c->base), len, c->first);
    c->first = 0;
}

static void layout(struct page *p, int width)
{
    p->nlines = 0;
    for (size_t i = 0; i < p->n; i++) {
        const struct para *q = &p->v[i];
        int cols = width - q->indent - q->label_cols;
        if (cols < 4)
            cols = 4;
        struct wrap_ctx c = {p, i, q->text, 1};
        if (!q->text[0] || text_wrap(q->text, cols, on_line, &c) == 0)
            push_line(p, i, 0, 0, 1);
    }
    p->width = width;
}

static void clamp(struct page *p)
{
    size_t max = p->nlines > (size_t)p->height ? p->nlines - (size_t)p->height : 0;
    if (p->top > max)
        p->top = max;
}

void page_draw(struct page *p, WINDOW *w, int y, int x, int h, int cols,
               const struct palette *pal)
{
    if (p->width != cols)
        layout(p, cols);
    p->height = h;
    clamp(p);
    for (int row = 0; row < h; row++) {
        size_t k = p->top + (size_t)row;
        if (k >= p->nlines)
            break;
        const struct page_line *ln = &p->lines[k];
        const struct para *q = &p->v[ln->para];
        int cx = x + q->indent;
        if (q->label && ln->first)
            draw_text(w, y + row, cx, q->label, q->label_cols, 0, pal->a[S_LABEL]);
        cx += q->label_cols;
        draw_raw(w, y + row, cx, q->text + ln->start, ln->len, x + cols - cx,
                 pal->a[q->style]);
    }
}

int page_scroll(struct page *p, enum action act)
{
    size_t page = p->height > 1 ? (size_t)p->height - 1 : 1;
    switch (act) {
    case DO_DOWN: p->top++; break;
    case DO_UP: p->top = p->top ? p->top - 1 : 0; break;
    case DO_PGDN: p->top += page; break;
    case DO_PGUP: p->top = p->top > page ? p->top - page : 0; break;
    case DO_TOP: p->top = 0; break;
    case DO_BOTTOM: p->top = p->nlines; break;
    default: return 0;
    }
    clamp(p);
    return 1;
}

/* ---- the pager view ------------------------------------------------------------ */

struct pager {
    char title[256];
    struct page pg;
};

static void pager_draw(struct view *v, struct app *a)
{
    struct pager *s = v->state;
    WINDOW *w = v->win;
    int cols = getmaxx(w), rows = getmaxy(w);
    werase(w);
    draw_text(w, 0, 0, s->title, cols, 1, a->pal.a[S_COLHEAD] | A_BOLD);
    page_draw(&s->pg, w, 1, 1, rows - 1, cols - 2, &a->pal);
}

static void pager_key(struct view *v, struct app *a, const struct keyev *k)
{
    struct pager *s = v->state;
    enum action act = keys_lookup(SC_PAGER, k);
    if (page_scroll(&s->pg, act))
        return;
    if (act == DO_BACK || act == DO_HELP)
        app_pop(a);
    else if (act == DO_NONE)
        app_msg(a, S_INFO, "%s", _("q or Esc goes back"));
}

static void pager_close(struct view *v, struct app *a)
{
    (void)a;
    struct pager *s = v->state;
    if (s)
        page_fini(&s->pg);
    free(s);
}

static const struct view_ops pager_ops = {
    .name = "pager",
    .draw = pager_draw,
    .key = pager_key,
    .close = pager_close,
};

int pager_open(struct app *a, const char *title, struct page *pg)
{
    struct pager *s = calloc(1, sizeof *s);
    if (!s) {
        page_fini(pg);
        return -1;
    }
    snprintf(s->title, sizeof s->title, "%s", title);
    s->pg = *pg;
    s->pg.top = 0;
    s->pg.width = 0;
    page_init(pg);
    return app_push(a, &pager_ops, s);
}
