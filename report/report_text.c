/* The text and Markdown layouts of a status report. Text is measured in
 * display columns (util/text.h), never bytes, and every string from the
 * database is sanitised on its way out; Markdown escapes what it would
 * otherwise interpret. */
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "util/text.h"

/* The line width: 80 for a terminal or an e-mail, wider (-o FILE) when asked. */
#define W(r) ((r)->width > 0 ? (r)->width : RPT_TEXT_WIDTH)

/* ---- text ----------------------------------------------------------------------- */

struct wrap_out {
    FILE *out;
    int indent;
    int first;             /* the first line follows what was written before */
};

static void wrap_line(void *ctx, const char *start, size_t len)
{
    struct wrap_out *w = ctx;
    fprintf(w->out, "%*s%.*s\n", w->first ? 0 : w->indent, "", (int)len, start);
    w->first = 0;
}

/* Writes text wrapped to the width (text_wrap keeps Chinese closing
 * punctuation off the start of a line), every line but the first
 * indented; the first continues what was written before (indent columns). */
static void wrap_one(struct wrap_out *w, const char *text, int width)
{
    char *clean = rpt_clean(text);
    int wide = width - w->indent > 20 ? width - w->indent : 20;
    if (!clean || !*clean || text_wrap(clean, wide, wrap_line, w) == 0) {
        fprintf(w->out, "%*s\n", w->first ? 0 : w->indent, "");
        w->first = 0;
    }
    free(clean);
}

/* Each line of text (a note written in $EDITOR keeps its lines) wrapped. */
static void wrap(FILE *out, const char *text, int indent, int width)
{
    struct wrap_out w = {out, indent, 1};
    const char *p = text ? text : "";
    do {
        size_t n = strcspn(p, "\n");
        char *line = strndup(p, n);
        if (line)
            wrap_one(&w, line, width);
        free(line);
        p += n + (p[n] == '\n');
    } while (*p);
}

/* Writes s in exactly cols columns (cut with "…"), left or right aligned. */
static void cell(FILE *out, const char *s, int cols, int right, int pad)
{
    char buf[4096];
    int used = text_fit(s ? s : "", cols, 0, buf, sizeof buf);
    if (right)
        fprintf(out, "%*s", cols - used, "");
    fputs(buf, out);
    if (!right && pad)
        fprintf(out, "%*s", cols - used, "");
}

static void blank(struct rsink *s, int kind)
{
    if (s->last != 0 && s->last != 2 && !(kind == 1 && s->last == 1))
        fputc('\n', s->out);
    s->last = kind;
}

static void t_title(struct rsink *s, const char *text)
{
    char buf[1024];
    int w = text_fit(text, W(s->r), 0, buf, sizeof buf);
    fprintf(s->out, "%s\n", buf);
    for (int i = 0; i < w; i++)
        fputc('=', s->out);
    fputc('\n', s->out);
    s->last = 3;
}

static void t_heading(struct rsink *s, int level, const char *text)
{
    (void)level;
    fputc('\n', s->out);
    wrap(s->out, text, 0, W(s->r));
    s->last = 2;
}

static void t_field(struct rsink *s, const char *label, const char *value)
{
    int lw = s->r->zh ? 10 : 14;
    blank(s, 1);
    cell(s->out, label, lw, 0, 1);
    wrap(s->out, value, lw, W(s->r));
}

static void t_para(struct rsink *s, const char *text)
{
    blank(s, 3);
    fputs("  ", s->out);
    wrap(s->out, text, 2, W(s->r));
}

/* Column widths: content or header, at most maxw; the flex column takes
 * what is left of the line; when too wide, the separators shrink to one
 * space, then the indent goes, then the first column gives way. Returns
 * the separator; *indent receives the indent. */
static int widths(const struct rtab *t, int *w, int *indent, int width)
{
    int total = 0, sep = 2;
    *indent = 2;
    for (int c = 0; c < t->ncol; c++) {
        w[c] = text_width(t->head[c]);
        for (size_t i = 0; i < t->nrows; i++) {
            int cw = text_width(rtab_cell(t, i, c));
            w[c] = cw > w[c] ? cw : w[c];
        }
        if (t->maxw[c] && w[c] > t->maxw[c])
            w[c] = t->maxw[c];
        if (c != t->flex)
            total += w[c];
    }
    int room = width - *indent - total;
    if (t->flex >= 0) {
        int min = 12;
        if (room - 2 * (t->ncol - 1) < min)
            sep = 1;
        int left = room - sep * (t->ncol - 1);
        w[t->flex] = left < w[t->flex] ? (left > min ? left : min) : w[t->flex];
        return sep;
    }
    if (room - 2 * (t->ncol - 1) < 0)
        sep = 1;
    int over = sep * (t->ncol - 1) - room;
    if (over > 0 && over <= *indent) {
        *indent = 0;
        over = 0;
    }
    if (over > 0)
        w[0] = w[0] - over > 6 ? w[0] - over : 6;
    return sep;
}

static void t_row(struct rsink *s, const struct rtab *t, const int *w, int sep, int indent,
                  size_t row)
{
    fprintf(s->out, "%*s", indent, "");
    for (int c = 0; c < t->ncol; c++) {
        const char *v = row == (size_t)-1 ? t->head[c] : rtab_cell(t, row, c);
        if (c)
            fprintf(s->out, "%*s", sep, "");
        cell(s->out, v, w[c], (t->right >> c) & 1, c + 1 < t->ncol);
    }
    fputc('\n', s->out);
}

static void t_table(struct rsink *s, const struct rtab *t)
{
    int w[RTAB_MAX], indent;
    int sep = widths(t, w, &indent, W(s->r));
    blank(s, 3);
    t_row(s, t, w, sep, indent, (size_t)-1);
    fprintf(s->out, "%*s", indent, "");
    for (int c = 0; c < t->ncol; c++) {
        fprintf(s->out, "%*s", c ? sep : 0, "");
        for (int i = 0; i < w[c]; i++)
            fputc('-', s->out);
    }
    fputc('\n', s->out);
    for (size_t i = 0; i < t->nrows; i++)
        t_row(s, t, w, sep, indent, i);
}

static void t_entry(struct rsink *s, const char *code, const char *headline,
                    const char *const *lines, size_t nlines)
{
    int cw = text_width(code);
    int indent = 2 + (cw > 4 ? cw : 4) + 2;
    blank(s, 3);
    fputs("  ", s->out);
    cell(s->out, code, indent - 4, 0, 1);
    fputs("  ", s->out);
    wrap(s->out, headline, indent, W(s->r));
    for (size_t i = 0; i < nlines; i++) {
        fprintf(s->out, "%*s", indent, "");
        wrap(s->out, lines[i], indent, W(s->r));
    }
}

static void t_end(struct rsink *s)
{
    (void)s;
}

void rpt_sink_text(struct rsink *s)
{
    s->title = t_title;
    s->heading = t_heading;
    s->field = t_field;
    s->para = t_para;
    s->table = t_table;
    s->entry = t_entry;
    s->end = t_end;
    s->last = 0;
}

/* ---- Markdown ------------------------------------------------------------------- */

/* Sanitised, with Markdown's active characters backslash-escaped. */
static void md(FILE *out, const char *s)
{
    char *clean = rpt_clean(s);
    if (!clean)
        return;
    for (const char *p = clean; *p; p++) {
        if (strchr("\\`*_[]<>|#&~!", *p))
            fputc('\\', out);
        fputc(*p, out);
    }
    free(clean);
}

static void m_title(struct rsink *s, const char *text)
{
    fputs("# ", s->out);
    md(s->out, text);
    fputc('\n', s->out);
    s->last = 3;
}

static void m_heading(struct rsink *s, int level, const char *text)
{
    fputs(level <= 1 ? "\n## " : "\n### ", s->out);
    md(s->out, text);
    fputc('\n', s->out);
    s->last = 2;
}

static void m_field(struct rsink *s, const char *label, const char *value)
{
    if (s->last != 1)
        fputc('\n', s->out);
    s->last = 1;
    fputs("- **", s->out);
    md(s->out, label);
    fputs(s->r->zh ? "**：" : ":** ", s->out);
    md(s->out, value);
    fputc('\n', s->out);
}

static void m_para(struct rsink *s, const char *text)
{
    fputc('\n', s->out);
    md(s->out, text);
    fputc('\n', s->out);
    s->last = 3;
}

static void m_table(struct rsink *s, const struct rtab *t)
{
    fputc('\n', s->out);
    for (int c = 0; c < t->ncol; c++) {
        fputs("| ", s->out);
        md(s->out, t->head[c]);
        fputc(' ', s->out);
    }
    fputs("|\n", s->out);
    for (int c = 0; c < t->ncol; c++)
        fputs((t->right >> c) & 1 ? "| ---: " : "| --- ", s->out);
    fputs("|\n", s->out);
    for (size_t i = 0; i < t->nrows; i++) {
        for (int c = 0; c < t->ncol; c++) {
            fputs("| ", s->out);
            md(s->out, rtab_cell(t, i, c));
            fputc(' ', s->out);
        }
        fputs("|\n", s->out);
    }
    s->last = 3;
}

static void m_entry(struct rsink *s, const char *code, const char *headline,
                    const char *const *lines, size_t nlines)
{
    fputs("\n- **", s->out);
    md(s->out, code);
    fputs("** ", s->out);
    md(s->out, headline);
    for (size_t i = 0; i < nlines; i++) {
        /* a hard line break; a note's own lines too */
        for (const char *p = lines[i]; ; ) {
            size_t n = strcspn(p, "\n");
            char *line = strndup(p, n);
            fputs("\\\n  ", s->out);
            if (line)
                md(s->out, line);
            free(line);
            if (!p[n])
                break;
            p += n + 1;
        }
    }
    fputc('\n', s->out);
    s->last = 3;
}

void rpt_sink_md(struct rsink *s)
{
    s->title = m_title;
    s->heading = m_heading;
    s->field = m_field;
    s->para = m_para;
    s->table = m_table;
    s->entry = m_entry;
    s->end = t_end;
    s->last = 0;
}
