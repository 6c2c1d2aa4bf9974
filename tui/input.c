/* The line editor. The text is UTF-8; the cursor is a byte offset that is
 * always at a character boundary, and on screen at the column that the
 * characters before it take (CJK takes two). Combining marks travel with
 * the character before them. */
#include "tui/input.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/text.h"
#include "tui/app.h"
#include "tui/draw.h"
#include "tui/i18n.h"

struct input {
    struct input_spec spec;
    char prompt[256];
    char buf[INPUT_MAX + 1];
    size_t len, pos;       /* bytes; pos at a character boundary */
    int hscroll;           /* first column shown */
    int cy, cx;            /* the cursor, as last drawn */
    int selected;          /* the whole text is selected (spec.select) */
};

static int is_cont(unsigned char c)
{
    return (c & 0xC0) == 0x80;
}

/* Start of the character before byte offset i. */
static size_t prev_cp(const char *s, size_t i)
{
    while (i > 0 && is_cont((unsigned char)s[--i]))
        ;
    return i;
}

static uint32_t cp_at(const char *s, size_t n, size_t i, size_t *next)
{
    uint32_t cp = 0;
    size_t k = i < n ? utf8_decode(s + i, n - i, &cp) : 0;
    if (next)
        *next = i + k;
    return cp;
}

/* One whole character back: a code point and the combining marks on it. */
static size_t char_before(const struct input *s, size_t i)
{
    while (i > 0) {
        i = prev_cp(s->buf, i);
        if (text_cp_width(cp_at(s->buf, s->len, i, NULL)) != 0)
            break;
    }
    return i;
}

static size_t char_after(const struct input *s, size_t i)
{
    if (i >= s->len)
        return s->len;
    cp_at(s->buf, s->len, i, &i);
    while (i < s->len) {
        size_t next;
        if (text_cp_width(cp_at(s->buf, s->len, i, &next)) != 0)
            break;
        i = next;
    }
    return i;
}

static void delete_range(struct input *s, size_t from, size_t to)
{
    memmove(s->buf + from, s->buf + to, s->len - to + 1);
    s->len -= to - from;
    if (s->pos >= to)
        s->pos -= to - from;
    else if (s->pos > from)
        s->pos = from;
}

static void insert_cp(struct input *s, uint32_t cp)
{
    char enc[4];
    size_t k = utf8_encode(cp, enc);
    if (s->len + k > INPUT_MAX)
        return;
    memmove(s->buf + s->pos + k, s->buf + s->pos, s->len - s->pos + 1);
    memcpy(s->buf + s->pos, enc, k);
    s->len += k;
    s->pos += k;
}

/* Characters that may be typed: printable, and no bidi controls. */
static int typable(wint_t ch)
{
    if (ch < 0x20 || ch == 0x7f || ch > 0x10FFFF)
        return 0;
    if ((ch >= 0x202A && ch <= 0x202E) || (ch >= 0x2066 && ch <= 0x2069))
        return 0;
    return text_cp_width((uint32_t)ch) >= 0;
}

static size_t word_before(const struct input *s, size_t i)
{
    while (i > 0 && s->buf[i - 1] == ' ')
        i--;
    while (i > 0 && s->buf[i - 1] != ' ')
        i = prev_cp(s->buf, i);
    return i;
}

/* Returns 1 when the text changed. */
static int edit(struct input *s, enum action act)
{
    switch (act) {
    case DO_LEFT: s->pos = char_before(s, s->pos); return 0;
    case DO_RIGHT: s->pos = char_after(s, s->pos); return 0;
    case DO_HOME: s->pos = 0; return 0;
    case DO_END: s->pos = s->len; return 0;
    case DO_DELPREV:
        if (!s->pos)
            return 0;
        delete_range(s, char_before(s, s->pos), s->pos);
        return 1;
    case DO_DELNEXT:
        if (s->pos >= s->len)
            return 0;
        delete_range(s, s->pos, char_after(s, s->pos));
        return 1;
    case DO_KILL_START: delete_range(s, 0, s->pos); return 1;
    case DO_KILL_END: delete_range(s, s->pos, s->len); return 1;
    case DO_DELWORD: delete_range(s, word_before(s, s->pos), s->pos); return 1;
    default: return 0;
    }
}

static void finish(struct app *a, struct input *s, int accepted)
{
    struct input_spec spec = s->spec;
    char prompt[sizeof s->prompt];
    memcpy(prompt, s->prompt, sizeof prompt);
    spec.prompt = prompt;          /* s goes with the pop */
    char *text = strdup(s->buf);
    s->spec.ctx = NULL;            /* the callbacks get it now */
    app_pop(a);
    if (!text) {
        free(spec.ctx);
        return;
    }
    if (!accepted) {
        if (spec.cancel)
            spec.cancel(a, spec.ctx);
        free(spec.ctx);
    } else if (spec.accept && spec.accept(a, spec.ctx, text)) {
        spec.initial = text;
        spec.select = 0;           /* to be mended, not replaced */
        input_open(a, &spec);      /* again, with the text as it was */
    } else {
        free(spec.ctx);
    }
    free(text);
}

static void input_key(struct view *v, struct app *a, const struct keyev *k)
{
    struct input *s = v->state;
    enum action act = keys_lookup(SC_INPUT, k);
    int changed = 0;
    if (act == DO_ACCEPT || act == DO_CANCEL) {
        finish(a, s, act == DO_ACCEPT);
        return;
    }
    if (act == DO_REDRAW) {
        clearok(curscr, TRUE);
        return;
    }
    if (s->selected) {             /* typing or deleting replaces the selection */
        s->selected = 0;
        int typed = act == DO_NONE && !k->fkey && typable(k->ch);
        if (typed || act == DO_DELPREV || act == DO_DELNEXT || act == DO_KILL_START ||
            act == DO_KILL_END || act == DO_DELWORD) {
            s->buf[0] = '\0';
            s->len = s->pos = 0;
            s->hscroll = 0;
            changed = 1;
            if (!typed)
                act = DO_CANCEL;   /* the deletion is done: nothing more to do */
        }
    }
    if (act == DO_CANCEL) {
        /* handled above */
    } else if (act != DO_NONE) {
        changed = edit(s, act);
    } else if (!k->fkey && typable(k->ch)) {
        insert_cp(s, (uint32_t)k->ch);
        changed = 1;
    }
    if (changed && s->spec.change)
        s->spec.change(a, s->spec.ctx, s->buf);
}

/* Byte offset of the first character that starts at or after column col;
 * *at receives the column it starts at. */
static size_t offset_at_col(const char *s, size_t n, int col, int *at)
{
    size_t i = 0;
    int c = 0;
    while (i < n && c < col) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        int w = text_cp_width(cp);
        c += w > 0 ? w : 0;
        i += k;
    }
    *at = c;
    return i;
}

static void input_draw(struct view *v, struct app *a)
{
    struct input *s = v->state;
    WINDOW *w = v->win;
    int cols = getmaxx(w);
    werase(w);
    int pw = draw_text(w, 0, 0, s->prompt, cols / 2, 0, a->pal.a[S_KEY]);
    int avail = cols - pw - 1;
    char saved = s->buf[s->pos];
    s->buf[s->pos] = '\0';
    int ccol = text_width(s->buf);
    s->buf[s->pos] = saved;
    if (ccol < s->hscroll)
        s->hscroll = ccol;
    if (ccol - s->hscroll > avail)
        s->hscroll = ccol - avail;
    int start_col;
    size_t off = offset_at_col(s->buf, s->len, s->hscroll, &start_col);
    int lead = start_col - s->hscroll;     /* a wide character cut at the left */
    draw_raw(w, 0, pw + lead, s->buf + off, s->len - off, avail - lead,
             s->selected ? A_REVERSE : A_NORMAL);
    s->cy = 0;
    s->cx = pw + ccol - s->hscroll;
}

static int input_cursor(struct view *v, struct app *a, int *y, int *x)
{
    (void)a;
    struct input *s = v->state;
    *y = s->cy;
    *x = s->cx;
    return 1;
}

static void input_place(struct view *v, struct app *a, const struct rect *body,
                        struct rect *out)
{
    (void)v;
    (void)a;
    *out = (struct rect){.y = body->y + body->h + 1, .x = 0, .h = 1, .w = body->w};
}

static void input_close(struct view *v, struct app *a)
{
    (void)a;
    struct input *s = v->state;
    if (s)
        free(s->spec.ctx);
    free(s);
}

static const struct view_ops input_ops = {
    .name = "input",
    .popup = 1,
    .msgline = 1,
    .place = input_place,
    .draw = input_draw,
    .key = input_key,
    .close = input_close,
    .cursor = input_cursor,
};

int input_open(struct app *a, const struct input_spec *spec)
{
    struct input *s = calloc(1, sizeof *s);
    if (!s) {
        free(spec->ctx);
        return -1;
    }
    s->spec = *spec;
    s->spec.prompt = s->prompt;
    s->spec.initial = NULL;
    snprintf(s->prompt, sizeof s->prompt, "%s", spec->prompt ? spec->prompt : "");
    if (spec->initial) {
        /* keep whole characters only, within the limit */
        size_t n = strlen(spec->initial);
        if (n > INPUT_MAX)
            n = INPUT_MAX;
        while (n > 0 && is_cont((unsigned char)spec->initial[n]))
            n--;
        memcpy(s->buf, spec->initial, n);
        s->len = s->pos = n;
        s->selected = spec->select && n;
    }
    return app_push(a, &input_ops, s);
}
