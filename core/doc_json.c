/* The `parse --json` object (DESIGN.md "parse --json output"): keys in the
 * documented order, null for unknown values, one trailing newline. */
#include "core/doc.h"

#include <stdio.h>

#include "util/err.h"
#include "util/json.h"

/* A metric's value without the locale's decimal separator: integers as
 * such, others with at most six decimals and no trailing zeros. */
static void put_number(FILE *out, double v)
{
    char frac[8];
    long long ip;
    long long fp;
    int i;

    if (v != v || v > 1e300 || v < -1e300) { fputs("null", out); return; }
    if (v < 0) { fputc('-', out); v = -v; }
    if (v >= 1e15) v = 1e15;
    ip = (long long)v;
    fp = (long long)((v - (double)ip) * 1e6 + 0.5);
    if (fp >= 1000000) { ip++; fp = 0; }
    fprintf(out, "%lld", ip);
    if (fp == 0) return;
    for (i = 5; i >= 0; i--) { frac[i] = (char)('0' + fp % 10); fp /= 10; }
    frac[6] = 0;
    for (i = 5; i > 0 && frac[i] == '0'; i--) frac[i] = 0;
    fprintf(out, ".%s", frac);
}

/* A JSON array of n strings. */
static void put_strs(FILE *out, char *const *v, size_t n)
{
    size_t i;
    fputc('[', out);
    for (i = 0; i < n; i++) {
        if (i) fputc(',', out);
        json_str(out, v[i]);
    }
    fputc(']', out);
}

static void put_stmt(FILE *out, const struct stmt *s)
{
    size_t i;
    fputs("{\"code\":", out);
    json_str(out, s->code);
    fputs(",\"kind\":", out);
    json_str(out, stmt_kind_name(s->kind));
    fputs(",\"text\":", out);
    json_str(out, s->text);
    fputs(",\"metrics\":[", out);
    for (i = 0; i < s->nmetrics; i++) {
        if (i) fputc(',', out);
        fputs("{\"text\":", out);
        json_str(out, s->metrics[i].text);
        fputs(",\"value\":", out);
        put_number(out, s->metrics[i].value);
        fputs(",\"unit\":", out);
        json_str(out, s->metrics[i].unit);
        fputs(",\"direction\":", out);
        json_str(out, metric_dir_name(s->metrics[i].dir));
        fputc('}', out);
    }
    fputs("],\"departments\":", out);
    put_strs(out, s->depts, s->ndepts);
    fputs(",\"due\":", out);
    json_str(out, s->due[0] ? s->due : NULL);
    fputc('}', out);
}

static void put_stmts(FILE *out, const struct stmt *v, size_t n)
{
    size_t i;
    fputc('[', out);
    for (i = 0; i < n; i++) {
        if (i) fputc(',', out);
        put_stmt(out, &v[i]);
    }
    fputc(']', out);
}

/* Depth is bounded by the parser (at most five heading levels). */
static void put_node(FILE *out, const struct node *n)
{
    size_t i;
    fputs("{\"code\":", out);
    json_str(out, n->code);
    fputs(",\"title\":", out);
    json_str(out, n->title);
    fputs(",\"owner\":", out);
    json_str(out, n->owner);
    fputs(",\"children\":[", out);
    for (i = 0; i < n->nchildren; i++) {
        if (i) fputc(',', out);
        put_node(out, &n->children[i]);
    }
    fputs("],\"statements\":", out);
    put_stmts(out, n->stmts, n->nstmts);
    fputs(",\"owner_source\":", out);
    json_str(out, owner_src_name(n->owner_src));
    fputs(",\"support\":", out);
    put_strs(out, n->support, n->nsupport);
    fputs(",\"due\":", out);
    json_str(out, n->due[0] ? n->due : NULL);
    fputs(",\"marker\":", out);
    json_str(out, n->marker);
    fputs(",\"departments\":", out);
    put_strs(out, n->depts, n->ndepts);
    fputc('}', out);
}

static void put_meta(FILE *out, const struct doc_meta *m)
{
    fputs("{\"title\":", out);
    json_str(out, m->title);
    fputs(",\"issuer\":", out);
    json_str(out, m->issuer);
    fputs(",\"published\":", out);
    json_str(out, m->published);
    fputs(",\"doc_no\":", out);
    json_str(out, m->doc_no);
    fputs(",\"addressee\":", out);
    json_str(out, m->addressee);
    fputs(",\"signed_by\":", out);
    json_str(out, m->signed_by);
    fputs(",\"signed_on\":", out);
    json_str(out, m->signed_on);
    fputs(",\"lead_department\":", out);
    json_str(out, m->lead_department);
    fputc('}', out);
}

int doc_write_json(const struct doc *d, FILE *out)
{
    size_t i;
    fputs("{\"meta\":", out);
    put_meta(out, &d->meta);
    fputs(",\"intro\":", out);
    put_stmts(out, d->intro, d->nintro);
    fputs(",\"nodes\":[", out);
    for (i = 0; i < d->nnodes; i++) {
        if (i) fputc(',', out);
        put_node(out, &d->nodes[i]);
    }
    fputs("],\"closing\":", out);
    put_stmts(out, d->closing, d->nclosing);
    fputs(",\"markers\":", out);
    json_str(out, d->marker);
    fputs(d->paragraphs ? ",\"paragraphs\":true" : ",\"paragraphs\":false", out);
    fputs("}\n", out);
    if (fflush(out) != 0 || ferror(out)) return FU_ERR;
    return FU_OK;
}
