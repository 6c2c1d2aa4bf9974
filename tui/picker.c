/* The picker view. */
#include "tui/picker.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/i18n.h"

struct pitem {
    char *label, *alt;
    int value, checked;
};

struct picker {
    char title[256];
    struct pitem *items;
    size_t n;
    size_t *shown;         /* indices of the items matching the filter */
    size_t nshown, cur, top;
    char filter[256];
    int multi;
    void (*done)(struct app *a, void *ctx, int value, const int *values, size_t nvalues);
    void *ctx;
    void (*ctx_free)(void *ctx);
    int fy, fx;            /* the filter's cursor, as last drawn */
};

static void release(void *ctx, void (*ctx_free)(void *))
{
    if (ctx_free && ctx)
        ctx_free(ctx);
    else
        free(ctx);
}

static void refilter(struct picker *s)
{
    size_t keep = s->nshown ? s->shown[s->cur] : (size_t)-1;
    s->nshown = 0;
    for (size_t i = 0; i < s->n; i++)
        if (!s->filter[0] || text_contains_ci(s->items[i].label, s->filter) ||
            text_contains_ci(s->items[i].alt, s->filter))
            s->shown[s->nshown++] = i;
    s->cur = 0;
    for (size_t k = 0; k < s->nshown; k++)
        if (s->shown[k] == keep)
            s->cur = k;
    s->top = 0;
}

static void take(struct app *a, struct picker *s)
{
    if (!s->multi && !s->nshown)
        return;                 /* nothing matches: keep typing or Esc */
    int value = s->nshown ? s->items[s->shown[s->cur]].value : -1;
    int *values = malloc((s->n ? s->n : 1) * sizeof *values);
    size_t nv = 0;
    for (size_t i = 0; values && i < s->n; i++)
        if (s->items[i].checked)
            values[nv++] = s->items[i].value;
    void (*done)(struct app *, void *, int, const int *, size_t) = s->done;
    void *ctx = s->ctx;
    void (*ctx_free)(void *) = s->ctx_free;
    int multi = s->multi;
    s->ctx = NULL;              /* done gets it */
    app_pop(a);                 /* frees s */
    if (done && (values || !multi))
        done(a, ctx, value, values, nv);
    free(values);
    release(ctx, ctx_free);
}

static void filter_backspace(char *f)
{
    size_t n = strlen(f);
    while (n > 0 && ((unsigned char)f[--n] & 0xC0) == 0x80)
        ;
    f[n] = '\0';
}

static void picker_key(struct view *v, struct app *a, const struct keyev *k)
{
    struct picker *s = v->state;
    enum action act = keys_lookup(SC_PICKER, k);
    size_t page = getmaxy(v->win) > 5 ? (size_t)getmaxy(v->win) - 4 : 1;
    switch (act) {
    case DO_DOWN: if (s->cur + 1 < s->nshown) s->cur++; return;
    case DO_UP: if (s->cur) s->cur--; return;
    case DO_PGDN: s->cur = s->cur + page < s->nshown ? s->cur + page : (s->nshown ? s->nshown - 1 : 0); return;
    case DO_PGUP: s->cur = s->cur > page ? s->cur - page : 0; return;
    case DO_TOP: s->cur = 0; return;
    case DO_BOTTOM: s->cur = s->nshown ? s->nshown - 1 : 0; return;
    case DO_ACCEPT: take(a, s); return;
    case DO_CANCEL: app_pop(a); return;
    case DO_REDRAW: clearok(curscr, TRUE); return;
    case DO_DELPREV: filter_backspace(s->filter); refilter(s); return;
    case DO_KILL_START: s->filter[0] = '\0'; refilter(s); return;
    case DO_MARK:
        if (s->multi) {
            if (s->nshown)
                s->items[s->shown[s->cur]].checked ^= 1;
            return;
        }
        break;
    default:
        break;
    }
    if (!k->fkey && k->ch >= 0x20 && k->ch != 0x7f && text_cp_width((uint32_t)k->ch) > 0) {
        char enc[4];
        size_t n = strlen(s->filter), len = utf8_encode((uint32_t)k->ch, enc);
        if (n + len < sizeof s->filter) {
            memcpy(s->filter + n, enc, len);
            s->filter[n + len] = '\0';
            refilter(s);
        }
    }
}

static int widest(const struct picker *s)
{
    int w = text_width(s->title) + 6;
    for (size_t i = 0; i < s->n; i++) {
        int iw = text_width(s->items[i].label) + 6 + (s->multi ? 4 : 0);
        if (s->items[i].alt)
            iw += 2 + text_width(s->items[i].alt);
        w = iw > w ? iw : w;
    }
    return w;
}

static void picker_place(struct view *v, struct app *a, const struct rect *body,
                         struct rect *out)
{
    (void)a;
    struct picker *s = v->state;
    int w = widest(s), h = (int)s->n + 3;   /* frame, filter line, entries */
    w = w < 34 ? 34 : w;
    w = w > body->w - 2 ? body->w - 2 : w;
    h = h > body->h ? body->h : h;
    *out = (struct rect){.y = body->y + (body->h - h) / 2, .x = body->x + (body->w - w) / 2,
                         .h = h, .w = w};
}

static void draw_item(struct picker *s, struct app *a, WINDOW *w, int y, size_t k, int cols)
{
    const struct pitem *it = &s->items[s->shown[k]];
    attr_t base = k == s->cur ? a->pal.a[S_CURSOR] : A_NORMAL;
    int x = 1;
    draw_fill(w, y, 1, cols, base);
    if (s->multi)
        x += draw_text(w, y, x + 1, it->checked ? "[x]" : "[ ]", 3, 0, base) + 1;
    x += draw_text(w, y, x + 1, it->label, cols - x, 0, base) + 1;
    if (it->alt && x + 3 < cols)
        draw_text(w, y, x + 2, it->alt, cols - x - 2, 0, base | A_DIM);
}

static void picker_draw(struct view *v, struct app *a)
{
    struct picker *s = v->state;
    WINDOW *w = v->win;
    int rows = getmaxy(w), cols = getmaxx(w) - 2;
    werase(w);
    draw_frame(w, s->title, a->pal.a[S_BORDER], a->pal.a[S_TITLE]);
    int fw = draw_text(w, 1, 2, "> ", 2, 0, a->pal.a[S_KEY]);
    int used = draw_text(w, 1, 2 + fw, s->filter, cols - fw - 2, 0, A_NORMAL);
    s->fy = 1;
    s->fx = 2 + fw + used;
    int list_h = rows - 3;
    if (s->cur < s->top)
        s->top = s->cur;
    if (list_h > 0 && s->cur >= s->top + (size_t)list_h)
        s->top = s->cur - (size_t)list_h + 1;
    for (int r = 0; r < list_h && s->top + (size_t)r < s->nshown; r++)
        draw_item(s, a, w, 2 + r, s->top + (size_t)r, cols);
    if (!s->nshown && list_h > 0)
        draw_text(w, 2, 2, _("(nothing matches)"), cols - 2, 0, A_DIM);
    const char *hint = s->multi ? _("Space tick · Enter take · Esc cancel")
                                : _("type to filter · Enter take · Esc cancel");
    int hw = text_width(hint);
    if (hw + 4 <= cols)
        draw_text(w, rows - 1, cols - hw - 1, hint, hw, 0, a->pal.a[S_BORDER]);
}

static int picker_cursor(struct view *v, struct app *a, int *y, int *x)
{
    (void)a;
    struct picker *s = v->state;
    *y = s->fy;
    *x = s->fx;
    return 1;
}

static void picker_close(struct view *v, struct app *a)
{
    (void)a;
    struct picker *s = v->state;
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++) {
        free(s->items[i].label);
        free(s->items[i].alt);
    }
    free(s->items);
    free(s->shown);
    release(s->ctx, s->ctx_free);
    free(s);
}

static const struct view_ops picker_ops = {
    .name = "picker",
    .popup = 1,
    .place = picker_place,
    .draw = picker_draw,
    .key = picker_key,
    .close = picker_close,
    .cursor = picker_cursor,
};

int picker_open(struct app *a, const struct picker_spec *spec)
{
    struct picker *s = calloc(1, sizeof *s);
    size_t n = spec->n ? spec->n : 1;
    if (s) {
        s->items = calloc(n, sizeof *s->items);
        s->shown = calloc(n, sizeof *s->shown);
    }
    if (!s || !s->items || !s->shown) {
        if (s) {
            free(s->items);
            free(s->shown);
        }
        free(s);
        release(spec->ctx, spec->ctx_free);
        return -1;
    }
    snprintf(s->title, sizeof s->title, "%s", spec->title ? spec->title : "");
    s->n = spec->n;
    s->multi = spec->multi;
    s->done = spec->done;
    s->ctx = spec->ctx;
    s->ctx_free = spec->ctx_free;
    for (size_t i = 0; i < spec->n; i++) {
        const struct picker_item *it = &spec->items[i];
        s->items[i].label = strdup(it->label ? it->label : "");
        s->items[i].alt = it->alt ? strdup(it->alt) : NULL;
        s->items[i].value = it->value;
        s->items[i].checked = it->checked;
    }
    refilter(s);
    for (size_t k = 0; k < s->nshown; k++)
        if (s->items[s->shown[k]].value == spec->current)
            s->cur = k;
    return app_push(a, &picker_ops, s);
}
