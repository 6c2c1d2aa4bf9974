/* The docx layout of a status report: the 督办通报 as a document a clerk
 * can edit and send (report/docx_build.c makes the package). The content is
 * report_doc.c's, as for text, Markdown and HTML. */
#include <stdlib.h>

#include "report/docx_build.h"
#include "util/err.h"
#include "report/report_int.h"

static void d_title(struct rsink *s, const char *text)
{
    docx_para(s->ctx, DS_TITLE, NULL, text);
}

static void d_heading(struct rsink *s, int level, const char *text)
{
    docx_para(s->ctx, level <= 1 ? DS_HEADING1 : DS_HEADING2, NULL, text);
}

static void d_field(struct rsink *s, const char *label, const char *value)
{
    struct rbuf b = {0};
    rbuf_fmt(&b, "%s%s", label, s->r->zh ? "：" : ": ");
    docx_para(s->ctx, DS_FIELD, rbuf_get(&b), value);
    rbuf_fini(&b);
}

static void d_para(struct rsink *s, const char *text)
{
    docx_para(s->ctx, DS_BODY, NULL, text);
}

static void d_table(struct rsink *s, const struct rtab *t)
{
    docx_table(s->ctx, t->ncol, t->head, (const char *const *)t->cells, t->oom ? 0 : t->nrows,
               t->right);
}

static void d_entry(struct rsink *s, const char *code, const char *headline,
                    const char *const *lines, size_t nlines)
{
    struct rbuf b = {0};
    rbuf_fmt(&b, "%s ", code);
    docx_para(s->ctx, DS_BODY, rbuf_get(&b), headline);
    rbuf_fini(&b);
    for (size_t i = 0; i < nlines; i++)
        docx_para(s->ctx, DS_ENTRY, NULL, lines[i]);
}

static void d_end(struct rsink *s)
{
    (void)s;   /* rpt_write_docx finishes the package */
}

int rpt_write_docx(const struct rpt *r, FILE *out, char *err, size_t errlen)
{
    struct docx *d = docx_new(r->zh, rpt_lbl(r, L_TITLE), err, errlen);
    struct rsink s = {.r = r, .out = out, .ctx = d, .title = d_title, .heading = d_heading,
                      .field = d_field, .para = d_para, .table = d_table, .entry = d_entry,
                      .end = d_end};
    if (!d)
        return FU_ERR;
    rpt_doc(&s);
    return docx_finish(d, out, err, errlen);
}
