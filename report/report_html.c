/* The HTML layout of a status report: one self-contained, printable file
 * (inline CSS, inline SVG bar charts, no scripts, nothing fetched), well
 * formed as XML too, with every string sanitised and escaped. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_int.h"
#include "util/text.h"

/* Fill colours of the statuses in the charts and the legend. */
static const char *const colors[ST_COUNT] = {
    [ST_TODO] = "#9e9e9e", [ST_ACTIVE] = "#1e88e5", [ST_ONGOING] = "#00897b",
    [ST_DELAYED] = "#e53935", [ST_SUBMITTED] = "#fb8c00", [ST_DONE] = "#43a047",
};

/* Sanitised (no control characters), then escaped for text and
 * attributes alike. Characters XML forbids become U+FFFD. */
static void esc(FILE *out, const char *s)
{
    char *clean = rpt_clean(s);
    if (!clean)
        return;
    size_t n = strlen(clean);
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = utf8_decode(clean + i, n - i, &cp);
        switch (cp) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        case 0xFFFE:
        case 0xFFFF: fputs("\xEF\xBF\xBD", out); break;
        default: fwrite(clean + i, 1, k, out); break;
        }
        i += k;
    }
    free(clean);
}

/* s with its line breaks kept (a note written in $EDITOR). */
static void esc_lines(FILE *out, const char *s)
{
    for (const char *p = s ? s : ""; ; ) {
        size_t n = strcspn(p, "\n");
        char *line = strndup(p, n);
        if (line)
            esc(out, line);
        free(line);
        if (!p[n])
            break;
        fputs("<br/>", out);
        p += n + 1;
    }
}

static void close_fields(struct rsink *s)
{
    if (s->last == 1)
        fputs("</table>\n", s->out);
}

static void h_title(struct rsink *s, const char *text)
{
    FILE *o = s->out;
    fputs("<!DOCTYPE html>\n", o);
    fprintf(o, "<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n", s->r->zh ? "zh-CN" : "en");
    fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n", o);
    fputs("<title>", o);
    esc(o, text);
    fputs("</title>\n<style>\n"
          "@page { size: A4; margin: 15mm; }\n"
          "body { font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\","
          " \"Microsoft YaHei\", \"SimSun\", sans-serif; font-size: 11pt; line-height: 1.5;"
          " color: #222; max-width: 60em; margin: 1em auto; padding: 0 1em; }\n"
          "h1 { font-size: 18pt; text-align: center; margin-bottom: 0.5em; }\n"
          "h2 { font-size: 14pt; margin-top: 1.2em; border-bottom: 1px solid #888; }\n"
          "h3 { font-size: 12pt; margin-top: 1em; }\n"
          "table { border-collapse: collapse; margin: 0.5em 0; }\n"
          "th, td { border: 1px solid #bbb; padding: 2px 6px; vertical-align: top; }\n"
          "th { background: #eee; white-space: nowrap; }\n"
          "td.nw { white-space: nowrap; }\n"   /* names, dates, figures: one line */
          "td.chart svg { width: 100%; max-width: 240px; height: 14px; }\n"
          "td.num, th.num { text-align: right; }\n"
          "table.meta th { text-align: left; background: none; border: none; }\n"
          "table.meta td { border: none; }\n"
          ".entry { margin: 0.4em 0 0.6em 0; page-break-inside: avoid; }\n"
          ".entry p { margin: 0 0 0 3em; }\n"
          ".entry p.head { margin: 0; }\n"
          ".code { font-weight: bold; margin-right: 0.5em; }\n"
          ".legend span { display: inline-block; margin-right: 1em; }\n"
          "svg { vertical-align: middle; }\n"
          "tr { page-break-inside: avoid; }\n"
          /* on A4 the widest table (departments by status, with bars) fits */
          "@media print { body { font-size: 10pt; max-width: none; margin: 0; padding: 0; }\n"
          "  table { font-size: 8.5pt; } th, td { padding: 1px 4px; }\n"
          "  td.chart { width: 25mm; } td.chart svg { max-width: 25mm; } }\n"
          "</style>\n</head>\n<body>\n<h1>", o);
    esc(o, text);
    fputs("</h1>\n", o);
    s->last = 3;
}

static void h_heading(struct rsink *s, int level, const char *text)
{
    close_fields(s);
    fputs(level <= 1 ? "<h2>" : "<h3>", s->out);
    esc(s->out, text);
    fputs(level <= 1 ? "</h2>\n" : "</h3>\n", s->out);
    s->last = 2;
}

static void h_field(struct rsink *s, const char *label, const char *value)
{
    if (s->last != 1)
        fputs("<table class=\"meta\">\n", s->out);
    s->last = 1;
    fputs("<tr><th>", s->out);
    esc(s->out, label);
    fputs("</th><td>", s->out);
    esc(s->out, value);
    fputs("</td></tr>\n", s->out);
}

static void h_para(struct rsink *s, const char *text)
{
    close_fields(s);
    fputs("<p>", s->out);
    esc(s->out, text);
    fputs("</p>\n", s->out);
    s->last = 3;
}

/* A department's items as one stacked bar, scaled to the largest. */
static void bar(struct rsink *s, const struct rpt_dept *d, long long max)
{
    const struct rpt *r = s->r;
    const double width = 240.0;
    double x = 0;
    FILE *o = s->out;
    long long total = d->nlead + d->nsupport;
    fprintf(o, "<svg width=\"%d\" height=\"14\""
            " viewBox=\"0 0 %d 14\" role=\"img\"><title>", (int)width, (int)width);
    for (int st = 0, first = 1; st < ST_COUNT; st++) {
        long long n = d->lead[st] + d->support[st];
        if (!n)
            continue;
        fprintf(o, "%s", first ? "" : ", ");
        esc(o, rpt_status_lbl(r, (enum task_status)st));
        fprintf(o, " %lld", n);
        first = 0;
    }
    fputs("</title>", o);
    fprintf(o, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"14\" fill=\"#f4f4f4\"/>", (int)width);
    for (int st = 0; st < ST_COUNT && total > 0; st++) {
        long long n = d->lead[st] + d->support[st];
        double w = max > 0 ? width * (double)n / (double)max : 0;
        if (n == 0)
            continue;
        fprintf(o, "<rect x=\"%.1f\" y=\"0\" width=\"%.1f\" height=\"14\" fill=\"%s\"/>", x, w,
                colors[st]);
        x += w;
    }
    fputs("</svg>", o);
}

static void legend(struct rsink *s)
{
    fputs("<p class=\"legend\">", s->out);
    for (int st = 0; st < ST_COUNT; st++) {
        fprintf(s->out, "<span><svg width=\"10\" "
                "height=\"10\"><rect width=\"10\" height=\"10\" fill=\"%s\"/></svg> ",
                colors[st]);
        esc(s->out, rpt_status_lbl(s->r, (enum task_status)st));
        fputs("</span>", s->out);
    }
    fputs("</p>\n", s->out);
}

static void h_table(struct rsink *s, const struct rtab *t)
{
    const struct rpt *r = s->r;
    FILE *o = s->out;
    long long max = 0;
    int chart = t->chart && t->nrows == r->ndepts;
    close_fields(s);
    for (size_t i = 0; chart && i < r->ndepts; i++)
        if (r->depts[i].nlead + r->depts[i].nsupport > max)
            max = r->depts[i].nlead + r->depts[i].nsupport;
    if (chart)
        legend(s);
    fputs("<table>\n<thead><tr>", o);
    for (int c = 0; c < t->ncol; c++) {
        fputs((t->right >> c) & 1 ? "<th class=\"num\">" : "<th>", o);
        esc(o, t->head[c]);
        fputs("</th>", o);
    }
    if (chart) {
        fputs("<th>", o);
        esc(o, rpt_lbl(r, L_CHART));
        fputs("</th>", o);
    }
    fputs("</tr></thead>\n<tbody>\n", o);
    for (size_t i = 0; i < t->nrows; i++) {
        fputs("<tr>", o);
        for (int c = 0; c < t->ncol; c++) {
            /* the flexible column (an item's text) wraps; the others stay on one line */
            int nw = c != t->flex;
            fputs((t->right >> c) & 1 ? (nw ? "<td class=\"num nw\">" : "<td class=\"num\">")
                                      : (nw ? "<td class=\"nw\">" : "<td>"), o);
            double v = (t->bar >> c) & 1 ? rtab_numval(t, i, c) : NAN;
            if (!isnan(v))         /* a share as a bar: full at 1, capped there */
                fprintf(o, "<svg class=\"share\" width=\"60\" height=\"10\"><rect width=\"60\" "
                        "height=\"10\" fill=\"#e5e5e5\"/><rect width=\"%d\" height=\"10\" "
                        "fill=\"%s\"/></svg> ", v <= 0 ? 0 : v >= 1 ? 60 : (int)(v * 60),
                        v >= 1 ? "#2e7d32" : "#1565c0");
            esc(o, rtab_cell(t, i, c));
            fputs("</td>", o);
        }
        if (chart) {
            fputs("<td class=\"chart\">", o);
            bar(s, &r->depts[i], max);
            fputs("</td>", o);
        }
        fputs("</tr>\n", o);
    }
    fputs("</tbody>\n</table>\n", o);
    s->last = 3;
}

static void h_entry(struct rsink *s, const char *code, const char *headline,
                    const char *const *lines, size_t nlines)
{
    FILE *o = s->out;
    close_fields(s);
    fputs("<div class=\"entry\"><p class=\"head\"><span class=\"code\">", o);
    esc(o, code);
    fputs("</span>", o);
    esc(o, headline);
    fputs("</p>", o);
    for (size_t i = 0; i < nlines; i++) {
        fputs("<p>", o);
        esc_lines(o, lines[i]);
        fputs("</p>", o);
    }
    fputs("</div>\n", o);
    s->last = 3;
}

static void h_end(struct rsink *s)
{
    close_fields(s);
    fputs("</body>\n</html>\n", s->out);
}

void rpt_sink_html(struct rsink *s)
{
    s->title = h_title;
    s->heading = h_heading;
    s->field = h_field;
    s->para = h_para;
    s->table = h_table;
    s->entry = h_entry;
    s->end = h_end;
    s->last = 0;
}
