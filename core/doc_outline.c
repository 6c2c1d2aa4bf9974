/* The parse tree as an editable outline (README "The outline"): the
 * report's metadata as KEY: VALUE lines, one line per heading with its
 * code, lead, supporting departments and due, its sentences below it with
 * their kind, the chrome the parser dropped as comments. The reader is
 * parse/parse_outline.c; a written outline read back gives the same doc. */
#include "core/doc.h"

#include <stdint.h>
#include <string.h>

#include "util/err.h"
#include "util/text.h"

/* Characters written as escapes: what must not reach a terminal or would
 * break a line in an editor (text_sanitize's set, and the line and
 * paragraph separators, and the byte order mark). */
static int needs_escape(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
}

/* Writes s with \\, \xHH (a control or invalid byte) and \u{HHHH}
 * escapes; in a heading's title (title != 0) a '|' becomes "\|", so that
 * it cannot start a field. */
static void put_text(FILE *out, const char *s, int title)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (cp == 0xFFFD && k == 1)
            fprintf(out, "\\x%02X", (unsigned char)s[i]);
        else if (cp == '\\')
            fputs("\\\\", out);
        else if (cp == '|' && title)
            fputs("\\|", out);
        else if (cp < 0x80 && needs_escape(cp))
            fprintf(out, "\\x%02X", (unsigned)cp);
        else if (needs_escape(cp))
            fprintf(out, "\\u{%04X}", (unsigned)cp);
        else
            fwrite(s + i, 1, k, out);
        i += k;
    }
}

static void meta_line(FILE *out, const char *key, const char *v)
{
    fprintf(out, "%s:", key);
    if (v && *v) {
        fputc(' ', out);
        put_text(out, v, 0);
    }
    fputc('\n', out);
}

static void stmt_line(FILE *out, const struct stmt *s, int indent)
{
    fprintf(out, "%*s", indent, "");
    put_text(out, s->code, 0);
    fprintf(out, " %s ", stmt_kind_name(s->kind));
    put_text(out, s->text, 0);
    fputc('\n', out);
}

static void node_lines(FILE *out, const struct node *n)
{
    size_t i;
    if (n->depth == 0)
        fputc('\n', out);
    for (i = 0; i <= (size_t)n->depth; i++)
        fputc('*', out);
    fputc(' ', out);
    put_text(out, n->code, 0);
    if (n->title && *n->title) {
        fputc(' ', out);
        put_text(out, n->title, 1);
    }
    if (n->owner) {
        fputs(n->owner_src == OWNER_MARKER ? " | lead " : " | lead? ", out);
        put_text(out, n->owner, 0);
    }
    for (i = 0; i < n->nsupport; i++) {
        fputs(i ? "、" : " | support ", out);
        put_text(out, n->support[i], 0);
    }
    if (n->due[0])
        fprintf(out, " | due %s", n->due);
    fputc('\n', out);
    if (n->marker) {
        fprintf(out, "%*smarker: ", 2 * (n->depth + 1), "");
        put_text(out, n->marker, 0);
        fputc('\n', out);
    }
    for (i = 0; i < n->nstmts; i++)
        stmt_line(out, &n->stmts[i], 2 * (n->depth + 1));
    for (i = 0; i < n->nchildren; i++)
        node_lines(out, &n->children[i]);
}

static void dropped_lines(FILE *out, const struct doc *d, size_t from, size_t to,
                          const char *where)
{
    size_t i;
    if (from >= to)
        return;
    fprintf(out, "# The parser dropped these lines as page chrome; to keep one as a "
            "sentence\n# of the %s, delete its \"# \" (or write it as a heading or "
            "metadata).\n", where);
    for (i = from; i < to; i++) {
        fputs("# context ", out);
        put_text(out, d->dropped[i], 0);
        fputc('\n', out);
    }
}

static const char *const help[] = {
    "How to edit (README \"The outline\"):",
    "  KEY: VALUE           the report's metadata; leave a value empty when unknown",
    "  * CODE TITLE         a heading, one * per level; the headings without",
    "                       children are the items. A heading without a CODE",
    "                       (digits and dots) gets the next free number",
    "      | lead DEPT      its lead department; \"lead? DEPT\" is the parser's guess,",
    "                       taken only when DEPT exists; \"lead DEPT\" is firm",
    "      | support D1、D2  its supporting departments",
    "      | due DATE       YYYY-MM-DD, or ongoing (长期坚持)",
    "  CODE KIND TEXT       a sentence of the heading above it; KIND is commitment",
    "                       (an item's commitments are its tasks), fact or context.",
    "                       Before the first heading: the introduction; after the",
    "                       line [closing]: the closing. CODE may be left out",
    "  marker: TEXT         the responsibility marker as the report wrote it (kept",
    "                       with the item's text; the heading's fields count)",
    "  # ...                a comment. In texts \\\\, \\xHH and \\u{HHHH} stand for a",
    "                       backslash, a byte and a character",
    "Delete a line to drop it; make a sentence a fact to keep it but not as a task;",
    "write a sentence as a heading to make it an item.",
};

static void help_lines(FILE *out, int review)
{
    size_t i;
    fputc('\n', out);
    for (i = 0; i < sizeof help / sizeof *help; i++)
        fprintf(out, "# %s\n", help[i]);
    if (review)
        fputs("# Save and quit to import what is here. An empty file cancels the "
              "import:\n# nothing is stored.\n", out);
}

static void new_depts_lines(FILE *out, const struct outline_opts *o)
{
    size_t i;
    if (!o || !o->nnew_depts)
        return;
    fputs("# Departments nobody has seen yet: importing this adds them. Check each one\n"
          "# (a name cut by a line break, such as 市金 or 融办, is no department): mend or\n"
          "# delete it on the lines that name it.\n", out);
    for (i = 0; i < o->nnew_depts; i++) {
        fputs("#   ", out);
        put_text(out, o->new_depts[i], 0);
        if (o->new_where && o->new_where[i] && *o->new_where[i]) {
            fputs("    (", out);
            put_text(out, o->new_where[i], 0);
            fputc(')', out);
        }
        fputc('\n', out);
    }
}

int doc_write_outline(const struct doc *d, const struct outline_opts *o, FILE *out)
{
    size_t i;
    const struct doc_meta *m = &d->meta;
    fputs("# followup outline 1", out);
    if (o && o->source) {
        fputs(": ", out);
        put_text(out, o->source, 0);
    }
    fputc('\n', out);
    new_depts_lines(out, o);
    meta_line(out, "title", m->title);
    meta_line(out, "issuer", m->issuer);
    meta_line(out, "published", m->published);
    meta_line(out, "doc_no", m->doc_no);
    meta_line(out, "addressee", m->addressee);
    meta_line(out, "signed_by", m->signed_by);
    meta_line(out, "signed_on", m->signed_on);
    meta_line(out, "lead_department", m->lead_department);
    if (d->marker) {
        fputs("marker: ", out);
        put_text(out, d->marker, 0);
        fputc('\n', out);
    }
    dropped_lines(out, d, 0, d->ndropped_above, "introduction");
    for (i = 0; i < d->nintro; i++)
        stmt_line(out, &d->intro[i], 0);
    for (i = 0; i < d->nnodes; i++)
        node_lines(out, &d->nodes[i]);
    if (d->nclosing || d->ndropped > d->ndropped_above)
        fputs("\n[closing]\n", out);
    for (i = 0; i < d->nclosing; i++)
        stmt_line(out, &d->closing[i], 0);
    dropped_lines(out, d, d->ndropped_above, d->ndropped, "closing");
    help_lines(out, o && o->review);
    if (fflush(out) != 0 || ferror(out))
        return FU_ERR;
    return FU_OK;
}
