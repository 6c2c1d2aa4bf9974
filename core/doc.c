/* The parse tree: freeing, kind names and the human-readable tree. */
#include "core/doc.h"

#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/text.h"

void doc_stmts_free(struct stmt *v, size_t n)
{
    size_t i, j;
    for (i = 0; i < n; i++) {
        free(v[i].text);
        for (j = 0; j < v[i].nmetrics; j++) {
            free(v[i].metrics[j].text);
            free(v[i].metrics[j].unit);
        }
        free(v[i].metrics);
        for (j = 0; j < v[i].ndepts; j++) free(v[i].depts[j]);
        free(v[i].depts);
    }
    free(v);
}

/* Depth is bounded by the parser (at most five heading levels). */
static void node_free(struct node *n)
{
    size_t i;
    for (i = 0; i < n->nchildren; i++) node_free(&n->children[i]);
    free(n->children);
    free(n->title);
    free(n->owner);
    for (i = 0; i < n->nsupport; i++) free(n->support[i]);
    free(n->support);
    free(n->marker);
    for (i = 0; i < n->ndepts; i++) free(n->depts[i]);
    free(n->depts);
    doc_stmts_free(n->stmts, n->nstmts);
}

void doc_fini(struct doc *d)
{
    size_t i;
    if (!d) return;
    free(d->meta.title);
    free(d->meta.issuer);
    free(d->meta.published);
    free(d->meta.doc_no);
    free(d->meta.addressee);
    free(d->meta.signed_by);
    free(d->meta.signed_on);
    free(d->meta.lead_department);
    doc_stmts_free(d->intro, d->nintro);
    for (i = 0; i < d->nnodes; i++) node_free(&d->nodes[i]);
    free(d->nodes);
    doc_stmts_free(d->closing, d->nclosing);
    free(d->marker);
    for (i = 0; i < d->ndropped; i++) free(d->dropped[i]);
    free(d->dropped);
    memset(d, 0, sizeof *d);
}

const char *owner_src_name(enum owner_src s)
{
    switch (s) {
    case OWNER_MARKER: return "marker";
    case OWNER_ACTOR: return "actor";
    case OWNER_ROUTING: return "routing";
    case OWNER_REPORT: return "report";
    default: return NULL;
    }
}

const char *stmt_kind_name(enum stmt_kind k)
{
    switch (k) {
    case STMT_FACT: return "fact";
    case STMT_CONTEXT: return "context";
    default: return "commitment";
    }
}

const char *metric_dir_name(enum metric_dir d)
{
    switch (d) {
    case METRIC_AT_LEAST: return "at-least";
    case METRIC_AT_MOST: return "at-most";
    case METRIC_ABOUT: return "about";
    default: return "fact";
    }
}

int metric_dir_parse(const char *name, enum metric_dir *d)
{
    static const struct { const char *name; enum metric_dir d; } v[] = {
        {"fact", METRIC_FACT}, {"at-least", METRIC_AT_LEAST}, {"least", METRIC_AT_LEAST},
        {"min", METRIC_AT_LEAST}, {"at-most", METRIC_AT_MOST}, {"most", METRIC_AT_MOST},
        {"max", METRIC_AT_MOST}, {"about", METRIC_ABOUT}, {"approx", METRIC_ABOUT},
    };
    for (size_t i = 0; name && i < sizeof v / sizeof v[0]; i++)
        if (strcmp(name, v[i].name) == 0) { *d = v[i].d; return 0; }
    return -1;
}

/* Writes s sanitised for a terminal. */
static void put_clean(FILE *out, const char *s)
{
    char buf[1024];
    size_t n = strlen(s), i = 0;
    /* sanitise in slices that end on a character boundary */
    while (i < n) {
        size_t take = n - i > 200 ? 200 : n - i;
        char slice[208];
        while (take < n - i && (((unsigned char)s[i + take]) & 0xC0) == 0x80) take++;
        memcpy(slice, s + i, take);
        slice[take] = 0;
        text_sanitize(slice, buf, sizeof buf);
        fputs(buf, out);
        i += take;
    }
}

static void meta_line(FILE *out, const char *label, const char *v)
{
    if (!v) return;
    fprintf(out, "%-16s", label);
    put_clean(out, v);
    fputc('\n', out);
}

static void stmt_line(FILE *out, const struct stmt *s, int indent)
{
    size_t i;
    fprintf(out, "%*s%s [%s] ", indent, "", s->code, stmt_kind_name(s->kind));
    put_clean(out, s->text);
    if (s->nmetrics) {
        fputs("  {", out);
        for (i = 0; i < s->nmetrics; i++) {
            if (i) fputs(", ", out);
            put_clean(out, s->metrics[i].text);
        }
        fputc('}', out);
    }
    if (s->due[0]) fprintf(out, "  due %s", s->due);
    fputc('\n', out);
}

static void node_tree(FILE *out, const struct node *n, int indent)
{
    size_t i;
    fprintf(out, "%*s%s ", indent, "", n->code);
    put_clean(out, n->title ? n->title : "");
    if (n->owner) {
        fputs("  -> ", out);
        put_clean(out, n->owner);
    }
    for (i = 0; i < n->nsupport; i++) {
        fputs(i ? ", " : "  + ", out);
        put_clean(out, n->support[i]);
    }
    if (n->due[0]) fprintf(out, "  due %s", n->due);
    fputc('\n', out);
    if (n->marker) {
        fprintf(out, "%*s[marker] ", indent + 2, "");
        put_clean(out, n->marker);
        fputc('\n', out);
    }
    for (i = 0; i < n->nstmts; i++) stmt_line(out, &n->stmts[i], indent + 2);
    for (i = 0; i < n->nchildren; i++) node_tree(out, &n->children[i], indent + 2);
}

int doc_write_tree(const struct doc *d, FILE *out)
{
    size_t i;
    meta_line(out, "title:", d->meta.title);
    meta_line(out, "issuer:", d->meta.issuer);
    meta_line(out, "published:", d->meta.published);
    meta_line(out, "doc no.:", d->meta.doc_no);
    meta_line(out, "addressee:", d->meta.addressee);
    meta_line(out, "signed by:", d->meta.signed_by);
    meta_line(out, "signed on:", d->meta.signed_on);
    meta_line(out, "lead dept.:", d->meta.lead_department);
    if (d->nintro) {
        fputs("\nintroduction\n", out);
        for (i = 0; i < d->nintro; i++) stmt_line(out, &d->intro[i], 2);
    }
    fputc('\n', out);
    for (i = 0; i < d->nnodes; i++) node_tree(out, &d->nodes[i], 0);
    if (d->nclosing) {
        fputs("\nclosing\n", out);
        for (i = 0; i < d->nclosing; i++) stmt_line(out, &d->closing[i], 2);
    }
    fflush(out);
    return ferror(out) ? FU_ERR : FU_OK;
}
